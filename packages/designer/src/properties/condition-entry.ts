import { isTextFieldEntryEdited, type PanelEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import type { Element } from 'bpmn-js/lib/model/Types.js';
import { useService } from 'bpmn-js-properties-panel';
import { businessObject, isModdleElement, type ModdleElement, stringProperty } from '../bpmn-element.js';

interface Modeling {
  updateModdleProperties(element: Element, target: ModdleElement, properties: Record<string, unknown>): void;
}
interface BpmnFactory {
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
}
type Debounce = <F extends (...args: never[]) => unknown>(fn: F) => F;

interface ConditionProps {
  readonly element: Element;
  readonly id: string;
  readonly label: string;
  readonly description: string;
}

function conditionBody(flow: ModdleElement): string {
  const expression = flow.get('conditionExpression');
  return isModdleElement(expression) ? stringProperty(expression, 'body') : '';
}

/** The FEEL condition of a sequence flow leaving a gateway, kept as a bpmn:FormalExpression. */
function ConditionField(props: ConditionProps) {
  const modeling = useService<Modeling>('modeling');
  const bpmnFactory = useService<BpmnFactory>('bpmnFactory');
  const debounce = useService<Debounce>('debounceInput');
  const { element, id, label, description } = props;
  const flow = businessObject(element);
  return h(TextFieldEntry, {
    element,
    id,
    label,
    description,
    debounce,
    getValue: () => conditionBody(flow),
    setValue: (value: string) => {
      const body = (value ?? '').trim();
      modeling.updateModdleProperties(element, flow, {
        conditionExpression: body === '' ? undefined : bpmnFactory.create('bpmn:FormalExpression', { body }),
      });
    },
  });
}

export function conditionEntry(element: Element, label: string, description: string): PanelEntry {
  return {
    id: 'tb-condition',
    element,
    label,
    description,
    component: ConditionField as unknown as PanelEntry['component'],
    isEdited: isTextFieldEntryEdited,
  };
}
