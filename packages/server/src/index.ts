/**
 * `@tongban/server`: the Tongban HTTP API on the durable runtime — OpenAPI 3.1, JWT
 * authentication with the actor of every command taken from the token, worklists, board,
 * statistics, exports, audit, an event stream and the applicants' public progress query.
 * @packageDocumentation
 */

export { randomSecret, signToken } from './auth/dev-token.js';
export type { Principal, PrincipalKind } from './auth/principal.js';
export { actorOf, PRINCIPAL_KINDS } from './auth/principal.js';
export type { AuthOptions, Verifier } from './auth/verifier.js';
export {
  AuthConfigError,
  authFromEnv,
  createVerifier,
  principalOf,
  UnauthenticatedError,
} from './auth/verifier.js';
export { type DemoCase, type DemoOptions, type DemoState, deployExamples, seedDemo } from './demo.js';
export { diagramHashes, ensureDiagramTable, loadDiagram, saveDiagram } from './diagrams.js';
export type { Api } from './http/api.js';
export { PROBLEM_TYPE, type Problem, statusOf } from './http/problem.js';
export type { ServerOptions } from './options.js';
export { checkQueryCode, ensureQueryCodeTable, issueQueryCode } from './query-codes.js';
export { HTTP_COMMANDS } from './routes/commands.js';
export { API_PREFIX, buildServer } from './server.js';
export { SERVER_VERSION } from './version.js';
export { startWorkers, type Workers } from './workers.js';
