import type { Actor } from '../model/case.js';

/**
 * Supervision (电子监察) commands: the only way a supervisor acts on a case. Everything else a
 * supervisor sends is refused (`FORBIDDEN`); supervisors read everything.
 */
export type SupervisionCommand = UrgeCommand | SuperviseCommand | AnswerSupervisionCommand;

/** 催办: a recorded reminder to the department holding a task (or to every open task's department). */
export interface UrgeCommand {
  readonly type: 'urge';
  /** The task urged; omitted: the whole case (every department with an open task). */
  readonly taskId?: string;
  readonly message: string;
  readonly actor: Actor;
}

/**
 * 督办: a formal order to a department, with its own reply deadline in working days. Unanswered by
 * then, it turns red on its own timer (`supervision.overdue`).
 */
export interface SuperviseCommand {
  readonly type: 'supervise';
  /** The department answerable for the reply (责任部门). */
  readonly department: string;
  readonly message: string;
  /** Reply within this many working days (the day of the order not counted). */
  readonly replyWithin: number;
  /** 监察规则编号, when the order follows a rule. */
  readonly ruleId?: string;
  readonly actor: Actor;
}

/** The department answers a 督办. */
export interface AnswerSupervisionCommand {
  readonly type: 'answerSupervision';
  readonly supervisionId: string;
  readonly department: string;
  readonly answer: string;
  readonly actor?: Actor;
}
