import {
  type CaseCommand,
  type CaseEvent,
  type CaseStatus,
  type Command,
  type CompiledDefinition,
  formatInstant,
  type Instant,
  type TaskRecord,
  TongbanError,
  type Variables,
} from '@tongban/engine';
import { MAINLAND_CALENDAR } from '@tongban/engine/calendar';
import { localize } from '@tongban/engine/messages';
import { departmentLabel, splitDepartmentList } from '../departments.js';
import { eventName } from '../i18n/event-names.js';
import { engineLanguage, isMessageKey, type MessageKey } from '../i18n/messages.js';
import type { TbContext } from '../tb-context.js';
import { el, replaceChildren } from '../ui/dom.js';
import { DryRun } from './dry-run.js';
import { formOperations, type OfferedOperation, OPERATIONS, type OperationField } from './operations.js';
import { outcomesAfter, parseVariables } from './outcomes.js';
import { stateLabel } from './state-labels.js';
import { activeStateIds, findElementState, type StateNodeLike, type StateValueLike } from './statechart.js';

type OperationType = Command['type'];

/** How the canvas shows a running dry run. */
export interface DryRunPaint {
  /** Elements holding open tasks. */
  readonly active: readonly string[];
  /** Elements the case passed through, and flows it took. */
  readonly visited: ReadonlySet<string>;
  readonly flows: ReadonlySet<string>;
  /** Gateways and the flow each chose. */
  readonly choices: ReadonlyMap<string, string>;
  /** Open tasks' lights, last days and working days left, by element. */
  readonly lights: ReadonlyMap<string, TaskLight>;
}

export interface TaskLight {
  readonly light: 'green' | 'yellow' | 'red';
  /** The last day (截止日期), `YYYY-MM-DD`, or null without a limit. */
  readonly lastDay: string | null;
  /** Working days from the simulated today to the last day (negative: overdue). */
  readonly left: number | null;
  readonly provisional: boolean;
}

/** What the dry-run tab needs from the page around it. */
export interface DryRunHost {
  /** The acceptance date chosen in the deadline preview. */
  acceptanceDate(): string;
  /** Paints the run on the canvas (nothing: the run is over or reset). */
  paint(paint: DryRunPaint | null): void;
  /** The selected element, for the statechart of its scope. */
  selectedElementId(): string | null;
  /** How messages name an element (its name; a flow by its ends). */
  describe(elementId: string): string;
}

/** The statechart's node types in Chinese. */
const STATE_TYPES: Readonly<Record<string, string>> = {
  atomic: '状态',
  compound: '复合',
  parallel: '并行',
  final: '终态',
  history: '历史',
};

/** Statuses after which a case no longer changes. */
const ENDED: ReadonlySet<CaseStatus> = new Set(['completed', 'terminated', 'withdrawn', 'refused', 'failed']);

const short = (at: Instant) => formatInstant(at).slice(0, 16).replace('T', ' ');

/**
 * The 试运行 tab: play a case step by step on the engine's in-memory runtime, steering it with
 * every operation the engine has (驳回, 补正, 特别程序, 转办, 加签 …), with case variables set at
 * the start and at each step. Shows the open tasks with their lights, last days and working days
 * left, the variables, the event log and the compiled statechart; the canvas shows the path taken.
 */
export class DryRunView {
  readonly #pane: HTMLElement;
  readonly #context: TbContext;
  readonly #host: DryRunHost;
  #key: () => string | null = () => null;
  #source: () => CompiledDefinition | null = () => null;
  #run: DryRun | null = null;
  #error: string | null = null;
  #coDepartments = '';
  #variables = '';
  #operation: OperationType | '' = '';
  #operationTask = '';
  #values: Record<string, string> = {};

  constructor(pane: HTMLElement, context: TbContext, host: DryRunHost) {
    this.#pane = pane;
    this.#context = context;
    this.#host = host;
  }

