import { readFile } from 'node:fs/promises';
import { compileBpmn } from '@tongban/engine';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  buildDesigner,
  hasChromium,
  launchBrowser,
  type StaticServer,
  screenshot,
  serveStatic,
} from './harness.js';
import {
  append,
  clickShape,
  connect,
  createFromPalette,
  fillField,
  replaceWith,
  selectedIds,
  selectField,
  selectProcess,
  validated,
} from './steps.js';

const title = hasChromium
  ? 'designer in headless Chromium'
  : 'designer in headless Chromium (skipped: /usr/bin/chromium not found)';

async function downloadOf(page: Page, action: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`[data-action="${action}"]`),
  ]);
  const path = await download.path();
  return readFile(path, 'utf8');
}

const badge = (page: Page, id: string) => page.locator(`.tb-badge[data-element-id="${id}"]`);
const problemRow = (page: Page, id: string) => page.locator(`.tb-problem[data-element-id="${id}"]`);
/** Codes of the problems listed for an element (all problems arrive together, several per element). */
const problemCodes = (page: Page, id: string) =>
  problemRow(page, id).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
/** The properties panel's validation message under an entry, or null when it shows none. */
async function entryError(page: Page, entryId: string): Promise<string | null> {
  const error = page.locator(`[data-entry-id="${entryId}"] .bio-properties-panel-error`);
  return (await error.count()) === 0 ? null : error.textContent();
}

/** An edit through bpmn-js' modeling service: the start event renamed, `id` deleted or its id edited. */
async function editInPage(
  page: Page,
  id: string,
  edit: 'rename-start' | 'delete' | 'rename-id',
): Promise<void> {
  await page.evaluate(
    ({ id, edit }) => {
      type Shape = { id: string; businessObject: { $type: string } };
      const modeler = (window as unknown as { tongban: { modeler: { get(n: string): unknown } } }).tongban
        .modeler;
      const registry = modeler.get('elementRegistry') as {
        get(id: string): Shape;
        filter(fn: (e: Shape) => boolean): Shape[];
      };
      const modeling = modeler.get('modeling') as {
        updateProperties(e: Shape, p: Record<string, unknown>): void;
        removeElements(e: Shape[]): void;
      };
      if (edit === 'delete') modeling.removeElements([registry.get(id)]);
      else if (edit === 'rename-id') modeling.updateProperties(registry.get(id), { id: `${id}_2` });
      else {
        const [start] = registry.filter((e) => e.businessObject.$type === 'bpmn:StartEvent');
        if (start) modeling.updateProperties(start, { name: '申请人提交' });
      }
    },
    { id, edit },
  );
}

