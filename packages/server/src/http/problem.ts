import type { TongbanError } from '@tongban/engine';

/**
 * An RFC 9457 problem details body. `code` is the engine's (or this server's) stable error code,
 * the same a TypeScript embedder switches on; `field` names the offending input on a 400.
 */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly instance?: string;
  readonly field?: string;
  readonly caseId?: string;
  readonly elementId?: string;
  readonly [extension: string]: unknown;
}

/** The media type of every error answer. */
export const PROBLEM_TYPE = 'application/problem+json';

/**
 * HTTP status of each stable code. Refusals that depend on the case as it stands (a closed task, a
 * wrong state) are 409: the same request may succeed against another state of the case.
 */
const STATUS: Readonly<Record<string, number>> = {
  BAD_REQUEST: 400,
  BAD_JSON: 400,
  BAD_COMMAND: 400,
  BAD_WORKLIST_QUERY: 400,
  BAD_CASE_QUERY: 400,
  BAD_STATISTICS_QUERY: 400,
  ACTOR_IN_BODY: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  WRONG_DEPARTMENT: 403,
  WRONG_ASSIGNEE: 403,
  NOT_FOUND: 404,
  NO_CASE: 404,
  UNKNOWN_CASE: 404,
  NO_DEFINITION: 404,
  UNKNOWN_DEFINITION: 404,
  UNKNOWN_TIMER: 404,
  REQUEST_TIMEOUT: 503,
  CASE_EXISTS: 409,
  CASE_ENDED: 409,
  WRONG_CASE_STATE: 409,
  TASK_NOT_OPEN: 409,
  MESSAGE_NOT_EXPECTED: 409,
  NO_MATCHING_FLOW: 409,
  RECALL_TOO_LATE: 409,
  NOT_YOUR_TURN: 409,
  NOT_A_SERVICE_TASK: 409,
  DEFINITION_MISMATCH: 409,
  BEFORE_LAST_EVENT: 409,
  VERSION_CONFLICT: 409,
  IDEMPOTENCY_KEY_MISMATCH: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  INVALID_DEFINITION: 422,
  CALENDAR_HORIZON: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  METHOD_NOT_ALLOWED: 405,
  INTERNAL: 500,
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The HTTP status a code is answered with (422 for an engine code not listed: the input does not apply). */
export function statusOf(code: string): number {
  return STATUS[code] ?? 422;
}

/** Builds a problem for a code; `extra` adds members such as `field` or `diagnostics`. */
export function problem(code: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  const status = statusOf(code);
  return {
    type: `urn:tongban:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...extra,
  };
}

/** An error a route throws to answer with a problem (not logged as a failure of the server). */
export class HttpProblem extends Error {
  readonly problem: Problem;
  constructor(code: string, detail: string, extra: Record<string, unknown> = {}) {
    super(detail);
    this.problem = problem(code, detail, extra);
  }
}

/** The problem for an engine or adapters error: its code, message, case and element. */
export function problemOfTongbanError(error: TongbanError): Problem {
  return problem(error.code, error.message, {
    ...(error.caseId === undefined ? {} : { caseId: error.caseId }),
    ...(error.elementId === undefined ? {} : { elementId: error.elementId }),
  });
}
