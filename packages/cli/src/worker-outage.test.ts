import { describe, expect, it } from 'vitest';
import { OutageReport } from './worker-outage.js';

describe('tongban worker outage report', () => {
  it('says once that the database is unreachable, then once that it works again', () => {
    const lines: string[] = [];
    const report = new OutageReport((line) => lines.push(line));
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    // drizzle wraps the driver's error; the four loops each report the same outage.
    const wrapped = new Error('Failed query: select 1', { cause: refused });
    for (const error of [refused, wrapped, refused, wrapped]) report.failed(error);
    report.recovered(7);
    report.recovered(3);
    expect(lines).toEqual([
      'tongban worker: cannot reach the database (connect ECONNREFUSED 127.0.0.1:5432); retrying with backoff (pauses doubling up to 30 s), and will say when it works again\n',
      'tongban worker: working again (after 7 failed attempts)\n',
    ]);
    report.failed(refused);
    expect(lines).toHaveLength(3);
  });
});
