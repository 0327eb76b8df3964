import { readFileSync } from 'node:fs';
import { createPgliteStore, DurableRuntime } from '@tongban/adapters';
import { type CaseOutcome, MemoryRuntime } from '@tongban/engine';
import { describe, expect, it } from 'vitest';
import { readmeEmbedder } from './support/readme-embedder.js';

const at = Date.parse('2026-03-02T09:00:00+08:00');

/** The README's "Using the engine" block, without its imports and its `new MemoryRuntime()`. */
function readmeBody(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Using the engine'));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.trim())
    .filter(
      (line) => line !== '' && !line.startsWith('import ') && line !== 'const runtime = new MemoryRuntime();',
    );
}

/** What must be the same whichever runtime ran the command. */
function shape(outcome: CaseOutcome) {
  return {
    caseId: outcome.caseId,
    status: outcome.status,
    light: outcome.light,
    dueAt: outcome.dueAt,
    events: outcome.events.map((e) => ({ seq: e.seq, type: e.type })),
    openTasks: outcome.openTasks,
  };
}

describe('one runtime API', () => {
  it("the README's example is the embedder function the test runs", () => {
    const source = readFileSync('test/support/readme-embedder.ts', 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .join('\n');
    expect(source).toContain(readmeBody().join('\n'));
  });

  it('runs unchanged on a MemoryRuntime and a PGlite DurableRuntime, with the same outcome', async () => {
    const memory = await readmeEmbedder(new MemoryRuntime({ clock: () => at }));
    const store = await createPgliteStore();
    try {
      const durable = await readmeEmbedder(new DurableRuntime({ store, clock: () => at }));
      expect(shape(durable)).toEqual(shape(memory));
      expect(memory.events.length).toBeGreaterThan(0);
      expect(memory.events[0]?.seq).toBeGreaterThan(1);
    } finally {
      await store.close();
    }
  });
});
