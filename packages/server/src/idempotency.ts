import type { Principal } from './auth/principal.js';

/**
 * The store key for a client's Idempotency-Key: scoped to the caller, so two callers choosing the
 * same key never meet, and nobody can replay another person's answer by guessing their key.
 */
export function scopedKey(principal: Principal, key: string): string {
  return `http:${principal.kind}:${principal.id}:${key}`;
}
