import type { Element } from 'bpmn-js/lib/model/Types.js';
import { is } from 'bpmn-js/lib/util/ModelUtil.js';

/** What we read from a moddle element (bpmn-js types business objects as `any`). */
export interface ModdleElement {
  readonly $type: string;
  readonly id?: string;
  get(name: string): unknown;
  $instanceOf(type: string): boolean;
}

export function businessObject(element: Element): ModdleElement {
  return element.businessObject as ModdleElement;
}

/** The bpmn:Process a shape stands for: the root process itself, or a pool's process. */
export function processOf(element: Element): ModdleElement | null {
  if (is(element, 'bpmn:Process')) return businessObject(element);
  if (is(element, 'bpmn:Participant')) {
    const ref = businessObject(element).get('processRef');
    return isModdleElement(ref) ? ref : null;
  }
  return null;
}

/** The timer event definition of an event shape, if it has one. */
export function timerDefinitionOf(element: Element): ModdleElement | null {
  if (!is(element, 'bpmn:Event')) return null;
  const definitions = businessObject(element).get('eventDefinitions');
  if (!Array.isArray(definitions)) return null;
  const found: unknown = definitions.find(
    (d: unknown) => isModdleElement(d) && d.$instanceOf('bpmn:TimerEventDefinition'),
  );
  return isModdleElement(found) ? found : null;
}

/** Whether a task is parallel multi-instance (多部门并联会签). */
export function isMultiInstance(element: Element): boolean {
  const loop = businessObject(element).get('loopCharacteristics');
  return isModdleElement(loop) && loop.$instanceOf('bpmn:MultiInstanceLoopCharacteristics');
}

export function stringProperty(target: ModdleElement, name: string): string {
  const value = target.get(name);
  return typeof value === 'string' ? value : '';
}

export function isModdleElement(value: unknown): value is ModdleElement {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { $type?: unknown }).$type === 'string' &&
    typeof (value as { get?: unknown }).get === 'function'
  );
}
