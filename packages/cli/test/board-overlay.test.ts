import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteStore, DurableRuntime } from '@tongban/adapters';
import { defaultCalendarRegistry } from '@tongban/engine/calendar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiled } from '../../../test/support/adapters-models.js';
import { end, scope, start, task } from '../../engine/test/support/ir.js';
import { cli } from './support/cli.js';

// 2027's holidays as an agency loads them before the notice reaches the calendar package.
const NEXT_YEAR = { name: 'CN', extends: 'CN', lastYear: 2027, holidays: { '2027-01-01': '元旦' } };
let dir: string;
let overlay: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tongban-board-overlay-'));
  overlay = join(dir, 'cn-2027.json');
  writeFileSync(overlay, JSON.stringify(NEXT_YEAR));
  const store = await createPgliteStore({ dataDir: join(dir, 'db') });
  const calendars = defaultCalendarRegistry().withOverlay(NEXT_YEAR);
  const runtime = new DurableRuntime({
    store,
    clock: () => Date.parse('2026-12-15T09:00:00+08:00'),
    compileOptions: { calendars },
  });
  const definition = compiled(
    scope(
      'review_20',
      [start('s'), task('review', '市场监管局', { limit: { amount: 20, unit: 'workingDays' } }), end('e')],
      [
        ['s', 'review'],
        ['review', 'e'],
      ],
    ),
  );
  // Deployed once; the runtime loads the stored definition with its calendars, as a worker does.
  await new DurableRuntime({ store }).deploy(definition);
  await runtime.start(definition.hash, { type: 'start', caseId: 'into-2027' });
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface BoardJson {
  caseId: string;
  tasks: { elementId: string; dueAt: number | null; remainingWorkingDays: number | null }[];
}

const review = (stdout: string) =>
  (JSON.parse(stdout) as BoardJson[]).find((c) => c.caseId === 'into-2027')?.tasks[0];
const cn = defaultCalendarRegistry().getCalendar('CN');

describe('tongban board --overlay', () => {
  it('counts the days left on the same calendar as the worker', async () => {
    const args = ['board', '--data-dir', join(dir, 'db'), '--now', '2027-01-04T10:00:00+08:00', '--json'];
    const withOverlay = await cli(...args, '--overlay', overlay);
    const without = await cli(...args);
    expect(withOverlay.code).toBe(0);
    expect(without.code).toBe(0);
    // The worker set the deadline on the overlay: the end of 2027-01-13, 2027-01-01 (元旦) skipped.
    expect(review(withOverlay.stdout)).toMatchObject({
      dueAt: cn.endOfDay('2027-01-13'),
      remainingWorkingDays: 7,
    });
    // Without it the board counts 2027 on plain weekdays: a day early, a day short.
    expect(review(without.stdout)).toMatchObject({
      dueAt: cn.endOfDay('2027-01-12'),
      remainingWorkingDays: 6,
    });
  });

  it('stops with exit 1 on a bad overlay, before opening the database', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"name":"CN","extends":"CN","holidays":{"2027-02-30":"x"}}');
    const run = await cli('board', '--data-dir', join(dir, 'missing-db'), '--overlay', bad);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^tongban board: /);
  });
});
