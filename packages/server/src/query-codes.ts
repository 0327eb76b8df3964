import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { TongbanStore } from '@tongban/adapters';
import { sql } from 'drizzle-orm';

/**
 * 查询码: the code the window hands the applicant with the case id, to follow the case on the
 * public query. Made of crypto randomness, shown once, and stored only as its SHA-256 hash, so a
 * copy of the database does not reveal the codes. 12 characters from an alphabet without look-alikes
 * (no 0/O, 1/I/L): about 60 bits, far beyond what the rate-limited public route lets anyone try.
 */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 12;

/**
 * The server's own small table (not part of the engine's schema, so the adapters' migrations and
 * write function are untouched): created if missing when the server starts, on PGlite and
 * PostgreSQL alike.
 */
export async function ensureQueryCodeTable(store: TongbanStore): Promise<void> {
  // Several servers starting together on one PostgreSQL: `create table if not exists` alone can
  // still collide in the catalog, so they take turns under an advisory lock.
  await store.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${QUERY_CODE_LOCK})`);
    await tx.execute(sql`create table if not exists server_query_codes (
      case_id text primary key,
      code_hash text not null,
      issued_at timestamptz not null default now()
    )`);
  });
}

// Arbitrary constant: the advisory lock servers take while creating their table.
const QUERY_CODE_LOCK = 7_406_332_018;

/** A fresh code, e.g. `7KQ2-M9XP-4HTW` (dashes are for reading; they are ignored on input). */
export function newQueryCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

function digest(caseId: string, code: string): string {
  const normalized = code.toUpperCase().replace(/[\s-]/g, '');
  return createHash('sha256').update(`${caseId}\u0000${normalized}`).digest('hex');
}

/**
 * Stores the hash of a new code for the case, replacing any earlier one (which then stops working),
 * and returns the code: the only time it exists in plain text.
 */
export async function issueQueryCode(store: TongbanStore, caseId: string): Promise<string> {
  const code = newQueryCode();
  await store.db.execute(sql`insert into server_query_codes (case_id, code_hash) values (${caseId}, ${digest(caseId, code)})
    on conflict (case_id) do update set code_hash = excluded.code_hash, issued_at = now()`);
  return code;
}

/** Whether the code is the case's current one; false for an unknown case (the same answer). */
export async function checkQueryCode(store: TongbanStore, caseId: string, code: string): Promise<boolean> {
  const rows = await store.query<{ code_hash: string }>(
    sql`select code_hash from server_query_codes where case_id = ${caseId}`,
  );
  const expected = Buffer.from(rows[0]?.code_hash ?? '0'.repeat(64), 'hex');
  const given = Buffer.from(digest(caseId, code), 'hex');
  // Compared in constant time, and compared even when the case is unknown, so neither the answer
  // nor its timing tells an unknown case from a wrong code.
  return timingSafeEqual(expected, given) && rows.length === 1;
}
