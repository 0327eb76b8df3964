/** What to do instead of each BPMN element outside Tongban's subset, by moddle type. */
const ELEMENT_ADVICE: Readonly<Record<string, string>> = {
  'bpmn:SendTask': 'use a serviceTask whose tb:handler sends the message (or give it tb:handler)',
  'bpmn:ReceiveTask': 'use a message intermediate catch event',
  'bpmn:ScriptTask': 'Tongban runs no scripts; use a serviceTask with tb:handler',
  'bpmn:BusinessRuleTask': 'use a serviceTask whose tb:handler evaluates the rule (or give it tb:handler)',
  'bpmn:CallActivity': 'inline the called process as an embedded subProcess',
  'bpmn:EventBasedGateway':
    'model the race as boundary events on a task (e.g. a message boundary and a timer boundary)',
  'bpmn:ComplexGateway': 'use an inclusive gateway with conditions',
  'bpmn:Transaction': 'use an embedded subProcess with an error boundary event',
  'bpmn:AdHocSubProcess': 'model the tasks with parallel or inclusive gateways in an embedded subProcess',
  'bpmn:IntermediateThrowEvent':
    'Tongban throws no intermediate events; remove it, or use a serviceTask with tb:handler to notify',
  'bpmn:ChoreographyTask': 'choreographies are not executable; model one process',
  'bpmn:SubChoreography': 'choreographies are not executable; model one process',
  'bpmn:CallChoreography': 'choreographies are not executable; model one process',
};

const EVENT_DEFINITION_ADVICE: Readonly<Record<string, string>> = {
  'bpmn:SignalEventDefinition': 'use a message event',
  'bpmn:EscalationEventDefinition': 'use an error end event with an error boundary event, or a message event',
  'bpmn:CompensateEventDefinition': 'model the undo steps as explicit tasks',
  'bpmn:ConditionalEventDefinition': 'use an exclusive gateway that tests the condition',
  'bpmn:LinkEventDefinition': 'connect the sequence flows directly',
  'bpmn:CancelEventDefinition': 'use an error end event with an error boundary event',
  'bpmn:MessageEventDefinition': 'Tongban only catches messages (intermediate catch or boundary events)',
  'bpmn:TimerEventDefinition': 'timers are supported as intermediate catch and boundary events only',
  'bpmn:ErrorEventDefinition': 'errors are supported as end events and boundary events only',
  'bpmn:TerminateEventDefinition': 'terminate is supported on end events only',
};

/** `bpmn:SendTask` → `sendTask`, as designers see it in the XML. */
export function xmlName(type: string): string {
  const local = type.replace(/^.*:/, '');
  return local.charAt(0).toLowerCase() + local.slice(1);
}

/** `a sendTask`, `an eventBasedGateway`. */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

export function elementAdvice(type: string): string {
  return ELEMENT_ADVICE[type] ?? 'remove it or replace it with an element of the Tongban subset (see docs)';
}

export function eventDefinitionAdvice(type: string): string {
  return EVENT_DEFINITION_ADVICE[type] ?? 'use a timer, message or error event where the subset allows it';
}
