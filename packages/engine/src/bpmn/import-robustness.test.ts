import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../model/diagnostics.js';
import { importBpmn } from './index.js';
import { modelProblems } from './ir-invariants.js';

const FIXTURES = new URL('../../test/fixtures/', import.meta.url);
const documents = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.bpmn'))
  .map((name) => readFileSync(new URL(name, FIXTURES), 'utf8'));

function anchored(diagnostic: Diagnostic): boolean {
  return (
    diagnostic.severity === 'warning' ||
    diagnostic.elementId !== null ||
    diagnostic.code === 'MALFORMED_XML' ||
    diagnostic.code === 'NO_PROCESS' ||
    // About the whole document: a DOCTYPE, or its length.
    diagnostic.code === 'DOCTYPE' ||
    diagnostic.code === 'LIMIT_EXCEEDED'
  );
}

async function expectWellBehaved(xml: string): Promise<void> {
  const result = await importBpmn(xml);
  expect(result.diagnostics.filter((d) => !anchored(d))).toEqual([]);
  expect(result.diagnostics.some((d) => d.code === 'IMPORT_FAILED')).toBe(false);
  if (result.model !== null) expect(modelProblems(result.model)).toEqual([]);
}

describe('importBpmn never throws and keeps its promises on damaged input', () => {
  it('on truncated fixtures', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...documents),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (xml, at) => {
          await expectWellBehaved(xml.slice(0, Math.floor(xml.length * at)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('on fixtures with an attribute value or element name replaced', async () => {
    const tokens = fc.constantFrom(
      '',
      'x',
      'Start',
      'End',
      'Flow_1',
      '#',
      'P1D',
      '>',
      'bpmn:task',
      'true',
      '0',
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...documents), fc.nat(), tokens, async (xml, seed, token) => {
        const spots = [...xml.matchAll(/="([^"]*)"|<(bpmn:[A-Za-z]+)/g)];
        const spot = spots[seed % spots.length];
        if (spot?.index === undefined) return;
        const original = spot[1] ?? spot[2] ?? '';
        const start = spot.index + spot[0].indexOf(original, 1);
        await expectWellBehaved(xml.slice(0, start) + token + xml.slice(start + original.length));
      }),
      { numRuns: 150 },
    );
  });

  it('on arbitrary strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
        await expectWellBehaved(text);
      }),
      { numRuns: 100 },
    );
  });
});
