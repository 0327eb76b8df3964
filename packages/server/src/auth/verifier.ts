import { TongbanError } from '@tongban/engine';
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { PRINCIPAL_KINDS, type Principal, type PrincipalKind } from './principal.js';

/**
 * How bearer tokens are verified: a shared HS256 secret (development, tests, a single agency
 * system), or an identity provider's JWKS URL with the issuer and audience it signs for.
 */
export type AuthOptions =
  | { readonly secret: string; readonly issuer?: string; readonly audience?: string }
  | { readonly jwksUrl: string; readonly issuer: string; readonly audience: string };

/** The server was started without a way to verify tokens, or with a weak secret. */
export class AuthConfigError extends TongbanError {
  readonly code = 'AUTH_CONFIG';
}

/** A missing, malformed, expired or wrongly signed token, or claims the server cannot act on. */
export class UnauthenticatedError extends TongbanError {
  readonly code = 'UNAUTHENTICATED';
}

/** Verifies a bearer token and reads the caller from its claims. */
export type Verifier = (token: string) => Promise<Principal>;

/** Auth options from the environment: TONGBAN_JWT_SECRET, or TONGBAN_JWKS_URL + _ISSUER + _AUDIENCE. */
export function authFromEnv(env: NodeJS.ProcessEnv = process.env): AuthOptions {
  const jwksUrl = env.TONGBAN_JWKS_URL;
  const issuer = env.TONGBAN_JWT_ISSUER;
  const audience = env.TONGBAN_JWT_AUDIENCE;
  if (jwksUrl) {
    if (!issuer || !audience)
      throw new AuthConfigError('TONGBAN_JWKS_URL needs TONGBAN_JWT_ISSUER and TONGBAN_JWT_AUDIENCE too');
    return { jwksUrl, issuer, audience };
  }
  const secret = env.TONGBAN_JWT_SECRET;
  if (!secret)
    throw new AuthConfigError(
      'no way to verify tokens: set TONGBAN_JWT_SECRET (HS256, 32 characters or more) or TONGBAN_JWKS_URL with TONGBAN_JWT_ISSUER and TONGBAN_JWT_AUDIENCE (docs/server.md)',
    );
  return {
    secret,
    ...(issuer ? { issuer } : {}),
    ...(audience ? { audience } : {}),
  };
}

/** A verifier for the options; throws {@link AuthConfigError} for a secret shorter than 32 characters. */
export function createVerifier(options: AuthOptions): Verifier {
  let key: Uint8Array | JWTVerifyGetKey;
  let algorithms: string[];
  if ('secret' in options) {
    // HS256 is only as strong as its secret: 32 bytes is the key size the algorithm is built for.
    if (options.secret.length < 32)
      throw new AuthConfigError('TONGBAN_JWT_SECRET must be at least 32 characters long');
    key = new TextEncoder().encode(options.secret);
    algorithms = ['HS256'];
  } else {
    key = createRemoteJWKSet(new URL(options.jwksUrl));
    algorithms = ['RS256', 'PS256', 'ES256', 'EdDSA'];
  }
  const checks = {
    algorithms,
    ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
    ...(options.audience === undefined ? {} : { audience: options.audience }),
  };
  // Verified tokens are remembered until they expire (at most a minute): a client sends the same
  // token with every request, and verifying it again each time costs more than the rest of a read.
  const verified = new Map<string, { principal: Principal; until: number }>();
  return async (token) => {
    const known = verified.get(token);
    if (known !== undefined && known.until > Date.now()) return known.principal;
    let payload: JWTPayload;
    try {
      payload =
        key instanceof Uint8Array
          ? (await jwtVerify(token, key, checks)).payload
          : (await jwtVerify(token, key, checks)).payload;
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'invalid token';
      throw new UnauthenticatedError(`the bearer token was not accepted: ${reason}`);
    }
    const principal = principalOf(payload);
    const until = Math.min(Date.now() + 60_000, typeof payload.exp === 'number' ? payload.exp * 1000 : 0);
    if (verified.size >= 10_000) verified.clear();
    verified.set(token, { principal, until });
    return principal;
  };
}

/** Reads the caller from verified claims: `sub`, `kind`, and `department` for staff and officers. */
export function principalOf(claims: JWTPayload): Principal {
  const { sub } = claims;
  const kind = claims.kind;
  const department = claims.department;
  if (typeof sub !== 'string' || sub.length === 0)
    throw new UnauthenticatedError('the token has no `sub` claim naming the person');
  if (typeof kind !== 'string' || !(PRINCIPAL_KINDS as readonly string[]).includes(kind))
    throw new UnauthenticatedError(`the token's \`kind\` claim must be one of ${PRINCIPAL_KINDS.join(', ')}`);
  const needsDepartment = kind === 'staff' || kind === 'officer';
  if (needsDepartment && (typeof department !== 'string' || department.length === 0))
    throw new UnauthenticatedError(`a ${kind} token needs a \`department\` claim`);
  return {
    id: sub,
    kind: kind as PrincipalKind,
    department: typeof department === 'string' && department.length > 0 ? department : null,
  };
}
