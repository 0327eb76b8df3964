import fc from 'fast-check';
import { WHO_MAY } from '../../src/runtime/commands/table.js';

/**
 * Arbitraries for input that arrives as JSON from outside (HTTP, queues, scenario files): random
 * JSON, wrong types, names that are not case data, and nesting far deeper than any real variable.
 */

/** A value nested `depth` levels deep, in objects or lists. */
export const deeplyNested = fc
  .tuple(fc.integer({ min: 30, max: 20_000 }), fc.boolean())
  .map(([depth, lists]) => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = lists ? [value] : { d: value };
    // fast-check prints a counterexample recursively; this keeps a failure readable (and printable).
    // A symbol key is invisible to JSON and to Object.keys.
    Object.defineProperty(value, fc.toStringMethod, {
      value: () => `<${lists ? 'lists' : 'objects'} nested ${depth} deep>`,
    });
    return value;
  });

const awkward = fc.constantFrom<unknown>(
  '',
  '__proto__',
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  8.64e15 + 1,
  [],
  {},
  [1, null],
  { id: 5 },
  { id: '' },
  { id: 'x', kind: 'god' },
  { id: 'x', kind: 'supervisor' },
  JSON.parse('{"__proto__": {"x": 1}}'),
  JSON.parse('{"constructor": 1}'),
);

/** Anything JSON can carry, plus the awkward values above and deep nesting. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 3, arbitrary: awkward },
  { weight: 1, arbitrary: deeplyNested },
);

const FIELDS = [
  'caseId',
  'taskId',
  'department',
  'variables',
  'actor',
  'outcome',
  'opinion',
  'reason',
  'name',
  'timerId',
  'errorCode',
  'elementId',
  'to',
  'days',
  'limit',
  'departments',
  'handlers',
  'coDepartments',
  'intake',
  'mode',
  'message',
  'replyWithin',
  'supervisionId',
  'answer',
  'items',
  'kind',
] as const;

/** Objects shaped almost like commands: a real (or wrong) type and random fields. */
export const nearCommand: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.oneof(fc.constantFrom(...Object.keys(WHO_MAY)), anyValue),
    fc.dictionary(fc.constantFrom(...FIELDS), anyValue, { maxKeys: 6 }),
  )
  .map(([type, fields]) => ({ ...fields, type }));

/** Anything as a command: random JSON, or nearly a command. */
export const anyCommand: fc.Arbitrary<unknown> = fc.oneof(anyValue, nearCommand, nearCommand);

const STEP_KEYS = [
  'at',
  'complete',
  'department',
  'outcome',
  'opinion',
  'actor',
  'actorKind',
  'actorDepartment',
  'variables',
  'message',
  'completeService',
  'failService',
  'errorCode',
  'withdraw',
  'reason',
  'advanceTo',
  'op',
  'task',
  'days',
  'to',
] as const;

const time = fc.oneof(
  fc.constantFrom(
    '2026-03-02T09:00',
    '2026-03-05T10:00',
    '2026-12-15T09:00',
    '2003-03-03T09:00',
    '1969-07-21T09:00',
    '0000-03-02T09:00',
    '9999-03-02T09:00',
    '+275760-09-13T00:00',
    'yesterday',
  ),
  anyValue,
);

/** Scenarios as people and programs get them wrong: wrong types, unknown keys, deep nesting. */
export const anyScenario: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 1, arbitrary: anyValue },
  {
    weight: 5,
    arbitrary: fc.record(
      {
        start: fc.oneof(
          anyValue,
          fc.record(
            {
              at: time,
              caseId: anyValue,
              variables: anyValue,
              coDepartments: anyValue,
              actor: anyValue,
              intake: anyValue,
            },
            { requiredKeys: ['at'] },
          ),
        ),
        steps: fc.oneof(
          anyValue,
          fc.array(
            fc.dictionary(
              fc.constantFrom(...STEP_KEYS),
              fc.oneof(anyValue, time, fc.constantFrom('Accept', 'a', 'accept', 'extend', 'recall')),
              { maxKeys: 5 },
            ),
            { maxLength: 4 },
          ),
        ),
        until: time,
      },
      { requiredKeys: [] },
    ),
  },
);
