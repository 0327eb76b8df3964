/**
 * `@tongban/adapters`: the durable runtime. Cases live in PostgreSQL (the embedded PGlite by
 * default, a PostgreSQL server through node-postgres in production), one drizzle schema for both.
 * Every command is one atomic write guarded by the case's version; events are hash-chained per
 * case; timers and hook deliveries are claimed with `FOR UPDATE SKIP LOCKED`, so any number of
 * worker processes can share one database.
 * @packageDocumentation
 */

export type { AnchoredHead, AnchorOptions, AuditAnchor } from './audit/anchor.js';
export { ANCHOR_FORMAT, createAnchor, readAnchor } from './audit/anchor.js';
export type { ChainedFields } from './audit/chain.js';
export { eventHash, GENESIS_HASH } from './audit/chain.js';
export type { ChainVerdict, VerifyOptions } from './audit/verify.js';
export { verifyCase } from './audit/verify.js';
export {
  AnchorInvalidError,
  CaseNotFoundError,
  CommandWriteError,
  ConcurrencyError,
  DataDirectoryLockedError,
  DefinitionNotFoundError,
  HookTimeoutError,
  IdempotencyKeyMismatchError,
  IdempotencyKeyReusedError,
  StoreProtocolError,
  WebhookRefusedError,
} from './errors.js';
export type { DispatchRound, OutboxDispatcherOptions } from './outbox/dispatcher.js';
export { OutboxDispatcher } from './outbox/dispatcher.js';
export type { Hook, HookDelivery } from './outbox/hooks.js';
export { HookRegistry } from './outbox/hooks.js';
export type {
  CommandOutcome,
  DurableRuntimeOptions,
  ExecuteOptions,
  TimerFiring,
} from './runtime/durable-runtime.js';
export { DurableRuntime } from './runtime/durable-runtime.js';
export type { CaseRow, EventRow, OutboxRow, TaskRow, TimerRow } from './runtime/reads.js';
export * as tables from './schema.js';
export type { ServiceWorkerOptions } from './services/service-worker.js';
export { ServiceWorker } from './services/service-worker.js';
export type { Executor, TongbanDatabase, TongbanSchema, TongbanTransaction } from './store/database.js';
export { migrate, migrationsFolder } from './store/migrate.js';
export type { StoreOpenProgress, StoreOpenProgressListener } from './store/open-progress.js';
export type { PgliteStoreOptions } from './store/pglite.js';
export { createPgliteStore } from './store/pglite.js';
export type { PostgresStoreOptions } from './store/postgres.js';
export { createPostgresStore } from './store/postgres.js';
export type { StoreDriver, TongbanStore } from './store/store.js';
export {
  type BoardCase,
  type BoardCountOptions,
  type BoardFilter,
  type BoardOptions,
  type BoardTask,
  type BoardTotals,
  countBoard,
  type ExportOptions,
  type ExportWhat,
  exportColumns,
  exportRecords,
  loadPayloadContext,
  queryBoard,
  queryStatistics,
  type RollUpOptions,
  type RollUpProgress,
  type RollUpResult,
  readWatermark,
  resetStatisticsRollup,
  rollUpStatistics,
  type StatisticsRequest,
  StatisticsRollupWorker,
  type StatisticsRollupWorkerOptions,
  signWebhookBody,
  supervisionHook,
  verifyWebhookSignature,
  type WebhookBody,
  type WebhookOptions,
  type WebhookVerifyOptions,
  webhookHook,
  wholeDays,
} from './supervision/index.js';
export { ManualClock } from './testing/manual-clock.js';
export type { AdvanceResult, TimeSkippingOptions } from './testing/time-skipping.js';
export { TimeSkipping, TimeSkippingError } from './testing/time-skipping.js';
export type { ClaimedTimer, TimerWorkerOptions } from './timers/timer-worker.js';
export { TimerWorker } from './timers/timer-worker.js';
