import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/pglite';
import { DatabaseError, serialize } from 'pg-protocol';
import type { DataRowMessage } from 'pg-protocol/dist/messages.js';
import { Parser } from 'pg-protocol/dist/parser.js';
import { schema } from '../schema.js';
import { DataDirectoryLock } from './data-dir-lock.js';
import type { TongbanDatabase } from './database.js';
import { migrate } from './migrate.js';
import { reportProgress, type StoreOpenProgress, type StoreOpenProgressListener } from './open-progress.js';
import { WalCheckpoints } from './pglite-checkpoints.js';
import type { TongbanStore } from './store.js';

/** Options of {@link createPgliteStore}. */
export interface PgliteStoreOptions {
  /** Directory of the database files; omitted: in memory, gone when the process ends. */
  readonly dataDir?: string;
  /** An open PGlite to use instead (the caller closes it). */
  readonly client?: PGlite;
  /** Apply pending migrations before returning (default `true`: the embedded store just works). */
  readonly migrate?: boolean;
  /**
   * Checkpoint once this many bytes of write-ahead log were written since the last checkpoint
   * (default 64 MiB; 0: never). PGlite never checkpoints by itself, so without this the log grows
   * for as long as the process runs: see the operations guide.
   */
  readonly checkpointWalBytes?: number;
  /**
   * Told of the slow steps (opening PGlite, migrating) as they start and end, so an embedder can
   * show progress: see {@link StoreOpenProgress}. Not called when `client` is given (already open).
   */
  readonly onProgress?: StoreOpenProgressListener;
}

const MIB = 1024 * 1024;
/** Writes between two looks at the size of the write-ahead log (about 1 MB of it on commands). */
const CHECK_EVERY_WRITES = 256;

/**
 * Settings for a PGlite this store starts itself, on top of PGlite's own. Old log segments are
 * recycled down to two (32 MB) at each checkpoint; a new segment is not first filled with zeros
 * (in memory, that grew the file 8 KB at a time, copying it each time).
 */
const START_PARAMS = ['-c', 'wal_init_zero=off', '-c', 'min_wal_size=32MB', '-c', 'max_wal_size=64MB'];

/**
 * Opens the embedded store: PostgreSQL compiled to WASM, in this process, in memory or in a data
 * directory. One process at a time may open a data directory: a second open throws
 * {@link DataDirectoryLockedError} naming the holder. PGlite writes without `fsync`: see
 * the operations guide for what a host crash can lose.
 */
export async function createPgliteStore(options: PgliteStoreOptions = {}): Promise<TongbanStore> {
  const owned = options.client === undefined;
  // Taken before PGlite touches the files: a second process must not even start on them.
  const directory = owned ? fileDirectory(options.dataDir) : null;
  const lock = directory === null ? null : DataDirectoryLock.acquire(directory);
  const dataDir = options.dataDir ?? null;
  let client: PGlite;
  try {
    if (options.client !== undefined) client = options.client;
    else {
      const started = performance.now();
      reportProgress(options.onProgress, { step: 'opening', dataDir });
      client = await PGlite.create({
        ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
        startParams: [...PGlite.defaultStartParams, ...START_PARAMS],
      });
      reportProgress(options.onProgress, { step: 'opened', dataDir, ms: performance.now() - started });
    }
  } catch (error) {
    lock?.release();
    throw error;
  }
  const checkpoints = new WalCheckpoints(client, options.checkpointWalBytes ?? 64 * MIB, CHECK_EVERY_WRITES);
  const db: TongbanDatabase = drizzle({ client, schema });
  const dialect = new PgDialect();
  const preparedNames = new Set<string>();
  const store: TongbanStore = {
    db,
    driver: { kind: 'pglite', client },
    async query<Row>(statement: SQL) {
      const { sql: text, params } = dialect.sqlToQuery(statement);
      return (await client.query<Row>(text, params)).rows;
    },
    async prepared(name, text, params) {
      // PGlite's own locks: no other query, and no transaction of someone else, in between.
      const rows = await client._runExclusiveTransaction(() =>
        client._runExclusiveQuery(async () => {
          for (let attempt = 1; ; attempt++) {
            const prepare = !preparedNames.has(name);
            const reply = await send(client, protocolMessage(name, text, params, prepare));
            if (reply.parsed) preparedNames.add(name);
            if (reply.error === null) return reply.rows;
            // Prepared by someone else on this connection (42P05), or deallocated (26000): once more.
            if (attempt === 1 && reply.error.code === '42P05') preparedNames.add(name);
            else if (attempt === 1 && reply.error.code === '26000') preparedNames.delete(name);
            else throw reply.error;
          }
        }),
      );
      checkpoints.noteWrite();
      return rows;
    },
    async migrate() {
      await migrate(db);
    },
    async close() {
      await checkpoints.settle();
      if (owned && !client.closed) await client.close();
      lock?.release();
    },
  };
  if (options.migrate ?? true) {
    try {
      const started = performance.now();
      reportProgress(options.onProgress, { step: 'migrating' });
      const applied = await migrate(db);
      reportProgress(options.onProgress, { step: 'migrated', applied, ms: performance.now() - started });
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  return store;
}

/** The file-system directory of a data directory name (PGlite also takes `memory://` and `idb://`). */
function fileDirectory(dataDir: string | undefined): string | null {
  if (dataDir === undefined) return null;
  if (dataDir.startsWith('file://')) return dataDir.slice('file://'.length);
  return /^[a-z]+:\/\//i.test(dataDir) ? null : dataDir;
}

/**
 * Running a prepared statement as ONE call into PGlite's WASM (Parse when new, Bind, Execute, Sync
 * in one buffer) instead of the six separate calls of `PGlite.query` (parse, describe, bind,
 * describe, execute, sync), each a trip through its protocol parser: on a command write that is a
 * fifth of the whole cost. Messages are built and read by node-postgres' own protocol package.
 */
function protocolMessage(
  name: string,
  text: string,
  params: readonly (string | null)[],
  prepare: boolean,
): Uint8Array {
  const parts = [
    serialize.bind({ statement: name, values: [...params] }),
    serialize.execute(),
    serialize.sync(),
  ];
  if (prepare) parts.unshift(serialize.parse({ name, text }));
  return Buffer.concat(parts);
}

/** What a reply held: the rows (text values), whether a Parse succeeded, the first error. */
interface Reply {
  readonly rows: (string | null)[][];
  readonly parsed: boolean;
  readonly error: DatabaseError | null;
}

/**
 * Sends one message and reads the reply with node-postgres' parser. `execProtocolRaw` would also
 * run every reply through PGlite's own parser (for notifications, which these statements never
 * send) and copy it once more: the streaming call hands over the raw bytes instead. They are views
 * into WASM memory, reused by the next call, so they are copied before parsing.
 */
async function send(client: PGlite, message: Uint8Array): Promise<Reply> {
  const chunks: Buffer[] = [];
  await client.execProtocolRawStream(message, { onRawData: (chunk) => chunks.push(Buffer.from(chunk)) });
  const rows: (string | null)[][] = [];
  let parsed = false;
  let error: DatabaseError | null = null;
  new Parser().parse(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks), (message) => {
    if (message.name === 'parseComplete') parsed = true;
    else if (message.name === 'dataRow') rows.push((message as DataRowMessage).fields as (string | null)[]);
    else if (message instanceof DatabaseError) error ??= message;
  });
  return { rows, parsed, error };
}
