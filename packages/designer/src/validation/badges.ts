import type { Element } from 'bpmn-js/lib/model/Types.js';
import type { Overlays } from '../diagram-services.js';
import { el } from '../ui/dom.js';

interface Canvas {
  addMarker(element: Element, marker: string): void;
  removeMarker(element: Element, marker: string): void;
  hasMarker(element: Element, marker: string): boolean;
}
interface ElementRegistry {
  get(id: string): Element | undefined;
}
interface ModelerLike {
  get<T>(name: string): T;
}

/** One element's badge: how many problems, the worst of them, and their messages. */
export interface Badge {
  readonly elementId: string;
  readonly severity: 'error' | 'warning';
  readonly count: number;
  readonly title: string;
}

const OVERLAY = 'tb-diagnostic';
const marker = (severity: Badge['severity']) => `tb-has-${severity}`;

/**
 * The live check's badges and markers on the canvas, changed only where they differ from what is
 * drawn: most edits leave the problems as they were, and drawing every badge again made each
 * edit's frame lay out and paint them all. A badge whose overlay or marker is gone (its element
 * deleted and brought back by undo, or a new diagram opened) is drawn again.
 */
export class DiagnosticBadges {
  readonly #modeler: ModelerLike;
  /** By element id when drawn; the element itself, as its id may be edited since. */
  #drawn = new Map<string, { readonly badge: Badge; readonly overlay: string; readonly element: Element }>();

  constructor(modeler: ModelerLike) {
    this.#modeler = modeler;
  }

  show(badges: readonly Badge[]): void {
    const overlays = this.#modeler.get<Overlays>('overlays');
    const canvas = this.#modeler.get<Canvas>('canvas');
    const registry = this.#modeler.get<ElementRegistry>('elementRegistry');
    const wanted = new Map<string, { readonly badge: Badge; readonly element: Element }>();
    for (const badge of badges) {
      const element = registry.get(badge.elementId);
      if (element) wanted.set(badge.elementId, { badge, element });
    }

    for (const [id, drawn] of this.#drawn) {
      const next = wanted.get(id);
      const intact =
        next !== undefined &&
        next.element === drawn.element &&
        same(next.badge, drawn.badge) &&
        overlays.get(drawn.overlay) !== undefined &&
        canvas.hasMarker(drawn.element, marker(drawn.badge.severity));
      if (intact) {
        wanted.delete(id);
        continue;
      }
      overlays.remove(drawn.overlay);
      // Only from an element still on the canvas (one deleted or replaced by a new diagram has none).
      if (registry.get(drawn.element.id) === drawn.element)
        canvas.removeMarker(drawn.element, marker(drawn.badge.severity));
      this.#drawn.delete(id);
    }

    for (const { badge, element } of wanted.values()) {
      const html = el(
        'div',
        {
          class: `tb-badge tb-badge-${badge.severity}`,
          title: badge.title,
          'data-element-id': badge.elementId,
        },
        String(badge.count),
      );
      const overlay = overlays.add(badge.elementId, OVERLAY, { position: { top: -10, right: 10 }, html });
      canvas.addMarker(element, marker(badge.severity));
      this.#drawn.set(badge.elementId, { badge, overlay, element });
    }
  }
}

function same(a: Badge, b: Badge): boolean {
  return a.severity === b.severity && a.count === b.count && a.title === b.title;
}
