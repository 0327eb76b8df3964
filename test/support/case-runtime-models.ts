// Models for the CaseRuntime contract suite: two versions of one process, and tasks with limits.
import type { CompiledDefinition } from '@tongban/engine';
import {
  compiled as compiledModel,
  end,
  model,
  scope,
  start,
  task,
} from '../../packages/engine/test/support/ir.js';
import { compiled } from './adapters-models.js';

/** Version `n` (1 or 2) of process `permit`: one review task, then (in version 2) a decision. */
export function permitVersion(n: 1 | 2): CompiledDefinition {
  return n === 1
    ? compiled(
        scope(
          'permit',
          [start('s'), task('review', '住建局'), end('e')],
          [
            ['s', 'review'],
            ['review', 'e'],
          ],
        ),
      )
    : compiled(
        scope(
          'permit',
          [start('s'), task('review', '住建局'), task('decide', '住建局'), end('e')],
          [
            ['s', 'review'],
            ['review', 'decide'],
            ['decide', 'e'],
          ],
        ),
      );
}

/**
 * How the review task of {@link limitedReview} is timed: `same` as the case (its own clock, green
 * at first); `warned`, its own clock yellow from the start (its whole limit is the warning window)
 * while the case stays green; `none`, no clock of its own.
 */
export type ReviewClock = 'same' | 'warned' | 'none';

/**
 * Matter `code` (承诺时限 `days` working days): one review by `department`, limited to `days`
 * working days too (the worklists' due dates and lights), unless `clock` says otherwise.
 */
export function limitedReview(
  code: string,
  department: string,
  days: number,
  clock: ReviewClock = 'same',
): CompiledDefinition {
  const limit = { amount: days, unit: 'workingDays' } as const;
  const timing =
    clock === 'none'
      ? {}
      : clock === 'warned'
        ? { limit, warning: { kind: 'share', share: 1 } as const }
        : { limit };
  const root = scope(
    `review_${code.replace(/[^A-Za-z0-9]/g, '_')}`,
    [start('s'), task('review', department, { ...timing, role: 'lead' }), end('e')],
    [
      ['s', 'review'],
      ['review', 'e'],
    ],
  );
  return compiledModel(
    model(root, {
      code,
      name: null,
      kind: 'promised',
      legalLimit: null,
      promisedLimit: { amount: days, unit: 'workingDays' },
      warning: null,
      extensionCap: null,
      calendar: null,
    }),
  );
}
