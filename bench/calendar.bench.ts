// Working-day calendar benchmark (issue 3).
//   pnpm exec tsx --conditions=@tongban/source bench/calendar.bench.ts
// Compares, in one run and on the same data and inputs:
//   ours   — WorkCalendar's public date API ('YYYY-MM-DD' in and out);
//   loop   — a day-by-day walk over integer day numbers with integer Sets (what most code does);
//   prefix — a bare prefix-count table on integers (the floor: no parsing, no formatting).
// Then the time and memory to build the calendar from the data package.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { dayNumberOf, getCalendar, officialMainlandData, WorkCalendar } from '@tongban/engine';

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

/** Best ops/s over three ~150 ms rounds (after one warm-up round) of `run`, which does COUNT ops. */
function opsPerSecond(run: (n: number) => void, n: number): number {
  let best = 0;
  for (let round = 0; round < 4; round++) {
    let ops = 0;
    const began = performance.now();
    let elapsed = 0;
    do {
      run(n);
      ops += COUNT;
      elapsed = performance.now() - began;
    } while (elapsed < 150);
    if (round > 0) best = Math.max(best, (ops / elapsed) * 1000);
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
  rows.push({
    op: 'addWorkingDays',
    n,
    ours: opsPerSecond(variants.oursAdd, n),
    loop: opsPerSecond(variants.loopAdd, n),
    prefix: opsPerSecond(variants.prefixAdd, n),
  });
  for (let i = 0; i < COUNT; i++) {
    toDays[i] = loopAdd(fromDays[i]!, n);
    toDates[i] = calendar.addWorkingDays(fromDates[i]!, n);
  }
  rows.push({
    op: 'workingDaysBetween',
    n,
    ours: opsPerSecond(variants.oursBetween, n),
    loop: opsPerSecond(variants.loopBetween, n),
    prefix: opsPerSecond(variants.prefixBetween, n),
  });
}

console.log(
  `Working-day calendar 'CN', data ${data.firstYear}–${data.lastYear}, ${COUNT} random start days, node ${process.version}`,
);
console.log(
  'ops/s (best of 3 rounds of ≥150 ms); ours = public date API with YYYY-MM-DD strings in and out\n',
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
    `adds/s at N=20 = ${format(target.ours)} (≥ 10 M)${sink === 0.5 ? '' : ''}`,
);
