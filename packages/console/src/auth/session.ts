import type { ActorKind, Claims } from '../api/types.js';

/**
 * The signed-in person: a bearer token (from the identity provider, or the dev-login role picker)
 * kept in sessionStorage, so closing the tab signs out. The claims are decoded for display and
 * navigation only; the server verifies the token on every request.
 */
const KEY = 'tongban.console.token';
const KINDS: readonly ActorKind[] = ['staff', 'officer', 'admin', 'supervisor', 'applicant'];

function decode(token: string): Claims | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const body = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const kind = KINDS.find((k) => k === body.kind);
    if (typeof body.sub !== 'string' || !kind) return null;
    return {
      sub: body.sub,
      kind,
      department: typeof body.department === 'string' ? body.department : null,
      exp: typeof body.exp === 'number' ? body.exp : null,
    };
  } catch {
    return null;
  }
}

type Listener = () => void;
const listeners = new Set<Listener>();

export const session = {
  token(): string | null {
    const token = sessionStorage.getItem(KEY);
    const claims = token ? decode(token) : null;
    if (!token || !claims || (claims.exp !== null && claims.exp * 1000 <= Date.now())) return null;
    return token;
  },
  claims(): Claims | null {
    const token = this.token();
    return token ? decode(token) : null;
  },
  signIn(token: string): Claims {
    const claims = decode(token);
    if (!claims) throw new Error('The token carries no sub and kind claims.');
    sessionStorage.setItem(KEY, token);
    for (const listener of listeners) listener();
    return claims;
  },
  signOut(): void {
    sessionStorage.removeItem(KEY);
    for (const listener of listeners) listener();
  },
  /** The server answered 401: the token is gone or expired. */
  expired(): void {
    this.signOut();
  },
  onChange(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
