// The 广西 壮族三月三 days come from the platform's ICU Chinese calendar; cross-check them with the
// holiday package's lunar conversion, run where that conversion is right (host TZ Asia/Shanghai).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { solarDateOfLunar } from '../packages/engine/src/calendar/index.js';

const run = promisify(execFile);
const engine = fileURLToPath(new URL('../packages/engine/', import.meta.url));

describe('lunar dates', () => {
  it('lunar 3/3 and 3/4 agree with chinese-days for every year of data', async () => {
    const script = `
      const cd = require('chinese-days');
      const out = [];
      for (let y = 2004; y <= 2026; y++) out.push(cd.getSolarDateFromLunar(y + '-03-03').date, cd.getSolarDateFromLunar(y + '-03-04').date);
      console.log(JSON.stringify(out));`;
    const { stdout } = await run(process.execPath, ['-e', script], {
      cwd: engine,
      env: { ...process.env, TZ: 'Asia/Shanghai' },
    });
    const ours: (string | null)[] = [];
    for (let year = 2004; year <= 2026; year++)
      ours.push(solarDateOfLunar(year, 3, 3), solarDateOfLunar(year, 3, 4));
    expect(ours).toEqual(JSON.parse(stdout));
  });

  it('skips leap months and knows a lunar new year', () => {
    // 2020 had a leap 4th month; 2023 a leap 2nd month.
    expect(solarDateOfLunar(2020, 4, 1)).toBe('2020-04-23');
    expect(solarDateOfLunar(2023, 3, 1)).toBe('2023-04-20');
    expect(solarDateOfLunar(2026, 1, 1)).toBe('2026-02-17');
  });
});
