import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteStore, DurableRuntime } from '@tongban/adapters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timedParallel, timedSingle } from '../../../test/support/supervision-models.js';
import { cli } from './support/cli.js';

const bj = (iso: string): number => Date.parse(`${iso}+08:00`);
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tongban-supervision-cli-'));
  const store = await createPgliteStore({ dataDir: dir });
  let at = bj('2026-03-02T09:00:00');
  const runtime = new DurableRuntime({ store, clock: () => at });
  const parallel = timedParallel();
  const single = timedSingle();
  await runtime.deploy(parallel);
  await runtime.deploy(single);
  const staff = { id: '窗口-甲', kind: 'staff', department: '1号窗口' } as const;
  await runtime.start(parallel.hash, { type: 'start', caseId: 'late-case', actor: staff });
  at = bj('2026-03-05T09:00:00');
  await runtime.start(single.hash, { type: 'start', caseId: 'fresh-case', actor: staff });
  await runtime.start(single.hash, { type: 'start', caseId: 'done-case', actor: staff });
  const [review] = (await runtime.tasks('done-case')).filter((t) => t.status === 'open');
  await runtime.execute('done-case', {
    type: 'completeTask',
    taskId: review?.taskId ?? '',
    department: '市场监管局',
    outcome: 'approve',
    opinion: '同意, 准予许可',
    actor: { id: '科员-李', kind: 'staff', department: '市场监管局' },
  });
  await runtime.execute('late-case', {
    type: 'urge',
    message: '请加快办理',
    actor: { id: '监察室-陈', kind: 'supervisor' },
  });
  await store.close();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('tongban board, stats and export', () => {
  it('board: red cases first, each with its open tasks', async () => {
    const run = await cli('board', '--data-dir', dir, '--now', '2026-03-06T10:00:00+08:00');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^灯\s+办件\s+事项/);
    const caseLines = lines.filter((line) => /^\S/.test(line)).slice(1);
    expect(caseLines.map((line) => line.split(/\s+/)[2])).toEqual(['late-case', 'fresh-case']);
    expect(caseLines[0]).toContain('● 红');
    // The overdue tasks first, each with its deadline and the working days past it.
    expect(lines.slice(2, 4)).toEqual([
      '    ● 红  消防救援支队 fire_review  截止 2026-03-04  剩余 -2 个工作日',
      '    ● 红  住建局 lead_review  截止 2026-03-05  剩余 -1 个工作日',
    ]);
    const json = await cli('board', '--data-dir', dir, '--now', '2026-03-06', '--light', 'red', '--json');
    const red = JSON.parse(json.stdout) as { caseId: string; tasks: { dueAt: number; lastDay: string }[] }[];
    expect(red.map((c) => c.caseId)).toEqual(['late-case']);
    // JSON keeps the instant for comparisons and carries the last day people read.
    expect(red[0]?.tasks[0]).toMatchObject({ dueAt: bj('2026-03-05T00:00:00'), lastDay: '2026-03-04' });
    expect((await cli('board', '--data-dir', dir, '--light', 'blue')).code).toBe(2);
    // Opening the embedded database takes seconds: said on stderr, before and after.
    expect(run.stderr).toMatch(/^正在打开嵌入式数据库 .+…\n数据库已打开（\d+\.\d 秒）\n$/);
  });

  it('board --lang en: one language, headers, status and lights', async () => {
    const run = await cli('board', '--data-dir', dir, '--now', '2026-03-06', '--lang', 'en');
    expect(run.code).toBe(0);
    const [header, first, task] = run.stdout.split('\n');
    expect(header).toMatch(/^light\s+case\s+matter\s+lead\s+accepted by\s+last day\s+days left\s+status$/);
    expect(first).toMatch(/^● red\s+late-case\s.*\srunning$/);
    expect(task).toBe('    ● red  消防救援支队 fire_review  last day 2026-03-04  -2 working days left');
    const zh = await cli('board', '--data-dir', dir, '--now', '2026-03-06');
    expect(zh.stdout.split('\n')[1]).toMatch(/办理中$/);
    expect(zh.stdout).not.toMatch(/running/);
    expect((await cli('board', '--data-dir', dir, '--lang', 'fr')).code).toBe(2);
  });

  it("board --department: the matching cases with only that department's open tasks", async () => {
    const run = await cli('board', '--data-dir', dir, '--now', '2026-03-06', '--department', '消防救援支队');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').filter((line) => line !== '');
    const caseLines = lines.filter((line) => /^\S/.test(line)).slice(1);
    expect(caseLines.map((line) => line.split(/\s+/)[2])).toEqual(['late-case']);
    const taskLines = lines.filter((line) => line.startsWith('    '));
    expect(taskLines).toHaveLength(1);
    expect(taskLines[0]).toContain('消防救援支队 fire_review');
    expect(run.stdout).not.toContain('lead_review');
  });

  it('stats: per department over a period, with totals', async () => {
    const run = await cli(
      'stats',
      '--data-dir',
      dir,
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
      '--by',
      'department',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^部门\s+收件\s+办结\s+按时/);
    expect(run.stdout).toMatch(/^市场监管局\s+2\s+1\s+1\s+1\s+0\s+0\s+0\s+0\s+0\s+0\s+0$/m);
    expect(run.stdout).toMatch(/^说明:\n {2}收件: /m);
    const en = await cli(
      'stats',
      '--data-dir',
      dir,
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
      '--lang',
      'en',
    );
    expect(en.stdout).toMatch(/^department\s+received\s+completed\s+on time/);
    expect(en.stdout).toMatch(/^total\s+5\s/m);
    expect(en.stdout).toMatch(/^Legend:\n {2}received: /m);
    expect(run.stdout).toMatch(/^合计\s+5\s+1\s+1\s+1\s+0\s+0\s+0\s+0\s+0\s+3\s+0$/m);
    const json = await cli(
      'stats',
      '--data-dir',
      dir,
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
      '--by',
      'window',
      '--json',
    );
    expect(JSON.parse(json.stdout)).toMatchObject([{ key: '1号窗口', received: 3, completed: 1, urges: 3 }]);
    expect((await cli('stats', '--data-dir', dir, '--from', '2026-03-31', '--to', '2026-03-01')).code).toBe(
      2,
    );
  });

  it('export: CSV with GB/T 39046 names, quoted where needed; JSON', async () => {
    const csv = await cli('export', '--data-dir', dir, '--format', 'csv', '--what', 'tasks');
    expect(csv.code).toBe(0);
    const [header, ...rows] = csv.stdout.split('\r\n');
    expect(header).toBe(
      '办件编号,环节编号,环节标识,办理部门,部门角色,环节办理状态,环节结束方式,环节开始时间,环节办理时限,环节办结时间,办理人,办理结果,办理意见,是否超期,超期工作日,特别程序种类',
    );
    expect(rows.find((row) => row.startsWith('done-case'))).toContain(
      ',科员-李,approve,"同意, 准予许可",0,0,',
    );
    const out = join(dir, 'cases.json');
    expect(
      (await cli('export', '--data-dir', dir, '--format', 'json', '--what', 'cases', '--output', out)).code,
    ).toBe(0);
    const cases = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>[];
    expect(cases.map((c) => c.办件编号)).toEqual(['late-case', 'done-case', 'fresh-case']);
    expect(cases[1]).toMatchObject({
      事项基本编码: 'M-SHOP',
      受理时间: '2026-03-05 09:00:00',
      办件状态: '办结',
      是否超期: '0',
    });
    const supervision = await cli('export', '--data-dir', dir, '--what', 'supervision');
    expect(supervision.stdout.split('\r\n')[1]).toMatch(/^late-case,,催办,请加快办理,2026-03-05 09:00:00,/);
  });
});
