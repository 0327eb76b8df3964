import { SignJWT } from 'jose';
import { DevLoginRefusedError } from './errors.js';

/** The role picker's token minting (development and demo only). */
export interface DevLoginOptions {
  /** The HS256 secret the server verifies tokens with (`TONGBAN_JWT_SECRET`). */
  readonly secret: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** Lifetime of a minted token (default 8 hours: a working day at a window). */
  readonly ttlSeconds?: number;
}

const KINDS = ['staff', 'officer', 'admin', 'supervisor'] as const;
export type DevLoginKind = (typeof KINDS)[number];

/**
 * `--dev-login` mints tokens for anyone who asks, so it is refused unless the run is a demo or a
 * development run (`--demo` or `--dev`), and unless tokens are verified with a shared secret.
 */
export function checkDevLogin(options: {
  readonly devLogin: boolean;
  readonly demoOrDev: boolean;
  readonly secret: string | undefined;
}): void {
  if (!options.devLogin) return;
  if (!options.demoOrDev)
    throw new DevLoginRefusedError(
      '--dev-login lets anyone sign in as anyone: it runs only with --demo (or --dev), never in production',
    );
  if (!options.secret)
    throw new DevLoginRefusedError(
      '--dev-login mints HS256 tokens with TONGBAN_JWT_SECRET: set it (32 characters or more), or let --demo make one',
    );
}

export function isDevLoginKind(value: unknown): value is DevLoginKind {
  return (KINDS as readonly unknown[]).includes(value);
}

/** A token with the claims the server reads: `sub`, `kind`, and `department` for staff and officers. */
export async function mintToken(
  options: DevLoginOptions,
  claims: { readonly sub: string; readonly kind: DevLoginKind; readonly department: string | null },
): Promise<{ token: string; expiresAt: number }> {
  const ttl = options.ttlSeconds ?? 8 * 3600;
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({
    kind: claims.kind,
    ...(claims.department ? { department: claims.department } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt(now)
    .setExpirationTime(now + ttl);
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  const token = await jwt.sign(new TextEncoder().encode(options.secret));
  return { token, expiresAt: (now + ttl) * 1000 };
}
