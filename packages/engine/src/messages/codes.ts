import type {
  CalendarHorizonError,
  CalendarInputError,
  CalendarOverlayError,
  UnknownCalendarError,
} from '../calendar/errors.js';
import type { BadTimerError, ClockStateError, ExtensionCapError, TimeLimitError } from '../clock/errors.js';
import type { DefinitionError } from '../compile/compile.js';
import type { ExpressionError, ExpressionLimitError } from '../expr/expression-error.js';
import type { DiagnosticCode } from '../model/diagnostics.js';
import type { CaseQueryError } from '../runtime/case-search.js';
import type { CommandErrorCode } from '../runtime/command-error.js';
import type { RuntimeLookupError, ServiceHandlerError } from '../runtime/memory-runtime.js';
import type { ScenarioError } from '../runtime/simulate.js';
import type { BadSnapshotError } from '../runtime/snapshot-shape.js';
import type { SnapshotSchemaError } from '../runtime/stored-context.js';
import type { WorklistQueryError } from '../runtime/worklist.js';
import type { AccountabilityRuleError } from '../supervision/rules.js';

/** Codes of the engine's errors other than diagnostics and command refusals. */
export type EngineErrorCode =
  | CalendarHorizonError['code']
  | UnknownCalendarError['code']
  | CalendarInputError['code']
  | CalendarOverlayError['code']
  | ClockStateError['code']
  | ExtensionCapError['code']
  | TimeLimitError['code']
  | BadTimerError['code']
  | DefinitionError['code']
  | ExpressionError['code']
  | ExpressionLimitError['code']
  | CaseQueryError['code']
  | WorklistQueryError['code']
  | RuntimeLookupError['code']
  | ServiceHandlerError['code']
  | ScenarioError['code']
  | BadSnapshotError['code']
  | SnapshotSchemaError['code']
  | AccountabilityRuleError['code'];

/** Every code a message catalogue has an entry for: each diagnostic and each error the engine makes. */
export type MessageCode = DiagnosticCode | CommandErrorCode | EngineErrorCode;
