import type { CivilDate, CompiledDefinition, TimeLimit } from '@tongban/engine';
import { departmentLabel } from '../departments.js';
import { pickFile } from '../io/files.js';
import type { TbContext } from '../tb-context.js';
import { el, replaceChildren } from '../ui/dom.js';
import { type DeadlinePreview, previewDeadlines } from './schedule.js';

/**
 * The 期限预览 tab: pick an acceptance date, see the case's and every step's due date and yellow
 * day on the matter's calendar, with the holidays in between. Recomputed on every successful
 * compile and on every date change.
 */
export class DeadlinePreviewView {
  readonly #pane: HTMLElement;
  readonly #context: TbContext;
  readonly #select: (elementId: string) => void;
  readonly #date: HTMLInputElement;
  readonly #body: HTMLElement;
  readonly #overlayStatus: HTMLElement = el('span', { class: 'tb-note', 'data-testid': 'overlay-status' });
  /** The compiled model, built on first use (a hidden tab never asks). */
  #definition: () => CompiledDefinition | null = () => null;

  constructor(
    pane: HTMLElement,
    context: TbContext,
    select: (elementId: string) => void,
    acceptance: CivilDate,
    loadOverlay: (text: string, source: string) => Promise<string | null> = async () => null,
  ) {
    this.#pane = pane;
    this.#context = context;
    this.#select = select;
    this.#date = el('input', {
      type: 'date',
      value: acceptance,
      'data-testid': 'acceptance-date',
      onchange: () => this.render(),
    });
    this.#body = el('div', { class: 'tb-preview-body' });
    replaceChildren(
      pane,
      el(
        'div',
        { class: 'tb-preview-controls' },
        el('label', {}, `${context.t('preview.acceptance')} `, this.#date),
        el(
          'button',
          {
            type: 'button',
            class: 'tb-button',
            'data-action': 'calendar-overlay',
            title: context.t('preview.overlay.hint'),
            onclick: async () => {
              const file = await pickFile('.json,application/json');
              if (!file) return;
              const problem = await loadOverlay(await file.text(), file.name);
              this.#overlayStatus.className = problem ? 'tb-light-red' : 'tb-note';
              this.#overlayStatus.textContent =
                problem ?? context.t('preview.overlay.loaded', { names: context.overlays.join('、') });
            },
          },
          context.t('preview.overlay'),
        ),
        this.#overlayStatus,
        el('span', { class: 'tb-note' }, context.t('preview.assumption')),
      ),
      this.#body,
    );
  }

  /** Shows the preview of a compiled model, or says why there is none. */
  update(definition: () => CompiledDefinition | null): void {
    this.#definition = definition;
    // A hidden tab is brought up to date when it is shown (Designer#showTab).
    if (!this.#pane.hidden) this.render();
  }

  render(): void {
    const t = this.#context.t.bind(this.#context);
    const definition = this.#definition();
    if (!definition) {
      replaceChildren(this.#body, el('p', { class: 'tb-note' }, t('preview.unavailable')));
      this.#pane.dataset.state = 'unavailable';
      return;
    }
    let preview: DeadlinePreview;
    try {
      preview = previewDeadlines(definition, this.#date.value);
    } catch (error) {
      replaceChildren(
        this.#body,
        el('p', { class: 'tb-note' }, error instanceof Error ? error.message : String(error)),
      );
      this.#pane.dataset.state = 'error';
      return;
    }
    if (this.#context.overlays.length > 0 && this.#overlayStatus.className !== 'tb-light-red') {
      this.#overlayStatus.textContent = this.#context.t('preview.overlay.loaded', {
        names: this.#context.overlays.join('、'),
      });
    }
    const provisional =
      preview.caseDeadline?.provisional === true || preview.rows.some((row) => row.provisional);
    replaceChildren(
      this.#body,
      this.#caseTable(preview),
      this.#stepsTable(preview),
      this.#notes(preview, provisional ? definition : null),
      provisional
        ? el(
            'p',
            { class: 'tb-note tb-provisional', 'data-testid': 'preview-provisional' },
            t('preview.provisionalNote'),
          )
        : null,
    );
    this.#pane.dataset.state = 'ready';
  }

  #limit(limit: TimeLimit | null): string {
    return limit
      ? `${limit.amount} ${this.#context.t(`unit.${limit.unit}`)}`
      : this.#context.t('preview.noLimit');
  }

  #date_(date: CivilDate | null, provisional = false): string {
    if (date === null) return '—';
    return provisional ? `${date} * ${this.#context.t('preview.provisionalMark')}` : date;
  }

  #caseTable(preview: DeadlinePreview): HTMLElement {
    const t = this.#context.t.bind(this.#context);
    const deadline = preview.caseDeadline;
    return el(
      'table',
      { class: 'tb-table tb-preview-case', 'data-testid': 'preview-case' },
      el(
        'tr',
        {},
        el('th', {}, t('preview.case')),
        el('td', {}, `${t('preview.calendar')} ${preview.calendar}`),
        el('td', {}, `${t('preview.limit')} ${this.#limit(deadline?.limit ?? null)}`),
        el(
          'td',
          { class: 'tb-light-yellow', 'data-field': 'yellow' },
          `${t('preview.yellow')} ${this.#date_(deadline?.yellow ?? null)}`,
        ),
        el(
          'td',
          { class: 'tb-light-red', 'data-field': 'due' },
          `${t('preview.due')} ${this.#date_(deadline?.due ?? null, deadline?.provisional)}`,
        ),
        el(
          'td',
          { 'data-field': 'legal-due' },
          deadline?.legalDue ? `${t('field.legalLimit')} ${deadline.legalDue}` : '',
        ),
      ),
    );
  }

  #stepsTable(preview: DeadlinePreview): HTMLElement {
    const t = this.#context.t.bind(this.#context);
    const head = el(
      'tr',
      {},
      ...(
        [
          'preview.element',
          'preview.department',
          'preview.limit',
          'preview.start',
          'preview.yellow',
          'preview.due',
        ] as const
      ).map((key) => el('th', {}, t(key))),
    );
    const rows = preview.rows.map((row) =>
      el(
        'tr',
        {
          'data-element-id': row.elementId,
          class: 'tb-preview-row',
          onclick: () => this.#select(row.elementId),
        },
        el('td', {}, row.name ?? row.elementId),
        el(
          'td',
          {},
          row.departments
            .map((d) => departmentLabel(this.#context.directory, d, this.#context.language))
            .join('、') +
            (row.role ? ` · ${t(row.role === 'lead' ? 'field.role.lead' : 'field.role.co')}` : ''),
        ),
        el('td', {}, row.kind === 'userTask' ? this.#limit(row.limit) : ''),
        el('td', { 'data-field': 'start' }, row.start),
        el('td', { 'data-field': 'yellow', class: 'tb-light-yellow' }, this.#date_(row.yellow)),
        el('td', { 'data-field': 'due', class: 'tb-light-red' }, this.#date_(row.due, row.provisional)),
      ),
    );
    return el('table', { class: 'tb-table tb-preview-steps', 'data-testid': 'preview-steps' }, head, ...rows);
  }

  /** The holidays in between; past the data, what is not known rather than “no holidays”. */
  #notes(preview: DeadlinePreview, beyond: CompiledDefinition | null): HTMLElement {
    const t = this.#context.t.bind(this.#context);
    const horizon = beyond
      ? el(
          'span',
          { class: 'tb-light-red', 'data-testid': 'preview-horizon' },
          t('preview.beyondData', { lastYear: beyond.calendars.getCalendar(preview.calendar).lastYear }),
        )
      : null;
    if (preview.notes.length === 0) {
      return el('p', { class: 'tb-note' }, horizon ?? t('preview.noHolidays'));
    }
    return el(
      'p',
      { class: 'tb-preview-notes', 'data-testid': 'preview-holidays' },
      `${t('preview.holidays')}：`,
      ...preview.notes.map((note) =>
        el(
          'span',
          { class: `tb-calendar-note tb-calendar-${note.kind}` },
          note.from === note.to ? `${note.name} ${note.from}` : `${note.name} ${note.from} – ${note.to}`,
          note.kind === 'makeUp' ? ` (${t('preview.makeUp')})` : '',
        ),
      ),
      horizon ? ' ' : null,
      horizon,
    );
  }
}