  /** The compiled model, built on first use (a hidden tab never asks). */
  get #definition(): CompiledDefinition | null {
    return this.#source();
  }

  /** A new compile result: a changed model resets the run. */
  update(key: () => string | null, definition: () => CompiledDefinition | null): void {
    // Only a run in progress (or its error) is kept for an unchanged model: telling one costs a
    // serialisation of the whole model, which an edit need not pay when nothing is running.
    const kept = (this.#run !== null || this.#error !== null) && key() === this.#key();
    if (!kept) {
      this.#key = key;
      this.#source = definition;
      this.#run = null;
      this.#error = null;
      this.#host.paint(null);
    }
    if (!this.#pane.hidden) this.render();
  }

  #t(key: MessageKey, params?: Record<string, string | number>): string {
    return this.#context.t(key, params);
  }

  get #lang() {
    return engineLanguage(this.#context.language);
  }

  /** The variables typed in the 变量 field; a pair that does not read is an error shown, not sent. */
  #stepVariables(): Variables | null {
    const { variables, bad } = parseVariables(this.#variables);
    if (bad.length > 0) {
      this.#error = this.#t('dryRun.variables.bad', { items: bad.join('，') });
      this.render();
      return null;
    }
    return variables;
  }

  async #act(action: (run: DryRun, variables: Variables) => Promise<void>): Promise<void> {
    const run = this.#run;
    if (!run) return;
    const variables = this.#stepVariables();
    if (variables === null) return;
    this.#error = null;
    try {
      await action(run, variables);
    } catch (error) {
      this.#error =
        error instanceof TongbanError
          ? localize(error, this.#lang, { describe: (id) => this.#host.describe(id) })
          : String(error);
    }
    this.render();
  }

  get #calendar() {
    return this.#context.calendars.getCalendar(this.#definition?.matter?.calendar ?? MAINLAND_CALENDAR);
  }

  async #start(): Promise<void> {
    if (!this.#definition) return;
    // Past the holiday data the run goes on, weekdays only, and its dates are marked provisional
    // (a refusal would stop a designer who only wants to try the flow).
    const definition = { ...this.#definition, provisional: true };
    this.#run = new DryRun(
      definition,
      this.#calendar.startOfDay(this.#host.acceptanceDate()) + 9 * 3_600_000,
    );
    this.#operation = '';
    await this.#act((run, variables) => run.start(splitDepartmentList(this.#coDepartments), variables));
  }

  #nextWorkingDay(run: DryRun): Instant {
    const calendar = this.#calendar;
    const today = calendar.civilDateOf(run.now);
    return calendar.startOfDay(calendar.nextWorkingDay(today, { provisional: true }).value) + 9 * 3_600_000;
  }

  /** Last day and working days left of a deadline, seen from the simulated now. */
  #deadline(
    dueAt: Instant | null,
    now: Instant,
  ): { lastDay: string | null; left: number | null; provisional: boolean } {
    if (dueAt === null) return { lastDay: null, left: null, provisional: false };
    const calendar = this.#calendar;
    const lastDay = calendar.civilDateOf(dueAt - 1);
    const left = calendar.workingDaysBetween(calendar.civilDateOf(now), lastDay, { provisional: true });
    return { lastDay, left: left.value, provisional: left.provisional };
  }

  #deadlineText(d: { lastDay: string | null; left: number | null; provisional: boolean }): string {
    if (d.lastDay === null) return '';
    const left =
      d.left === null
        ? ''
        : d.left >= 0
          ? this.#t('dryRun.daysLeft', { n: d.left })
          : this.#t('dryRun.overdueDays', { n: -d.left });
    return `${this.#t('dryRun.lastDay', { date: d.lastDay })}${d.provisional ? '*' : ''} · ${left}`;
  }

  render(): void {
    if (!this.#definition) {
      replaceChildren(this.#pane, el('p', { class: 'tb-note' }, this.#t('preview.unavailable')));
      this.#pane.dataset.state = 'unavailable';
      return;
    }
    const run = this.#run;
    const controls = el(
      'div',
      { class: 'tb-preview-controls' },
      el(
        'button',
        { type: 'button', class: 'tb-button', 'data-action': 'dry-start', onclick: () => void this.#start() },
        run ? this.#t('dryRun.reset') : this.#t('dryRun.start'),
      ),
      el(
        'label',
        {},
        `${this.#t('field.departments')} `,
        el('input', {
          type: 'text',
          value: this.#coDepartments,
          placeholder: 'coDepartments',
          'data-testid': 'dry-co-departments',
          oninput: (event: Event) => {
            this.#coDepartments = (event.target as HTMLInputElement).value;
          },
        }),
      ),
      el(
        'label',
        { title: this.#t('dryRun.variables.hint') },
        `${this.#t('dryRun.variables')} `,
        el('input', {
          type: 'text',
          value: this.#variables,
          placeholder: this.#t('dryRun.variables.placeholder'),
          'data-testid': 'dry-variables',
          oninput: (event: Event) => {
            this.#variables = (event.target as HTMLInputElement).value;
          },
        }),
      ),
      run?.started
        ? el(
            'button',
            {
              type: 'button',
              class: 'tb-button',
              'data-action': 'dry-advance',
              onclick: () => void this.#act((r) => r.advanceTo(this.#nextWorkingDay(r))),
            },
            this.#t('dryRun.advance'),
          )
        : null,
      run ? el('span', { 'data-testid': 'dry-now' }, `${this.#t('dryRun.now')} ${short(run.now)}`) : null,
    );
    if (!run) {
      replaceChildren(this.#pane, controls, this.#statechart(null));
      this.#pane.dataset.state = 'idle';
      return;
    }
    const snapshot = run.snapshot();
    const tasks = run.openTasks();
    const live = snapshot !== null && !ENDED.has(snapshot.status);
    const lights = new Map<string, TaskLight>();
    for (const task of tasks) {
      const d = this.#deadline(task.dueAt, run.now);
      lights.set(task.elementId, { light: run.taskLight(task.id) ?? 'green', ...d });
    }
    const path = run.path();
    this.#host.paint({
      active: tasks.map((t) => t.elementId),
      visited: path.nodes,
      flows: path.flows,
      choices: path.choices,
      lights,
    });
    const caseDeadline = snapshot ? this.#deadline(snapshot.dueAt, run.now) : null;
    const caseLine = snapshot
      ? el(
          'p',
          { 'data-testid': 'dry-case', class: snapshot.light ? `tb-light-${snapshot.light}` : '' },
          live
            ? `${this.#t('preview.case')}: ${this.#statusName(snapshot.status)} · ${
                snapshot.light ? this.#t(`light.${snapshot.light}`) : '—'
              } · ${caseDeadline ? this.#deadlineText(caseDeadline) : '—'}`
            : this.#t('dryRun.ended', { status: this.#statusName(snapshot.status) }),
          ...this.#endedAt(run),
        )
      : null;
    const provisional = [...lights.values()].some((l) => l.provisional) || caseDeadline?.provisional;
    replaceChildren(
      this.#pane,
      controls,
      this.#error ? el('p', { class: 'tb-light-red', 'data-testid': 'dry-error' }, this.#error) : null,
      caseLine,
      provisional
        ? el('p', { class: 'tb-note', 'data-testid': 'dry-provisional' }, this.#t('preview.provisionalNote'))
        : null,
      el(
        'div',
        { class: 'tb-dry-columns' },
        el(
          'div',
          {},
          el('h4', {}, this.#t('dryRun.openTasks')),
          this.#tasks(tasks, lights),
          this.#messages(run),
          live ? this.#operations(run, tasks) : null,
          this.#variablesTable(run),
        ),
        el('div', {}, el('h4', {}, this.#t('dryRun.events')), this.#events(run.events())),
        el(
          'div',
          {},
          el('h4', {}, this.#t('dryRun.statechart')),
          this.#statechart((snapshot?.machine.value ?? null) as StateValueLike | null),
        ),
      ),
    );
    this.#pane.dataset.state = snapshot?.status ?? 'idle';
  }

  /** Where an ended case ended: the end event it reached, by name. */
  #endedAt(run: DryRun): HTMLElement[] {
    const definition = this.#definition;
    if (!definition) return [];
    const ends = [...run.path().nodes]
      .map((id) => definition.nodes.get(id))
      .filter((n) => n?.kind === 'endEvent')
      .map((n) => n?.name ?? n?.id ?? '');
    if (ends.length === 0) return [];
    return [
      el('span', { 'data-testid': 'dry-end' }, ` · ${this.#t('dryRun.endedAt', { end: ends.join('、') })}`),
    ];
  }

  #tasks(tasks: readonly TaskRecord[], lights: ReadonlyMap<string, TaskLight>): HTMLElement {
    const definition = this.#definition;
    const button = (label: string, attrs: Record<string, string>, onclick: () => void) =>
      el('button', { type: 'button', ...attrs, onclick }, label);
    const rows = tasks.map((task) => {
      const light = lights.get(task.elementId);
      const outcomes = definition && task.kind === 'user' ? outcomesAfter(definition, task.elementId) : [];
      return el(
        'tr',
        {
          'data-element-id': task.elementId,
          'data-task-id': task.id,
          'data-light': light?.light ?? '',
          class: `tb-dry-task ${light ? `tb-light-${light.light}` : ''}`,
        },
        el('td', {}, task.name ?? task.elementId),
        el(
          'td',
          { 'data-field': 'department' },
          task.department
            ? departmentLabel(this.#context.directory, task.department, this.#context.language)
            : (task.handler ?? ''),
        ),
        el('td', { 'data-field': 'light' }, light ? this.#t(`light.${light.light}`) : ''),
        el('td', { 'data-field': 'due' }, light ? this.#deadlineText(light) : ''),
        el(
          'td',
          {},
          button(
            this.#t(task.kind === 'service' ? 'dryRun.complete' : 'dryRun.approve'),
            { 'data-outcome': 'approve' },
            () => void this.#act((r, v) => r.complete(task, 'approve', v)),
          ),
          ...outcomes
            .filter((o) => o.outcome !== 'approve')
            .map((o) =>
              button(
                o.label,
                { 'data-outcome': o.outcome, title: `outcome = "${o.outcome}"` },
                () => void this.#act((r, v) => r.complete(task, o.outcome, v)),
              ),
            ),
          task.kind === 'user'
            ? button(
                this.#t('dryRun.reject'),
                { 'data-op': 'reject' },
                () =>
                  void this.#act((r) =>
                    r.execute(
                      {
                        type: 'reject',
                        taskId: task.id,
                        department: task.department ?? '',
                        reason: '试运行：不同意',
                        to: 'previous',
                      },
                      task,
                    ),
                  ),
              )
            : null,
          task.kind === 'user'
            ? button(
                this.#t('dryRun.supplement'),
                { 'data-op': 'requestSupplement' },
                () =>
                  void this.#act((r) =>
                    r.execute(
                      {
                        type: 'requestSupplement',
                        taskId: task.id,
                        department: task.department ?? '',
                        reason: '试运行：补正',
                      },
                      task,
                    ),
                  ),
              )
            : null,
          button(this.#t('dryRun.more'), { 'data-op': 'more' }, () => {
            this.#operationTask = task.id;
            if (
              this.#operation === '' ||
              (OPERATIONS[this.#operation] as OfferedOperation).scope === 'case'
            ) {
              this.#operation = 'startSpecialProcedure';
            }
            this.render();
            this.#pane.querySelector<HTMLElement>('[data-testid="dry-operation"]')?.focus();
          }),
        ),
      );
    });
    return el('table', { class: 'tb-table', 'data-testid': 'dry-tasks' }, ...rows);
  }

  /** The operations form: any command of the engine's table, on the case or an open task. */
  #operations(run: DryRun, tasks: readonly TaskRecord[]): HTMLElement {
    const lang = this.#context.language;
    const types = formOperations();
    const chosen = this.#operation === '' ? null : (OPERATIONS[this.#operation] as OfferedOperation);
    const select = el(
      'select',
      {
        'data-testid': 'dry-operation',
        'aria-label': this.#t('dryRun.operation'),
        onchange: (event: Event) => {
          this.#operation = (event.target as HTMLSelectElement).value as OperationType | '';
          this.#values = {};
          this.render();
        },
      },
      el('option', { value: '' }, this.#t('dryRun.operation.choose')),
      ...types.map((type) => {
        const op = OPERATIONS[type];
        return el(
          'option',
          { value: type, ...(type === this.#operation ? { selected: true } : {}) },
          lang === 'zh' ? op.zh : op.en,
        );
      }),
    );
    const parts: (HTMLElement | null)[] = [el('strong', {}, `${this.#t('dryRun.operation')} `), select];
    if (chosen) {
      if (chosen.scope !== 'case') {
        if (!tasks.some((t) => t.id === this.#operationTask))
          this.#operationTask = chosen.scope === 'task' ? (tasks[0]?.id ?? '') : '';
        parts.push(
          el(
            'select',
            {
              'data-testid': 'dry-operation-task',
              'aria-label': this.#t('dryRun.task'),
              onchange: (event: Event) => {
                this.#operationTask = (event.target as HTMLSelectElement).value;
              },
            },
            ...(chosen.scope === 'either' ? [el('option', { value: '' }, this.#t('dryRun.anyTask'))] : []),
            ...tasks.map((t) =>
              el(
                'option',
                { value: t.id, ...(t.id === this.#operationTask ? { selected: true } : {}) },
                `${t.name ?? t.elementId}${t.department ? ` · ${t.department}` : ''}`,
              ),
            ),
          ),
        );
      }
      for (const field of chosen.fields) parts.push(this.#field(field, run));
      parts.push(
        el(
          'button',
          {
            type: 'button',
            class: 'tb-button',
            'data-action': 'dry-run-operation',
            onclick: () => {
              const task = tasks.find((t) => t.id === this.#operationTask) ?? null;
              void this.#act(async (r, variables) => {
                const command = chosen.build({ task, values: this.#values, variables });
                await r.execute(command as CaseCommand, task);
              });
            },
          },
          this.#t('dryRun.run'),
        ),
      );
    }
    const elsewhere = (Object.keys(OPERATIONS) as OperationType[])
      .map((type) => OPERATIONS[type])
      .filter((op) => op.offered === 'elsewhere')
      .map((op) => (lang === 'zh' ? op.zh : op.en));
    return el(
      'div',
      { class: 'tb-dry-operations', 'data-testid': 'dry-operations' },
      el('p', {}, ...parts),
      el('p', { class: 'tb-note' }, this.#t('dryRun.elsewhere', { list: elsewhere.join('、') })),
    );
  }

  #field(field: OperationField, run: DryRun): HTMLElement {
    const label = this.#context.language === 'zh' ? field.zh : field.en;
    const set = (value: string) => {
      this.#values[field.name] = value;
    };
    const options = (entries: readonly (readonly [string, string])[]) => {
      if (this.#values[field.name] === undefined && entries[0]) set(entries[0][0]);
      return entries.map(([value, text]) =>
        el('option', { value, ...(this.#values[field.name] === value ? { selected: true } : {}) }, text),
      );
    };
    const select = (entries: readonly (readonly [string, string])[], onchange?: (value: string) => void) =>
      el(
        'select',
        {
          'data-field': field.name,
          'aria-label': label,
          onchange: (event: Event) => {
            const value = (event.target as HTMLSelectElement).value;
            set(value);
            onchange?.(value);
          },
        },
        ...options(entries),
      );
    const definition = run.definition;
    const userTasks = [...definition.nodes.values()].filter((n) => n.kind === 'userTask');
    const departments = [
      ...new Set([
        ...this.#context.directory.departments.map((d) => d.code),
        ...userTasks.flatMap((n) => (n.kind === 'userTask' && n.department ? [n.department] : [])),
      ]),
    ];
    let control: HTMLElement;
    switch (field.kind) {
      case 'department':
        control = select(
          departments.map((d) => [d, departmentLabel(this.#context.directory, d, this.#context.language)]),
        );
        break;
      case 'userTask': {
        const departmentOf = (id: string) => {
          const node = definition.nodes.get(id);
          return node?.kind === 'userTask' ? (node.department ?? '') : '';
        };
        control = select(
          userTasks.map((n) => [n.id, n.name ?? n.id]),
          (id) => {
            this.#values.department = departmentOf(id);
          },
        );
        if (this.#values.department === undefined)
          this.#values.department = departmentOf(this.#values[field.name] ?? '');
        break;
      }
      case 'rejectTarget':
        control = select([
          ['previous', this.#t('dryRun.rejectTarget.previous')],
          ['applicant', this.#t('dryRun.rejectTarget.applicant')],
          ...userTasks.map((n) => [n.id, n.name ?? n.id] as const),
        ]);
        break;
      case 'resubmitMode':
        control = select([
          ['restart', this.#t('dryRun.resubmit.restart')],
          ['direct', this.#t('dryRun.resubmit.direct')],
        ]);
        break;
      case 'outcome':
        control = select([
          ['approve', this.#t('dryRun.approve')],
          ['reject', this.#t('dryRun.disagree')],
        ]);
        break;
      case 'supervision': {
        const orders = run
          .events()
          .filter((e) => e.type === 'case.supervised')
          .map(
            (e) =>
              [
                String(e.data?.supervisionId ?? ''),
                String(e.department ?? e.data?.department ?? ''),
              ] as const,
          );
        control = select(
          orders.map(([id, department]) => [id, `${id} · ${department}`]),
          (id) => {
            this.#values.department = orders.find(([o]) => o === id)?.[1] ?? '';
          },
        );
        if (this.#values.department === undefined) this.#values.department = orders[0]?.[1] ?? '';
        break;
      }
      default:
        control = el('input', {
          type: field.kind === 'days' ? 'number' : 'text',
          'data-field': field.name,
          value: this.#values[field.name] ?? '',
          'aria-label': label,
          oninput: (event: Event) => set((event.target as HTMLInputElement).value),
        });
    }
    return el('label', { class: 'tb-dry-field' }, ` ${label} `, control);
  }

  #variablesTable(run: DryRun): HTMLElement | null {
    const entries = Object.entries(run.variables()).filter(([name]) => name !== 'coDepartments' || true);
    if (entries.length === 0) return null;
    return el(
      'div',
      {},
      el('h4', {}, this.#t('dryRun.caseVariables')),
      el(
        'table',
        { class: 'tb-table', 'data-testid': 'dry-case-variables' },
        ...entries.map(([name, value]) =>
          el('tr', { 'data-variable': name }, el('td', {}, name), el('td', {}, JSON.stringify(value))),
        ),
      ),
    );
  }

  #messages(run: DryRun): HTMLElement | null {
    const names = run.messageNames();
    if (names.length === 0) return null;
    return el(
      'p',
      {},
      ...names.map((name) =>
        el(
          'button',
          {
            type: 'button',
            'data-message': name,
            onclick: () => void this.#act((r, v) => r.message(name, v)),
          },
          `✉ ${name}`,
        ),
      ),
    );
  }

  #events(events: readonly CaseEvent[]): HTMLElement {
    const interesting = events.filter((e) => e.type !== 'timer.set' && e.type !== 'timer.cancelled');
    return el(
      'ol',
      { class: 'tb-dry-events', 'data-testid': 'dry-events', reversed: true },
      ...[...interesting]
        .reverse()
        .map((event) =>
          el(
            'li',
            { 'data-type': event.type },
            `${short(event.at)} ${eventName(event.type, this.#context.language)}`,
            event.elementId ? ` ${this.#host.describe(event.elementId)}` : '',
            event.department ? ` · ${event.department}` : '',
            event.type === 'light.changed' && event.data ? ` → ${this.#lightName(event.data.to)}` : '',
            event.type === 'gateway.taken' && typeof event.data?.flow === 'string'
              ? ` → ${this.#host.describe(event.data.flow)}`
              : '',
          ),
        ),
    );
  }

  #statusName(status: CaseStatus): string {
    const key = `case.${status}`;
    return isMessageKey(key) ? this.#t(key) : status;
  }

  #lightName(light: unknown): string {
    return light === 'green' || light === 'yellow' || light === 'red'
      ? this.#t(`light.${light}`)
      : String(light);
  }

  #statechart(value: StateValueLike | null): HTMLElement {
    const definition = this.#definition;
    if (!definition) return el('ul', {});
    const labels = {
      t: (key: MessageKey, params?: Readonly<Record<string, string | number>>) =>
        this.#t(key, params && { ...params }),
      // describe() falls back to the id for an unnamed element: that is no name.
      nameOf: (id: string) => {
        const described = this.#host.describe(id);
        return described === id ? null : described;
      },
    };
    const machineRoot = (definition.machine as unknown as { root: StateNodeLike }).root;
    const selected = this.#host.selectedElementId();
    const scope = (selected && findElementState(machineRoot, selected)) || machineRoot;
    const active = activeStateIds(machineRoot, value);
    const render = (node: StateNodeLike): HTMLElement =>
      el(
        'li',
        {
          class: active.has(node.id) ? 'tb-state tb-state-active' : 'tb-state',
          'data-state-id': node.id,
          // The compiler's key stays at hand (hover) for whoever reads the engine's logs.
          title: node.key,
        },
        el('span', { class: 'tb-state-label' }, stateLabel(node, definition, labels)),
        ' ',
        el('small', {}, this.#context.language === 'zh' ? (STATE_TYPES[node.type] ?? node.type) : node.type),
        Object.keys(node.states).length > 0 ? el('ul', {}, ...Object.values(node.states).map(render)) : null,
      );
    return el('ul', { class: 'tb-statechart', 'data-testid': 'statechart' }, render(scope));
  }
}
