import { type CaseCommand, WHO_MAY } from '@tongban/engine';
import type { Command } from 'commander';
import { resolveLang } from '../../i18n/lang.js';
import { UsageError } from '../../usage-error.js';
import { type ActorCliOptions, actorFrom, actorOptions } from './actor.js';
import { type CaseCliOptions, caseOptions, withRuntime } from './open-runtime.js';
import { printCase } from './print-case.js';

interface GenericCliOptions extends Omit<CaseCliOptions, 'json'>, ActorCliOptions {
  /** The command as JSON text: `--json '{"type":"urge",…}'`. */
  readonly json: string;
}

/** Every command type but `start`, read from the engine's command table (its who-may rules). */
export const CASE_COMMAND_TYPES: readonly string[] = Object.keys(WHO_MAY).filter((type) => type !== 'start');

/**
 * The command `--json` gives, checked as far as the CLI can: a JSON object whose `type` is a
 * command of the engine's table. Its fields are the engine's to check (a wrong one is refused with
 * `BAD_COMMAND` naming it); the actor of the flags is added when the JSON names none.
 */
export function parseCaseCommand(text: string, options: ActorCliOptions): CaseCommand {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`--json is not JSON (${reason}); give an object like '{"type":"urge",…}'`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UsageError('--json must be a JSON object with a `type`');
  const fields = parsed as Record<string, unknown>;
  const type = fields.type;
  if (type === 'start') throw new UsageError('start a case with `tongban case start`');
  if (typeof type !== 'string' || !CASE_COMMAND_TYPES.includes(type))
    throw new UsageError(
      `--json needs a \`type\`, one of: ${CASE_COMMAND_TYPES.join(', ')} (docs/case-operations/); got ${JSON.stringify(type) ?? 'none'}`,
    );
  const actor = actorFrom(options);
  if (actor !== undefined) {
    if (fields.actor !== undefined)
      throw new UsageError('give the actor either in --json or with --actor-id, not both');
    fields.actor = actor;
  }
  // The engine checks every field of every command type (shape, who may, when): see `step`.
  return fields as unknown as CaseCommand;
}

/** `tongban case command`: any engine command on a case (驳回, 补正, 挂起, 延期, 催办, 督办 …). */
export function registerCommand(group: Command): void {
  caseOptions(
    actorOptions(
      group
        .command('command')
        .description(
          'apply any engine command to a case, given as JSON: 驳回, 补正, 挂起, 延期, 转办, 委派, 催办, 督办 … (docs/case-operations/)',
        )
        .argument('<caseId>', 'the case')
        .requiredOption(
          '--json <command>',
          `the command as a JSON object; its type is one of: ${CASE_COMMAND_TYPES.join(', ')}`,
        )
        .option('--department <name>', 'the acting staff member’s department'),
    ),
    false,
  ).action(async (caseId: string, options: GenericCliOptions) => {
    const lang = resolveLang(options.lang);
    const command = parseCaseCommand(options.json, options);
    const { json: _command, ...opening } = options;
    await withRuntime(opening, async (runtime) => {
      await runtime.execute(caseId, command);
      await printCase(runtime, caseId, lang, {});
    });
  });
}
