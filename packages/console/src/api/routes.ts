import { ApiError, askEarly, download, request } from './client.js';
import * as read from './normalize.js';
import type {
  BoardPage,
  CaseEvent,
  CaseView,
  Light,
  PublicCase,
  StatisticsRow,
  WorklistItem,
} from './types.js';

/** The server's routes the console uses, one function each (issue 18's `/api/v1`). */

export interface BoardQuery {
  readonly region?: string;
  readonly matter?: string;
  readonly department?: string;
  readonly light?: Light;
  /** At most {@link BOARD_MAX_LIMIT}. */
  readonly limit?: number;
  /** Rows to skip, in the server's order (most urgent first). */
  readonly offset?: number;
}

/** The server's largest board page. */
export const BOARD_MAX_LIMIT = 500;

const boardRequest = (query: BoardQuery) =>
  ['/board', { query: { limit: BOARD_MAX_LIMIT, ...query } }] as const;

/** A page of the board, with the total and the counts by light over every matching open case. */
export async function board(query: BoardQuery = {}): Promise<BoardPage> {
  return read.boardPage(await request(...boardRequest(query)));
}

/** Asks for a board page now, for the {@link board} call that will want it (the first screen). */
export function askBoardEarly(query: BoardQuery): void {
  askEarly(...boardRequest(query));
}

export async function caseView(caseId: string): Promise<CaseView> {
  return read.caseView(await request(`/cases/${encodeURIComponent(caseId)}`));
}

export async function caseEvents(caseId: string): Promise<CaseEvent[]> {
  const body = await request(`/cases/${encodeURIComponent(caseId)}/events`);
  return read.list(body, 'events').map(read.caseEvent);
}

/** Any engine command; the actor comes from the token, never from here. */
export async function command(caseId: string, body: Readonly<Record<string, unknown>>): Promise<unknown> {
  return request(`/cases/${encodeURIComponent(caseId)}/commands`, {
    method: 'POST',
    body,
    headers: { 'idempotency-key': crypto.randomUUID() },
  });
}

/** The server's largest worklist page. */
export const WORKLIST_MAX_LIMIT = 500;

export interface WorklistQuery {
  readonly offset?: number;
  readonly limit?: number;
}

const worklistRequest = (page: WorklistQuery) =>
  [
    '/worklist',
    {
      query: {
        limit: Math.min(page.limit ?? WORKLIST_MAX_LIMIT, WORKLIST_MAX_LIMIT),
        offset: page.offset ?? 0,
      },
    },
  ] as const;

/** Asks for a worklist page now, for the {@link worklist} call that will want it (the first screen). */
export function askWorklistEarly(page: WorklistQuery): void {
  askEarly(...worklistRequest(page));
}

/** A page of the caller's worklist (most urgent first) and the number of its open tasks. */
export async function worklist(page: WorklistQuery = {}): Promise<{ items: WorklistItem[]; total: number }> {
  const body = await request(...worklistRequest(page));
  const items = read.list(body, 'items').map(read.worklistItem);
  const total =
    typeof (body as { total?: unknown })?.total === 'number'
      ? (body as { total: number }).total
      : items.length;
  return { items, total };
}

export type StatisticsBy = 'department' | 'window' | 'staff' | 'matter';

export async function statistics(by: StatisticsBy, from: string, to: string): Promise<StatisticsRow[]> {
  const body = await request('/statistics', { query: { by, from, to } });
  return read.list(body, 'rows').map(read.statisticsRow);
}

export async function exportFile(
  what: string,
  format: 'csv' | 'json',
  from: string,
  to: string,
): Promise<void> {
  await download('/export', { what, format, from, to }, `tongban-${what}-${from}-${to}.${format}`);
}

/**
 * The BPMN XML a case's diagram is drawn with: the drawing its own version was deployed from when
 * the server keeps it (deployed through the server, e.g. from the designer), else the drawing the
 * server is given for its process (the demo's `examples/` folder).
 */
export async function definitionXml(
  processId: string,
  definitionHash: string | null = null,
): Promise<string> {
  const headers = { accept: 'application/xml, application/json' };
  if (definitionHash !== null && definitionHash !== '') {
    try {
      return xmlOf(await request(`/definitions/${encodeURIComponent(definitionHash)}/diagram`, { headers }));
    } catch (failure) {
      // 404: not deployed through this server (`tongban deploy`, the demo); the folder may have it.
      if (!(failure instanceof ApiError && failure.status === 404)) throw failure;
    }
  }
  return xmlOf(await request(`/diagrams/${encodeURIComponent(processId)}`, { headers }));
}

function xmlOf(body: unknown): string {
  if (typeof body === 'string') return body;
  const xml =
    (body as { xml?: unknown; bpmn?: unknown } | null)?.xml ?? (body as { bpmn?: unknown } | null)?.bpmn;
  if (typeof xml !== 'string')
    throw new ApiError(502, 'BAD_ANSWER', 'The definition came without its BPMN XML.');
  return xml;
}

export async function publicCase(caseId: string, code: string): Promise<PublicCase> {
  const body = await request(`/public/cases/${encodeURIComponent(caseId)}`, {
    query: { code },
    anonymous: true,
  });
  return read.publicCase(body);
}

export interface ConsoleConfig {
  readonly devLogin: boolean;
  /** The role picker's people (dev-login only). */
  readonly people: readonly { readonly sub: string; readonly kind: string; readonly department?: string }[];
  readonly departments: readonly string[];
  readonly oidc: { readonly authority: string; readonly clientId: string; readonly scope: string } | null;
  /** Where the server serves the designer (admins get a link), or null. */
  readonly designer?: string | null;
}

let configAnswer: Promise<ConsoleConfig> | null = null;

/**
 * How this server signs people in (served beside the console, no auth). Asked for once per page:
 * the first screen asks for it first, so that the server answers it before the first screen's rows.
 */
export function consoleConfig(): Promise<ConsoleConfig> {
  configAnswer ??= readConsoleConfig();
  return configAnswer;
}

async function readConsoleConfig(): Promise<ConsoleConfig> {
  try {
    const response = await fetch('./console-config.json');
    if (!response.ok) return { devLogin: false, people: [], departments: [], oidc: null };
    const config = (await response.json()) as Partial<ConsoleConfig>;
    return {
      devLogin: config.devLogin === true,
      people: Array.isArray(config.people) ? config.people : [],
      departments: Array.isArray(config.departments) ? config.departments : [],
      oidc: config.oidc ?? null,
      designer: typeof config.designer === 'string' ? config.designer : null,
    };
  } catch {
    return { devLogin: false, people: [], departments: [], oidc: null };
  }
}

/** Dev-login: the server mints a token for the role picked (only under `--demo --dev-login`). */
export async function devLogin(kind: string, sub: string, department: string | null): Promise<string> {
  const body = await request('/dev-login', {
    method: 'POST',
    anonymous: true,
    body: { kind, sub, ...(department ? { department } : {}) },
  });
  const token = (body as { token?: unknown } | null)?.token;
  if (typeof token !== 'string') throw new ApiError(502, 'BAD_ANSWER', 'dev-login answered without a token');
  return token;
}
