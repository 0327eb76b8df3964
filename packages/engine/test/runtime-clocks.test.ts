import { describe, expect, it } from 'vitest';
import type { MatterInfo } from '../src/model/process.js';
import type { CaseSnapshot } from '../src/model/snapshot.js';
import { type StepApplied, step } from '../src/runtime/step.js';
import type { Command } from '../src/runtime/types.js';
import { boundary, compiled, end, model, scope, start, task, timer } from './support/ir.js';

/** Beijing wall time as an instant. */
const bj = (iso: string): number => Date.parse(`${iso}+08:00`);

const matter: MatterInfo = {
  code: 'T-001',
  name: '测试事项',
  kind: 'promised',
  legalLimit: { amount: 20, unit: 'workingDays' },
  promisedLimit: { amount: 20, unit: 'workingDays' },
  warning: { kind: 'absolute', amount: 1, unit: 'workingDays' },
  extensionCap: 10,
  calendar: null,
};

const def = compiled(
  model(
    scope(
      'p',
      [
        start('s'),
        task('co', '消防救援支队', { limit: { amount: 5, unit: 'workingDays' }, boundaries: ['overdue'] }),
        boundary('overdue', 'co', timer('P7D', 'CN'), false),
        task('urge', '监察室'),
        task('lead', '住建局'),
        end('e1'),
        end('e2'),
      ],
      [
        ['s', 'co'],
        ['co', 'lead'],
        ['lead', 'e1'],
        ['overdue', 'urge'],
        ['urge', 'e2'],
      ],
    ),
    matter,
  ),
);

function run(snapshot: CaseSnapshot | null, command: Command, at: number): StepApplied {
  const r = step(def, snapshot, command, at);
  if (!r.ok) throw r.error;
  return r;
}

describe('clocks in the runtime', () => {
  const accepted = bj('2026-02-09T10:00:00');
  const started = run(null, { type: 'start', caseId: 'k1' }, accepted);

  it('starts the case clock at acceptance: 20 working days across 春节 end on 2026-03-13', () => {
    expect(started.snapshot.dueAt).toBe(bj('2026-03-14T00:00:00'));
    expect(started.snapshot.light).toBe('green');
  });

  it('gives the co-handling task its own deadline and a working-day boundary timer', () => {
    const [co] = started.openTasks;
    // 5 working days after Mon 2026-02-09: 10, 11, 12, 13, 14 (the make-up Saturday).
    expect(co?.dueAt).toBe(bj('2026-02-15T00:00:00'));
    const overdue = started.timers.set.find((t) => t.elementId === 'overdue');
    // 7 working days after 02-09: 10, 11, 12, 13, 14, then 春节 until 02-23, then 24, 25.
    expect(overdue?.dueAt).toBe(bj('2026-02-25T10:00:00'));
  });

  it('schedules every light change as a timer and changes the light when it fires', () => {
    const lights = started.timers.set.filter((t) => t.purpose === 'light');
    expect(lights.map((t) => t.elementId).sort()).toEqual(['co', null].sort());
    const caseLight = lights.find((t) => t.elementId === null)!;
    // Warning 1 working day before the due day (提前1个工作日预警): from the start of 2026-03-12.
    expect(caseLight.dueAt).toBe(bj('2026-03-12T00:00:00'));

    let snap = started.snapshot;
    const taskLight = lights.find((t) => t.elementId === 'co')!;
    const yellow = run(snap, { type: 'fireTimer', timerId: taskLight.id }, taskLight.dueAt);
    const change = yellow.events.find((e) => e.type === 'light.changed');
    expect(change?.data).toMatchObject({ clock: 'task', from: 'green', to: 'yellow' });
    expect(change?.department).toBe('消防救援支队');
    const red = yellow.timers.set.find((t) => t.purpose === 'light' && t.elementId === 'co')!;
    expect(red.dueAt).toBe(bj('2026-02-15T00:00:00'));
    snap = yellow.snapshot;
    const overdue = run(snap, { type: 'fireTimer', timerId: red.id }, red.dueAt);
    expect(overdue.events.find((e) => e.type === 'light.changed')?.data).toMatchObject({
      from: 'yellow',
      to: 'red',
    });
    expect(overdue.timers.set.filter((t) => t.purpose === 'light' && t.elementId === 'co')).toEqual([]);
  });

  it('cancels a task clock and its light timer when the task completes, and stops the case clock at the end', () => {
    const co = started.openTasks[0]!;
    const done = run(
      started.snapshot,
      { type: 'completeTask', taskId: co.id, department: co.department! },
      bj('2026-02-11T09:00:00'),
    );
    const cancelled = new Set(done.timers.cancel);
    for (const t of started.timers.set.filter((x) => x.elementId === 'co' || x.elementId === 'overdue')) {
      expect(cancelled.has(t.id)).toBe(true);
    }
    const lead = done.openTasks[0]!;
    const closed = run(
      done.snapshot,
      { type: 'completeTask', taskId: lead.id, department: '住建局' },
      bj('2026-02-12T09:00:00'),
    );
    expect(closed.snapshot.status).toBe('completed');
    expect(Object.keys(closed.snapshot.machine.context.timers)).toEqual([]);
    expect(closed.snapshot.machine.context.clocks.case?.stoppedAt).toBe(bj('2026-02-12T09:00:00'));
  });
});
