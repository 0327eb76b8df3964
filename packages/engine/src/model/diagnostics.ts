/** How bad a diagnostic is: an `error` stops compilation, a `warning` does not. */
export type Severity = 'error' | 'warning';

/**
 * A problem found while importing or compiling a BPMN model. Never an exception: every problem the
 * engine can name becomes one of these, tied to the element it is about.
 */
export interface Diagnostic {
  /** The BPMN element id (`null` only when the problem is the document itself, e.g. malformed XML). */
  readonly elementId: string | null;
  /** Stable code, e.g. `UNSUPPORTED_ELEMENT`; the full list is {@link DiagnosticCode}. */
  readonly code: DiagnosticCode;
  /** What is wrong and what to do about it, for a process designer. */
  readonly message: string;
  readonly severity: Severity;
  /**
   * The values the message is built from (e.g. `{ attribute: 'camunda:candidateGroups', department:
   * '规划局' }`), for the message catalogues (`@tongban/engine/messages`) that word it in another
   * language; `field` names the properties-panel field the problem is about (`timeLimit`,
   * `department` …).
   */
  readonly params?: DiagnosticParams;
}

/** Named values of a diagnostic's message: strings and numbers only. */
export type DiagnosticParams = Readonly<Record<string, string | number>>;

/** Every diagnostic code the importer and compiler produce. Documented in docs/bpmn-subset.md. */
export type DiagnosticCode =
  | 'MALFORMED_XML'
  | 'NO_PROCESS'
  | 'MULTIPLE_PROCESSES'
  | 'UNSUPPORTED_ELEMENT'
  | 'UNSUPPORTED_EVENT_DEFINITION'
  | 'UNSUPPORTED_ATTRIBUTE'
  | 'MISSING_TARGET'
  | 'MISSING_SOURCE'
  | 'NO_START_EVENT'
  | 'MULTIPLE_START_EVENTS'
  | 'NO_END_EVENT'
  | 'UNREACHABLE_NODE'
  | 'DEAD_END'
  | 'UNSTRUCTURED_GATEWAY'
  | 'LOOP_WITHOUT_WAIT'
  | 'BAD_LOOP_TARGET'
  | 'MIXED_GATEWAY'
  | 'MISSING_CONDITION'
  | 'BAD_CONDITION'
  | 'BAD_DEFAULT_FLOW'
  | 'MISSING_DEPARTMENT'
  /** Warning: a task's department was taken from a lane, a potentialOwner/humanPerformer or candidateGroups. */
  | 'DEPARTMENT_INFERRED'
  /** Several candidate groups (or owners) on one task and no lane: Tongban needs one department. */
  | 'AMBIGUOUS_DEPARTMENT'
  /** Warning: a plain task or manualTask is run as a user task of its department. */
  | 'TASK_READ_AS_USER_TASK'
  /** Warning: a JUEL condition (`${…}`) was translated to FEEL; the message shows both. */
  | 'JUEL_TRANSLATED'
  /** A JUEL condition outside the translated subset; the message proposes FEEL. */
  | 'JUEL_UNSUPPORTED'
  /** Warning: a service task's handler name was taken from a vendor attribute (camunda:class, …). */
  | 'HANDLER_INFERRED'
  /** A multi-instance task over people (会签 over a user collection); the message says which tb: attributes express it. */
  | 'MULTI_INSTANCE_OVER_PEOPLE'
  | 'BAD_ROLE'
  | 'BAD_TIME_LIMIT'
  | 'BAD_TIMER'
  | 'MISSING_MESSAGE'
  | 'MISSING_HANDLER'
  | 'BAD_MULTI_INSTANCE'
  | 'BAD_DECISION_MODE'
  | 'BAD_BOUNDARY'
  | 'BAD_MATTER'
  | 'UNKNOWN_CALENDAR'
  | 'DUPLICATE_ID'
  /** An id the parser cannot read; the element would be missing. */
  | 'BAD_ID'
  /** The document declares a DOCTYPE (entities are not expanded). */
  | 'DOCTYPE'
  /** Bytes that are not UTF-8 (or UTF-16 with a byte order mark), or a misleading encoding declaration. */
  | 'BAD_ENCODING'
  /** A size or depth limit of the importer or of conditions; the message names the limit. */
  | 'LIMIT_EXCEEDED'
  /** The importer itself failed: a Tongban bug, never the model's fault. */
  | 'IMPORT_FAILED'
  /** The compiler itself failed: a Tongban bug, never the model's fault. */
  | 'COMPILE_FAILED'
  /** Warning: the step limits along a path add up to more than the matter's promised limit. */
  | 'LIMITS_EXCEED_PROMISE'
  /** Warning: a parallel stage has two or more lead-department tasks, or none. */
  | 'STAGE_LEADS'
  /** Warning: a co-handling task in a parallel stage has no time limit. */
  | 'CO_STAGE_NO_LIMIT';
