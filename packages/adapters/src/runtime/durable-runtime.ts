import {
  type CasePage,
  type CaseQuery,
  type CaseRuntime,
  type Command,
  type DeployedDefinition,
  type StartInput,
  snapshotTasks,
  type TaskRecord,
  type WorklistPage,
  type WorklistQuery,
} from '@tongban/engine';
import { asc, eq, sql } from 'drizzle-orm';
import { GENESIS_HASH } from '../audit/chain.js';
import { type ChainVerdict, type VerifyOptions, verifyCase } from '../audit/verify.js';
import {
  CaseNotFoundError,
  ConcurrencyError,
  DefinitionNotFoundError,
  IdempotencyKeyMismatchError,
  IdempotencyKeyReusedError,
} from '../errors.js';
import type { HookRegistry } from '../outbox/hooks.js';
import { definitions } from '../schema.js';

import type { TongbanStore } from '../store/store.js';
import { searchCases } from './case-search-query.js';
import { assertStorableStrings } from './check-strings.js';
import { commandInstant } from './command-instant.js';
import type { CommandOutcome, DurableRuntimeOptions, ExecuteOptions, TimerFiring } from './durable-types.js';
import {
  type CaseSnapshot,
  CommandError,
  type CompiledDefinition,
  type CompileOptions,
  type Instant,
  loadDefinition,
  step,
} from './engine.js';
import { commandFingerprint } from './fingerprint.js';
import { GroupCommit } from './group-commit.js';
import { type CaseHead, HeadCache } from './head-cache.js';
import { CaseLanes } from './lanes.js';
import { headOf, loadCaseRow } from './load-case.js';
import { planWrite } from './plan.js';
import {
  type CaseRow,
  type EventRow,
  type OutboxRow,
  readCase,
  readEvents,
  readOutbox,
  readTasks,
  readTimers,
  type TaskRow,
  type TimerRow,
} from './reads.js';
import { queryWorklist } from './worklist-query.js';
import { type CaseWrite, writeCommandDocument } from './write-command.js';

export type { CommandOutcome, DurableRuntimeOptions, ExecuteOptions, TimerFiring } from './durable-types.js';

/**
 * Runs cases durably: every command is applied by the engine's pure `step` and written (snapshot,
 * events with their audit chain, tasks, timers, outbox) in one atomic statement guarded by the
 * case's version. A concurrent writer makes the statement write nothing; the command is then
 * stepped again on the fresh snapshot. A refused command writes nothing and throws the engine's
 * typed error.
 */
export class DurableRuntime implements CaseRuntime {
  readonly store: TongbanStore;
  readonly hooks: HookRegistry | undefined;
  readonly #clock: () => Instant;
  readonly #maxAttempts: number;
  readonly #definitions = new Map<string, CompiledDefinition>();
  readonly #heads: HeadCache;
  readonly #compileOptions: CompileOptions;
  readonly #writer: GroupCommit;
  /** Commands of one case run one after another here. */
  readonly #lanes = new CaseLanes();

