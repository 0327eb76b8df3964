import { IdempotencyKeyMismatchError, IdempotencyKeyReusedError } from '@tongban/adapters';
import type { Principal } from './auth/principal.js';
import { HttpProblem } from './http/problem.js';

/**
 * The store key for a client's Idempotency-Key: scoped to the caller, so two callers choosing the
 * same key never meet, and nobody can replay another person's answer by guessing their key.
 */
export function scopedKey(principal: Principal, key: string): string {
  return `http:${principal.kind}:${principal.id}:${key}`;
}

/**
 * Runs a command sent with an Idempotency-Key, answering a refused key in the client's own words
 * (the key as sent, not as the store scopes it), with the store's code (409).
 */
export async function withClientKey<T>(key: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (key !== undefined && error instanceof IdempotencyKeyMismatchError)
      throw new HttpProblem(
        error.code,
        `Idempotency-Key ${key} was already used for a different command on case ${error.caseId}; the first one was applied and this one was not: send it with a fresh key`,
        { caseId: error.caseId },
      );
    if (key !== undefined && error instanceof IdempotencyKeyReusedError)
      throw new HttpProblem(
        error.code,
        `Idempotency-Key ${key} was already used for another case; use a fresh key`,
        {
          caseId: error.caseId,
        },
      );
    throw error;
  }
}
