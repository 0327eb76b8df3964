import { createHash } from 'node:crypto';
import type { Command } from '@tongban/engine';
import canonicalize from 'canonicalize';
import type { ExecuteOptions } from './durable-types.js';

/**
 * What an idempotency key stands for: SHA-256 of the canonical JSON (RFC 8785) of the case id, the
 * command and what a start takes from its options. The same request sent again has the same
 * fingerprint; a different command under a reused key does not, and is refused.
 */
export function commandFingerprint(caseId: string, command: Command, options: ExecuteOptions): string {
  const text = canonicalize(
    JSON.parse(
      JSON.stringify({
        caseId,
        command,
        definitionHash: options.definitionHash,
        matterCode: options.matterCode,
        region: options.region,
      }),
    ),
  );
  return createHash('sha256')
    .update(text ?? '')
    .digest('hex');
}
