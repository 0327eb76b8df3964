// Working-day calendar benchmark (issue 3).
//   pnpm exec tsx --conditions=@tongban/source bench/calendar.bench.ts
// Compares, in one run and on the same data and inputs:
//   ours   — WorkCalendar's public date API ('YYYY-MM-DD' in and out);
//   loop   — a day-by-day walk over integer day numbers with integer Sets (what most code does);
//   prefix — a bare prefix-count table on integers (the floor: no parsing, no formatting).
// Then the time and memory to build the calendar from the data package.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  dayNumberOf,
  defaultCalendarRegistry,
  getCalendar,
  officialMainlandData,
  WorkCalendar,
} from '@tongban/engine/calendar';
import { clockStatus, resumeClock, startClock, suspendClock } from '@tongban/engine/clock';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const calendar = getCalendar('CN');
const data = officialMainlandData();

// ---- baselines on integer day numbers --------------------------------------------------------
const holidays = new Set(Object.keys(data.holidays).map(dayNumberOf));
const workdays = new Set(Object.keys(data.workdays).map(dayNumberOf));
const works = (x: number): boolean => {
  if (holidays.has(x)) return false;
  if (workdays.has(x)) return true;
  const weekday = (((x + 3) % 7) + 7) % 7; // 0 = Monday
  return weekday < 5;
};
const loopAdd = (x: number, n: number): number => {
  let day = x;
  for (let left = n; left > 0; ) if (works(++day)) left--;
  return day;
};
const loopBetween = (a: number, b: number): number => {
  let count = 0;
  for (let day = a + 1; day <= b; day++) if (works(day)) count++;
  return count;
};

const start = dayNumberOf(`${data.firstYear}-01-01`);
const size = dayNumberOf(`${data.lastYear}-12-31`) - start + 1;
const cum = new Int32Array(size + 1);
for (let i = 0; i < size; i++) cum[i + 1] = cum[i]! + (works(start + i) ? 1 : 0);
const nth = new Int32Array(cum[size]!);
for (let i = 0, k = 0; i < size; i++) if (works(start + i)) nth[k++] = i;
const prefixAdd = (x: number, n: number): number => start + nth[cum[x - start + 1]! + n - 1]!;
const prefixBetween = (a: number, b: number): number => cum[b - start + 1]! - cum[a - start + 1]!;

// ---- inputs ----------------------------------------------------------------------------------
const COUNT = 4096;
let seed = 42;
const random = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const lastStart = dayNumberOf(`${data.lastYear}-08-31`);
const fromDays = Array.from({ length: COUNT }, () => start + random(lastStart - start));
const fromDates = fromDays.map((x) => calendar.addNaturalDays(`${data.firstYear}-01-01`, x - start));

// ---- measurement -----------------------------------------------------------------------------
// Each variant has its own loop, so its call site stays monomorphic and can be inlined: a shared
// `op(i)` callback would measure the callback, not the operation.
let sink = 0;
const toDays: number[] = [];
const toDates: string[] = [];
const variants = {
  oursAdd(n: number): void {
    for (let i = 0; i < COUNT; i++) sink += calendar.addWorkingDays(fromDates[i]!, n).charCodeAt(9);
  },
  loopAdd(n: number): void {
    for (let i = 0; i < COUNT; i++) sink += loopAdd(fromDays[i]!, n);
  },
  prefixAdd(n: number): void {
    for (let i = 0; i < COUNT; i++) sink += prefixAdd(fromDays[i]!, n);
  },
  oursBetween(): void {
    for (let i = 0; i < COUNT; i++) sink += calendar.workingDaysBetween(fromDates[i]!, toDates[i]!);
  },
  loopBetween(): void {
    for (let i = 0; i < COUNT; i++) sink += loopBetween(fromDays[i]!, toDays[i]!);
  },
  prefixBetween(): void {
    for (let i = 0; i < COUNT; i++) sink += prefixBetween(fromDays[i]!, toDays[i]!);
  },
};

/** ops/s of one ≥100 ms round of `run`, which does COUNT ops a call. */
function round(run: (n: number) => void, n: number): number {
  let ops = 0;
  const began = performance.now();
  let elapsed = 0;
  do {
    run(n);
    ops += COUNT;
    elapsed = performance.now() - began;
  } while (elapsed < 100);
  return (ops / elapsed) * 1000;
}

/**
 * Best ops/s of each variant over ROUNDS interleaved rounds (after a warm-up round), so that load
 * from other processes on a shared machine hits all variants alike.
 */
