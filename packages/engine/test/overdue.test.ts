import { describe, expect, it } from 'vitest';
import { defaultCalendarRegistry } from '../src/calendar/registry.js';
import { startClock } from '../src/clock/commands.js';
import { clockStatus } from '../src/clock/light.js';
import type { CaseSnapshot } from '../src/model/snapshot.js';
import { type StepApplied, step } from '../src/runtime/step.js';
import type { Command } from '../src/runtime/types.js';
import { supervisionPayload } from '../src/supervision/payload.js';
import { compiled, end, model, scope, start, task } from './support/ir.js';

/** Beijing wall time as an instant. */
const bj = (iso: string): number => Date.parse(`${iso}+08:00`);
const calendars = defaultCalendarRegistry();

describe('overdue is unambiguous', () => {
  // Mon 2026-03-02 + 4 working days: due Fri 03-06, red from Sat 03-07 00:00.
  const clock = startClock(
    { limit: { amount: 4, unit: 'workingDays' }, calendar: 'CN', startedAt: bj('2026-03-02T10:00:00') },
    calendars,
  );

  it('a clock that is red on the rest day after its due date is overdue, with remaining below 0', () => {
    const saturday = clockStatus(clock, calendars, bj('2026-03-07T09:00:00'));
    expect(saturday).toMatchObject({ light: 'red', overdue: true, remainingWorkingDays: -1 });
    // The first working day after the due date is the same first overdue day.
    const monday = clockStatus(clock, calendars, bj('2026-03-09T09:00:00'));
    expect(monday).toMatchObject({ light: 'red', overdue: true, remainingWorkingDays: -1 });
    expect(clockStatus(clock, calendars, bj('2026-03-10T09:00:00')).remainingWorkingDays).toBe(-2);
  });

  it('a clock on its due date is not overdue and has 0 left', () => {
    expect(clockStatus(clock, calendars, bj('2026-03-06T23:00:00'))).toMatchObject({
      light: 'green',
      overdue: false,
      remainingWorkingDays: 0,
    });
  });

  it('hours clocks overdue on their due day say -1, not 0', () => {
    const hours = startClock(
      { limit: { amount: 2, unit: 'hours' }, calendar: 'CN', startedAt: bj('2026-03-02T10:00:00') },
      calendars,
    );
    expect(clockStatus(hours, calendars, bj('2026-03-02T13:00:00'))).toMatchObject({
      light: 'red',
      overdue: true,
      remainingWorkingDays: -1,
    });
  });

  const def = compiled(
    model(
      scope(
        'p',
        [
          start('s'),
          task('review', '住建局', { role: 'lead', limit: { amount: 4, unit: 'workingDays' } }),
          end('e'),
        ],
        [
          ['s', 'review'],
          ['review', 'e'],
        ],
      ),
    ),
  );
  const run = (snapshot: CaseSnapshot | null, command: Command, at: number): StepApplied => {
    const r = step(def, snapshot, command, at);
    if (!r.ok) throw r.error;
    return r;
  };

  it('the red light.changed of a task that turns red on a rest day says overdue, remaining < 0', () => {
    const opened = run(null, { type: 'start', caseId: 'o1' }, bj('2026-03-02T10:00:00'));
    const red = opened.timers.set.find((t) => t.purpose === 'light')!;
    expect(red.dueAt).toBe(bj('2026-03-07T00:00:00'));
    const fired = run(opened.snapshot, { type: 'fireTimer', timerId: red.id }, red.dueAt);
    const light = fired.events.find((e) => e.type === 'light.changed');
    expect(light?.data).toMatchObject({ to: 'red', overdue: true, remainingWorkingDays: -1 });
    const payload = supervisionPayload(light!, { definition: def, snapshot: fired.snapshot });
    expect(payload).toMatchObject({ overdue: true, remainingWorkingDays: -1 });

    const task = fired.openTasks[0]!;
    const done = run(
      fired.snapshot,
      { type: 'completeTask', taskId: task.id, department: '住建局' },
      bj('2026-03-08T10:00:00'),
    );
    const completed = done.events.find((e) => e.type === 'task.completed');
    expect(completed?.data).toMatchObject({ late: true, overdue: true, remainingWorkingDays: -1 });
  });
});
