// biome-ignore-all lint/suspicious/noTemplateCurlyInString: JUEL conditions are written ${…}, in strings.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, REPO_ROOT } from './support/cli.js';

const MODELS = join(REPO_ROOT, 'packages', 'engine', 'test', 'standard-bpmn');
const CAMUNDA = join(MODELS, 'camunda-approval.bpmn');
const FLOWABLE = join(MODELS, 'flowable-approval.bpmn20.xml');
const EXAMPLE = join(REPO_ROOT, 'examples', 'construction-permit', 'construction-permit.bpmn');
const REFUSED = join(REPO_ROOT, 'test', 'corpus', 'vendor', 'flowable-engine', 'VacationRequest.bpmn20.xml');

describe('tongban validate --explain', () => {
  it('prints, per file, what was taken from which vendor attribute, in Chinese by default', async () => {
    const run = await cli('validate', '--explain', '--lang', 'zh-CN', CAMUNDA, FLOWABLE);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${CAMUNDA}: 可以编译，有 10 条提示\n`);
    expect(run.stdout).toContain(
      '  部门取自 camunda:candidateGroups（4）\n    Task_accept  政务服务中心\n    Task_plan  自然资源和规划局\n',
    );
    expect(run.stdout).toContain(
      '  处理程序名取自 camunda:delegateExpression（1）\n    Task_issue  issueLicenceDelegate\n',
    );
    expect(run.stdout).toContain(
      '  JUEL 条件译为 FEEL（3）\n    Flow_complete  ${materialsComplete} → materialsComplete\n    Flow_incomplete  ${!materialsComplete} → materialsComplete != true\n',
    );
    expect(run.stdout).toContain(`${FLOWABLE}: 可以编译，有 7 条提示\n`);
    expect(run.stdout).toContain('  部门取自泳道名（1）\n    register  市场监督管理局 (lane_market)\n');
  });

  it('speaks English with --lang en, and lists errors after what was inferred', async () => {
    const run = await cli('validate', '--explain', '--lang', 'en', REFUSED, EXAMPLE);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/VacationRequest\.bpmn20\.xml: refused: 2 errors, 5 warnings\n/);
    expect(run.stdout).toContain('  department from potentialOwner (1)\n    handleRequest  management\n');
    expect(run.stdout).toContain('  errors (2)\n    sendApprovalMail MISSING_DEPARTMENT ');
    expect(run.stdout).toContain(
      `${EXAMPLE}: compiles, no warnings\n  nothing was taken from vendor attributes or lanes\n`,
    );
  });

  it('keeps the one-file --json shape, and gives an array for several files', async () => {
    const one = JSON.parse((await cli('validate', '--json', CAMUNDA)).stdout) as { ok: boolean };
    expect(one.ok).toBe(true);
    const several = JSON.parse((await cli('validate', '--json', CAMUNDA, REFUSED)).stdout) as {
      file: string;
      ok: boolean;
    }[];
    expect(several.map((r) => [r.file, r.ok])).toEqual([
      [CAMUNDA, true],
      [REFUSED, false],
    ]);
  });
});
