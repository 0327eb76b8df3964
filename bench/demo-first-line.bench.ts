// Time to the first line of `tongban demo` (the README's quick start), as a newcomer sees it: the
// real launcher in a child process, from spawn to the first byte on stdout or stderr (progress
// lines go to stderr), to the first stdout byte, and to exit. Target (issue 17): first line < 3 s.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'packages', 'cli', 'bin', 'tongban.js');
const runs = Number(process.env.RUNS ?? '3');

interface Timing {
  firstLine: number;
  firstStdout: number;
  exit: number;
}

function once(): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let firstLine = Number.NaN;
    let firstStdout = Number.NaN;
    const child = spawn(process.execPath, [bin, 'demo'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const seen = (stream: 'out' | 'err') => () => {
      const at = performance.now() - start;
      if (Number.isNaN(firstLine)) firstLine = at;
      if (stream === 'out' && Number.isNaN(firstStdout)) firstStdout = at;
    };
    child.stdout.on('data', seen('out'));
    child.stderr.on('data', seen('err'));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`demo exited ${code}`));
      else resolve({ firstLine, firstStdout, exit: performance.now() - start });
    });
  });
}

const seconds = (ms: number): string => (ms / 1000).toFixed(2);
console.log('run  first line (s)  first stdout (s)  exit (s)');
const all: Timing[] = [];
for (let i = 1; i <= runs; i++) {
  const t = await once();
  all.push(t);
  console.log(
    `${String(i).padEnd(5)}${seconds(t.firstLine).padStart(14)}${seconds(t.firstStdout).padStart(18)}${seconds(t.exit).padStart(10)}`,
  );
}
const median = (values: number[]): number =>
  values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
console.log(
  `median first line ${seconds(median(all.map((t) => t.firstLine)))} s (target < 3 s), exit ${seconds(median(all.map((t) => t.exit)))} s; load average ${(
    await import('node:os')
  )
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
);
