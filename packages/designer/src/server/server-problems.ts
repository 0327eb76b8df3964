import type { Diagnostic } from '@tongban/engine';
import { fieldName, problemField } from '@tongban/engine/messages';
import type { Overlays } from '../diagram-services.js';
import { engineLanguage } from '../i18n/messages.js';
import type { TbContext } from '../tb-context.js';
import { el, replaceChildren } from '../ui/dom.js';
import { groupByElement, sortDiagnostics } from '../validation/problems.js';

interface Canvas {
  addMarker(element: string, marker: string): void;
  removeMarker(element: string, marker: string): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}
interface ModelerLike {
  get<T>(name: string): T;
}

/** How the page words and shows a diagnostic, shared with the local problems list. */
export interface ProblemHost {
  message(d: Diagnostic): string;
  reveal(elementId: string | null, field: string | null): void;
}

const OVERLAY = 'tb-server-diagnostic';
const MARKER = 'tb-server-problem';

/**
 * The server's diagnostics of the last refused deployment, above the local problems: the same rows
 * (in the page's language, naming elements as the designer does, a click selects the element and
 * opens its field) and a badge on each element. They describe the model as it was sent, so the
 * next edit clears them; the local checks then speak for the model as it is.
 */
export class ServerProblems {
  readonly element: HTMLElement;
  readonly #modeler: ModelerLike;
  readonly #context: TbContext;
  readonly #host: ProblemHost;
  #marked: string[] = [];

  constructor(modeler: ModelerLike, context: TbContext, host: ProblemHost) {
    this.#modeler = modeler;
    this.#context = context;
    this.#host = host;
    this.element = el('section', { class: 'tb-server-problems', 'data-testid': 'server-problems' });
    this.element.hidden = true;
  }

  show(diagnostics: readonly Diagnostic[]): void {
    this.clear();
    if (diagnostics.length === 0) return;
    const registry = this.#modeler.get<ElementRegistry>('elementRegistry');
    const canvas = this.#modeler.get<Canvas>('canvas');
    const overlays = this.#modeler.get<Overlays>('overlays');
    for (const group of groupByElement(diagnostics)) {
      if (group.elementId === null || !registry.get(group.elementId)) continue;
      const badge = el(
        'div',
        {
          class: 'tb-badge tb-badge-server',
          title: group.diagnostics.map((d) => this.#host.message(d)).join('\n'),
          'data-element-id': group.elementId,
        },
        String(group.diagnostics.length),
      );
      overlays.add(group.elementId, OVERLAY, { position: { bottom: -6, right: 10 }, html: badge });
      canvas.addMarker(group.elementId, MARKER);
      this.#marked.push(group.elementId);
    }
    const rows = sortDiagnostics(diagnostics).map((d) => {
      const field = problemField(d);
      const open = () => this.#host.reveal(d.elementId, field);
      return el(
        'li',
        {
          class: `tb-problem tb-problem-${d.severity} tb-problem-server`,
          'data-element-id': d.elementId ?? '',
          'data-code': d.code,
          tabindex: 0,
          onclick: open,
          onkeydown: (event: Event) => {
            if ((event as KeyboardEvent).key === 'Enter') open();
          },
        },
        el('span', { class: 'tb-problem-severity' }, this.#context.t(`problems.severity.${d.severity}`)),
        el('span', { class: 'tb-problem-message' }, this.#host.message(d)),
        field
          ? el(
              'span',
              { class: 'tb-problem-field' },
              `→ ${fieldName(field, engineLanguage(this.#context.language))}`,
            )
          : null,
        el('code', { class: 'tb-problem-code' }, d.code),
      );
    });
    replaceChildren(
      this.element,
      el('h4', {}, this.#context.t('server.problems')),
      el('ul', { class: 'tb-problems' }, ...rows),
    );
    this.element.hidden = false;
  }

  clear(): void {
    if (this.#marked.length === 0 && this.element.hidden) return;
    const registry = this.#modeler.get<ElementRegistry>('elementRegistry');
    const canvas = this.#modeler.get<Canvas>('canvas');
    this.#modeler.get<Overlays>('overlays').remove({ type: OVERLAY });
    for (const id of this.#marked) if (registry.get(id)) canvas.removeMarker(id, MARKER);
    this.#marked = [];
    replaceChildren(this.element);
    this.element.hidden = true;
  }
}
