import type { CompiledDefinition } from '../compile/compile.js';
import type { Actor } from '../model/case.js';
import { CommandError } from './command-error.js';
import { WHO_MAY } from './commands/table.js';
import type { Command } from './types.js';
import { describeWhoMay } from './who-may.js';

/**
 * Refuses a command whose actor the command's rule in {@link WHO_MAY} does not admit
 * (`FORBIDDEN`), before the case is looked at; null when it may go on. Person-level rules (the
 * delegate, the claimant, the handlers of a task, who completed what is recalled) are checked
 * later, against the case.
 */
export function permissionProblem(
  definition: CompiledDefinition,
  command: Command,
  caseId: string,
): CommandError | null {
  const rule = WHO_MAY[command.type];
  const actor = (command as { readonly actor?: Actor }).actor;
  const forbid = (who: string, extra = ''): CommandError =>
    new CommandError(
      'FORBIDDEN',
      `${command.type} refused: ${who} may not give it.${extra} Who may: ${describeWhoMay(rule)}`,
      { caseId },
    );
  if (actor === undefined) return rule.anonymous !== null ? null : forbid('a command without an `actor`');
  const kind = actor.kind ?? 'staff';
  if (kind !== 'staff') {
    if ((rule.kinds as readonly string[]).includes(kind)) return null;
    const extra =
      kind === 'supervisor'
        ? ' Supervisors read every case but act on it only through supervision commands (催办, 督办).'
        : '';
    return forbid(`${actor.id} (${kind})`, extra);
  }
  const of = actor.department === undefined ? '' : ` of ${actor.department}`;
  switch (rule.staff) {
    case 'any':
      return null;
    case 'named': {
      const named = (command as { readonly department?: unknown }).department;
      if (actor.department === undefined || actor.department === named) return null;
      return forbid(`${actor.id} (staff${of})`, ` The command acts for ${String(named)}.`);
    }
    case 'lead': {
      const lead = leadDepartments(definition);
      if (actor.department !== undefined && lead.includes(actor.department)) return null;
      const extra =
        lead.length === 0
          ? ' This matter names no lead department (a user task with tb:role="lead").'
          : ` The lead department is ${lead.join(', ')}.`;
      return forbid(`${actor.id} (staff${of})`, extra);
    }
    case null:
      return forbid(`${actor.id} (staff${of})`);
  }
}

/** 牵头部门: the departments of the model's lead user tasks (usually one). */
function leadDepartments(definition: CompiledDefinition): string[] {
  const found = new Set<string>();
  for (const node of definition.nodes.values()) {
    if (node.kind === 'userTask' && node.role === 'lead' && node.department) found.add(node.department);
  }
  return [...found];
}
