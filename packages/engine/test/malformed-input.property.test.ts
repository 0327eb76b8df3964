import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TongbanError } from '../src/errors.js';
import type { CaseSnapshot } from '../src/model/snapshot.js';
import { ScenarioError, simulate } from '../src/runtime/simulate.js';
import { step } from '../src/runtime/step.js';
import type { Command } from '../src/runtime/types.js';
import { compiled, end, model, promisedMatter, scope, start, task } from './support/ir.js';
import { anyCommand, anyScenario, anyValue } from './support/malformed.js';

const bj = (iso: string): number => Date.parse(`${iso}+08:00`);
const def = compiled(
  model(
    scope(
      'p',
      [
        start('s'),
        task('accept', 'L', { role: 'lead', limit: { amount: 1, unit: 'workingDays' } }),
        task('a', 'A', { limit: { amount: 5, unit: 'workingDays' } }),
        end('e'),
      ],
      [
        ['s', 'accept'],
        ['accept', 'a'],
        ['a', 'e'],
      ],
    ),
    promisedMatter('MAL', 'malformed input'),
  ),
);

const T = bj('2026-03-02T09:00');
const started = step(def, null, { type: 'start', caseId: 'c' }, T);
if (!started.ok) throw started.error;
const running: CaseSnapshot = JSON.parse(JSON.stringify(started.snapshot)) as CaseSnapshot;

/** A snapshot with one part replaced by random JSON, as a damaged row would be. */
const damagedSnapshot = fc
  .tuple(
    fc.constantFrom(
      'machine',
      'context',
      'tasks',
      'timers',
      'vars',
      'clocks',
      'lights',
      'value',
      'caseId',
      'status',
      'startedAt',
      'updatedAt',
    ),
    anyValue,
  )
  .map(([part, value]): unknown => {
    const s = JSON.parse(JSON.stringify(running)) as Record<string, unknown> & {
      machine: { context: Record<string, unknown>; value: unknown };
    };
    if (part === 'machine') s.machine = value as never;
    else if (part === 'context') s.machine.context = value as never;
    else if (part === 'value') s.machine.value = value;
    else if (['tasks', 'timers', 'vars', 'clocks', 'lights'].includes(part)) s.machine.context[part] = value;
    else s[part] = value;
    return s;
  });

const anyNow = fc.oneof(
  fc.constant(T + 3_600_000),
  fc.double(),
  fc.integer(),
  fc.constantFrom(8.64e15, 8.64e15 + 1, -8.64e15 - 1, Number.MAX_VALUE),
);

describe('malformed input never throws out of step or simulate: it is a typed refusal', () => {
  it('step, for any command, snapshot and now', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(null), fc.constant(running), damagedSnapshot, anyValue),
        anyCommand,
        anyNow,
        (snapshot, command, now) => {
          const r = step(def, snapshot as CaseSnapshot | null, command as Command, now as number);
          if (!r.ok) {
            expect(r.error).toBeInstanceOf(TongbanError);
            expect(typeof (r.error as TongbanError & { code?: unknown }).code).toBe('string');
          }
        },
      ),
      { numRuns: Number(process.env.TONGBAN_FUZZ_RUNS ?? 400) },
    );
  });

  it('simulate, for any scenario', async () => {
    await fc.assert(
      fc.asyncProperty(anyScenario, async (scenario) => {
        try {
          await simulate(def, scenario as never);
        } catch (error) {
          expect(error).toBeInstanceOf(ScenarioError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
