import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BPMN_SUBSET_PAGE, renderBpmnSubsetPage } from '../scripts/bpmn-subset-doc.js';

describe('generated docs match the code', () => {
  it('docs/bpmn-subset.md is what the compiler draws today (regenerate with scripts/bpmn-subset-doc.ts)', async () => {
    expect(readFileSync(BPMN_SUBSET_PAGE, 'utf8')).toBe(await renderBpmnSubsetPage());
  });
});
