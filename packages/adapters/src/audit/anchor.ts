import { createHmac, timingSafeEqual } from 'node:crypto';
import canonicalize from 'canonicalize';
import { sql } from 'drizzle-orm';
import { AnchorInvalidError } from '../errors.js';
import { type Executor, queryRows } from '../store/database.js';

/** The format tag of an anchor file. */
export const ANCHOR_FORMAT = 'tongban-audit-anchor/1';

/** The head of one case's chain at the time of the anchor. */
export interface AnchoredHead {
  readonly caseId: string;
  readonly seq: number;
  readonly hash: string;
}

/**
 * Signed heads of the audit chains, kept outside the database. A database user can rewrite a
 * chain consistently (recompute every hash, reset `cases.last_seq`/`last_hash`), but cannot change
 * an anchor without the key, which the database does not hold: verifying against it shows any
 * anchored event that was removed or rewritten since.
 */
export interface AuditAnchor {
  readonly format: typeof ANCHOR_FORMAT;
  /** When the heads were read (ISO 8601). */
  readonly createdAt: string;
  readonly heads: readonly AnchoredHead[];
  /** HMAC-SHA256 (hex), with the anchor key, of the RFC 8785 canonical JSON of the fields above. */
  readonly signature: string;
}

/** Options of {@link createAnchor}. */
export interface AnchorOptions {
  /** Only these cases (default: every case). */
  readonly caseIds?: readonly string[];
  /** The time written into the anchor (default now). */
  readonly now?: Date;
}

/**
 * Reads every case's chain head (`cases.last_seq`, `cases.last_hash`) and signs them with `key`.
 * Verify the chains first (`verifyCase`): an anchor vouches for what the database held when it was
 * taken, tampering before included.
 */
export async function createAnchor(
  db: Executor,
  key: string | Uint8Array,
  options: AnchorOptions = {},
): Promise<AuditAnchor> {
  const only = options.caseIds === undefined ? null : JSON.stringify(options.caseIds);
  const rows = await queryRows<{ id: string; last_seq: number | string; last_hash: string }>(
    db,
    sql`select id, last_seq, last_hash from cases
      ${only === null ? sql`` : sql`where id in (select jsonb_array_elements_text(${only}::jsonb))`}
      order by id`,
  );
  const body = {
    format: ANCHOR_FORMAT,
    createdAt: (options.now ?? new Date()).toISOString(),
    heads: rows.map((row) => ({ caseId: row.id, seq: Number(row.last_seq), hash: row.last_hash })),
  } as const;
  return { ...body, signature: sign(body, key) };
}

/** Parses an anchor file and checks its signature, or throws {@link AnchorInvalidError}. */
export function readAnchor(text: string, key: string | Uint8Array): AuditAnchor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AnchorInvalidError('it is not JSON');
  }
  const anchor = parsed as Partial<AuditAnchor>;
  if (anchor.format !== ANCHOR_FORMAT || !Array.isArray(anchor.heads) || typeof anchor.createdAt !== 'string')
    throw new AnchorInvalidError(`it is not a ${ANCHOR_FORMAT} file`);
  const heads = anchor.heads as unknown[];
  if (!heads.every(isHead)) throw new AnchorInvalidError('a head is not { caseId, seq, hash }');
  const expected = Buffer.from(sign({ format: anchor.format, createdAt: anchor.createdAt, heads }, key));
  const given = Buffer.from(typeof anchor.signature === 'string' ? anchor.signature : '');
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new AnchorInvalidError(
      'its signature does not match this key (altered, or signed with another key)',
    );
  return { format: anchor.format, createdAt: anchor.createdAt, heads, signature: anchor.signature as string };
}

function isHead(value: unknown): value is AnchoredHead {
  const head = value as Partial<AnchoredHead> | null;
  return (
    typeof head?.caseId === 'string' &&
    typeof head.hash === 'string' &&
    typeof head.seq === 'number' &&
    Number.isInteger(head.seq)
  );
}

function sign(
  body: { format: string; createdAt: string; heads: readonly AnchoredHead[] },
  key: string | Uint8Array,
): string {
  const text = canonicalize({ format: body.format, createdAt: body.createdAt, heads: body.heads });
  return createHmac('sha256', key)
    .update(text ?? '')
    .digest('hex');
}
