import { createHash } from 'node:crypto';
import type { JsonValue } from '@tongban/engine';
import canonicalize from 'canonicalize';

/** `prev_hash` of a case's first event: there is nothing before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event row that its hash covers. */
export interface ChainedFields {
  readonly caseId: string;
  readonly seq: number;
  readonly type: string;
  readonly at: number;
  readonly payload: JsonValue;
  readonly prevHash: string;
}

/**
 * SHA-256 over the RFC 8785 canonical JSON of the row: key order and number formatting cannot
 * change the hash, so a row read back from `jsonb` hashes the same as the one written.
 */
export function eventHash(fields: ChainedFields): string {
  const text = canonicalize({
    caseId: fields.caseId,
    seq: fields.seq,
    type: fields.type,
    at: fields.at,
    payload: fields.payload,
    prevHash: fields.prevHash,
  });
  if (text === undefined) throw new TypeError('event row is not JSON');
  return createHash('sha256').update(text).digest('hex');
}
