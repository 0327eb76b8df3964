import type { Diagnostic } from '@tongban/engine';

/**
 * The `tongban serve` this page was loaded from, when it was (`/designer/server.json` answers):
 * its API, and the console's sign-in. The designer keeps no sign-in of its own: it reads the
 * console's session from this tab's sessionStorage (same origin), so one sign-in serves both.
 */
export interface ServerConfig {
  /** The API's path, e.g. `/api/v1`. */
  readonly api: string;
  /** The console's sign-in page, e.g. `/#/login`. */
  readonly signIn: string;
}

/** The console's session key and its return path (packages/console/src/auth). */
const TOKEN_KEY = 'tongban.console.token';
const RETURN_KEY = 'tongban.console.return';

/** Who is signed in, as the token says (the server checks the token on every request). */
export interface SignedIn {
  readonly sub: string;
  readonly kind: string;
}

/** A deployed version, as `GET /api/v1/definitions` lists it. */
export interface DeployedVersion {
  readonly processId: string;
  readonly hash: string;
  readonly version: number;
  readonly deployedAt: number;
  /** Whether the server keeps its drawing (it can be opened). */
  readonly diagram: boolean;
}

/**
 * The server's refusal, from its problem details: `code` is its stable code (FORBIDDEN,
 * INVALID_DEFINITION, UNAUTHENTICATED …), `diagnostics` the engine's when a model does not compile.
 */
export class ServerRefusal extends Error {
  readonly status: number;
  readonly code: string;
  readonly diagnostics: readonly Diagnostic[];
  constructor(status: number, code: string, detail: string, diagnostics: readonly Diagnostic[] = []) {
    super(detail);
    this.name = 'ServerRefusal';
    this.status = status;
    this.code = code;
    this.diagnostics = diagnostics;
  }
}

/**
 * Reads `server.json` beside the page; null when the page is not served by `tongban serve`. The
 * bundle ships one saying "no server" (`public/server.json`), so a static host answers 200 rather
 * than logging a 404; `tongban serve` answers that path with its own.
 */
export async function findServer(): Promise<ServerConfig | null> {
  try {
    const response = await fetch('./server.json', { cache: 'no-store' });
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return null;
    const body = (await response.json()) as Partial<ServerConfig>;
    return typeof body.api === 'string' && typeof body.signIn === 'string'
      ? { api: body.api, signIn: body.signIn }
      : null;
  } catch {
    return null;
  }
}

function claimsOf(token: string): (SignedIn & { exp: number | null }) | null {
  try {
    const part = token.split('.')[1] ?? '';
    const bytes = Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const body = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    if (typeof body.sub !== 'string' || typeof body.kind !== 'string') return null;
    return { sub: body.sub, kind: body.kind, exp: typeof body.exp === 'number' ? body.exp : null };
  } catch {
    return null;
  }
}

/** Talks to the server with the console's session. */
export class ServerLink {
  readonly config: ServerConfig;
  constructor(config: ServerConfig) {
    this.config = config;
  }

  #token(): string | null {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const claims = token ? claimsOf(token) : null;
    if (!token || !claims || (claims.exp !== null && claims.exp * 1000 <= Date.now())) return null;
    return token;
  }

  /** The signed-in person, or null (never signed in in this tab, or the token expired). */
  who(): SignedIn | null {
    const token = this.#token();
    const claims = token ? claimsOf(token) : null;
    return claims ? { sub: claims.sub, kind: claims.kind } : null;
  }

  /** Sends the tab to the console's sign-in, which comes back here once signed in. */
  signIn(): void {
    sessionStorage.setItem(RETURN_KEY, location.pathname);
    location.assign(this.config.signIn);
  }

  async #call(path: string, init: RequestInit = {}): Promise<Response> {
    const token = this.#token();
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    const response = await fetch(`${this.config.api}${path}`, { ...init, headers });
    if (response.ok) return response;
    // The console's session ended (expired or revoked): forget it, as the console would.
    if (response.status === 401) sessionStorage.removeItem(TOKEN_KEY);
    let body: Record<string, unknown> = {};
    try {
      body = (await response.json()) as Record<string, unknown>;
    } catch {
      // not problem+json: the status says enough
    }
    throw new ServerRefusal(
      response.status,
      typeof body.code === 'string' ? body.code : String(response.status),
      typeof body.detail === 'string' ? body.detail : response.statusText,
      Array.isArray(body.diagnostics) ? (body.diagnostics as Diagnostic[]) : [],
    );
  }

  /** Every deployed version, newest first. */
  async definitions(): Promise<DeployedVersion[]> {
    const response = await this.#call('/definitions', { headers: { accept: 'application/json' } });
    const { items } = (await response.json()) as { items: DeployedVersion[] };
    return [...items].sort((a, b) => b.deployedAt - a.deployedAt || b.version - a.version);
  }

  /** The BPMN XML a version was deployed from. */
  async diagram(hash: string): Promise<string> {
    const response = await this.#call(`/definitions/${encodeURIComponent(hash)}/diagram`, {
      headers: { accept: 'application/xml' },
    });
    return response.text();
  }

  /** Deploys BPMN XML (admins); a model that does not compile is a refusal with its diagnostics. */
  async deploy(xml: string): Promise<Omit<DeployedVersion, 'diagram'>> {
    const response = await this.#call('/definitions', {
      method: 'POST',
      headers: { 'content-type': 'application/xml', accept: 'application/json' },
      body: xml,
    });
    return (await response.json()) as Omit<DeployedVersion, 'diagram'>;
  }
}
