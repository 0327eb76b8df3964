import type { Element, Shape } from 'bpmn-js/lib/model/Types.js';
import { is } from 'bpmn-js/lib/util/ModelUtil.js';
import type { TbContext } from '../tb-context.js';
import {
  BLOCK_KINDS,
  type BlockKind,
  type BlockServices,
  contextPadTitleKey,
  createBlockShape,
  paletteTitleKey,
} from './blocks.js';

interface Create {
  start(event: Event, shape: Shape, context?: { source: Element }): void;
}
interface AutoPlace {
  append(source: Element, shape: Shape): void;
}
interface Registrar {
  registerProvider(priority: number, provider: object): void;
}
type Action = (event: Event, element?: Element) => void;
interface Entry {
  group: string;
  className: string;
  title: string;
  action: { click: Action; dragstart: Action };
}

function iconClass(kind: BlockKind): string {
  return `tb-icon tb-icon-${kind}`;
}

/** Palette entries for the building blocks, in a group of their own below bpmn-js' tools. */
export class TbPaletteProvider {
  static $inject = ['palette', 'create', 'bpmnFactory', 'elementFactory', 'canvas', 'tbContext'];
  readonly #create: Create;
  readonly #services: BlockServices;

  constructor(
    palette: Registrar,
    create: Create,
    bpmnFactory: BlockServices['bpmnFactory'],
    elementFactory: BlockServices['elementFactory'],
    canvas: BlockServices['canvas'],
    context: TbContext,
  ) {
    this.#create = create;
    this.#services = { bpmnFactory, elementFactory, canvas, context };
    palette.registerProvider(500, this);
  }

  getPaletteEntries(): (entries: Record<string, Entry>) => Record<string, Entry> {
    return (entries) => {
      const ours: Record<string, Entry> = {
        'tb-separator': { group: 'tongban', separator: true } as unknown as Entry,
      };
      for (const kind of BLOCK_KINDS) {
        const start: Action = (event) => this.#create.start(event, createBlockShape(kind, this.#services));
        ours[`tb-create-${kind}`] = {
          group: 'tongban',
          className: iconClass(kind),
          title: this.#services.context.t(paletteTitleKey(kind)),
          action: { click: start, dragstart: start },
        };
      }
      return { ...entries, ...ours };
    };
  }
}

/** Context pad entries: append a building block after the selected flow node. */
export class TbContextPadProvider {
  static $inject = [
    'contextPad',
    'create',
    'autoPlace',
    'bpmnFactory',
    'elementFactory',
    'canvas',
    'tbContext',
  ];
  readonly #create: Create;
  readonly #autoPlace: AutoPlace;
  readonly #services: BlockServices;

  constructor(
    contextPad: Registrar,
    create: Create,
    autoPlace: AutoPlace,
    bpmnFactory: BlockServices['bpmnFactory'],
    elementFactory: BlockServices['elementFactory'],
    canvas: BlockServices['canvas'],
    context: TbContext,
  ) {
    this.#create = create;
    this.#autoPlace = autoPlace;
    this.#services = { bpmnFactory, elementFactory, canvas, context };
    contextPad.registerProvider(500, this);
  }

  getContextPadEntries(element: Element): (entries: Record<string, Entry>) => Record<string, Entry> {
    return (entries) => {
      if (!canAppendTo(element)) return entries;
      const ours: Record<string, Entry> = {};
      for (const kind of BLOCK_KINDS) {
        const click: Action = (_event, source = element) => {
          const shape = createBlockShape(kind, this.#services);
          this.#autoPlace.append(source, shape);
        };
        const dragstart: Action = (event, source = element) =>
          this.#create.start(event, createBlockShape(kind, this.#services), { source });
        ours[`tb-append-${kind}`] = {
          group: 'tongban',
          className: iconClass(kind),
          title: this.#services.context.t(contextPadTitleKey(kind)),
          action: { click, dragstart },
        };
      }
      return { ...entries, ...ours };
    };
  }
}

function canAppendTo(element: Element): boolean {
  return element.type !== 'label' && is(element, 'bpmn:FlowNode') && !is(element, 'bpmn:EndEvent');
}

export const tbPaletteModule = {
  __init__: ['tbPaletteProvider', 'tbContextPadProvider'],
  tbPaletteProvider: ['type', TbPaletteProvider],
  tbContextPadProvider: ['type', TbContextPadProvider],
};