const ROUNDS = 5;
function compare(runs: readonly ((n: number) => void)[], n: number): number[] {
  const best = runs.map(() => 0);
  for (let r = 0; r <= ROUNDS; r++) {
    runs.forEach((run, i) => {
      const ops = round(run, n);
      if (r > 0) best[i] = Math.max(best[i]!, ops);
    });
  }
  return best;
}

const format = (n: number) =>
  n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(0)} k` : n.toFixed(0);

interface Row {
  op: string;
  n: number;
  ours: number;
  loop: number;
  prefix: number;
}
const rows: Row[] = [];
for (const n of [1, 5, 20, 60]) {
  // Check all three agree before timing them.
  for (let i = 0; i < COUNT; i++) {
    const expected = loopAdd(fromDays[i]!, n);
    if (
      prefixAdd(fromDays[i]!, n) !== expected ||
      dayNumberOf(calendar.addWorkingDays(fromDates[i]!, n)) !== expected
    ) {
      throw new Error(`implementations disagree at ${fromDates[i]} + ${n}`);
    }
  }
  const adds = compare([variants.oursAdd, variants.loopAdd, variants.prefixAdd], n);
  rows.push({ op: 'addWorkingDays', n, ours: adds[0]!, loop: adds[1]!, prefix: adds[2]! });
  for (let i = 0; i < COUNT; i++) {
    toDays[i] = loopAdd(fromDays[i]!, n);
    toDates[i] = calendar.addWorkingDays(fromDates[i]!, n);
  }
  const betweens = compare([variants.oursBetween, variants.loopBetween, variants.prefixBetween], n);
  rows.push({ op: 'workingDaysBetween', n, ours: betweens[0]!, loop: betweens[1]!, prefix: betweens[2]! });
}

console.log(
  `Working-day calendar 'CN', data ${data.firstYear}–${data.lastYear}, ${COUNT} random start days, node ${process.version}`,
);
console.log(
  `ops/s, best of ${ROUNDS} interleaved rounds of ≥100 ms; ours = public date API, YYYY-MM-DD strings in and out\n`,
);
console.log('| operation | N | ours | day-by-day loop | prefix table (ints) | ours / loop | ours / prefix |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.op} | ${r.n} | ${format(r.ours)} | ${format(r.loop)} | ${format(r.prefix)} | ${(r.ours / r.loop).toFixed(1)}× | ${(r.ours / r.prefix).toFixed(2)}× |`,
  );
}

// ---- build time and memory -------------------------------------------------------------------
const BUILDS = 30;
const times: number[] = [];
for (let i = 0; i < BUILDS; i++) {
  const began = performance.now();
  new WorkCalendar({ name: 'CN', data });
  times.push(performance.now() - began);
}
times.sort((a, b) => a - b);
gc();
const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
const kept: WorkCalendar[] = [];
for (let i = 0; i < BUILDS; i++) kept.push(new WorkCalendar({ name: 'CN', data }));
gc();
const after = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
console.log(
  `\nbuild ${data.firstYear}–${data.lastYear} (${size} days): median ${times[BUILDS >> 1]!.toFixed(2)} ms, ` +
    `min ${times[0]!.toFixed(2)} ms; retained ≈ ${((after - before) / kept.length / 1024).toFixed(0)} KiB per calendar`,
);
const target = rows.find((r) => r.op === 'addWorkingDays' && r.n === 20)!;
console.log(
  `targets: ours/loop at N=20 = ${(target.ours / target.loop).toFixed(1)}× (≥ 20×), ` +
    `adds/s at N=20 = ${format(target.ours)} (≥ 10 M)`,
);

// ---- a whole clock status (what the runtime computes per clock and command) --------------------
const calendars = defaultCalendarRegistry();
const accepted = calendar.startOfDay('2026-02-09') + 10 * 3_600_000;
let clock = startClock({
  limit: { amount: 20, unit: 'workingDays' },
  calendar: 'CN',
  startedAt: accepted,
  warning: { kind: 'absolute', amount: 1, unit: 'workingDays' },
});
clock = resumeClock(
  suspendClock(clock, accepted + 20 * 86_400_000, '补正', 'clerk'),
  accepted + 23 * 86_400_000,
);
// Each call turns instants into Beijing days and back (cached per zone after the warm-up round).
const statusRun = () => {
  for (let i = 0; i < COUNT; i++)
    sink += clockStatus(clock, calendars, accepted + i * 600_000).remainingWorkingDays;
};
const [statusOps = 0] = compare([statusRun], 0);
console.log(
  `clockStatus (20 working days, one suspension, warning): ${format(statusOps)} /s${sink === 0.5 ? '' : ''}`,
);
