import type { ModdleElement } from 'bpmn-moddle';
import type { ImportContext } from '../import-context.js';
import { xmlName } from '../unsupported.js';
import { expressionBody, readFirstVendorAttribute, readZeebeExtension } from './vendor.js';

/**
 * Where Camunda 7, Flowable and Activiti name the code a service task runs, in the order read:
 * a Java class, a delegate bean, a method expression, an external task topic (Camunda), a built-in
 * task type (Flowable/Activiti `mail`, `http`, `shell`…).
 */
export const HANDLER_ATTRIBUTES = ['class', 'delegateExpression', 'expression', 'topic', 'type'] as const;

/**
 * The host handler name a service task's vendor attribute gives (`${approvalService}` →
 * `approvalService`), with a HANDLER_INFERRED warning saying what was taken; null when none.
 */
export function readVendorHandler(
  element: ModdleElement,
  taskId: string,
  context: ImportContext,
): string | null {
  const found =
    readFirstVendorAttribute(element, HANDLER_ATTRIBUTES) ??
    readZeebeExtension(element, 'taskDefinition', 'type');
  if (found === null || (found.attribute.endsWith(':type') && found.value === 'external')) return null;
  const handler = expressionBody(found.value) ?? found.value.replace(/^=\s*/, '');
  if (handler === '') return null;
  const kind =
    element.$type === 'bpmn:ServiceTask'
      ? 'service task'
      : `${xmlName(element.$type)} (run as a service task)`;
  context.sink.warning(
    taskId,
    'HANDLER_INFERRED',
    `The ${kind} calls the host handler "${handler}", taken from ${found.attribute}="${found.value}"; register a handler under that name, or set tb:handler to the name you register.`,
    { attribute: found.attribute, value: found.value, handler },
  );
  return handler;
}
