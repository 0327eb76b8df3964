import { RULES } from '../who-may.js';
import { caseEvent } from './emit.js';
import { anyShape, nonEmpty } from './shape.js';
import { ALWAYS, type CommandFamily, ok, type StartSpec, who } from './spec.js';

/** 受理: `start` registers or accepts a case; `step` builds the case itself. */
export const START: StartSpec = {
  // 受理 at a window, by the host registering a case, or by an officer.
  whoMay: { staff: 'any', kinds: ['officer', 'admin'], anonymous: 'host' },
  shape: (c) => {
    if (!nonEmpty(c.caseId)) return 'start needs a non-empty `caseId`';
    if (
      c.coDepartments !== undefined &&
      !(Array.isArray(c.coDepartments) && c.coDepartments.every(nonEmpty))
    ) {
      return '`coDepartments` must be a list of department names';
    }
    return null;
  },
};

/** 受理 / 不予受理 of a registered (pending) case, and 撤件 by the applicant. */
export const INTAKE: CommandFamily<'accept' | 'refuseIntake' | 'withdraw'> = {
  accept: {
    whoMay: RULES.intake,
    shape: anyShape,
    when: ['pending'],
    prepare: ({ definition, context, command }) => {
      context.intake = 'accepted';
      caseEvent(context, 'case.started', {
        definition: definition.hash,
        processId: definition.processId,
        ...who(command.actor),
        ...(command.opinion ? { opinion: command.opinion } : {}),
      });
      return ok([{ type: 'case.accept' }]);
    },
    // The case clock starts at 受理 (Art. 42), not at registration.
    after: ({ context, base }) => {
      base.startedAt = context.now;
    },
  },
  refuseIntake: {
    whoMay: RULES.intake,
    shape: (c) => (nonEmpty(c.reason) ? null : `${String(c.type)} needs a \`reason\``),
    when: ['pending'],
    prepare: ({ context, command }) => {
      caseEvent(context, 'case.refused', { reason: command.reason, ...who(command.actor) });
      return ok([{ type: 'case.refuse' }]);
    },
  },
  withdraw: {
    whoMay: RULES.applicant,
    shape: anyShape,
    when: ALWAYS,
    prepare: () => ok([{ type: 'case.withdraw' }]),
    // Recorded once the statechart has cancelled the open tasks, so it follows their events.
    after: ({ command, context }) => {
      caseEvent(context, 'case.withdrawn', {
        ...(command.reason ? { reason: command.reason } : {}),
        ...(command.actor ? { actor: command.actor.id } : {}),
      });
    },
  },
};
