// Results must not depend on the host's TZ (issue 3). The same computations run in child Node
// processes under several TZ values, and their outputs must be identical. (The holiday package's
// own date functions give dates one day early west of UTC, which is why we read only its raw data;
// docs/time-rules.md shows it.)
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

const SCRIPT = `
const { defaultCalendarRegistry } = await import('./packages/engine/src/calendar/index.ts');
const clock = await import('./packages/engine/src/clock/index.ts');
const calendars = defaultCalendarRegistry();
const out = [];
let seed = 20260209;
const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const START = Date.UTC(2019, 11, 31, 16);
for (const name of ['CN', 'CN-GX']) {
  const cal = calendars.getCalendar(name);
  for (let i = 0; i < 400; i++) {
    const instant = START + random(6 * 365) * 86400000 + random(86400000);
    const date = cal.civilDateOf(instant);
    const other = cal.addNaturalDays(date, random(200) - 100);
    out.push(date, cal.isWorkingDay(date), cal.addWorkingDays(date, random(61)), cal.workingDaysBetween(date, other),
      cal.startOfDay(date), cal.endOfDay(date), cal.previousWorkingDay(date));
  }
}
const units = ['workingDays', 'naturalDays', 'hours'];
for (let i = 0; i < 200; i++) {
  const startedAt = START + random(6 * 365) * 86400000 + random(86400000);
  let c = clock.startClock({ limit: { amount: 1 + random(40), unit: units[random(3)] }, calendar: 'CN', startedAt,
    warning: { kind: 'absolute', amount: random(3), unit: 'workingDays' } });
  const from = startedAt + random(20 * 86400000);
  c = clock.resumeClock(clock.suspendClock(c, from, 'x', 'y'), from + random(5 * 86400000));
  const now = startedAt + random(60 * 86400000);
  out.push(clock.clockStatus(c, calendars, now, { provisional: true }));
  out.push(clock.timerDueAt({ type: 'duration', value: 'P' + random(10) + 'DT' + random(24) + 'H', calendar: random(2) ? 'CN' : null }, startedAt, calendars, { provisional: true }));
  out.push(clock.timerDueAt({ type: 'date', value: '2026-03-01T09:00:00', calendar: null }, startedAt, calendars));
}
console.log(JSON.stringify(out));
`;

async function runUnder(tz: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
    cwd: root,
    env: { ...process.env, TZ: tz },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

describe('host time zone', () => {
  it('gives identical calendar, clock and timer results under any TZ', async () => {
    const zones = ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC'];
    const [west, east, utc] = await Promise.all(zones.map(runUnder));
    const parsed = JSON.parse(utc ?? '[]') as unknown[];
    expect(parsed.length).toBeGreaterThan(5000);
    expect(west).toBe(utc);
    expect(east).toBe(utc);
  });

  it('runs the children under those zones (a host-local computation does differ there)', async () => {
    const script = 'console.log(new Date(2026, 1, 9).getTime())';
    const under = async (tz: string) =>
      (await run(process.execPath, ['-e', script], { env: { ...process.env, TZ: tz } })).stdout.trim();
    const [west, east] = await Promise.all([under('America/Los_Angeles'), under('Pacific/Kiritimati')]);
    expect(Number(west) - Number(east)).toBe(22 * 3_600_000);
  });
});
