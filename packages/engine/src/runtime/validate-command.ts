import { commonShapeProblem } from './commands/shape.js';
import { COMMANDS, isCommandType } from './commands/table.js';
import type { Command } from './types.js';

/**
 * Checks a command's shape at run time: commands arrive as JSON from HTTP, queues and scenario
 * files, so the compiler's types are no guarantee. The checks all commands share come first, then
 * the command's own (its entry in the command table). Returns what is wrong, or null.
 */
export function commandShapeProblem(command: unknown): string | null {
  if (typeof command !== 'object' || command === null) return 'a command must be an object';
  const c = command as Record<string, unknown>;
  const common = commonShapeProblem(c);
  if (common !== null) return common;
  if (isCommandType(c.type)) return COMMANDS[c.type].shape(c);
  // Only a text type is quoted: any other value (a list nested 20,000 deep…) is only named.
  return typeof c.type === 'string'
    ? `unknown command type ${JSON.stringify(c.type)}`
    : `\`type\` must be a command type (text), not ${Array.isArray(c.type) ? 'a list' : c.type === null ? 'null' : `a ${typeof c.type}`}`;
}

/** Narrowing wrapper for {@link commandShapeProblem}. */
export function isCommand(command: unknown): command is Command {
  return commandShapeProblem(command) === null;
}
