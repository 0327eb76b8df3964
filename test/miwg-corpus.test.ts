import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Diagnostic, importBpmn, validateBpmn } from '@tongban/engine';
import { describe, expect, it } from 'vitest';
import { modelProblems } from '../packages/engine/src/bpmn/ir-invariants.js';

/**
 * The BPMN Model Interchange Working Group's test models, as drawn by other tools, live beside the
 * repository (../shared/corpus/miwg) and are never copied into it.
 */
const CORPUS = fileURLToPath(new URL('../../shared/corpus/miwg/', import.meta.url));
const FOLDERS = ['reference', 'bpmn-io-export'];
const present = existsSync(CORPUS);
const files = present
  ? FOLDERS.flatMap((folder) =>
      readdirSync(`${CORPUS}${folder}`)
        .filter((name) => name.endsWith('.bpmn'))
        .sort()
        .map((name) => `${folder}/${name}`),
    )
  : [];

/** Errors name their element; only a document-level problem may have none. */
function unanchored(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter(
    (d) =>
      d.severity === 'error' && d.elementId === null && d.code !== 'MALFORMED_XML' && d.code !== 'NO_PROCESS',
  );
}

describe.skipIf(!present)(
  present ? 'MIWG corpus' : 'MIWG corpus (skipped: ../shared/corpus/miwg not found)',
  () => {
    it('has the reference and bpmn-io export models', () => {
      expect(files.filter((file) => file.startsWith('reference/')).length).toBeGreaterThan(0);
      expect(files.filter((file) => file.startsWith('bpmn-io-export/')).length).toBeGreaterThan(0);
    });

    it.each(files)('%s: compiles, or every refusal names its element', async (file) => {
      const xml = readFileSync(`${CORPUS}${file}`, 'utf8');
      const imported = await importBpmn(xml);
      expect(imported.diagnostics.filter((d) => d.code === 'IMPORT_FAILED')).toEqual([]);
      expect(unanchored(imported.diagnostics)).toEqual([]);
      if (imported.model !== null) expect(modelProblems(imported.model)).toEqual([]);

      const validated = await validateBpmn(xml);
      expect(unanchored(validated.diagnostics)).toEqual([]);
      expect(validated.ok).toBe(!validated.diagnostics.some((d) => d.severity === 'error'));
    });
  },
);
