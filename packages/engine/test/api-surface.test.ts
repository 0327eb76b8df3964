import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as {
  exports: Record<string, Record<string, string> | string>;
  publishConfig: { exports: Record<string, Record<string, string> | string> };
};

/** Each entry point, with a few values an embedder reaches for there. */
const ENTRY_POINTS = {
  '@tongban/engine': ['compileBpmn', 'step', 'MemoryRuntime', 'CommandError', 'EVENT_TRAITS'],
  '@tongban/engine/calendar': ['defaultCalendarRegistry', 'WorkCalendar', 'CalendarHorizonError'],
  '@tongban/engine/clock': ['startClock', 'clockStatus', 'ExtensionCapError'],
  '@tongban/engine/supervision': ['Supervision', 'computeStatistics', 'toCsv'],
  '@tongban/engine/testing': ['simulate', 'checkScenario', 'ScenarioError'],
  '@tongban/engine/internal': ['nodeStateId', 'normalizeCaseQuery', 'takeConditionFault'],
} as const;

async function load(specifier: string): Promise<Record<string, unknown>> {
  // One literal per entry point, so the bundler and the type checker see each import.
  switch (specifier) {
    case '@tongban/engine':
      return import('@tongban/engine');
    case '@tongban/engine/calendar':
      return import('@tongban/engine/calendar');
    case '@tongban/engine/clock':
      return import('@tongban/engine/clock');
    case '@tongban/engine/supervision':
      return import('@tongban/engine/supervision');
    case '@tongban/engine/testing':
      return import('@tongban/engine/testing');
    default:
      return import('@tongban/engine/internal');
  }
}

describe('the curated API of @tongban/engine', () => {
  it('keeps the root to at most 60 runtime values (types are free)', async () => {
    const root = await load('@tongban/engine');
    const values = Object.keys(root);
    expect(values.length).toBeGreaterThan(20);
    expect(values.length).toBeLessThanOrEqual(60);
    // Terminal formatting lives in the CLI, storage helpers behind /internal.
    for (const gone of ['formatStatistics', 'padCell', 'normalizeCaseQuery', 'nodeStateId', 'simulate']) {
      expect(values).not.toContain(gone);
    }
  });

  for (const [specifier, names] of Object.entries(ENTRY_POINTS)) {
    it(`${specifier} loads and has what it is for`, async () => {
      const module = await load(specifier);
      for (const name of names) expect(module[name], `${specifier} exports ${name}`).toBeDefined();
    });
  }

  it('every entry point is in package.json, for the sources and for published builds', () => {
    for (const specifier of Object.keys(ENTRY_POINTS)) {
      const key = specifier === '@tongban/engine' ? '.' : `.${specifier.slice('@tongban/engine'.length)}`;
      const source = manifest.exports[key];
      const published = manifest.publishConfig.exports[key];
      expect(typeof source === 'object' && source['@tongban/source'], key).toBeTruthy();
      if (typeof source !== 'object' || typeof published !== 'object') throw new Error(`${key} is missing`);
      expect(existsSync(join(PACKAGE, source['@tongban/source'] ?? '')), `${key} source file`).toBe(true);
      expect(published.default).toBe(source.default);
      expect(published.types).toBe(source.types);
      expect(source.default).toBe(
        source['@tongban/source']?.replace('./src/', './dist/').replace(/\.ts$/, '.js'),
      );
    }
  });
});
