import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../../test/support/cli.js';

afterEach(() => {
  process.exitCode = undefined;
});

describe('tongban deadline', () => {
  it('prints the last day of a working-day limit (the worked examples)', async () => {
    expect(await cli('deadline', '--from', '2026-02-09', '--working-days', '20')).toEqual({
      code: 0,
      stdout: '2026-03-13\n',
      stderr: '',
    });
    expect((await cli('deadline', '--from', '2026-02-13', '--working-days', '1')).stdout).toBe(
      '2026-02-14\n',
    );
    expect((await cli('deadline', '--from', '2025-09-30', '--working-days', '3')).stdout).toBe(
      '2025-10-11\n',
    );
  });

  it('counts natural days and other calendars', async () => {
    expect((await cli('deadline', '--from', '2026-02-09', '--natural-days', '20')).stdout).toBe(
      '2026-03-01\n',
    );
    expect(
      (await cli('deadline', '--from', '2025-03-28', '--working-days', '1', '--calendar', 'CN-GX')).stdout,
    ).toBe('2025-04-02\n');
  });

  it('fails with exit 1 past the horizon, and answers with a warning when --provisional', async () => {
    const refused = await cli('deadline', '--from', '2026-12-20', '--working-days', '20');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/2004–2026 only.*2027-01-01/);
    const provisional = await cli(
      'deadline',
      '--from',
      '2026-12-20',
      '--working-days',
      '20',
      '--provisional',
    );
    expect(provisional.code).toBe(0);
    expect(provisional.stdout).toBe('2027-01-15\n');
    expect(provisional.stderr).toMatch(/warning: provisional/);
  });

  it('exits 2 on usage errors', async () => {
    for (const argv of [
      ['deadline', '--working-days', '3'],
      ['deadline', '--from', '2026-02-30', '--working-days', '3'],
      ['deadline', '--from', '2026-02-09'],
      ['deadline', '--from', '2026-02-09', '--working-days', '3', '--natural-days', '3'],
      ['deadline', '--from', '2026-02-09', '--working-days', '-3'],
      ['deadline', '--from', '2026-02-09', '--working-days', 'x'],
      ['deadline', '--from', '2026-02-09', '--working-days', '3', '--calendar', 'XX'],
    ]) {
      const result = await cli(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
    }
  });

  it('loads an overlay file, and refuses a bad one with exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tongban-overlay-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ name: 'LOCAL', extends: 'CN', holidays: ['2026-02-10'] }));
    expect(
      (
        await cli(
          'deadline',
          '--from',
          '2026-02-09',
          '--working-days',
          '1',
          '--calendar',
          'LOCAL',
          '--overlay',
          good,
        )
      ).stdout,
    ).toBe('2026-02-11\n');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"name": "LOCAL", "extends": "CN", "holidays": ["soon"]}');
    const result = await cli('deadline', '--from', '2026-02-09', '--working-days', '1', '--overlay', bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/holidays\[0\] is "soon"/);
  });

  it('runs as a real command, with its exit code', async () => {
    const bin = fileURLToPath(new URL('../../bin/tongban.js', import.meta.url));
    const exec = (...argv: string[]) =>
      promisify(execFile)(process.execPath, [bin, ...argv]).catch(
        (error: { code: number; stdout: string }) => error,
      );
    const [ok, failed] = await Promise.all([
      exec('deadline', '--from', '2026-02-09', '--working-days', '20'),
      exec('workdays', '--from', '2026-12-01', '--to', '2027-01-08'),
    ]);
    expect(ok).toMatchObject({ stdout: '2026-03-13\n' });
    expect(failed).toMatchObject({ code: 1, stdout: '' });
  });
});

describe('tongban workdays', () => {
  it('prints the working days after --from up to and including --to', async () => {
    expect(await cli('workdays', '--from', '2026-02-09', '--to', '2026-03-13')).toEqual({
      code: 0,
      stdout: '20\n',
      stderr: '',
    });
    expect((await cli('workdays', '--from', '2026-03-13', '--to', '2026-02-09')).stdout).toBe('-20\n');
    expect(
      (await cli('workdays', '--from', '2025-03-28', '--to', '2025-04-02', '--calendar', 'CN-GX')).stdout,
    ).toBe('1\n');
  });

  it('fails past the horizon unless --provisional', async () => {
    expect((await cli('workdays', '--from', '2026-12-01', '--to', '2027-01-08')).code).toBe(1);
    const provisional = await cli('workdays', '--from', '2026-12-31', '--to', '2027-01-08', '--provisional');
    expect(provisional).toMatchObject({ code: 0, stdout: '6\n' });
    expect(provisional.stderr).toMatch(/provisional/);
  });

  it('exits 2 without both dates', async () => {
    expect((await cli('workdays', '--from', '2026-02-09')).code).toBe(2);
    expect((await cli('workdays', '--to', '2026-02-09')).code).toBe(2);
  });
});
