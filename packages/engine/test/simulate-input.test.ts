import { describe, expect, it } from 'vitest';
import { ScenarioError, simulate } from '../src/runtime/simulate.js';
import { compiled, end, model, scope, start, task } from './support/ir.js';

const def = compiled(
  model(
    scope(
      'p',
      [start('s'), task('a', 'L', { role: 'lead', limit: { amount: 5, unit: 'workingDays' } }), end('e')],
      [
        ['s', 'a'],
        ['a', 'e'],
      ],
    ),
    {
      code: 'SIM',
      name: 'simulate input',
      kind: 'promised',
      legalLimit: null,
      promisedLimit: { amount: 20, unit: 'workingDays' },
      warning: null,
      extensionCap: null,
      calendar: null,
    },
  ),
);

/** What `simulate` rejected with: a ScenarioError's code, field and step, or what else escaped. */
async function outcome(scenario: unknown): Promise<string> {
  try {
    await simulate(def, scenario as never);
    return 'ran';
  } catch (error) {
    if (!(error instanceof ScenarioError)) return `escaped: ${String(error)}`;
    return `${error.code} ${error.refusal?.code ?? '-'} step ${error.step}: ${error.message}`;
  }
}

const at = '2026-03-02T09:00';
let deep: unknown = 1;
for (let i = 0; i < 20_000; i++) deep = { d: deep };

describe('simulate refuses a malformed start with BAD_SCENARIO naming the field', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['caseId a number', { caseId: 5 }, '`start.caseId`'],
    ['caseId empty', { caseId: '' }, '`start.caseId`'],
    ['variables a string', { variables: 'x' }, '`start.variables`'],
    ['variables a list', { variables: [1, 2] }, '`start.variables`'],
    ['variables nested 20,000 deep', { variables: { v: deep } }, '`start.variables`'],
    [
      'a variable named __proto__',
      { variables: JSON.parse('{"__proto__": 1}') },
      '`start.variables.__proto__`',
    ],
    ['coDepartments a string', { coDepartments: '公安局' }, '`start.coDepartments`'],
    ['coDepartments [1, null]', { coDepartments: [1, null] }, '`start.coDepartments`'],
    ['actor an object', { actor: { id: 'x' } }, '`start.actor`'],
    ['actor a number', { actor: 7 }, '`start.actor`'],
    ['intake unknown', { intake: 'later' }, '`start.intake`'],
  ];
  for (const [name, fields, field] of cases) {
    it(name, async () => {
      const got = await outcome({ start: { at, ...fields } });
      expect(got).toMatch(/^BAD_SCENARIO - step -1: /);
      expect(got).toContain(field);
    });
  }

  it('a step with variables a list, or nested 20,000 deep, names the step', async () => {
    for (const variables of [[1], { v: deep }]) {
      const got = await outcome({ start: { at }, steps: [{ at, complete: 'a', variables }] });
      expect(got).toMatch(/^BAD_SCENARIO - step 0: Step 1: `variables`/);
    }
  });
});

describe('simulate refuses a start the calendar data does not cover, saying what it covers', () => {
  for (const when of [
    '2003-03-03T09:00',
    '1969-07-21T09:00',
    '2031-03-03T09:00',
    '0000-03-02T09:00',
    '9999-03-02T09:00',
    '2026-12-15T09:00',
  ]) {
    it(when, async () => {
      const got = await outcome({ start: { at: when } });
      expect(got).toMatch(/^STEP_REFUSED CALENDAR_HORIZON step -1: /);
      expect(got).toContain('2004–2026');
    });
  }
});
