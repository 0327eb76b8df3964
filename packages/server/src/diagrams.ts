import type { TongbanStore } from '@tongban/adapters';
import { sql } from 'drizzle-orm';

/**
 * The drawings of deployed definitions: the BPMN XML each was deployed from, by definition hash,
 * so the designer can open what runs (the engine's store keeps the compiled model, not the
 * drawing). The server's own small table, like the 查询码's: created if missing when the server
 * starts, outside the engine's schema and migrations.
 */
export async function ensureDiagramTable(store: TongbanStore): Promise<void> {
  // Several servers starting together on one PostgreSQL take turns (see ensureQueryCodeTable).
  await store.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${DIAGRAM_LOCK})`);
    await tx.execute(sql`create table if not exists server_definition_diagrams (
      hash text primary key,
      process_id text not null,
      xml text not null,
      saved_at timestamptz not null default now()
    )`);
  });
}

// Arbitrary constant, distinct from the query codes' lock.
const DIAGRAM_LOCK = 7_406_332_019;

/**
 * Keeps the XML a definition was deployed from. A later deployment of the same model (same hash:
 * only the layout or the wording of documentation changed) replaces the drawing, so the designer
 * opens the latest one.
 */
export async function saveDiagram(
  store: TongbanStore,
  deployed: { readonly hash: string; readonly processId: string },
  xml: string,
): Promise<void> {
  await store.db.execute(sql`insert into server_definition_diagrams (hash, process_id, xml)
    values (${deployed.hash}, ${deployed.processId}, ${xml})
    on conflict (hash) do update set xml = excluded.xml, saved_at = now()`);
}

/** The XML a definition was deployed from, or null when the server never saw it (e.g. `tongban deploy`). */
export async function loadDiagram(store: TongbanStore, hash: string): Promise<string | null> {
  const rows = await store.query<{ xml: string }>(
    sql`select xml from server_definition_diagrams where hash = ${hash}`,
  );
  return rows[0]?.xml ?? null;
}

/** Hashes of the definitions whose drawing the server keeps. */
export async function diagramHashes(store: TongbanStore): Promise<Set<string>> {
  const rows = await store.query<{ hash: string }>(sql`select hash from server_definition_diagrams`);
  return new Set(rows.map((row) => row.hash));
}
