import type { CaseStatus } from '../../model/case.js';
import { CommandError } from '../command-error.js';
import type { Command } from '../types.js';
import type { LiveStatus } from './spec.js';
import { COMMAND_TYPES, caseCommandSpec } from './table.js';

type CaseCommandType = Exclude<Command['type'], 'start'>;
const CASE_COMMANDS = COMMAND_TYPES.filter((t): t is CaseCommandType => t !== 'start');

/**
 * What each status other than running lets through, from the table's `when`: first the commands
 * that apply only then (they lead out of it), then the rest in table order.
 */
function admitted(status: Exclude<LiveStatus, 'running'>): readonly CaseCommandType[] {
  const applies = CASE_COMMANDS.filter((t) => caseCommandSpec(t).when.includes(status));
  const only = applies.filter((t) => caseCommandSpec(t).when.length === 1);
  return [...only, ...applies.filter((t) => !only.includes(t))];
}

const ADMITTED = {
  pending: admitted('pending'),
  suspended: admitted('suspended'),
  returned: admitted('returned'),
} as const;

const WHAT = {
  pending: 'waiting for 受理',
  suspended: '挂起 (suspended)',
  returned: 'sent back to the applicant',
} as const;

/** Refuses a command the case's status does not admit (who may give it: the table's `whoMay`). */
export function admissionProblem(
  status: CaseStatus,
  type: CaseCommandType,
  caseId: string,
): CommandError | null {
  const when = caseCommandSpec(type).when;
  const only = when.length === 1 ? when[0] : undefined;
  if (only !== undefined && only !== 'running' && status !== only) {
    return new CommandError(
      'WRONG_CASE_STATE',
      `${type} applies only to a ${only} case; case ${caseId} is ${status}.`,
      {
        caseId,
      },
    );
  }
  if (status === 'pending' || status === 'suspended' || status === 'returned') {
    if (!when.includes(status)) {
      return new CommandError(
        'WRONG_CASE_STATE',
        `Case ${caseId} is ${WHAT[status]}: only ${ADMITTED[status].join(', ')} apply now.`,
        { caseId },
      );
    }
  }
  return null;
}
