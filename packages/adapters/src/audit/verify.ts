import type { JsonValue } from '@tongban/engine';
import { readCase, readEvents } from '../runtime/reads.js';
import type { Executor } from '../store/database.js';
import { eventHash, GENESIS_HASH } from './chain.js';

/** The verdict on one case's audit chain. */
export type ChainVerdict =
  | { readonly ok: true; readonly caseId: string; readonly events: number }
  | {
      readonly ok: false;
      readonly caseId: string;
      /** Sequence number of the first event that does not check out (the missing one, for a gap). */
      readonly brokenAt: number;
      readonly reason: string;
    };

/**
 * Re-computes every event hash of a case from its stored fields and checks each link to the
 * previous one, and the chain's head against the case row. Reports the first broken link: an
 * edited row breaks its own hash, a deleted row leaves a gap, a deleted tail falls short of the
 * head the case row records.
 */
export async function verifyCase(db: Executor, caseId: string): Promise<ChainVerdict> {
  const row = await readCase(db, caseId);
  if (row === null) return { ok: false, caseId, brokenAt: 0, reason: `case ${caseId} does not exist` };
  const events = await readEvents(db, caseId);
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const event of events) {
    const broken = (reason: string): ChainVerdict => ({ ok: false, caseId, brokenAt: expectedSeq, reason });
    if (event.seq !== expectedSeq)
      return broken(`event ${expectedSeq} is missing (next stored is ${event.seq})`);
    if (event.prevHash !== prevHash) return broken(`event ${event.seq} does not link to the event before it`);
    const recomputed = eventHash({
      caseId,
      seq: event.seq,
      type: event.type,
      at: event.at,
      payload: event.payload as JsonValue,
      prevHash: event.prevHash,
    });
    if (recomputed !== event.hash) return broken(`event ${event.seq} was changed after it was written`);
    prevHash = event.hash;
    expectedSeq++;
  }
  if (row.lastSeq !== events.length) {
    return {
      ok: false,
      caseId,
      brokenAt: events.length + 1,
      reason: `the case records ${row.lastSeq} events but ${events.length} are stored`,
    };
  }
  if (row.lastHash !== prevHash) {
    return {
      ok: false,
      caseId,
      brokenAt: events.length,
      reason: 'the last event is not the one the case records',
    };
  }
  return { ok: true, caseId, events: events.length };
}
