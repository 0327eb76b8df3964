import type { Element } from 'bpmn-js/lib/model/Types.js';
import { is } from 'bpmn-js/lib/util/ModelUtil.js';
import { businessObject, isMultiInstance, stringProperty } from '../bpmn-element.js';
import { departmentLabel, splitDepartmentList } from '../departments.js';
import type { MessageKey } from '../i18n/messages.js';
import type { TbContext } from '../tb-context.js';
import { AfterPaintQueue } from './after-paint-queue.js';

interface EventBus {
  on(event: string, priority: number, callback: (event: unknown, context: RenderContext) => unknown): void;
  on(event: string, callback: () => void): void;
  fire(event: string, data: unknown): void;
}
interface RenderContext {
  readonly element: Element;
  readonly gfx: SVGElement;
}
interface BpmnRenderer {
  drawShape(parent: SVGElement, element: Element): SVGElement;
}
interface ElementRegistry {
  filter(fn: (element: Element) => boolean): Element[];
  getGraphics(element: Element): SVGElement | undefined;
}

const UNIT_KEYS: Readonly<Record<string, MessageKey>> = {
  workingDays: 'who.unit.workingDays',
  naturalDays: 'who.unit.naturalDays',
  hours: 'who.unit.hours',
  workingHours: 'who.unit.workingHours',
};

/** The two caption lines of a user task: who handles it, and in what role and time. */
export function whoLines(element: Element, context: TbContext): { who: string; how: string } | null {
  if (!is(element, 'bpmn:UserTask')) return null;
  const bo = businessObject(element);
  const directory = context.directory;
  const lang = context.language;
  // The canvas is small: a department's short name when the directory has one.
  const label = (code: string) => {
    const found = directory.departments.find((d) => d.code === code);
    return lang === 'zh' && found?.shortName ? found.shortName : departmentLabel(directory, code, lang);
  };
  const multi = isMultiInstance(element);
  const listed = splitDepartmentList(stringProperty(bo, 'tb:departments'));
  const collection = stringProperty(bo, 'tb:collection');
  const department = stringProperty(bo, 'tb:department');
  const who = multi
    ? listed.length > 0
      ? listed.map(label).join('、')
      : collection
        ? context.t('who.fromVariable', { name: collection })
        : ''
    : department
      ? label(department)
      : context.t('who.noDepartment');
  const role =
    stringProperty(bo, 'tb:role') === 'lead' ? context.t('field.role.lead') : context.t('field.role.co');
  const amount = stringProperty(bo, 'tb:timeLimit');
  const unit = UNIT_KEYS[stringProperty(bo, 'tb:timeLimitUnit') || 'workingDays'] ?? 'who.unit.workingDays';
  const limit = amount ? context.t(unit, { n: amount }) : context.t('who.noLimit');
  return { who, how: `${multi ? context.t('who.parallel') : role} · ${limit}` };
}

const SVG = 'http://www.w3.org/2000/svg';

function text(content: string, x: number, y: number, width: number, kind: string): SVGTextElement {
  const node = document.createElementNS(SVG, 'text');
  node.setAttribute('x', String(x));
  node.setAttribute('y', String(y));
  node.setAttribute('class', `tb-who tb-who-${kind}`);
  // Inline presentation attributes: the exported SVG carries no stylesheet.
  node.setAttribute('font-size', '9');
  node.setAttribute('font-family', 'Arial, "Noto Sans CJK SC", sans-serif');
  node.setAttribute('fill', kind === 'missing' ? '#cf222e' : '#57606a');
  node.setAttribute('text-anchor', 'middle');
  // Squeezed only when too long for the task (a squeeze costs glyph layout on large diagrams).
  if (content.length * 9 > width - 6) {
    node.setAttribute('textLength', String(width - 6));
    node.setAttribute('lengthAdjust', 'spacingAndGlyphs');
  }
  node.textContent = content;
  return node;
}

/** Adds the caption lines of a user task to its visual (the group bpmn-js draws it in). */
function drawLines(visual: SVGElement, element: Element, context: TbContext): void {
  const lines = whoLines(element, context);
  if (!lines) return;
  const width = element.width ?? 100;
  const height = element.height ?? 80;
  const missing = !lines.who || lines.who === context.t('who.noDepartment');
  if (lines.who)
    visual.appendChild(text(lines.who, width / 2, 11, width, missing ? 'missing' : 'department'));
  visual.appendChild(text(lines.how, width / 2, height - 5, width, 'role'));
}

/**
 * Draws who handles each user task into the task itself: the department (or the co-handling
 * departments of a joint review) along its top edge, role and time limit along its bottom edge.
 * Drawn into the shape's SVG, so it is also in the exported SVG, and redrawn on every change.
 *
 * While a diagram is imported the tasks are drawn bare and their captions added in slices once
 * the diagram is painted: at 3,000 elements the 2,000 caption texts cost about as much to lay
 * out and paint as all of bpmn-js' own labels, and the diagram and its problems need not wait
 * for them. An SVG export draws those still missing first.
 */
export class WhoDoesWhatRenderer {
  static $inject = ['eventBus', 'bpmnRenderer', 'tbContext', 'elementRegistry'];
  readonly #captions: AfterPaintQueue<Element>;

  constructor(eventBus: EventBus, bpmnRenderer: BpmnRenderer, context: TbContext, registry: ElementRegistry) {
    this.#captions = new AfterPaintQueue((element) => {
      const visual = registry.getGraphics(element)?.querySelector<SVGElement>('.djs-visual');
      if (visual) drawLines(visual, element, context);
    });
    let importing = false;
    eventBus.on('import.render.start', () => {
      importing = true;
    });
    // A failed import ends without import.render.complete; import.done comes either way.
    for (const ended of ['import.render.complete', 'import.done']) {
      eventBus.on(ended, () => {
        importing = false;
        this.#captions.start();
      });
    }
    eventBus.on('diagram.clear', () => this.#captions.clear());
    eventBus.on('saveSVG.start', () => this.#captions.flush());
    eventBus.on('render.shape', 1500, (_event, { element, gfx }) => {
      if (element.labelTarget || !is(element, 'bpmn:UserTask')) return undefined;
      const shape = bpmnRenderer.drawShape(gfx, element);
      if (importing) this.#captions.add(element);
      else {
        this.#captions.delete(element);
        drawLines(gfx, element, context);
      }
      return shape;
    });
    // Department names come from the directory: a new directory redraws every task.
    context.onDirectoryChange(() => {
      for (const element of registry.filter((e) => is(e, 'bpmn:UserTask'))) {
        eventBus.fire('element.changed', { element });
      }
    });
  }

  /** Resolves when every task of the diagram shows its captions. */
  drawn(): Promise<void> {
    return this.#captions.drained();
  }
}

export const whoDoesWhatModule = {
  __init__: ['whoDoesWhatRenderer'],
  whoDoesWhatRenderer: ['type', WhoDoesWhatRenderer],
};
