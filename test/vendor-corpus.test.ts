import { readFileSync } from 'node:fs';
import type { Diagnostic } from '@tongban/engine';
import { describe, expect, it } from 'vitest';
import {
  type FileVerdict,
  judge,
  judgeCorpus,
  tally,
  VENDOR_TALLY,
  vendorCorpusFiles,
} from '../scripts/standard-bpmn-doc.js';

/**
 * Real models written for Camunda, Flowable, bpmn.io and bpmn-engine (test/corpus/vendor/, with
 * their licences): each compiles or is refused with typed diagnostics naming elements, never a
 * crash; and the counts per outcome are held to the checked-in tally, so a change in what Tongban
 * reads shows up here (regenerate with scripts/standard-bpmn-doc.ts and review the difference).
 */
const files = vendorCorpusFiles();
const verdicts: FileVerdict[] = [];

/** Errors name their element; only a document-level problem may have none. */
function unanchored(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter(
    (d) =>
      d.severity === 'error' && d.elementId === null && d.code !== 'MALFORMED_XML' && d.code !== 'NO_PROCESS',
  );
}

describe('vendor BPMN corpus', () => {
  it('holds 60 to 250 models', () => {
    expect(files.length).toBeGreaterThanOrEqual(60);
    expect(files.length).toBeLessThanOrEqual(250);
  });

  it.each(files)('%s: compiles, or every refusal is typed and names its element', async (file) => {
    const verdict = await judge(file);
    verdicts.push(verdict);
    const failed = verdict.diagnostics.filter(
      (d) => d.code === 'IMPORT_FAILED' || d.code === 'COMPILE_FAILED',
    );
    expect(failed).toEqual([]);
    expect(unanchored(verdict.diagnostics)).toEqual([]);
    for (const d of verdict.diagnostics) expect(d.message).not.toMatch(/\n\s+at /);
  });

  it('tallies as test/corpus/vendor/tally.json says (compiled / with warnings / refused by first error)', async () => {
    // The per-file tests fill `verdicts`; run alone (-t), this one judges the corpus itself.
    const all = verdicts.length === files.length ? verdicts : await judgeCorpus();
    const expected: unknown = JSON.parse(readFileSync(VENDOR_TALLY, 'utf8'));
    expect(tally(all)).toEqual(expected);
  }, 120_000);
});
