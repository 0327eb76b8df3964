import type { CaseOutcome } from '@tongban/engine';
import type { ConcurrencyError } from '../errors.js';
import type { HookRegistry } from '../outbox/hooks.js';
import type { TongbanStore } from '../store/store.js';
import type { CommandError, CompileOptions, Instant } from './engine.js';

/** Options of `DurableRuntime`. */
export interface DurableRuntimeOptions {
  readonly store: TongbanStore;
  /** Hooks whose subscriptions decide which outbox rows each event gets. */
  readonly hooks?: HookRegistry;
  /** The clock commands are stamped with (default `Date.now`). */
  readonly clock?: () => Instant;
  /** How often a command is retried on a version conflict before {@link ConcurrencyError} (default 50). */
  readonly maxAttempts?: number;
  /**
   * Running cases whose last state this runtime remembers (default 10,000; 0: none). A remembered
   * case's next command skips the read; if another writer changed the case meanwhile, the version
   * check fails and the command is re-read and re-stepped, so this never affects correctness.
   */
  readonly cacheSize?: number;
  /**
   * How stored definitions are loaded: the calendars to count on (e.g. a registry with an overlay
   * carrying next year's holidays before the package has them) and whether to proceed past the
   * calendar's horizon on weekdays (`provisional`). Default: the built-in calendars, refusing past
   * the horizon. Give every runtime of a deployment the same options: a case's deadlines follow them.
   */
  readonly compileOptions?: CompileOptions;
  /**
   * Group commit: how many write statements may be in flight at once (default 1 on PGlite, whose
   * one connection runs one statement at a time; on PostgreSQL a quarter of the pool, at least 1).
   * Commands that arrive while all are busy are written together in the next statement, each
   * still atomic on its own. A lone command is never delayed.
   */
  readonly writeStatements?: number;
  /** Most commands written in one statement (default 64). */
  readonly maxGroup?: number;
}

/** Options of `DurableRuntime.execute`. */
export interface ExecuteOptions {
  /** Sending the same key again returns the first result instead of applying the command twice. */
  readonly idempotencyKey?: string;
  /** For a `start` command: the deployed definition the case runs on, for its whole life. */
  readonly definitionHash?: string;
  /** For a `start` command: 事项编码, stored on the case for queries. */
  readonly matterCode?: string;
  /** For a `start` command: where the case is handled (partition key beyond one database). */
  readonly region?: { readonly province?: string; readonly city?: string; readonly county?: string };
}

/** What an applied command did: the engine's {@link CaseOutcome} plus the row's version. */
export interface CommandOutcome extends CaseOutcome {
  /** The case row's version after the command. */
  readonly version: number;
  /** True when this is the stored result of an earlier command with the same idempotency key. */
  readonly replayed: boolean;
}

/** What happened when a worker fired a timer. */
export type TimerFiring =
  | { readonly kind: 'fired'; readonly outcome: CommandOutcome }
  /** Already fired, cancelled, or its case is gone: nothing to do. */
  | { readonly kind: 'skipped' }
  /** The engine refused it (e.g. the case ended); the row is closed so it is not tried again. */
  | { readonly kind: 'refused'; readonly error: CommandError };
