import type { Diagnostic } from '@tongban/engine';
import { fieldName, localize, problemField } from '@tongban/engine/messages';
import type { Element } from 'bpmn-js/lib/model/Types.js';
import { engineLanguage } from '../i18n/messages.js';
import type { TbContext } from '../tb-context.js';
import { el, replaceChildren } from '../ui/dom.js';
import { type Badge, DiagnosticBadges } from './badges.js';
import { describeElement } from './describe.js';
import { countBySeverity, groupByElement, sortDiagnostics } from './problems.js';
import type { ValidationResult, Validator } from './types.js';

interface Canvas {
  getRootElement(): Element;
  scrollToElement(element: Element): void;
}
interface ElementRegistry {
  get(id: string): Element | undefined;
}
interface Selection {
  select(element: Element | null): void;
}
interface EventBus {
  on(event: string | string[], callback: () => void): void;
}
interface ModelerLike {
  get<T>(name: string): T;
  getDefinitions(): unknown;
}

/** Sets an element's text only when it changes: even the same text written again costs a relayout. */
function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** Where the validator reports: the problems list and a one-line status. */
export interface ValidationView {
  readonly problems: HTMLElement;
  readonly status: HTMLElement;
}

/**
 * Runs the engine's checks when a diagram is opened and on every change (debounced), and shows its
 * diagnostics: a badge on each element, a marker colouring it, and a problems list that selects
 * the element on click.
 */
export class LiveValidation {
  readonly #modeler: ModelerLike;
  readonly #validate: Validator;
  readonly #view: ValidationView;
  readonly #context: TbContext;
  readonly #delay: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When the last check started (`performance.now()`). */
  #lastCheck = Number.NEGATIVE_INFINITY;
  readonly #badges: DiagnosticBadges;
  /** What the problems list shows (language and rows), so an unchanged list is not rebuilt. */
  #listed: string | null = null;
  #listeners = new Set<(result: ValidationResult) => void>();
  last: ValidationResult | null = null;

  constructor(
    modeler: ModelerLike,
    validate: Validator,
    view: ValidationView,
    context: TbContext,
    delay = 200,
  ) {
    this.#modeler = modeler;
    this.#validate = validate;
    this.#view = view;
    this.#context = context;
    this.#delay = delay;
    this.#badges = new DiagnosticBadges(modeler);
    // Opening a diagram validates through open(); edits are validated after a pause.
    modeler.get<EventBus>('eventBus').on('commandStack.changed', () => this.schedule());
  }

  /** Called with every fresh result (the deadline preview and dry run recompute from it). */
  onResult(listener: (result: ValidationResult) => void): void {
    this.#listeners.add(listener);
  }

