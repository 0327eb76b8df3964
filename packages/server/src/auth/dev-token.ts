import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import type { PrincipalKind } from './principal.js';

/** A fresh HS256 secret (for a demo session that was given none). */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Signs a token for a caller with the HS256 secret: for the demo, tests and scripts. Production
 * tokens come from the agency's identity provider (JWKS), never from here.
 */
export function signToken(
  secret: string,
  claims: { readonly sub: string; readonly kind: PrincipalKind; readonly department?: string },
  expiresIn = '12h',
): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
