import type { StateValue } from 'xstate';
import type { CompiledDefinition } from '../../compile/compile.js';
import type { MachineEvent } from '../../compile/machine.js';
import type { Actor, CaseStatus } from '../../model/case.js';
import type { CaseContext } from '../../model/context.js';
import type { CaseSnapshot } from '../../model/snapshot.js';
import type { CommandError } from '../command-error.js';
import type { StepRefused } from '../step-result.js';
import type { Command } from '../types.js';
import type { WhoMay } from '../who-may.js';

/** The command of one type. */
export type CommandOf<K extends Command['type']> = Extract<Command, { type: K }>;

/** What a command does to the statechart: events to send in order, after its data is recorded. */
export type Prepared = { readonly ok: true; readonly events: readonly MachineEvent[] } | StepRefused;

export const refuse = (error: CommandError): StepRefused => ({ ok: false, error });
export const ok = (events: readonly MachineEvent[] = []): Prepared => ({ ok: true, events });
/** The acting person, as events record them. */
export const who = (actor: Actor | undefined): { actor?: string } => (actor ? { actor: actor.id } : {});

/** The statuses a live case can have: where a command may apply. */
export type LiveStatus = Extract<CaseStatus, 'pending' | 'running' | 'suspended' | 'returned'>;

/** What `precheck` and `prepare` see: the case as loaded, before the statechart moves. */
export interface PrepareInput<K extends Command['type']> {
  readonly definition: CompiledDefinition;
  readonly context: CaseContext;
  readonly command: CommandOf<K>;
  /** Clocks the command changed, so that their timers are set again. */
  readonly touched: Set<string>;
  /** The statechart's state before the command. */
  readonly value: StateValue;
}

/** What `after` sees: the case once the statechart has moved, and the snapshot fields it may set. */
export interface AfterInput<K extends Command['type']> {
  readonly command: CommandOf<K>;
  readonly context: CaseContext;
  readonly base: { startedAt: CaseSnapshot['startedAt'] };
}

/** The rules every command has, `start` included. */
export interface CommandRules {
  /** Who may send it: checked before anything else of the case is looked at. */
  readonly whoMay: WhoMay;
  /**
   * What is wrong with its fields beyond the checks common to all commands (variables, actor,
   * reason…), or null. Commands arrive as JSON, so the types are no guarantee.
   */
  readonly shape: (command: Readonly<Record<string, unknown>>) => string | null;
}

/**
 * Everything one command means, run by `step` in fixed stages: shape → who may → when (case
 * status) → precheck → prepare → statechart → after.
 */
export interface CommandSpec<K extends Command['type']> extends CommandRules {
  /** The case statuses it applies in; in any other it is refused with WRONG_CASE_STATE. */
  readonly when: readonly LiveStatus[];
  /** A refusal decided before the command records anything (see `completeTask`). */
  readonly precheck?: (input: PrepareInput<K>) => CommandError | null;
  /** Validates the command against the case, records it, and returns the statechart events. */
  readonly prepare: (input: PrepareInput<K>) => Prepared;
  /**
   * The refusal when the statechart cannot take one of its events; without it such an event is
   * simply not taken (a stale timer, a jump into a finished region).
   */
  readonly unexpected?: (command: CommandOf<K>, caseId: string) => CommandError;
  /** Records what only the moved case knows, before clocks and timers are settled. */
  readonly after?: (input: AfterInput<K>) => void;
}

/** `start` creates a case rather than changing one: it has rules but no case stages. */
export type StartSpec = CommandRules;

/** A family of commands: one file, one part of the table. */
export type CommandFamily<K extends Exclude<Command['type'], 'start'>> = {
  readonly [T in K]: CommandSpec<T>;
};

/** The whole table, keyed by every command type: a command without an entry does not compile. */
export type CommandTable = { readonly start: StartSpec } & CommandFamily<Exclude<Command['type'], 'start'>>;

/** An entry as `step` runs it, for whichever command it is given. */
export type AnyCommandSpec = CommandSpec<Exclude<Command['type'], 'start'>>;

/** Every status of a live case. */
export const ALWAYS: readonly LiveStatus[] = ['pending', 'running', 'suspended', 'returned'];
/** The default: a running case only. */
export const RUNNING: readonly LiveStatus[] = ['running'];
