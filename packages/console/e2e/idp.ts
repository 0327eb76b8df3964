import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import Provider, { type Configuration, errors } from 'oidc-provider';

/**
 * A real OpenID provider for the tests (panva's `oidc-provider`, the certified implementation),
 * standing in for an agency's identity provider: authorization code flow with PKCE for the console
 * as a public client, its built-in (development) login and consent pages, and JWT access tokens for
 * the Tongban API as a resource server — `aud` the API's audience, and the claims the server reads
 * (`sub`, `kind`, `department`) taken from the person's account.
 */
export interface Idp {
  /** The issuer (`iss`) and the console's OIDC authority. */
  readonly issuer: string;
  /** Where the server fetches the provider's public keys. */
  readonly jwksUrl: string;
  readonly audience: string;
  readonly clientId: string;
  /** The scope the console asks for: OpenID's, and the API's own. */
  readonly scope: string;
  /** Lets the console's callback address in (it is known only once the console listens). */
  register(redirectUri: string): void;
  /** A token as an agency system holding the provider's key would mint it (setup calls, refusals). */
  sign(
    claims: AccountClaims & { sub: string },
    overrides?: { issuer?: string; audience?: string },
  ): Promise<string>;
  close(): Promise<void>;
}

export interface AccountClaims {
  readonly kind: string;
  readonly department?: string;
}

const API_SCOPE = 'tongban';

/** Starts the provider on a free port; people sign in with a login from `accounts` and any password. */
export async function startIdp(
  accounts: Readonly<Record<string, AccountClaims>>,
  audience = 'https://tongban.example.gov.cn/api',
): Promise<Idp> {
  let handler: RequestListener | null = null;
  const http = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((ready) => http.listen(0, '127.0.0.1', ready));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: 'tongban-e2e', alg: 'RS256', use: 'sig' };
  const clientId = 'tongban-console';

  const start = (redirectUri: string) => {
    const configuration: Configuration = {
      clients: [
        {
          client_id: clientId,
          application_type: 'web',
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code'],
          response_types: ['code'],
          redirect_uris: [redirectUri],
        },
      ],
      jwks: { keys: [jwk] },
      cookies: { keys: ['tongban-e2e-cookie-key-of-some-length'] },
      pkce: { required: () => true },
      // Lifetimes and CORS said outright, as an agency's provider would (and without its notices).
      ttl: {
        AccessToken: 3600,
        AuthorizationCode: 60,
        IdToken: 3600,
        Interaction: 600,
        Session: 3600,
        Grant: 3600,
      },
      clientBasedCORS: (_ctx, origin) => origin === new URL(redirectUri).origin,
      scopes: ['openid', 'profile', API_SCOPE],
      claims: { openid: ['sub'], profile: ['name'] },
      async findAccount(_ctx, id) {
        if (!accounts[id]) return undefined;
        return { accountId: id, claims: async () => ({ sub: id, name: id }) };
      },
      // The claims the server acts on go into the access token, not only the ID token.
      async extraTokenClaims(_ctx, token) {
        const account = 'accountId' in token ? accounts[String(token.accountId)] : undefined;
        return account ? { ...account } : {};
      },
      features: {
        devInteractions: { enabled: true },
        // No userinfo endpoint: the access token is the API's alone (see useGrantedResource).
        userinfo: { enabled: false },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => audience,
          useGrantedResource: () => true,
          getResourceServerInfo(_ctx, resource) {
            if (resource !== audience) throw new errors.InvalidTarget();
            return {
              scope: API_SCOPE,
              audience,
              accessTokenFormat: 'jwt',
              accessTokenTTL: 3600,
              jwt: { sign: { alg: 'RS256' } },
            };
          },
        },
      },
    };
    const provider = new Provider(issuer, configuration);
    handler = provider.callback();
  };

  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    audience,
    clientId,
    scope: `openid profile ${API_SCOPE}`,
    register: start,
    sign: (claims, overrides = {}) =>
      new SignJWT({ kind: claims.kind, ...(claims.department ? { department: claims.department } : {}) })
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid ?? '' })
        .setSubject(claims.sub)
        .setIssuer(overrides.issuer ?? issuer)
        .setAudience(overrides.audience ?? audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey),
    close: () =>
      new Promise<void>((done) => {
        http.closeAllConnections();
        http.close(() => done());
      }),
  };
}
