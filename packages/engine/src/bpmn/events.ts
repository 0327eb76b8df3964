import type { ModdleElement } from 'bpmn-moddle';
import type { BoundaryEventNode, EndEventNode, FlowNode, StartEventNode } from '../model/process.js';
import { type ImportContext, readErrorCode, readMessageName, readReference } from './import-context.js';
import { elementId, readBoolean, readList } from './moddle-read.js';
import type { NodeDraft } from './node-base.js';
import { readTimer } from './timer.js';
import { elementAdvice, eventDefinitionAdvice, withArticle } from './unsupported.js';

/** `bpmn:MessageEventDefinition` → `message`. */
function triggerName(definition: ModdleElement): string {
  return definition.$type
    .replace(/^bpmn:/, '')
    .replace(/EventDefinition$/, '')
    .toLowerCase();
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The one event definition of an event; undefined for none, null (after an error) when there are
 * several, which the subset does not support.
 */
function singleDefinition(
  element: ModdleElement,
  draft: NodeDraft,
  context: ImportContext,
): ModdleElement | null | undefined {
  const definitions = readList(element, 'eventDefinitions');
  if (definitions.length > 1) {
    context.sink.error(
      draft.id,
      'UNSUPPORTED_EVENT_DEFINITION',
      `The event has ${definitions.length} triggers (${definitions.map(triggerName).join(', ')}); Tongban events have exactly one: split it into separate events.`,
    );
    return null;
  }
  return definitions[0];
}

function unsupportedTrigger(
  context: ImportContext,
  draft: NodeDraft,
  definition: ModdleElement,
  where: string,
): null {
  context.sink.error(
    draft.id,
    'UNSUPPORTED_EVENT_DEFINITION',
    `${capitalize(withArticle(triggerName(definition)))} ${where} is not supported: ${eventDefinitionAdvice(definition.$type)}.`,
  );
  return null;
}

export function readStartEvent(
  element: ModdleElement,
  draft: NodeDraft,
  context: ImportContext,
): StartEventNode | null {
  const definition = singleDefinition(element, draft, context);
  if (definition === null) return null;
  if (definition !== undefined) {
    context.sink.error(
      draft.id,
      'UNSUPPORTED_EVENT_DEFINITION',
      `${capitalize(withArticle(triggerName(definition)))} start event is not supported: a case starts with the start command; use a none start event.`,
    );
    return null;
  }
  return { ...draft, kind: 'startEvent' };
}

export function readEndEvent(
  element: ModdleElement,
  draft: NodeDraft,
  context: ImportContext,
): EndEventNode | null {
  const definition = singleDefinition(element, draft, context);
  if (definition === null) return null;
  if (definition === undefined) return { ...draft, kind: 'endEvent', variant: 'none', errorCode: null };
  if (definition.$type === 'bpmn:TerminateEventDefinition') {
    return { ...draft, kind: 'endEvent', variant: 'terminate', errorCode: null };
  }
  if (definition.$type === 'bpmn:ErrorEventDefinition') {
    return {
      ...draft,
      kind: 'endEvent',
      variant: 'error',
      errorCode: readErrorCode(context, definition, draft.id),
    };
  }
  context.sink.error(
    draft.id,
    'UNSUPPORTED_EVENT_DEFINITION',
    `${capitalize(withArticle(triggerName(definition)))} end event is not supported: use a none, terminate or error end event (the host learns that a case ended from the runtime's events).`,
  );
  return null;
}

export function readIntermediateCatch(
  element: ModdleElement,
  draft: NodeDraft,
  context: ImportContext,
): FlowNode | null {
  const definition = singleDefinition(element, draft, context);
  if (definition === null) return null;
  if (definition === undefined) {
    context.sink.error(
      draft.id,
      'UNSUPPORTED_ELEMENT',
      'An intermediate catch event without a trigger waits for nothing: give it a timer or message definition.',
    );
    return null;
  }
  if (definition.$type === 'bpmn:TimerEventDefinition') {
    const timer = readTimer(definition, draft.id, context.sink);
    if (timer?.type === 'cycle') {
      context.sink.error(
        draft.id,
        'BAD_TIMER',
        'An intermediate timer waits once; a cycle repeats: use a duration (e.g. P5D) or a date.',
      );
      return null;
    }
    return timer === null ? null : { ...draft, kind: 'timerCatch', timer };
  }
  if (definition.$type === 'bpmn:MessageEventDefinition') {
    const message = readMessageName(context, definition, draft.id);
    return message === null ? null : { ...draft, kind: 'messageCatch', message };
  }
  return unsupportedTrigger(context, draft, definition, 'intermediate catch event');
}

export function readIntermediateThrow(
  element: ModdleElement,
  draft: NodeDraft,
  context: ImportContext,
): null {
  const [definition] = readList(element, 'eventDefinitions');
  const what =
    definition === undefined
      ? 'A none intermediate throw event'
      : `${capitalize(withArticle(triggerName(definition)))} throw event`;
  context.sink.error(
    draft.id,
    'UNSUPPORTED_ELEMENT',
    `${what} is not supported: ${elementAdvice(element.$type)}.`,
  );
  return null;
}

export function readBoundaryEvent(
  element: ModdleElement,
  draft: NodeDraft,
  context: ImportContext,
): BoundaryEventNode | null {
  const host = readReference(context, element, 'attachedToRef');
  const attachedTo = host.element === null ? null : elementId(host.element);
  if (attachedTo === null) {
    const problem =
      host.element === null && host.dangling !== null
        ? `is attached to "${host.dangling}", which does not exist`
        : 'is not attached to any activity';
    context.sink.error(
      draft.id,
      'BAD_BOUNDARY',
      `The boundary event ${problem}; attach it to a task or subprocess.`,
    );
    return null;
  }
  const definition = singleDefinition(element, draft, context);
  if (definition === null) return null;
  if (definition === undefined) {
    context.sink.error(
      draft.id,
      'BAD_BOUNDARY',
      'A boundary event needs a timer, message or error definition.',
    );
    return null;
  }
  const cancelActivity = readBoolean(element, 'cancelActivity') ?? true;
  const base = { ...draft, kind: 'boundaryEvent', attachedTo, cancelActivity } as const;
  switch (definition.$type) {
    case 'bpmn:TimerEventDefinition': {
      const timer = readTimer(definition, draft.id, context.sink);
      return timer === null ? null : { ...base, trigger: { type: 'timer', timer } };
    }
    case 'bpmn:MessageEventDefinition': {
      const message = readMessageName(context, definition, draft.id);
      return message === null ? null : { ...base, trigger: { type: 'message', message } };
    }
    case 'bpmn:ErrorEventDefinition': {
      if (!cancelActivity) {
        context.sink.error(
          draft.id,
          'BAD_BOUNDARY',
          'An error boundary event always interrupts: remove cancelActivity="false".',
        );
        return null;
      }
      return { ...base, trigger: { type: 'error', errorCode: readErrorCode(context, definition, draft.id) } };
    }
    default:
      return unsupportedTrigger(context, draft, definition, 'boundary event');
  }
}
