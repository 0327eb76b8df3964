import { CommandWriteError, StoreProtocolError } from '../errors.js';
import type { TongbanStore } from '../store/store.js';
import { WRITE_STATEMENTS } from './write-command.js';

/** What became of one command's write. */
export type WriteResult =
  /** Written and committed. */
  | { readonly kind: 'applied' }
  /**
   * Nothing written because the database holds something newer than the command was stepped on:
   * the case's version moved, or its id or the idempotency key was taken. Step it again on a fresh read.
   */
  | { readonly kind: 'stale' };

/** Options of {@link GroupCommit}. */
export interface GroupCommitOptions {
  /**
   * Write statements in flight at once. While they all are, further commands wait and are then
   * written together, as one statement and one transaction (one commit, one WAL flush).
   */
  readonly maxStatements: number;
  /** Most commands in one statement. */
  readonly maxBatch: number;
}

interface Pending {
  readonly caseId: string;
  readonly document: string;
  readonly resolve: (result: WriteResult) => void;
  readonly reject: (error: unknown) => void;
}

// SQLSTATEs that mean "another writer got there first": the command is stepped again.
const STALE_STATES = new Set(['23505', '40001', '40P01']);

/**
 * Group commit of command writes. A command is written at once when fewer than `maxStatements`
 * writes are in flight; otherwise it waits for one to finish and goes with every command that
 * queued meanwhile, as one statement. Nothing waits on a timer: commands are grouped only while the
 * database is busy, so a lone command pays no delay.
 *
 * Each command of a group is still atomic on its own: the database function writes each in its own
 * subtransaction and answers per command, so a version conflict or an error of one writes nothing
 * of it and leaves the others written (the runtime then steps that command again alone). Commands
 * are ordered by case id within a group, so that two groups locking the same cases take the
 * locks in the same order. A statement the database refuses as a whole is rolled back, and its
 * commands are then sent one by one, so one bad document fails alone. A statement that fails
 * without an answer (the connection dropped) fails every command of the group, as it would fail a
 * single command: whether it committed is unknown, and only an idempotency key makes resending safe.
 */
export class GroupCommit {
  readonly #store: TongbanStore;
  readonly #maxStatements: number;
  readonly #maxBatch: number;
  readonly #queue: Pending[] = [];
  #inFlight = 0;
  #statements = 0;
  #commands = 0;

  constructor(store: TongbanStore, options: GroupCommitOptions) {
    this.#store = store;
    this.#maxStatements = Math.max(1, options.maxStatements);
    this.#maxBatch = Math.max(1, options.maxBatch);
  }

  /** Commands sent so far, and the statements that carried them. */
  counts(): { readonly commands: number; readonly statements: number } {
    return { commands: this.#commands, statements: this.#statements };
  }

  /** Writes one command document (see `writeCommandDocument`) of one case. */
  write(caseId: string, document: string): Promise<WriteResult> {
    return new Promise<WriteResult>((resolve, reject) => {
      this.#queue.push({ caseId, document, resolve, reject });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#inFlight < this.#maxStatements && this.#queue.length > 0) {
      const group = this.#take();
      this.#inFlight++;
      void this.#send(group).finally(() => {
        this.#inFlight--;
        this.#pump();
      });
    }
  }

  /**
   * The next group: the oldest queued commands, up to `maxBatch`, ordered by case id. (The runtime
   * never has two writes of one case in flight, so a group holds each case once.)
   */
  #take(): Pending[] {
    const group = this.#queue.splice(0, this.#maxBatch);
    return group.sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
  }

  async #send(group: readonly Pending[]): Promise<void> {
    this.#statements++;
    this.#commands += group.length;
    const [only] = group;
    if (only !== undefined && group.length === 1) {
      await this.#sendAlone(only);
      return;
    }
    let results: unknown;
    try {
      const { name, text } = WRITE_STATEMENTS.group;
      const documents = `[${group.map((pending) => pending.document).join(',')}]`;
      const [row] = await this.#store.prepared(name, text, [documents]);
      results = JSON.parse(row?.[0] ?? 'null');
      if (!Array.isArray(results) || results.length !== group.length)
        throw new StoreProtocolError(
          `tongban_write_commands answered ${Array.isArray(results) ? results.length : 'no list of'} results for ${group.length} commands`,
        );
    } catch (error) {
      // The database refused the statement as a whole (one document it cannot even parse, say):
      // it rolled back, so nothing of the group was written. Each command is then sent alone, so
      // that the bad one fails by itself and takes none of the others with it. Without a SQLSTATE
      // (the connection dropped) whether it committed is unknown: resending could apply twice.
      if (sqlState(error) !== undefined && !(error instanceof StoreProtocolError)) {
        for (const pending of group) await this.#sendAlone(pending); // in case-id order, as locked

        return;
      }
      for (const pending of group) pending.reject(error);
      return;
    }
    group.forEach((pending, index) => {
      const result: unknown = (results as unknown[])[index];
      if (result === 1) pending.resolve({ kind: 'applied' });
      else if (result === 0) pending.resolve({ kind: 'stale' });
      else {
        const { code, message } = (result ?? {}) as { code?: string; message?: string };
        if (STALE_STATES.has(code ?? '')) pending.resolve({ kind: 'stale' });
        else pending.reject(new CommandWriteError(pending.caseId, code ?? '', message ?? String(result)));
      }
    });
  }

  /** One command, in its own statement. */
  async #sendAlone(pending: Pending): Promise<void> {
    const { name, text } = WRITE_STATEMENTS.single;
    try {
      const [row] = await this.#store.prepared(name, text, [pending.document]);
      pending.resolve({ kind: row?.[0] === '1' ? 'applied' : 'stale' });
    } catch (error) {
      const state = sqlState(error);
      if (STALE_STATES.has(state ?? '')) pending.resolve({ kind: 'stale' });
      else if (state !== undefined)
        pending.reject(new CommandWriteError(pending.caseId, state, errorMessage(error)));
      else pending.reject(error);
    }
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The SQLSTATE of a driver error, also when drizzle or a pool wrapped it. */
function sqlState(error: unknown): string | undefined {
  for (let cause: unknown = error; typeof cause === 'object' && cause !== null; ) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}
