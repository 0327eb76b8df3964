import type { Actor, Variables } from '@tongban/engine';
import type { Command } from 'commander';
import { UsageError } from '../../usage-error.js';

/** Who acts, from `--actor-id`, `--actor-kind` and `--department`. */
export interface ActorCliOptions {
  readonly actorId?: string;
  readonly actorKind?: string;
  readonly department?: string;
}

const KINDS = ['staff', 'applicant', 'supervisor', 'officer', 'admin', 'system'] as const;

/** Adds `--actor-id` and `--actor-kind` (the command's `--department` is the actor's department). */
export function actorOptions(command: Command): Command {
  return command
    .option('--actor-id <id>', 'who acts (staff id, officer, supervisor …); omitted: the host acts')
    .option('--actor-kind <kind>', `kind of actor: ${KINDS.join(', ')} (default staff)`);
}

/**
 * The actor the flags name, or undefined when none is named (the command then goes without one,
 * as the engine's who-may rules allow for each command). `--department` is the actor's department.
 */
export function actorFrom(options: ActorCliOptions): Actor | undefined {
  if (options.actorId === undefined) {
    if (options.actorKind !== undefined) throw new UsageError('--actor-kind needs --actor-id');
    return undefined;
  }
  if (options.actorId === '') throw new UsageError('--actor-id must not be empty');
  const kind = options.actorKind;
  if (kind !== undefined && !(KINDS as readonly string[]).includes(kind))
    throw new UsageError(`--actor-kind is one of ${KINDS.join(', ')}, got ${kind}`);
  return {
    id: options.actorId,
    ...(kind === undefined ? {} : { kind: kind as Actor['kind'] }),
    ...(options.department === undefined ? {} : { department: options.department }),
  };
}

/**
 * Case variables from repeated `--var name=value`: a value that reads as JSON (`300`, `true`,
 * `"text"`, `[1,2]`) is that value; anything else is the text as given (`--var 项目=滨江路小学`).
 */
export function variablesFrom(pairs: readonly string[] | undefined): Variables | undefined {
  if (pairs === undefined || pairs.length === 0) return undefined;
  const variables: Variables = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--var takes name=value, got ${pair}`);
    const name = pair.slice(0, at);
    const text = pair.slice(at + 1);
    try {
      variables[name] = JSON.parse(text) as Variables[string];
    } catch {
      variables[name] = text;
    }
  }
  return variables;
}

/** Collects a repeated option into a list (commander's way of taking `--var a=1 --var b=2`). */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
