import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BPMN_SUBSET_PAGE, renderBpmnSubsetPage } from '../scripts/bpmn-subset-doc.js';
import { EVENTS_PAGE, renderEventsPage } from '../scripts/events-doc.js';
import { OPERATIONS_DIR, renderOperationPages } from '../scripts/operations-doc.js';
import { judgeCorpus, renderStandardBpmnPage, STANDARD_BPMN_PAGE } from '../scripts/standard-bpmn-doc.js';

describe('generated docs match the code', () => {
  it('docs/bpmn-subset.md is what the compiler draws today (regenerate with scripts/bpmn-subset-doc.ts)', async () => {
    expect(readFileSync(BPMN_SUBSET_PAGE, 'utf8')).toBe(await renderBpmnSubsetPage());
  });

  it('docs/case-operations/ shows what the engine does today (regenerate with scripts/operations-doc.ts)', async () => {
    for (const [file, text] of await renderOperationPages()) {
      expect(readFileSync(join(OPERATIONS_DIR, file), 'utf8'), file).toBe(text);
    }
  });

  it('docs/standard-bpmn.md shows the vendor corpus tally of today (regenerate with scripts/standard-bpmn-doc.ts)', async () => {
    // Compiles the ~200 files of test/corpus/vendor/: a few seconds.
    expect(readFileSync(STANDARD_BPMN_PAGE, 'utf8')).toBe(renderStandardBpmnPage(await judgeCorpus()));
  }, 120_000);

  it('docs/events.md lists every event type with its traits (regenerate with scripts/events-doc.ts)', () => {
    expect(readFileSync(EVENTS_PAGE, 'utf8')).toBe(renderEventsPage());
  });
});
