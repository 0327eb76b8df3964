import { TongbanError } from '../errors.js';

/** Why a command was refused. Documented in docs/commands.md. */
export type CommandErrorCode =
  | 'BAD_COMMAND'
  | 'NO_CASE'
  | 'CASE_EXISTS'
  | 'CASE_ENDED'
  | 'DEFINITION_MISMATCH'
  | 'TASK_NOT_OPEN'
  | 'WRONG_DEPARTMENT'
  | 'NOT_A_SERVICE_TASK'
  | 'UNKNOWN_TIMER'
  | 'MESSAGE_NOT_EXPECTED'
  | 'NO_MATCHING_FLOW'
  | 'FORBIDDEN'
  | 'WRONG_CASE_STATE'
  | 'WRONG_ASSIGNEE'
  | 'RECALL_TOO_LATE'
  | 'NOT_YOUR_TURN'
  | 'BEFORE_LAST_EVENT';

/**
 * A command that does not apply to the case as it stands. `step` returns it (never throws it) and
 * leaves the snapshot unchanged, so a bad command can always be corrected and sent again.
 */
export class CommandError extends TongbanError {
  readonly code: CommandErrorCode;
  constructor(code: CommandErrorCode, message: string, where: { caseId?: string; elementId?: string } = {}) {
    super(message, where);
    this.code = code;
  }
}