describe.skipIf(!hasChromium)(title, () => {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await serveStatic(await buildDesigner());
    browser = await launchBrowser();
    page = browser.page;
    // 新建 and the examples ask before dropping unsaved work: these tests say yes.
    page.on('dialog', (dialog) => void dialog.accept());
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('builds a parallel approval from scratch by clicks; the saved XML compiles in Node', async () => {
    await page.goto(server.url);
    await page.locator('.djs-palette .entry[data-action="tb-create-leadTask"]').waitFor();
    // Chinese by default, the palette included.
    await expect(page.locator('[data-action="save"]').textContent()).resolves.toBe('保存 BPMN');
    await expect(
      page.locator('.djs-palette .entry[data-action="tb-create-coTask"]').getAttribute('aria-label'),
    ).resolves.toBe('创建协办部门任务');

    // 受理 (lead) → parallel fork → 协办 + 并联会签 (palette → canvas) → join → 决定 (lead) → end.
    const accept = await append(page, 'StartEvent_1', 'tb-append-leadTask');
    const fork = await replaceWith(
      page,
      await append(page, accept, 'append.gateway'),
      'replace-with-parallel-gateway',
    );
    const planning = await append(page, fork, 'tb-append-coTask');
    const join = await replaceWith(
      page,
      await append(page, planning, 'append.gateway'),
      'replace-with-parallel-gateway',
    );
    const joint = await createFromPalette(page, 'tb-create-multiCoTask', 500, 420);
    await connect(page, fork, joint);
    await connect(page, joint, join);
    const decide = await append(page, join, 'tb-append-leadTask');
    await append(page, decide, 'append.end-event');

    // The engine's compiler runs in the page: tasks without a department are marked.
    await expect(validated(page)).resolves.toBe('problems');
    for (const id of [accept, planning, decide]) {
      await expect(badge(page, id).count()).resolves.toBe(1);
      await expect(problemCodes(page, id)).resolves.toContain('MISSING_DEPARTMENT');
    }

    // Clicking a problem selects its element.
    await problemRow(page, decide).first().click();
    await expect(selectedIds(page)).resolves.toEqual([decide]);

    // Departments and limits in the Tongban group of the properties panel.
    await clickShape(page, accept);
    await selectField(page, 'tb-department', '住房和城乡建设局');
    await fillField(page, 'tb-timeLimit', '1');
    await expect(validated(page)).resolves.toBe('problems');
    await expect(badge(page, accept).count()).resolves.toBe(0);
    await expect(problemRow(page, accept).count()).resolves.toBe(0);

    await clickShape(page, planning);
    await selectField(page, 'tb-department', '自然资源和规划局');
    // A parallel stage has one lead (一家牵头): without one the engine warns (STAGE_LEADS).
    await selectField(page, 'tb-role', 'lead');
    await fillField(page, 'tb-timeLimit', '7');
    await clickShape(page, joint);
    await fillField(page, 'tb-departments', '消防救援支队,人民防空办公室');
    await fillField(page, 'tb-collection', '');
    await clickShape(page, decide);
    await selectField(page, 'tb-department', '住房和城乡建设局');
    await fillField(page, 'tb-timeLimit', '2');

    await selectProcess(page);
    await fillField(page, 'tb-matterCode', '000172007000');
    await fillField(page, 'tb-matterName', '建筑工程施工许可证核发');
    await fillField(page, 'tb-promisedLimit', '15');
    await fillField(page, 'tb-warning', '2');

    await expect(validated(page)).resolves.toBe('ok');
    await expect(page.locator('.tb-badge').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid="status"]').textContent()).resolves.toBe('校验通过');
    await screenshot(page, 'designer-modeling');

    // Save as a person would (the download), then compile the file in Node with the engine.
    const xml = await downloadOf(page, 'save');
    const compiled = await compileBpmn(xml);
    expect(compiled.diagnostics).toEqual([]);
    if (!compiled.ok) throw new Error('the saved model does not compile');
    const { model, matter } = compiled.definition;
    expect(matter).toMatchObject({
      code: '000172007000',
      name: '建筑工程施工许可证核发',
      promisedLimit: { amount: 15, unit: 'workingDays' },
    });
    const tasks = Object.values(model.root.nodes).filter((n) => n.kind === 'userTask');
    expect(tasks.map((t) => [t.id, t.department, t.role, t.limit?.amount ?? null]).sort()).toEqual(
      [
        [accept, '住房和城乡建设局', 'lead', 1],
        [planning, '自然资源和规划局', 'lead', 7],
        [joint, null, 'co', 5],
        [decide, '住房和城乡建设局', 'lead', 2],
      ].sort(),
    );
    const multi = tasks.find((t) => t.id === joint);
    expect(multi?.multiInstance?.departments).toEqual(['消防救援支队', '人民防空办公室']);

    const svg = await downloadOf(page, 'svg');
    expect(svg).toContain('<svg');
    expect(svg).toContain('并联会签');
    // Who does what is drawn into the shapes, so the exported SVG carries it too.
    expect(svg).toContain('牵头部门 · 1 个工作日');
    expect(svg).toContain('消防救援支队、人防办');
  });

  it('marks a broken model and clears the mark when it is fixed', async () => {
    // Removing the department again brings the diagnostic back; undo clears it.
    const decide = await page.evaluate(() => {
      const registry = (
        window as unknown as { tongban: { modeler: { get(n: string): unknown } } }
      ).tongban.modeler.get('elementRegistry') as {
        filter(fn: (e: { businessObject: { name?: string; $type: string } }) => boolean): { id: string }[];
      };
      const tasks = registry.filter(
        (e) => e.businessObject.$type === 'bpmn:UserTask' && e.businessObject.name === '牵头部门审查',
      );
      return tasks.map((t) => t.id);
    });
    const target = decide.at(-1)!;
    await clickShape(page, target);
    await selectField(page, 'tb-department', '');
    await expect(validated(page)).resolves.toBe('problems');
    await expect(badge(page, target).count()).resolves.toBe(1);
    await screenshot(page, 'designer-diagnostic');

    // An edit that leaves the problems as they were leaves the badge as it was, not drawn again;
    // the element deleted takes its badge along, and undo brings both back.
    const marked = page.locator(
      `.djs-element[data-element-id="${target}"]:is(.tb-has-error, .tb-has-warning)`,
    );
    await badge(page, target).evaluate((node) => node.setAttribute('data-kept', 'yes'));
    await editInPage(page, target, 'rename-start');
    await expect(validated(page)).resolves.toBe('problems');
    await expect(badge(page, target).getAttribute('data-kept')).resolves.toBe('yes');
    await editInPage(page, target, 'delete');
    await validated(page);
    await expect(badge(page, target).count()).resolves.toBe(0);
    await page.click('[data-action="undo"]');
    await expect(validated(page)).resolves.toBe('problems');
    await expect(badge(page, target).count()).resolves.toBe(1);
    await expect(badge(page, target).getAttribute('data-kept')).resolves.toBeNull();
    await expect(marked.count()).resolves.toBe(1);
    // Its id edited, the element keeps one badge and one marker, under the new id.
    await editInPage(page, target, 'rename-id');
    await expect(validated(page)).resolves.toBe('problems');
    await expect(badge(page, `${target}_2`).count()).resolves.toBe(1);
    await expect(badge(page, target).count()).resolves.toBe(0);
    await expect(page.locator('.djs-element:is(.tb-has-error, .tb-has-warning)').count()).resolves.toBe(
      await page.locator('.tb-badge').count(),
    );

    await page.click('[data-action="undo"]');
    await expect(validated(page)).resolves.toBe('problems');
    await expect(badge(page, target).count()).resolves.toBe(1);
    await expect(badge(page, `${target}_2`).count()).resolves.toBe(0);
    // Undo the start event's new name, then the department's removal.
    await page.click('[data-action="undo"]');
    await validated(page);
    await page.click('[data-action="undo"]');
    await expect(validated(page)).resolves.toBe('ok');
    await expect(badge(page, target).count()).resolves.toBe(0);
    await expect(marked.count()).resolves.toBe(0);
  });

  it('previews the deadlines across 春节 2026 on the official calendar', async () => {
    await page.click('[data-tab="preview"]');
    const date = page.locator('[data-testid="acceptance-date"]');
    await date.fill('2026-02-09');
    await date.dispatchEvent('change');
    const caseRow = page.locator('[data-testid="preview-case"]');
    // Promised 15 working days from Monday 2026-02-09 skip 春节 (2/15–2/23) and count the make-up
    // Saturdays 2/14 and 2/28; the legal 20 days end on 2026-03-13 (docs/time-rules.md).
    await expect(caseRow.locator('[data-field="due"]').textContent()).resolves.toContain('2026-03-06');
    await expect(caseRow.locator('[data-field="yellow"]').textContent()).resolves.toContain('2026-03-04');
    await expect(caseRow.locator('[data-field="legal-due"]').textContent()).resolves.toContain('2026-03-13');
    const holidays = await page.locator('[data-testid="preview-holidays"]').textContent();
    expect(holidays).toMatch(/春节.*2026-02-15 – 2026-02-23/);
    expect(holidays).toContain('2026-02-14');
    expect(holidays).toContain('2026-02-28');
    // Each step: 受理 1 working day → 2/10; the co-handlers' 7 days then run to 2/26.
    const steps = page.locator('[data-testid="preview-steps"] tr.tb-preview-row');
    const byName = async (name: string) => {
      const row = steps.filter({ hasText: name }).first();
      return {
        due: await row.locator('[data-field="due"]').textContent(),
        start: await row.locator('[data-field="start"]').textContent(),
      };
    };
    await expect(byName('协办部门审查')).resolves.toEqual({ start: '2026-02-10', due: '2026-02-26' });
    await screenshot(page, 'designer-preview');
    await page.click('[data-tab="problems"]');
  });

  it('adds working-day timers and 补正 waits the engine accepts', async () => {
    await page.click('[data-action="new"]');
    await expect(validated(page)).resolves.toBe('problems');
    const accept = await append(page, 'StartEvent_1', 'tb-append-leadTask');
    await selectField(page, 'tb-department', '住房和城乡建设局');
    const timer = await append(page, accept, 'tb-append-workingDayTimer');
    const wait = await append(page, timer, 'tb-append-supplementWait');
    const again = await append(page, wait, 'tb-append-supplementWait');
    await append(page, again, 'append.end-event');
    await expect(validated(page)).resolves.toBe('ok');
    const xml = await downloadOf(page, 'save');
    // Two waits share one 补正 message.
    expect(xml.match(/<bpmn:message /g)).toHaveLength(1);
    const compiled = await compileBpmn(xml);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
    const nodes = compiled.definition.model.root.nodes;
    expect(nodes[timer]).toMatchObject({
      kind: 'timerCatch',
      timer: { type: 'duration', value: 'P5D', calendar: 'CN' },
    });
    expect(nodes[wait]).toMatchObject({ kind: 'messageCatch', message: '补正材料' });
    expect(nodes[again]).toMatchObject({ kind: 'messageCatch', message: '补正材料' });
    await page.locator('.djs-palette .entry[data-action="tb-create-workingDayTimer"]').waitFor();
  });

  it('shows for an opened file what the engine says about it, parse warnings included', async () => {
    const fixture = await readFile(
      new URL('../../engine/test/fixtures/sequence-lead-task.bpmn', import.meta.url),
      'utf8',
    );
    // A second element with the id Accept (skipped by the parser) and a misspelt tb: attribute.
    const xml = fixture
      .replace('<bpmn:sequenceFlow id="Flow_1"', '<bpmn:task id="Accept" /><bpmn:sequenceFlow id="Flow_1"')
      .replace('tb:role="lead"', 'tb:role="lead" tb:deparment="x"');
    const expected = (await compileBpmn(xml)).diagnostics;
    expect(expected.map((d) => d.code).sort()).toEqual(['DUPLICATE_ID', 'UNSUPPORTED_ATTRIBUTE']);
    await page.evaluate(
      (text) =>
        (window as unknown as { tongban: { open(x: string, n: string): Promise<boolean> } }).tongban.open(
          text,
          'broken.bpmn',
        ),
      xml,
    );
    await expect(validated(page)).resolves.toBe('problems');
    await expect(page.locator('[data-testid="file-name"]').textContent()).resolves.toBe('broken.bpmn');
    const shown = await page
      .locator('.tb-problem')
      .evaluateAll((rows) =>
        rows.map((r) => `${r.getAttribute('data-element-id')} ${r.getAttribute('data-code')}`),
      );
    expect(shown.sort()).toEqual(expected.map((d) => `${d.elementId ?? ''} ${d.code}`).sort());
  });

  it('sets rejection, 补正, office hours, timeout and decision rules in the panel; Node reads them', async () => {
    await page.click('[data-action="new"]');
    await expect(validated(page)).resolves.toBe('problems');
    const review = await append(page, 'StartEvent_1', 'tb-append-coTask');
    await selectField(page, 'tb-department', '消防救援支队');
    await fillField(page, 'tb-timeLimit', '3');
    await selectField(page, 'tb-timeoutAction', 'agree');
    await fillField(page, 'tb-handlers', '张三:2，李四、王五');
    // The pass ratio is offered for a vote only.
    await expect(page.locator('#bio-properties-panel-tb-passRatio').count()).resolves.toBe(0);
    await selectField(page, 'tb-decisionMode', 'vote');
    await fillField(page, 'tb-passRatio', '150%');
    await expect
      .poll(() => entryError(page, 'tb-passRatio'))
      .toBe('请填写大于 0 且不超过 1 的数，或百分比，如 67%');
    await expect(validated(page)).resolves.toBe('problems');
    await expect(problemCodes(page, review)).resolves.toContain('BAD_DECISION_MODE');
    await fillField(page, 'tb-passRatio', '67%');
    await expect.poll(() => entryError(page, 'tb-passRatio')).toBeNull();
    await selectField(page, 'tb-claim', 'all');
    await append(page, review, 'append.end-event');
    await clickShape(page, review);
    await expect(validated(page)).resolves.toBe('ok');
    await page.locator('#bio-properties-panel-tb-claim').scrollIntoViewIfNeeded();
    await screenshot(page, 'designer-task-rules');

    await selectProcess(page);
    await selectField(page, 'tb-rejectMode', 'collect');
    await selectField(page, 'tb-supplementMode', 'all');
    await fillField(page, 'tb-officeHours', '9-12');
    await expect
      .poll(() => entryError(page, 'tb-officeHours'))
      .toBe('请按 HH:MM-HH:MM 填写，多段用逗号分隔，时段不得重叠');
    await fillField(page, 'tb-officeHours', '08:30-12:00,14:00-18:00');
    await expect.poll(() => entryError(page, 'tb-officeHours')).toBeNull();
    await expect(validated(page)).resolves.toBe('ok');
    await screenshot(page, 'designer-matter-rules');

    const xml = await downloadOf(page, 'save');
    const compiled = await compileBpmn(xml);
    expect(compiled.diagnostics).toEqual([]);
    if (!compiled.ok) throw new Error('the saved model does not compile');
    expect(compiled.definition.matter).toMatchObject({
      rejectMode: 'collect',
      supplementMode: 'all',
      officeHours: [
        { from: '08:30', to: '12:00' },
        { from: '14:00', to: '18:00' },
      ],
    });
    expect(compiled.definition.model.root.nodes[review]).toMatchObject({
      kind: 'userTask',
      department: '消防救援支队',
      timeoutAction: 'agree',
      decisionMode: 'vote',
      passRatio: 0.67,
      claim: 'all',
      handlers: [
        { id: '张三', weight: 2 },
        { id: '李四', weight: 1 },
        { id: '王五', weight: 1 },
      ],
    });

    // Back to the defaults: an empty choice removes the attribute.
    await selectField(page, 'tb-rejectMode', '');
    await expect(validated(page)).resolves.toBe('ok');
    expect(await downloadOf(page, 'save')).not.toContain('rejectMode');
  });

  it('opens the construction-permit example and plays a dry run on the engine runtime', async () => {
    await page.selectOption('[data-action="examples"]', 'construction-permit/construction-permit.bpmn');
    await page.locator('.djs-shape[data-element-id="FireReview"]').waitFor();
    await expect(validated(page)).resolves.toBe('ok');
    // The 退回补正 flow's FEEL condition is in the Tongban group of the panel.
    await page.evaluate(() =>
      (window as unknown as { tongban: { selectElement(id: string): void } }).tongban.selectElement(
        'Flow_FireReturns',
      ),
    );
    await expect(page.locator('#bio-properties-panel-tb-condition').inputValue()).resolves.toBe(
      '=outcome = "return"',
    );
    await page.click('[data-tab="dryRun"]');
    await page.click('[data-action="dry-start"]');
    const tasks = page.locator('[data-testid="dry-tasks"] tr');
    await expect(tasks.count()).resolves.toBe(1);
    await expect(tasks.first().getAttribute('data-element-id')).resolves.toBe('Accept');
    await expect(tasks.first().locator('[data-field="department"]').textContent()).resolves.toBe(
      '市住房和城乡建设局',
    );
    // The open task is marked on the canvas.
    await expect(page.locator('.djs-element.tb-dry-active[data-element-id="Accept"]').count()).resolves.toBe(
      1,
    );

    await tasks.first().locator('[data-outcome="approve"]').click();
    await expect(page.locator('[data-testid="dry-error"]').count()).resolves.toBe(0);
    await expect
      .poll(async () =>
        (await tasks.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-element-id')))).sort(),
      )
      .toEqual(['AirDefenceReview', 'FireReview', 'LeadReview', 'PlanningReview']);
    await expect(
      page.locator('[data-testid="dry-events"] li[data-type="task.completed"]').count(),
    ).resolves.toBe(1);
    // The statechart shows the parallel stage with the four reviews active.
    const active = await page
      .locator('[data-testid="statechart"] .tb-state-active')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-state-id')));
    expect(active).toEqual(
      expect.arrayContaining(['n:FireReview', 'n:PlanningReview', 'n:AirDefenceReview', 'n:LeadReview']),
    );
    // Its states are named as the designer names the elements, in the page's language: no raw ids.
    const labels = await page
      .locator('[data-testid="statechart"] .tb-state-active > .tb-state-label')
      .evaluateAll((nodes) => nodes.map((n) => n.textContent));
    expect(labels).toEqual(expect.arrayContaining(['消防审查', '规划审查', '人防审查', '办理中']));
    expect(labels.filter((l) => /^(n|b|d|t):|^r\d+$|^done_\d+$/.test(l ?? ''))).toEqual([]);

    // 消防 sends the materials back for 补正: the case waits for the applicant's message.
    const fire = tasks.filter({ has: page.locator('[data-field="department"]', { hasText: '消防' }) });
    await fire.locator('[data-outcome="return"]').click();
    await expect.poll(() => fire.count()).toBe(0);
    await page.click('[data-message="补正材料"]');
    await expect(
      page.locator('[data-testid="dry-events"] li[data-type="message.received"]').count(),
    ).resolves.toBe(1);
    // Supplied: the parallel review starts again, 消防 included.
    await expect.poll(() => fire.count()).toBe(1);
    // Time passes: 7 working days later the co-handlers' lights change.
    for (let day = 0; day < 8; day++) await page.click('[data-action="dry-advance"]');
    await expect(
      page.locator('[data-testid="dry-events"] li[data-type="light.changed"]').count(),
    ).resolves.toBeGreaterThan(0);
    await screenshot(page, 'designer-dry-run');
    await page.click('[data-tab="problems"]');
  });

  it('switches the interface to English and back', async () => {
    await page.click('[data-action="language"]');
    await page.locator('[data-action="save"]', { hasText: 'Save BPMN' }).waitFor();
    await expect(
      page.locator('.djs-palette .entry[data-action="create.start-event"]').getAttribute('aria-label'),
    ).resolves.toBe('Create start event');
    await expect(validated(page)).resolves.toBe('ok');
    // The diagram survived the switch.
    await expect(page.locator('.djs-shape[data-element-id="FireReview"]').count()).resolves.toBe(1);
    // The statechart speaks English too: states named by their elements and in words, no raw keys.
    await page.click('[data-tab="dryRun"]');
    const states = () =>
      page
        .locator('[data-testid="statechart"] .tb-state-label')
        .evaluateAll((nodes) => nodes.map((n) => n.textContent ?? ''));
    await expect
      .poll(states)
      .toEqual(expect.arrayContaining(['消防审查', 'pending', 'running', 'Branch 1', 'Branch done']));
    expect((await states()).filter((l) => /^(n|b|d|t):|^r\d+$|^done_\d+$|__block/.test(l))).toEqual([]);
    await page.click('[data-action="language"]');
    await page.locator('[data-action="save"]', { hasText: '保存 BPMN' }).waitFor();
    await expect(
      page.locator('.djs-palette .entry[data-action="create.start-event"]').getAttribute('aria-label'),
    ).resolves.toBe('创建开始事件');
  });

  it('loads an agency department directory into the department picker', async () => {
    await page.evaluate(() =>
      (window as unknown as { tongban: { selectElement(id: string): void } }).tongban.selectElement(
        'FireReview',
      ),
    );
    const options = () =>
      page
        .locator('select#bio-properties-panel-tb-department option')
        .evaluateAll((nodes) => nodes.map((n) => (n as HTMLOptionElement).value));
    await expect(options()).resolves.toContain('人民防空办公室');
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.click('[data-action="departments"]'),
    ]);
    await chooser.setFiles({
      name: 'departments.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          region: '某区',
          departments: [
            { code: '消防救援支队', name: '区消防救援大队' },
            { code: '区数据局', name: '区数据资源管理局' },
          ],
        }),
      ),
    });
    // The status line is shared with validation, so wait on the picker itself rather than on it.
    await expect.poll(options).toEqual(['', '消防救援支队', '区数据局']);
    await expect(page.locator('select#bio-properties-panel-tb-department').inputValue()).resolves.toBe(
      '消防救援支队',
    );
  });

  it('has no console errors', () => {
    expect(browser.errors).toEqual([]);
  });
});
