import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyScenario } from '../../engine/test/support/malformed.js';
import { cli, REPO_ROOT } from './support/cli.js';

const BPMN = join(REPO_ROOT, 'examples', 'construction-permit', 'construction-permit.bpmn');
const dir = mkdtempSync(join(tmpdir(), 'tongban-simulate-property-'));

/**
 * JSON text of a value, without recursion: JSON.stringify overflows the stack on the 20,000-deep
 * values the arbitraries make, which a file can hold and JSON.parse reads.
 */
function jsonText(value: unknown): string {
  const out: string[] = [];
  const stack: unknown[] = [value];
  const CLOSE = Symbol('close');
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'object' && item !== null && CLOSE in item) {
      out.push(String((item as { [CLOSE]: string })[CLOSE]));
    } else if (Array.isArray(item)) {
      out.push('[');
      stack.push({ [CLOSE]: ']' });
      for (let i = item.length - 1; i >= 0; i--) {
        stack.push(item[i]);
        if (i > 0) stack.push({ [CLOSE]: ',' });
      }
    } else if (typeof item === 'object' && item !== null) {
      const keys = Object.keys(item);
      out.push('{');
      stack.push({ [CLOSE]: '}' });
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] ?? '';
        stack.push((item as Record<string, unknown>)[key]);
        stack.push({ [CLOSE]: `${i > 0 ? ',' : ''}${JSON.stringify(key)}:` });
      }
    } else {
      out.push(JSON.stringify(item) ?? 'null');
    }
  }
  return out.join('');
}

describe('tongban simulate, for any scenario file', () => {
  it('exits 0, or 1 with one line `tongban simulate: CODE: message` and no stack trace', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(anyScenario, async (scenario) => {
        const path = join(dir, `s${++n}.json`);
        writeFileSync(path, jsonText(scenario));
        const run = await cli('simulate', BPMN, path);
        if (run.code === 0) return;
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/^tongban simulate: [A-Z_]+: \S/);
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
      }),
      { numRuns: 40 },
    );
  });
});
