import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, REPO_ROOT } from './support/cli.js';

const BPMN = join(REPO_ROOT, 'examples', 'construction-permit', 'construction-permit.bpmn');
const dir = mkdtempSync(join(tmpdir(), 'tongban-simulate-'));
let n = 0;
function scenarioFile(scenario: unknown): string {
  const path = join(dir, `s${++n}.json`);
  writeFileSync(path, typeof scenario === 'string' ? scenario : JSON.stringify(scenario));
  return path;
}

/** One line on stderr, `tongban simulate: CODE: message`, and no stack trace. */
function expectOneLine(stderr: string, code: string): void {
  expect(stderr).toMatch(new RegExp(`^tongban simulate: ${code}: \\S`));
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
}

const at = '2026-03-02T09:00';

describe('tongban simulate exits 1 with a code and one line for a malformed start', () => {
  const deep = `${'{"d":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
  const starts: [string, string][] = [
    ['caseId a number', `{"start":{"at":"${at}","caseId":5}}`],
    ['caseId empty', `{"start":{"at":"${at}","caseId":""}}`],
    ['variables a string', `{"start":{"at":"${at}","variables":"x"}}`],
    ['variables a list', `{"start":{"at":"${at}","variables":[1]}}`],
    ['coDepartments a string', `{"start":{"at":"${at}","coDepartments":"公安局"}}`],
    ['coDepartments [1,null]', `{"start":{"at":"${at}","coDepartments":[1,null]}}`],
    ['actor an object', `{"start":{"at":"${at}","actor":{"id":"x"}}}`],
    ['actor a number', `{"start":{"at":"${at}","actor":7}}`],
    ['variables nested 20,000 deep', `{"start":{"at":"${at}","variables":{"v":${deep}}}}`],
  ];
  for (const [name, text] of starts) {
    it(name, async () => {
      const run = await cli('simulate', BPMN, scenarioFile(text));
      expect(run.code).toBe(1);
      expectOneLine(run.stderr, 'BAD_SCENARIO');
      expect(run.stderr).toContain('`start.');
    });
  }
});

describe('tongban simulate past the holiday data', () => {
  for (const when of [
    '2003-03-03T09:00',
    '1969-07-21T09:00',
    '2031-03-03T09:00',
    '0000-03-02T09:00',
    '9999-03-02T09:00',
  ]) {
    it(`a start on ${when} exits 1 with CALENDAR_HORIZON, saying what the data covers and what to do`, async () => {
      const run = await cli('simulate', BPMN, scenarioFile({ start: { at: when } }));
      expect(run.code).toBe(1);
      expectOneLine(run.stderr, 'CALENDAR_HORIZON');
      expect(run.stderr).toContain('2004–2026');
      expect(run.stderr).toContain('--overlay');
    });
  }

  it('the shipped example started on 2026-12-15 (its deadline falls in 2027) says so, and runs with --provisional', async () => {
    const scenario = scenarioFile({ start: { at: '2026-12-15T09:30', caseId: 'SGXK-2026-1215' } });
    const run = await cli('simulate', BPMN, scenario);
    expect(run.code).toBe(1);
    expectOneLine(run.stderr, 'CALENDAR_HORIZON');
    expect(run.stderr).toContain('2027');
    const provisional = await cli('simulate', '--provisional', BPMN, scenario);
    expect(provisional.code).toBe(0);
    expect(provisional.stdout.split('\n')[0]).toContain('"case.started"');
  });

  it('runs with an overlay that gives the next year', async () => {
    const overlay = join(dir, 'cn-2027.json');
    writeFileSync(
      overlay,
      JSON.stringify({ name: 'CN', extends: 'CN', lastYear: 2027, holidays: ['2027-01-01'], workdays: [] }),
    );
    const scenario = scenarioFile({ start: { at: '2026-12-15T09:30' } });
    const run = await cli('simulate', '--overlay', overlay, '--', BPMN, scenario);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