  schedule(): void {
    clearTimeout(this.#timer);
    document.body.dataset.validation = 'pending';
    this.#showPending();
    // A lone edit is checked at once, so its feedback takes only the check's own time; edits that
    // follow within the pause (typing in a field) wait for it, so a burst costs one more check.
    const lone = performance.now() - this.#lastCheck >= this.#delay;
    this.#timer = setTimeout(() => void this.runNow(), lone ? 0 : this.#delay);
  }

  /**
   * Says 校验中… in the next frame if the check has not answered by then. A lone edit is checked
   * before its frame: writing the status twice (pending, then the same verdict again) made that
   * frame lay out and paint the page around the diagram once more (5–8 ms at 3,000 elements).
   */
  #showPending(): void {
    requestAnimationFrame(() => {
      if (document.body.dataset.validation === 'pending')
        setText(this.#view.status, this.#context.t('status.validating'));
    });
  }

  /** Validates the current diagram now; resolves when its result is on screen. */
  async runNow(): Promise<ValidationResult> {
    return this.#check();
  }

  /**
   * Opens a diagram: `draw` imports it into bpmn-js and returns the parser's warnings; the engine
   * then checks the document bpmn-js holds, and the diagnostics are shown. Resolves once they are
   * on screen; rejects, showing nothing new, when `draw` fails.
   */
  async open(draw: () => Promise<readonly unknown[]>): Promise<ValidationResult> {
    clearTimeout(this.#timer);
    document.body.dataset.validation = 'pending';
    this.#view.status.textContent = this.#context.t('status.validating');
    const warnings = await draw();
    return this.#check(warnings);
  }

  /**
   * Checks bpmn-js' own moddle definitions (no save, no second parse). The parse warnings belong
   * to the file as opened; an edited diagram has none, as its saved XML would have none.
   */
  #check(warnings?: readonly unknown[]): ValidationResult {
    clearTimeout(this.#timer);
    this.#lastCheck = performance.now();
    const definitions = this.#modeler.getDefinitions();
    let result: ValidationResult;
    try {
      result = this.#validate(
        warnings ? { definitions, warnings } : { definitions },
        this.#context.calendars,
      );
    } catch (error) {
      // The engine promises diagnostics, not exceptions; if one escapes, show it rather than hide it.
      result = {
        ok: false,
        key: () => null,
        definition: () => null,
        diagnostics: [
          {
            elementId: null,
            code: 'IMPORT_FAILED',
            message: error instanceof Error ? error.message : String(error),
            severity: 'error',
          },
        ],
      };
    }
    this.#render(result.diagnostics);
    this.last = result;
    document.body.dataset.validation = result.diagnostics.length === 0 ? 'ok' : 'problems';
    for (const listener of this.#listeners) listener(result);
    return result;
  }

  #render(diagnostics: readonly Diagnostic[]): void {
    const badges: Badge[] = [];
    for (const group of groupByElement(diagnostics)) {
      if (group.elementId === null) continue;
      badges.push({
        elementId: group.elementId,
        severity: group.errors > 0 ? 'error' : 'warning',
        count: group.errors + group.warnings,
        title: group.diagnostics.map((d) => this.message(d)).join('\n'),
      });
    }
    this.#badges.show(badges);

    const { errors, warnings } = countBySeverity(diagnostics);
    // Unchanged text and state are not written again: a write alone costs the frame a relayout.
    setText(
      this.#view.status,
      diagnostics.length === 0
        ? this.#context.t('status.ok')
        : this.#context.t('status.problems', { errors, warnings }),
    );
    const state = errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'ok';
    if (this.#view.status.dataset.state !== state) this.#view.status.dataset.state = state;
    this.#renderList(diagnostics);
  }

  /** A diagnostic in the page's language, naming elements as the designer sees them. */
  message(d: Diagnostic): string {
    const registry = this.#modeler.get<ElementRegistry>('elementRegistry');
    return localize(d, engineLanguage(this.#context.language), {
      describe: (id) => describeElement(registry, id),
    });
  }

  #renderList(diagnostics: readonly Diagnostic[]): void {
    const lang = engineLanguage(this.#context.language);
    const shown = sortDiagnostics(diagnostics).map((d) => ({
      d,
      field: problemField(d),
      text: this.message(d),
    }));
    // Most edits leave the problems as they were; rebuilding the list anyway made the edit's frame
    // lay out and paint it again. The key holds everything a row shows.
    const listed = JSON.stringify([
      this.#context.language,
      shown.map(({ d, field, text }) => [d.severity, d.elementId, d.code, field, text, d.message]),
    ]);
    if (listed === this.#listed && this.#view.problems.firstChild !== null) return;
    this.#listed = listed;
    if (shown.length === 0) {
      replaceChildren(this.#view.problems, el('p', { class: 'tb-empty' }, this.#context.t('problems.none')));
      return;
    }
    const rows = shown.map(({ d, field, text }) => {
      const open = () => this.reveal(d.elementId, field);
      return el(
        'li',
        {
          class: `tb-problem tb-problem-${d.severity}`,
          'data-element-id': d.elementId ?? '',
          'data-code': d.code,
          'data-field': field ?? '',
          tabindex: 0,
          onclick: open,
          onkeydown: (event: Event) => {
            if ((event as KeyboardEvent).key === 'Enter') open();
          },
        },
        el('span', { class: 'tb-problem-severity' }, this.#context.t(`problems.severity.${d.severity}`)),
        el('span', { class: 'tb-problem-message' }, text),
        field ? el('span', { class: 'tb-problem-field' }, `→ ${fieldName(field, lang)}`) : null,
        // In English the engine's own message adds the attribute and value it read.
        lang === 'en' ? el('span', { class: 'tb-problem-detail' }, d.message) : null,
        el('code', { class: 'tb-problem-code' }, d.code),
      );
    });
    replaceChildren(this.#view.problems, el('ul', { class: 'tb-problems' }, ...rows));
  }

  /**
   * Selects the element of a problem and, when it names a field, opens that field in the properties
   * panel: highlighted, scrolled into view and focused.
   */
  reveal(id: string | null, field: string | null): void {
    this.#select(id);
    if (field === null) return;
    const entryId = field === 'condition' ? 'tb-condition' : `tb-${field}`;
    // The panel re-renders for the new selection on its own schedule: wait until the entry is there.
    let tries = 0;
    const find = (): void => {
      const entry = document.querySelector<HTMLElement>(`[data-entry-id="${entryId}"]`);
      if (!entry) {
        if (tries++ < 40) setTimeout(find, 25);
        return;
      }
      for (const old of document.querySelectorAll('.tb-field-flagged'))
        old.classList.remove('tb-field-flagged');
      entry.classList.add('tb-field-flagged');
      entry.scrollIntoView({ block: 'center' });
      entry.querySelector<HTMLElement>('input, select, textarea, [contenteditable]')?.focus();
    };
    find();
  }

  #select(id: string | null): void {
    if (id === null) return;
    const canvas = this.#modeler.get<Canvas>('canvas');
    const selection = this.#modeler.get<Selection>('selection');
    // The process itself is the canvas root: the panel shows it when nothing is selected.
    if (canvas.getRootElement().id === id || canvas.getRootElement().businessObject?.processRef?.id === id) {
      selection.select(null);
      return;
    }
    const element = this.#modeler.get<ElementRegistry>('elementRegistry').get(id);
    if (!element) return;
    selection.select(element);
    canvas.scrollToElement(element);
  }
}
