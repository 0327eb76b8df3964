import type { Command } from '../types.js';
import type { WhoMay } from '../who-may.js';
import { CLOCKS } from './clocks.js';
import { FLOW } from './flow.js';
import { HANDOVER } from './handover.js';
import { INTAKE, START } from './intake.js';
import { SEND_BACK } from './send-back.js';
import { SIGNING } from './signing.js';
import type { AnyCommandSpec, CommandTable, LiveStatus } from './spec.js';
import { SUPERVISION } from './supervision.js';
import { SUPPLEMENT } from './supplement.js';

/**
 * Every command the engine accepts, with everything it means: its shape, who may send it, in which
 * case statuses, and what it does. Keyed by every command type, so a command without an entry (or
 * an entry without a rule) does not compile. The order is the order error messages list them in.
 */
export const COMMANDS: CommandTable = {
  start: START,
  ...INTAKE,
  ...CLOCKS,
  ...SUPPLEMENT,
  ...HANDOVER,
  ...FLOW,
  ...SEND_BACK,
  ...SIGNING,
  ...SUPERVISION,
};

/** Every command type, in table order. */
export const COMMAND_TYPES = Object.keys(COMMANDS) as readonly Command['type'][];

/** Whether a value names a command of the table (own keys only: `toString` is no command). */
export function isCommandType(type: unknown): type is Command['type'] {
  return typeof type === 'string' && Object.hasOwn(COMMANDS, type);
}

/** The entry `step` runs for a command on an existing case. */
export function caseCommandSpec(type: Exclude<Command['type'], 'start'>): AnyCommandSpec {
  // Each entry is typed for its own command; `step` hands it only that command.
  return COMMANDS[type] as AnyCommandSpec;
}

/**
 * Who may give each command, read from the table: `step` admits a command only when its actor
 * fits (else `FORBIDDEN`), and docs/case-operations/ prints these same rules.
 */
export const WHO_MAY: { readonly [K in Command['type']]: WhoMay } = Object.fromEntries(
  COMMAND_TYPES.map((type) => [type, COMMANDS[type].whoMay]),
) as { readonly [K in Command['type']]: WhoMay };

/**
 * In which case statuses each command applies, read from the table (`start`: none, it makes the
 * case); in any other a command is refused with `WRONG_CASE_STATE`.
 */
export const COMMAND_WHEN: { readonly [K in Command['type']]: readonly LiveStatus[] } = Object.fromEntries(
  COMMAND_TYPES.map((type) => [type, type === 'start' ? [] : caseCommandSpec(type).when]),
) as { readonly [K in Command['type']]: readonly LiveStatus[] };

/** The statuses of a command in words, for the docs. */
export function describeWhen(type: Command['type']): string {
  const when = COMMAND_WHEN[type];
  if (type === 'start') return 'No case yet: it makes one.';
  if (when.length === 4) return 'Any live case (pending, running, suspended or returned).';
  const list = when.length > 1 ? `${when.slice(0, -1).join(', ')} or ${when.at(-1)}` : (when[0] ?? 'no');
  return `A ${list} case.`;
}
