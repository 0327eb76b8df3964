import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliProcess, REPO_ROOT } from './support/cli.js';

const EXAMPLE = join(REPO_ROOT, 'examples', 'construction-permit');
const BPMN = join(EXAMPLE, 'construction-permit.bpmn');
const SCENARIO = join(EXAMPLE, 'scenario.json');

function temp(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-cli-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const BROKEN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s" />
    <bpmn:userTask id="review" name="审查" />
    <bpmn:parallelGateway id="fork" />
    <bpmn:endEvent id="e" />
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e" />
  </bpmn:process>
</bpmn:definitions>`;

describe('tongban validate', () => {
  it('exits 0 and prints a one-line ok summary for a model that compiles', async () => {
    const run = await cli('validate', BPMN);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      `ok: ${BPMN} — process ConstructionPermit (工程建设项目施工许可), 6 tasks, 4 departments\n`,
    );
  });

  it('prints one `elementId code message` line per error and exits 1', async () => {
    const run = await cli('validate', temp('broken.bpmn', BROKEN));
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines.some((l) => l.startsWith('review MISSING_DEPARTMENT '))).toBe(true);
    for (const line of lines) expect(line).toMatch(/^\S+ [A-Z_]+ .+/);
  });

  it('prints JSON with --json', async () => {
    const run = await cli('validate', '--json', temp('broken.bpmn', BROKEN));
    const parsed = JSON.parse(run.stdout) as {
      ok: boolean;
      diagnostics: { code: string; elementId: string }[];
    };
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics.map((d) => d.code)).toContain('MISSING_DEPARTMENT');
  });

  it('reports malformed XML as a diagnostic, not a crash', async () => {
    const run = await cli('validate', temp('bad.bpmn', '<bpmn:definitions><oops'));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^- MALFORMED_XML /);
  });

  it('exits 2 on usage errors', async () => {
    expect((await cli('validate')).code).toBe(2);
    expect((await cli('validate', '/no/such/file.bpmn')).code).toBe(2);
    expect((await cli('no-such-command')).code).toBe(2);
  });
});

describe('tongban simulate', () => {
  it('prints the timeline as JSON lines, each with type and at', async () => {
    const run = await cli('simulate', BPMN, SCENARIO);
    expect(run.code).toBe(0);
    const events = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; at: string; elementId?: string; outcome?: string });
    for (const e of events) expect(e.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect(events[0]?.type).toBe('case.started');
    expect(events.at(-1)?.type).toBe('case.completed');
    expect(events.filter((e) => e.type === 'task.opened' && e.elementId === 'FireReview')).toHaveLength(2);
    expect(events.some((e) => e.type === 'light.changed')).toBe(true);
  });

  it('names the step that cannot run and exits 1', async () => {
    const scenario = temp(
      'scenario.json',
      JSON.stringify({
        start: { at: '2026-02-09T09:30' },
        steps: [{ at: '2026-02-10T09:00', complete: 'Decide' }],
      }),
    );
    const run = await cli('simulate', BPMN, scenario);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Step 1');
    expect(run.stderr).toContain('Accept@住房和城乡建设局');
  });

  it('rejects a malformed scenario with a usage or scenario error', async () => {
    expect((await cli('simulate', BPMN, temp('s.json', '{not json'))).code).toBe(2);
    const run = await cli('simulate', BPMN, temp('s.json', JSON.stringify({ steps: [] })));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('BAD_SCENARIO');
  });
});

describe('tongban demo (a real process, as the README runs it)', () => {
  // Starts a process and an embedded PGlite database, then plays the whole case: well over 30 s on a
  // loaded machine, so it waits up to two minutes for the process to end.
  it('runs the construction-permit example to the end', { timeout: 120_000 }, async () => {
    // A Chinese locale, whatever the machine running the tests has.
    const run = await cliProcess(['demo'], { LANG: 'zh_CN.UTF-8', LC_ALL: '' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('工程建设项目施工许可');
    expect(run.stdout).toContain('退回补正');
    expect(run.stdout).toContain('办结');
    // One language on the screen: the summary speaks Chinese like the timeline.
    expect(run.stdout).toMatch(/^结果：办结，承诺期限 \d{4}-\d\d-\d\d，灯色 [红黄绿]，/m);
    expect(run.stdout).not.toMatch(/\b(completed|running|yellow|green|red|department)\b/);
    expect(run.stdout).toMatch(/^部门\s+收件\s+办结/m);
    expect(run.stdout).toContain('说明:');
    // Progress before the slow steps, on stderr: the first line comes before the database opens.
    const progress = run.stderr.split('\n');
    expect(progress[0]).toBe('正在启动 tongban 演示…');
    expect(progress).toContain('正在初始化嵌入式数据库（PGlite）…');
    expect(run.stderr).toMatch(/数据库已就绪（\d+\.\d 秒）/);
  });

  it('speaks English with --lang en: progress, timeline, result and statistics', async () => {
    const run = await cliProcess(['demo', '--lang', 'en'], { LANG: 'zh_CN.UTF-8', LC_ALL: '' });
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n')[0]).toBe('starting the tongban demo…');
    expect(run.stderr).toContain('initialising the embedded database (PGlite)…');
    expect(run.stdout).toMatch(
      /^result: completed, last day \d{4}-\d\d-\d\d, light (red|yellow|green), \d+ events$/m,
    );
    expect(run.stdout).toMatch(/^department\s+received\s+completed/m);
    expect(run.stdout).toContain('Legend:');
    // Only data (the process, task, department names and opinions) stays Chinese: no Chinese words of ours.
    for (const word of ['待办', '结果', '灯色', '合计', '剩余', '期限'])
      expect(run.stdout).not.toContain(word);
  });
});

describe('tongban validate speaks the reader language', () => {
  it('prints the catalogue message with --lang zh-CN and the engine message with --lang en', async () => {
    const path = temp('broken.bpmn', BROKEN);
    const zh = await cli('validate', '--lang', 'zh-CN', path);
    expect(zh.stdout).toContain('review MISSING_DEPARTMENT 没有指定办理部门。请在属性面板“办理部门”中选择');
    const en = await cli('validate', '--lang', 'en', path);
    expect(en.stdout).toMatch(/^review MISSING_DEPARTMENT [A-Z][a-z]/m);
    expect(en.stdout).not.toContain('没有指定办理部门');
  });
});
