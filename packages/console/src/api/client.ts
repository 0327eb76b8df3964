import { session } from '../auth/session.js';

/**
 * A refusal from the server, read from its RFC 9457 problem details: `code` is the engine's stable
 * error code (FORBIDDEN, WRONG_DEPARTMENT, BAD_COMMAND …) or the HTTP status when it gives none.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** The server's origin: the console is served by the server it talks to. */
const API = '/api/v1';

export interface RequestOptions {
  readonly method?: 'GET' | 'POST';
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, string | number | undefined | null>>;
  /** Skip the bearer token (the public progress query). */
  readonly anonymous?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
}

export function url(path: string, query: RequestOptions['query'] = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const search = params.toString();
  return `${API}${path}${search ? `?${search}` : ''}`;
}

async function problem(response: Response): Promise<ApiError> {
  let code = String(response.status);
  let message = response.statusText;
  try {
    const body = (await response.json()) as Record<string, unknown>;
    if (typeof body.code === 'string') code = body.code;
    if (typeof body.detail === 'string') message = body.detail;
    else if (typeof body.title === 'string') message = body.title;
  } catch {
    // not problem+json: the status says enough
  }
  return new ApiError(response.status, code, message);
}

/**
 * GET answers asked for before the screen that needs them exists ({@link askEarly}), by token and
 * URL. Each is handed out once, and only while fresh: an older answer would show an older board.
 */
const early = new Map<string, { readonly at: number; readonly answer: Promise<unknown> }>();
const EARLY_FRESH_MS = 10_000;

function earlyKey(path: string, options: RequestOptions): string | null {
  if ((options.method ?? 'GET') !== 'GET' || options.body !== undefined || options.headers) return null;
  return `${options.anonymous ? '' : (session.token() ?? '')} ${url(path, options.query)}`;
}

/**
 * Starts a GET now so that the same request made later (same path, query and token) gets this
 * answer instead of asking again: the console asks for its first screen's data while the rest of
 * its code loads and runs, so the two overlap.
 */
export function askEarly(path: string, options: RequestOptions = {}): void {
  const key = earlyKey(path, options);
  if (key === null) return;
  const answer = request(path, options);
  // A refusal is the taker's to show; one nobody takes must not be reported as unhandled.
  answer.catch(() => {});
  early.set(key, { at: Date.now(), answer });
}

/** One JSON request; throws {@link ApiError} on anything but 2xx. */
export async function request(path: string, options: RequestOptions = {}): Promise<unknown> {
  const key = early.size > 0 ? earlyKey(path, options) : null;
  const asked = key === null ? undefined : early.get(key);
  if (key !== null && asked) {
    early.delete(key);
    if (Date.now() - asked.at < EARLY_FRESH_MS) return asked.answer;
  }
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const token = session.token();
  if (!options.anonymous && token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url(path, options.query), {
    method: options.method ?? 'GET',
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  if (response.status === 401 && !options.anonymous) session.expired();
  if (!response.ok) throw await problem(response);
  if (response.status === 204) return null;
  const type = response.headers.get('content-type') ?? '';
  return type.includes('json') ? response.json() : response.text();
}

/** Downloads a file the server makes (exports), with the bearer token, as the browser's download. */
export async function download(
  path: string,
  query: RequestOptions['query'],
  filename: string,
): Promise<void> {
  const token = session.token();
  const response = await fetch(url(path, query), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) throw await problem(response);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
