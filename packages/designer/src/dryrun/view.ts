import {
  type CaseEvent,
  type CaseStatus,
  type CompiledDefinition,
  formatInstant,
  type Instant,
  type TaskRecord,
  TongbanError,
} from '@tongban/engine';
import { getCalendar, MAINLAND_CALENDAR } from '@tongban/engine/calendar';
import { departmentLabel, splitDepartmentList } from '../departments.js';
import { isMessageKey } from '../i18n/messages.js';
import type { TbContext } from '../tb-context.js';
import { el, replaceChildren } from '../ui/dom.js';
import { DryRun } from './dry-run.js';
import { activeStateIds, findElementState, type StateNodeLike, type StateValueLike } from './statechart.js';

/** What the dry-run tab needs from the page around it. */
export interface DryRunHost {
  /** The acceptance date chosen in the deadline preview. */
  acceptanceDate(): string;
  /** Marks the elements that hold open tasks on the canvas. */
  highlight(elementIds: readonly string[]): void;
  /** The selected element, for the statechart of its scope. */
  selectedElementId(): string | null;
}

/** Statuses after which a case no longer changes. */
const ENDED: ReadonlySet<CaseStatus> = new Set(['completed', 'terminated', 'withdrawn', 'refused', 'failed']);

const short = (at: Instant) => formatInstant(at).slice(0, 16).replace('T', ' ');

/**
 * The 试运行 tab: play a case step by step on the engine's in-memory runtime. Shows the open tasks
 * and the departments that hold them, the case clock and lights, the event log, and the compiled
 * statechart with its active states.
 */
export class DryRunView {
  readonly #pane: HTMLElement;
  readonly #context: TbContext;
  readonly #host: DryRunHost;
  #key: string | null = null;
  #source: () => CompiledDefinition | null = () => null;
  #run: DryRun | null = null;
  #error: string | null = null;
  #coDepartments = '';

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
  update(key: string | null, definition: () => CompiledDefinition | null): void {
    if (key !== this.#key) {
      this.#key = key;
      this.#source = definition;
      this.#run = null;
      this.#error = null;
      this.#host.highlight([]);
    }
    if (!this.#pane.hidden) this.render();
  }

  #t(key: Parameters<TbContext['t']>[0], params?: Record<string, string | number>): string {
    return this.#context.t(key, params);
  }

  async #act(action: (run: DryRun) => Promise<void>): Promise<void> {
    const run = this.#run;
    if (!run) return;
    this.#error = null;
    try {
      await action(run);
    } catch (error) {
      this.#error = error instanceof TongbanError ? `${error.code}: ${error.message}` : String(error);
    }
    this.render();
  }

  async #start(): Promise<void> {
    if (!this.#definition) return;
    const calendar = getCalendar(this.#definition.matter?.calendar ?? MAINLAND_CALENDAR);
    this.#run = new DryRun(
      this.#definition,
      calendar.startOfDay(this.#host.acceptanceDate()) + 9 * 3_600_000,
    );
    await this.#act((run) => run.start(splitDepartmentList(this.#coDepartments)));
  }

  #nextWorkingDay(run: DryRun): Instant {
    const calendar = getCalendar(this.#definition?.matter?.calendar ?? MAINLAND_CALENDAR);
    const today = calendar.civilDateOf(run.now);
    return calendar.startOfDay(calendar.nextWorkingDay(today)) + 9 * 3_600_000;
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
    this.#host.highlight(tasks.map((t) => t.elementId));
    const caseLine = snapshot
      ? el(
          'p',
          { 'data-testid': 'dry-case' },
          !ENDED.has(snapshot.status)
            ? `${this.#t('preview.case')}: ${this.#statusName(snapshot.status)} · ${
                snapshot.light ? this.#t(`light.${snapshot.light}`) : '—'
              } · ${this.#t('preview.due')} ${snapshot.dueAt === null ? '—' : short(snapshot.dueAt - 1)}`
            : this.#t('dryRun.ended', { status: this.#statusName(snapshot.status) }),
        )
      : null;
    replaceChildren(
      this.#pane,
      controls,
      this.#error ? el('p', { class: 'tb-light-red', 'data-testid': 'dry-error' }, this.#error) : null,
      caseLine,
      el(
        'div',
        { class: 'tb-dry-columns' },
        el('div', {}, el('h4', {}, this.#t('dryRun.openTasks')), this.#tasks(tasks), this.#messages(run)),
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

  #tasks(tasks: readonly TaskRecord[]): HTMLElement {
    const rows = tasks.map((task) =>
      el(
        'tr',
        { 'data-element-id': task.elementId, 'data-task-id': task.id, class: 'tb-dry-task' },
        el('td', {}, task.name ?? task.elementId),
        el(
          'td',
          { 'data-field': 'department' },
          task.department
            ? departmentLabel(this.#context.directory, task.department, this.#context.language)
            : (task.handler ?? ''),
        ),
        el('td', {}, task.dueAt === null ? '' : `${this.#t('preview.due')} ${short(task.dueAt - 1)}`),
        el(
          'td',
          {},
          el(
            'button',
            {
              type: 'button',
              'data-outcome': 'approve',
              onclick: () => void this.#act((r) => r.complete(task, 'approve')),
            },
            this.#t('dryRun.approve'),
          ),
          ' ',
          el(
            'button',
            {
              type: 'button',
              'data-outcome': 'reject',
              onclick: () => void this.#act((r) => r.complete(task, 'reject')),
            },
            this.#t('dryRun.reject'),
          ),
          ' ',
          el(
            'button',
            {
              type: 'button',
              'data-outcome': 'return',
              onclick: () => void this.#act((r) => r.complete(task, 'return')),
            },
            this.#t('dryRun.return'),
          ),
        ),
      ),
    );
    return el('table', { class: 'tb-table', 'data-testid': 'dry-tasks' }, ...rows);
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
          { type: 'button', 'data-message': name, onclick: () => void this.#act((r) => r.message(name)) },
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
            `${short(event.at)} ${event.type}`,
            event.elementId ? ` ${event.elementId}` : '',
            event.department ? ` · ${event.department}` : '',
            event.type === 'light.changed' && event.data ? ` → ${this.#lightName(event.data.to)}` : '',
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
    if (!this.#definition) return el('ul', {});
    const machineRoot = (this.#definition.machine as unknown as { root: StateNodeLike }).root;
    const selected = this.#host.selectedElementId();
    const scope = (selected && findElementState(machineRoot, selected)) || machineRoot;
    const active = activeStateIds(machineRoot, value);
    const render = (node: StateNodeLike): HTMLElement =>
      el(
        'li',
        { class: active.has(node.id) ? 'tb-state tb-state-active' : 'tb-state', 'data-state-id': node.id },
        `${node.key} `,
        el('small', {}, node.type),
        Object.keys(node.states).length > 0 ? el('ul', {}, ...Object.values(node.states).map(render)) : null,
      );
    return el('ul', { class: 'tb-statechart', 'data-testid': 'statechart' }, render(scope));
  }
}