  constructor(options: DurableRuntimeOptions) {
    this.store = options.store;
    this.hooks = options.hooks;
    this.#clock = options.clock ?? Date.now;
    this.#maxAttempts = options.maxAttempts ?? 50;
    this.#heads = new HeadCache(options.cacheSize ?? 10_000);
    this.#compileOptions = options.compileOptions ?? {};
    const driver = options.store.driver;
    const pool = driver.kind === 'postgres' ? (driver.pool.options.max ?? 10) : 1;
    this.#writer = new GroupCommit(options.store, {
      maxStatements: options.writeStatements ?? Math.max(1, Math.floor(pool / 4)),
      maxBatch: options.maxGroup ?? 64,
    });
  }

  /** The runtime's clock. */
  now(): Instant {
    return this.#clock();
  }

  /**
   * Stores a compiled definition under its hash (idempotent) so cases can start on it; resolves
   * with the hash. Deploying a changed model of the same process adds its next version.
   */
  async deploy(definition: CompiledDefinition): Promise<string> {
    await this.store.db
      .insert(definitions)
      .values({ hash: definition.hash, processId: definition.processId, document: definition.document })
      .onConflictDoNothing();
    this.#definitions.set(definition.hash, definition);
    return definition.hash;
  }

  /** Every deployed version, by process id then version (the order of first deployment). */
  async definitions(): Promise<readonly DeployedDefinition[]> {
    const rows = await this.store.db
      .select({ hash: definitions.hash, processId: definitions.processId, createdAt: definitions.createdAt })
      .from(definitions)
      .orderBy(asc(definitions.processId), asc(definitions.createdAt), asc(definitions.hash));
    const versions = new Map<string, number>();
    return rows.map((row) => {
      const version = (versions.get(row.processId) ?? 0) + 1;
      versions.set(row.processId, version);
      return { processId: row.processId, hash: row.hash, version, deployedAt: row.createdAt.getTime() };
    });
  }

  /** The latest deployed version of a process, or null when none is deployed. */
  async latest(processId: string): Promise<DeployedDefinition | null> {
    const versions = (await this.definitions()).filter((d) => d.processId === processId);
    return versions[versions.length - 1] ?? null;
  }

  /**
   * Command writes sent by this runtime so far, and the statements (transactions) that carried
   * them: `commands / statements` is how many commands group commit wrote per transaction.
   */
  writeCounts(): { readonly commands: number; readonly statements: number } {
    return this.#writer.counts();
  }

  /** The deployed definition with this hash, loaded from the database the first time. */
  async definition(hash: string): Promise<CompiledDefinition> {
    const cached = this.#definitions.get(hash);
    if (cached !== undefined) return cached;
    const [row] = await this.store.db
      .select({ document: definitions.document })
      .from(definitions)
      .where(eq(definitions.hash, hash));
    if (row === undefined) throw new DefinitionNotFoundError(hash);
    const loaded = loadDefinition(row.document as CompiledDefinition['document'], this.#compileOptions);
    this.#definitions.set(hash, loaded);
    return loaded;
  }

  /** The case row, or null when there is no such case. */
  getCase(caseId: string): Promise<CaseRow | null> {
    return readCase(this.store.db, caseId);
  }

  /**
   * 待办: open user tasks of a department and/or a person across cases, filtered and paged, most
   * urgent first by default (see {@link WorklistQuery}); the same answer as `MemoryRuntime`'s.
   */
  worklist(query: WorklistQuery): Promise<WorklistPage> {
    return queryWorklist(this.store, query);
  }

  /** 办件查询: cases by status, matter, light, department and received date, newest first, paged. */
  searchCases(query: CaseQuery): Promise<CasePage> {
    return searchCases(this.store, query);
  }

  /** Every task the case ever had, open and closed, oldest first. */
  tasks(caseId: string): Promise<TaskRow[]> {
    return readTasks(this.store.db, caseId);
  }

  /** The case's events in order, with their audit-chain hashes. */
  events(caseId: string): Promise<EventRow[]> {
    return readEvents(this.store.db, caseId);
  }

  /** The case's timers, pending and fired. */
  timers(caseId: string): Promise<TimerRow[]> {
    return readTimers(this.store.db, caseId);
  }

  /** The case's hook deliveries, delivered, pending and parked. */
  outbox(caseId: string): Promise<OutboxRow[]> {
    return readOutbox(this.store.db, caseId);
  }

  /** Checks the case's audit chain: see {@link verifyCase}. */
  verify(caseId: string, options: VerifyOptions = {}): Promise<ChainVerdict> {
    return verifyCase(this.store.db, caseId, options);
  }

  /** Starts a case on a deployed definition: `execute` with `definitionHash` set. */
  start(
    definitionHash: string,
    command: StartInput,
    options: Omit<ExecuteOptions, 'definitionHash'> = {},
  ): Promise<CommandOutcome> {
    return this.execute(command.caseId, { ...command, type: 'start' }, { ...options, definitionHash });
  }

  /**
   * Starts a case on the latest deployed version of the process with this BPMN id; rejects with
   * {@link DefinitionNotFoundError} when no version is deployed.
   */
  async startLatest(
    processId: string,
    command: StartInput,
    options: Omit<ExecuteOptions, 'definitionHash'> = {},
  ): Promise<CommandOutcome> {
    const latest = await this.latest(processId);
    if (latest === null)
      throw new DefinitionNotFoundError(`(latest of process ${processId})`, command.caseId);
    return this.start(latest.hash, command, options);
  }

  /** The case's open tasks (user and service), as the engine records them; same shape as in memory. */
  async openTasks(caseId: string): Promise<readonly TaskRecord[]> {
    const row = await readCase(this.store.db, caseId);
    if (row === null) throw new CaseNotFoundError(caseId);
    return snapshotTasks(row.snapshot as CaseSnapshot);
  }

  /**
   * Applies one command to one case, durably. Resolves with what it did; rejects with the engine's
   * typed error when the command is refused (nothing is written), {@link CaseNotFoundError},
   * {@link IdempotencyKeyMismatchError} (the key was used for another command),
   * {@link DefinitionNotFoundError}, or {@link ConcurrencyError} after too many conflicts.
   */
  async execute(caseId: string, command: Command, options: ExecuteOptions = {}): Promise<CommandOutcome> {
    assertStorableStrings(caseId, 'caseId', caseId);
    assertStorableStrings(command, 'command', caseId);
    assertStorableStrings(options, 'options', caseId);
    const outcome = await this.#lanes.run(caseId, () => this.#apply(caseId, command, options, null));
    if (outcome === 'skipped') throw new Error('unreachable: only timer firings are skipped');
    return outcome;
  }

  /**
   * Fires one due timer through the command path; marks it fired in the same statement. A timer
   * that already fired, was cancelled, or whose case is gone is skipped; one the engine refuses
   * (e.g. its case ended) is closed without effect so that no worker tries it again.
   */
  async fireTimer(caseId: string, timerId: string): Promise<TimerFiring> {
    try {
      const outcome = await this.#lanes.run(caseId, () =>
        this.#apply(caseId, { type: 'fireTimer', timerId }, {}, timerId),
      );
      return outcome === 'skipped' ? { kind: 'skipped' } : { kind: 'fired', outcome };
    } catch (error) {
      if (error instanceof CaseNotFoundError) return { kind: 'skipped' };
      // Only the engine's refusal closes the timer; anything else (database down, a definition that
      // does not load) is thrown, and the timer is tried again when its lease runs out.
      if (!(error instanceof CommandError)) throw error;
      await this.store.db.execute(sql`update timers set fired_at = ${this.#clock()}, claimed_by = null,
        lease_until = null where case_id = ${caseId} and timer_id = ${timerId} and fired_at is null`);
      return { kind: 'refused', error };
    }
  }

  async #apply(
    caseId: string,
    command: Command,
    options: ExecuteOptions,
    timerId: string | null,
  ): Promise<CommandOutcome | 'skipped'> {
    const key = options.idempotencyKey ?? null;
    const fingerprint = key === null ? null : commandFingerprint(caseId, command, options);
    // First try without reading: the case as this runtime last wrote it, or no case for a start.
    // The write's version check (and the unique keys) catch every stale guess; then the command is
    // stepped again on what the database holds. Timer firings always read (workers rarely repeat).
    let shortcut = timerId === null;
    for (let attempt = 1; attempt <= this.#maxAttempts; attempt++) {
      let head: CaseHead | null;
      const cached = shortcut ? this.#heads.get(caseId) : undefined;
      const guessed = shortcut && (cached !== undefined || command.type === 'start');
      if (guessed) {
        head = cached ?? null;
      } else {
        const row = await loadCaseRow(this.store, caseId, key, timerId);
        if (row.key_result !== null) {
          if (row.key_case !== caseId)
            throw new IdempotencyKeyReusedError(key ?? '', caseId, row.key_case ?? '');
          // Keys stored before fingerprints (null) are taken on trust, as they were.
          if (row.key_fingerprint !== null && row.key_fingerprint !== fingerprint)
            throw new IdempotencyKeyMismatchError(key ?? '', caseId);
          return { ...row.key_result, replayed: true };
        }
        if (timerId !== null && (!row.timer_exists || row.timer_fired !== null)) return 'skipped';
        head = headOf(row);
      }
      shortcut = false;

      if (head === null && command.type !== 'start') throw new CaseNotFoundError(caseId);
      const hash = head?.definitionHash ?? options.definitionHash;
      if (hash === undefined) throw new DefinitionNotFoundError(undefined, caseId);
      const definition = await this.definition(hash);

      const now = commandInstant(this.#clock(), head?.snapshot ?? null);
      const result = step(definition, head?.snapshot ?? null, command, now);
      if (!result.ok) {
        if (guessed) continue; // refused on a guess: ask the database before refusing for real
        throw result.error;
      }

      const plan = planWrite(
        caseId,
        result,
        command,
        head ?? { lastSeq: 0, lastHash: GENESIS_HASH, openTasks: [] },
        this.hooks,
      );
      const version = (head?.version ?? 0) + 1;
      const outcome: Omit<CommandOutcome, 'replayed'> = {
        caseId,
        version,
        status: result.snapshot.status,
        light: result.snapshot.light,
        dueAt: result.snapshot.dueAt,
        events: plan.events.map((event) => ({ seq: event.seq, type: event.type })),
        openTasks: result.openTasks,
      };
      const target = caseWriteTarget(head, definition, options);
      const document = writeCommandDocument(
        plan,
        target,
        now,
        key === null || fingerprint === null ? null : { key, result: outcome, fingerprint },
      );
      // 'stale': another writer changed the case, inserted the same case or used the same
      // idempotency key first; nothing was written: look again.
      const written = await this.#writer.write(caseId, document);
      if (written.kind === 'applied') {
        this.#heads.remember(caseId, {
          definitionHash: definition.hash,
          snapshot: result.snapshot,
          version,
          lastSeq: plan.lastSeq,
          lastHash: plan.lastHash,
          openTasks: result.openTasks,
        });
        return { ...outcome, replayed: false };
      }
      this.#heads.forget(caseId);
      if (!guessed) await backoff(attempt);
    }
    throw new ConcurrencyError(caseId, this.#maxAttempts);
  }
}

/** How the command's write finds its row: the version it read, or a new case with its columns. */
function caseWriteTarget(
  head: CaseHead | null,
  definition: CompiledDefinition,
  options: ExecuteOptions,
): CaseWrite {
  if (head !== null) return { kind: 'update', expectedVersion: head.version };
  return {
    kind: 'insert',
    definitionHash: definition.hash,
    processId: definition.processId,
    matterCode: options.matterCode ?? definition.matter?.code ?? null,
    region: {
      province: options.region?.province ?? null,
      city: options.region?.city ?? null,
      county: options.region?.county ?? null,
    },
  };
}

/** Short randomized pause so that writers racing on one case do not collide again in lock step. */
function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(50, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
