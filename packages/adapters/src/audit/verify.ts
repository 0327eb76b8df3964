import type { JsonValue } from '@tongban/engine';
import { readCase, readEvents } from '../runtime/reads.js';
import type { Executor } from '../store/database.js';
import type { AuditAnchor } from './anchor.js';
import { eventHash, GENESIS_HASH } from './chain.js';
import { disagreement } from './replay.js';

/** The verdict on one case's audit chain. */
export type ChainVerdict =
  | {
      readonly ok: true;
      readonly caseId: string;
      readonly events: number;
      /** The anchored head the chain was checked against (sequence number and anchor time), if any. */
      readonly anchored?: { readonly seq: number; readonly at: string };
    }
  | {
      readonly ok: false;
      readonly caseId: string;
      /** Sequence number of the first event that does not check out (the missing one, for a gap). */
      readonly brokenAt: number;
      readonly reason: string;
    };

/** Options of {@link verifyCase}. */
export interface VerifyOptions {
  /**
   * A signed anchor (see `readAnchor`, which checks the signature): the chain must still hold the
   * head it anchored for this case, so a cut or rewritten tail up to that head is found even when
   * the case row was set back to match.
   */
  readonly anchor?: AuditAnchor;
}

/**
 * Re-computes every event hash of a case from its stored fields and checks each link to the
 * previous one, the anchored head (when given an anchor), the chain's head against the case row,
 * and the case row and snapshot against the log (see `disagreement`). Reports the first problem:
 * an edited event breaks its own hash, a deleted event leaves a gap, a deleted tail falls short of
 * the head the case row records or of the anchored head, a rewritten anchored event no longer has
 * the anchored hash. What it cannot find without an anchor, and after the last anchor: see
 * docs/operations.md, "Verify the audit chain".
 */
export async function verifyCase(
  db: Executor,
  caseId: string,
  options: VerifyOptions = {},
): Promise<ChainVerdict> {
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
  const head = options.anchor?.heads.find((anchored) => anchored.caseId === caseId);
  if (head !== undefined) {
    const at = options.anchor?.createdAt ?? '';
    const stored = events[head.seq - 1];
    if (stored === undefined)
      return {
        ok: false,
        caseId,
        brokenAt: events.length + 1,
        reason: `the anchor of ${at} holds event ${head.seq} but the chain ends at event ${events.length}: events were removed`,
      };
    if (stored.hash !== head.hash)
      return {
        ok: false,
        caseId,
        brokenAt: head.seq,
        reason: `event ${head.seq} is not the one anchored on ${at}: the chain was rewritten`,
      };
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
  const differs = disagreement(row, events);
  if (differs !== null) return { ok: false, caseId, brokenAt: events.length, reason: differs };
  return {
    ok: true,
    caseId,
    events: events.length,
    ...(head === undefined ? {} : { anchored: { seq: head.seq, at: options.anchor?.createdAt ?? '' } }),
  };
}
