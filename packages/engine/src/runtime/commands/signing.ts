import { prepareAssignHandlers, prepareClaim, prepareSign, prepareUnclaim } from '../sign-operations.js';
import { RULES } from '../who-may.js';
import { nonEmpty, taskAndDepartment } from './shape.js';
import { type CommandFamily, RUNNING } from './spec.js';

/** A handler in `assignHandlers`: a person id, or `{ id, weight > 0 }` for 票签. */
function isHandler(h: unknown): boolean {
  if (nonEmpty(h)) return true;
  if (typeof h !== 'object' || h === null || !nonEmpty((h as { id?: unknown }).id)) return false;
  const weight = (h as { weight?: unknown }).weight;
  return weight === undefined || (typeof weight === 'number' && weight > 0 && Number.isFinite(weight));
}

/** The people of a department's task: 签收, 释放, 会签/票签 signatures, and naming the handlers. */
export const SIGNING: CommandFamily<'claimTask' | 'unclaimTask' | 'signTask' | 'assignHandlers'> = {
  claimTask: {
    whoMay: { staff: 'named', kinds: [], anonymous: null },
    shape: taskAndDepartment,
    when: RUNNING,
    prepare: ({ definition, context, command }) => prepareClaim(definition, context, command),
  },
  unclaimTask: {
    // The claimant releases it, or an officer does for them.
    whoMay: { staff: 'named', kinds: ['officer', 'admin'], anonymous: null },
    shape: taskAndDepartment,
    when: RUNNING,
    prepare: ({ context, command }) => prepareUnclaim(context, command),
  },
  signTask: {
    whoMay: { staff: 'named', kinds: [], anonymous: null },
    shape: (c) => taskAndDepartment(c) ?? (nonEmpty(c.outcome) ? null : 'signTask needs an `outcome`'),
    when: RUNNING,
    prepare: ({ definition, context, command }) => prepareSign(definition, context, command),
  },
  assignHandlers: {
    whoMay: RULES.department,
    shape: (c) => {
      const handlers = c.handlers;
      if (!(Array.isArray(handlers) && handlers.length > 0 && handlers.every(isHandler))) {
        return '`handlers` must be a list of person ids or { id, weight > 0 }';
      }
      return taskAndDepartment(c);
    },
    when: RUNNING,
    prepare: ({ definition, context, command }) => prepareAssignHandlers(definition, context, command),
  },
};
