import type { MessageCode } from './codes.js';

/**
 * English messages for the engine's diagnostics and command errors, by stable code. `{name}` is a
 * parameter; a `[[…]]` section is left out when a parameter in it is missing. Fields are named as
 * the designer's properties panel names them, not by XML attribute.
 */
export const EN: Readonly<Record<MessageCode, string>> = {
  MALFORMED_XML:
    'The file is not valid BPMN XML. Save it again from the designer, or check that it is complete.',
  NO_PROCESS: 'The file has no process (bpmn:process). Create one, or give it an id.',
  MULTIPLE_PROCESSES: 'The file has several processes; a matter has one. Keep only one.',
  UNSUPPORTED_ELEMENT:
    '{element}: Tongban does not run this kind of element. Use a supported one (task, gateway, timer, message event, subprocess).',
  UNSUPPORTED_EVENT_DEFINITION:
    '{element}: Tongban does not run this kind of event. Use a timer or a message event.',
  UNSUPPORTED_ATTRIBUTE: '{element}: [["{field}" ]]does not apply to this element and is ignored.',
  MISSING_TARGET: '{element}: the flow has no target. Connect it to the next step.',
  MISSING_SOURCE: '{element}: the flow has no source. Connect it from the step before.',
  NO_START_EVENT: 'The process has no start event. Place one from the palette.',
  MULTIPLE_START_EVENTS: '{element}: a process has one start event; remove the others.',
  NO_END_EVENT: 'The process has no end event. Append one after the last step.',
  UNREACHABLE_NODE:
    '{element}: cannot be reached from the start event. Connect it to the flow, or delete it.',
  DEAD_END: '{element}: the flow stops here. Connect it onwards, or append an end event.',
  UNSTRUCTURED_GATEWAY:
    '{element}: splits and joins do not pair up. Give each split a join of the same type.',
  LOOP_WITHOUT_WAIT:
    '{element}: the loop back passes no task and would repeat for ever. Put a task on the loop.',
  BAD_LOOP_TARGET:
    '{element}: the flow jumps into the middle of another parallel branch. Go back only to a step outside the parallel stage.',
  MIXED_GATEWAY:
    '{element}: the gateway both joins and splits. Use one gateway to join and another to split.',
  MISSING_CONDITION:
    '{element}: this branch has no condition. Fill in "Condition (FEEL)", e.g. =outcome = "approve", or make it the default flow.',
  BAD_CONDITION:
    '{element}: the condition does not parse. Check "Condition (FEEL)", e.g. =outcome = "approve".',
  BAD_DEFAULT_FLOW: '{element}: the default flow is wrong. It must be one of the flows leaving this gateway.',
  MISSING_DEPARTMENT:
    '{element}: no department. Choose one in the panel\'s "Department" field[[ (the process has a lane "{proposal}")]], or put the task in a lane named after its department.',
  DEPARTMENT_INFERRED:
    '{element}: department taken from {source}[[ (lane {lane})]]: {department}. If that is wrong, set "Department".',
  AMBIGUOUS_DEPARTMENT:
    '{element}: {source} names several groups ({groups}); a Tongban task belongs to one department. Keep one, set "Department", or put the task in a lane named after its department.',
  TASK_READ_AS_USER_TASK:
    '{element}: this {type} runs as a user task of {department}. Make it a service task if a program does it, else a user task.',
  JUEL_TRANSLATED:
    '{element}: the JUEL condition {juel} was translated to FEEL: {feel}. Check it; better write FEEL.',
  JUEL_UNSUPPORTED:
    '{element}: {juel} is JUEL that Tongban does not translate ({reason}). JUEL is not supported; write FEEL in "Condition (FEEL)"[[, e.g. {feel}]].',
  HANDLER_INFERRED:
    '{element}: service handler taken from {attribute} ({value}): {handler}. The host must register a handler by that name, or set "Service handler".',
  MULTI_INSTANCE_OVER_PEOPLE:
    '{element}: this task runs {runs} (会签 over people). Tongban\'s multi-instance runs per department; for several signers of one department, set "Department" and the decision mode and handlers[[ ({department} decides by {mode})]].',
  BAD_ROLE: '{element}: the role is not valid. Choose lead or co-handling department in "Role".',
  BAD_TIME_LIMIT:
    '{element}: [["{field}" ]]is not a valid time limit. Enter a whole number (units: working days, natural days, hours, working hours); for less than a day use working hours.',
  BAD_TIMER:
    '{element}: the timer duration is wrong. Write an ISO 8601 duration such as P5D (5 working days).',
  MISSING_MESSAGE: '{element}: the message event names no message. Choose or create one, e.g. 补正材料.',
  MISSING_HANDLER:
    '{element}: the service task has no handler. Fill in "Service handler" with a handler the host provides.',
  BAD_MULTI_INSTANCE:
    '{element}: the joint review is set up wrong. A multi-instance task needs departments in "Co-handling departments" or "Department list variable", and the multi-instance marker (|||).',
  BAD_DECISION_MODE:
    '{element}: [["{field}" ]]is set up wrong. Check the decision mode, handlers and pass ratio.',
  BAD_BOUNDARY:
    '{element}: the boundary event is wrong. It must sit on a task or subprocess and have no incoming flow.',
  BAD_MATTER: '[["{field}" ]]is not valid. Check the matter code, kind, time limits and extension cap.',
  UNKNOWN_CALENDAR:
    '{element}: there is no calendar "{calendar}". Leave it empty for the default, or name a loaded calendar.',
  DUPLICATE_ID: '{element}: the id is used twice. Give every element its own id.',
  BAD_ID:
    'An element id cannot be read. Ids start with a letter or underscore and hold letters, digits, _, - and . only.',
  DOCTYPE: 'The file declares a DOCTYPE, which is refused for safety. Delete the <!DOCTYPE …> line.',
  BAD_ENCODING: 'The file encoding is not recognised. Save it as UTF-8.',
  LIMIT_EXCEEDED:
    '[[{element}: ]]the model or a condition is larger than the engine accepts. Split the process or simplify the condition.',
  IMPORT_FAILED:
    "The importer failed (a Tongban bug, not the model's fault). Please report it with the file.",
  COMPILE_FAILED:
    "The compiler failed (a Tongban bug, not the model's fault). Please report it with the file.",
  LIMITS_EXCEED_PROMISE:
    "{element}: the step limits along this path add up to {total} working days, more than the matter's promised {promised}. Shorten the steps or change the promise.",
  STAGE_LEADS:
    '{element}: the parallel stage has {leads} lead-department tasks; a parallel stage has exactly one lead (一家牵头).',
  CO_STAGE_NO_LIMIT:
    '{element}: the co-handling step has no time limit, so its deadline cannot be counted. Fill in "Time limit", e.g. 7 working days.',
  BAD_COMMAND: 'The command is malformed[[: {detail}]].',
  NO_CASE: 'There is no such case[[ ({caseId})]].',
  CASE_EXISTS: 'Case[[ {caseId}]] exists already.',
  CASE_ENDED: 'The case has ended; nothing more can be done on it.',
  DEFINITION_MISMATCH: 'The case runs another version of the process.',
  TASK_NOT_OPEN: '{element}: the task is not open.',
  WRONG_DEPARTMENT: "{element}: only the task's department may act on it.",
  NOT_A_SERVICE_TASK: '{element}: this is not a service task.',
  UNKNOWN_TIMER: 'There is no such timer.',
  MESSAGE_NOT_EXPECTED: 'The case is not waiting for this message[[ ({name})]] now.',
  NO_MATCHING_FLOW:
    '{element}: no branch condition holds and there is no default flow. Set a default flow, or check the conditions and case variables.',
  FORBIDDEN: 'You may not do this.',
  WRONG_CASE_STATE: 'The case is not in a state where this can be done.',
  WRONG_ASSIGNEE: '{element}: the task is claimed by, or assigned to, someone else.',
  RECALL_TOO_LATE: '{element}: the next step has begun; it can no longer be recalled.',
  NOT_YOUR_TURN: "{element}: sequential signing; it is not this person's turn yet.",
  BEFORE_LAST_EVENT: "The command's time is before the case's last event.",
  BAD_SNAPSHOT: 'The case snapshot is damaged and was refused.',
  UNKNOWN_SNAPSHOT_SCHEMA: 'The case snapshot has a format version this engine does not know.',
  BAD_SCENARIO: 'The dry-run scenario is malformed.',
  STEP_REFUSED: 'A step of the dry-run scenario was refused.',
  BAD_WORKLIST_QUERY: 'The worklist query is not valid.',
  BAD_CASE_QUERY: 'The case query is not valid.',
  SERVICE_ERROR: 'The service task handler reported an error[[ ({errorCode})]].',
  UNKNOWN_CASE: 'There is no such case.',
  UNKNOWN_DEFINITION: 'There is no such process version; deploy it first.',
  NO_HANDLER: 'No handler is registered for this service task.',
  BAD_ACCOUNTABILITY_RULE: 'The accountability rule is not valid.',
  CLOCK_STATE: 'The clock is not in a state for this (e.g. resuming when not suspended).',
  EXTENSION_CAP:
    "Already extended by {alreadyExtended} working days; {requested} more would pass the matter's cap of {cap} (行政许可法 Art. 42).",
  BAD_EXPRESSION: 'The condition expression is not valid.',
  EXPRESSION_LIMIT: 'The condition expression is larger than the engine accepts.',
  CALENDAR_HORIZON:
    'The holiday data covers {firstYear}–{lastYear} only, so working days in the year of {date} cannot be counted. Load an agency holiday overlay for that year, or accept a provisional (weekends-only) result.',
  CALENDAR_INPUT: 'A date or count is malformed; write YYYY-MM-DD and whole numbers.',
  BAD_CALENDAR_OVERLAY: 'The calendar overlay file does not have the documented shape.',
  DEFINITION_HASH_MISMATCH: "The definition's hash does not match; it may have been altered.",
  DEFINITION_INVALID: 'The process definition is not valid.',
};
