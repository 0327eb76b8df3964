import { MAINLAND_CALENDAR } from '@tongban/engine/calendar';
import type { Shape } from 'bpmn-js/lib/model/Types.js';
import { isModdleElement, type ModdleElement } from '../bpmn-element.js';
import type { MessageKey } from '../i18n/messages.js';
import type { TbContext } from '../tb-context.js';

/** Tongban's building blocks: what a process designer adds most. */
export type BlockKind = 'leadTask' | 'coTask' | 'multiCoTask' | 'workingDayTimer' | 'supplementWait';

export const BLOCK_KINDS: readonly BlockKind[] = [
  'leadTask',
  'coTask',
  'multiCoTask',
  'workingDayTimer',
  'supplementWait',
];

/** The calendar a working-day timer counts on unless the designer picks another. */
export const DEFAULT_TIMER_CALENDAR = MAINLAND_CALENDAR;

/** Co-handlers answer within this many working days unless the designer sets otherwise. */
export const DEFAULT_CO_LIMIT = '5';

interface BpmnFactory {
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
}
interface ElementFactory {
  createShape(attrs: Record<string, unknown>): Shape;
}
interface Canvas {
  getRootElement(): { businessObject: unknown };
}

/** Services a block needs to build its shape. */
export interface BlockServices {
  readonly bpmnFactory: BpmnFactory;
  readonly elementFactory: ElementFactory;
  readonly canvas: Canvas;
  readonly context: TbContext;
}

export function paletteTitleKey(kind: BlockKind): MessageKey {
  return `palette.${kind}`;
}

export function contextPadTitleKey(kind: BlockKind): MessageKey {
  return `contextPad.${kind}`;
}

/** The bpmn:Definitions the diagram belongs to (messages live there). */
function definitionsOf(canvas: Canvas): ModdleElement | null {
  let node: unknown = canvas.getRootElement().businessObject;
  while (isModdleElement(node) && !node.$instanceOf('bpmn:Definitions')) {
    node = (node as ModdleElement & { $parent?: unknown }).$parent;
  }
  return isModdleElement(node) ? node : null;
}

/** The 补正 message, reused when the document has one of that name. */
function supplementMessage(services: BlockServices): ModdleElement {
  const name = services.context.t('block.supplementWait.message');
  const definitions = definitionsOf(services.canvas);
  const roots = definitions?.get('rootElements');
  const list: unknown[] = Array.isArray(roots) ? roots : [];
  const existing = list.find(
    (e): e is ModdleElement => isModdleElement(e) && e.$instanceOf('bpmn:Message') && e.get('name') === name,
  );
  if (existing) return existing;
  const created = services.bpmnFactory.create('bpmn:Message', { name });
  if (definitions && Array.isArray(roots)) {
    (created as ModdleElement & { $parent?: unknown }).$parent = definitions;
    roots.push(created);
  }
  return created;
}

/** A new shape for the block, with its `tb:` attributes already set. */
export function createBlockShape(kind: BlockKind, services: BlockServices): Shape {
  const { bpmnFactory, elementFactory, context } = services;
  const name = context.t(`block.${kind}.name`);
  switch (kind) {
    case 'leadTask': {
      const businessObject = bpmnFactory.create('bpmn:UserTask', { name, 'tb:role': 'lead' });
      return elementFactory.createShape({ type: 'bpmn:UserTask', businessObject });
    }
    case 'coTask': {
      const businessObject = bpmnFactory.create('bpmn:UserTask', {
        name,
        'tb:role': 'co',
        'tb:timeLimit': DEFAULT_CO_LIMIT,
        'tb:timeLimitUnit': 'workingDays',
      });
      return elementFactory.createShape({ type: 'bpmn:UserTask', businessObject });
    }
    case 'multiCoTask': {
      const loopCharacteristics = bpmnFactory.create('bpmn:MultiInstanceLoopCharacteristics', {
        isSequential: false,
      });
      const businessObject = bpmnFactory.create('bpmn:UserTask', {
        name,
        'tb:role': 'co',
        'tb:collection': 'coDepartments',
        'tb:timeLimit': DEFAULT_CO_LIMIT,
        'tb:timeLimitUnit': 'workingDays',
        loopCharacteristics,
      });
      (loopCharacteristics as ModdleElement & { $parent?: unknown }).$parent = businessObject;
      return elementFactory.createShape({ type: 'bpmn:UserTask', businessObject });
    }
    case 'workingDayTimer': {
      const shape = elementFactory.createShape({
        type: 'bpmn:IntermediateCatchEvent',
        eventDefinitionType: 'bpmn:TimerEventDefinition',
      });
      const event = shape.businessObject as ModdleElement & {
        name?: string;
        eventDefinitions: ModdleElement[];
      };
      event.name = name;
      const timer = event.eventDefinitions[0] as ModdleElement & { timeDuration?: ModdleElement };
      const duration = bpmnFactory.create('bpmn:FormalExpression', { body: 'P5D' });
      (duration as ModdleElement & { $parent?: unknown }).$parent = timer;
      timer.timeDuration = duration;
      (timer as unknown as { set(name: string, value: unknown): void }).set(
        'tb:calendar',
        DEFAULT_TIMER_CALENDAR,
      );
      return shape;
    }
    case 'supplementWait': {
      const shape = elementFactory.createShape({
        type: 'bpmn:IntermediateCatchEvent',
        eventDefinitionType: 'bpmn:MessageEventDefinition',
      });
      const event = shape.businessObject as ModdleElement & {
        name?: string;
        eventDefinitions: ModdleElement[];
      };
      event.name = name;
      const definition = event.eventDefinitions[0] as ModdleElement & { messageRef?: ModdleElement };
      definition.messageRef = supplementMessage(services);
      return shape;
    }
  }
}
