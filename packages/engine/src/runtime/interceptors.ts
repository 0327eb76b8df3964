import type { StateValue } from 'xstate';
import type { CompiledDefinition } from '../compile/compile.js';
import type { CaseContext } from '../model/context.js';
import type { StoredContext } from '../model/snapshot.js';
import { refreshRecalls, settleRecalls } from './recall.js';
import type { Command } from './types.js';

/** What an interceptor sees before a command is prepared: the case as loaded. */
export interface BeforeCommand {
  readonly definition: CompiledDefinition;
  readonly context: CaseContext;
  /** The statechart's state before the command. */
  readonly value: StateValue;
}

/** What an interceptor sees once the statechart has moved, before the command's own `after`. */
export interface AfterMachine {
  readonly definition: CompiledDefinition;
  /** The case as persisted before the command. */
  readonly stored: StoredContext;
  readonly context: CaseContext;
  readonly command: Exclude<Command, { type: 'start' }>;
  /** The statechart's state after the command. */
  readonly value: StateValue;
  readonly touched: Set<string>;
}

/**
 * A concern that watches every command on a case rather than belonging to one: `step` runs it
 * around each command's own stages. Kept apart so that `step` names no command and no concern.
 */
export interface StepInterceptor {
  readonly before: (input: BeforeCommand) => void;
  readonly after: (input: AfterMachine) => void;
}

/**
 * 撤回 windows: which earlier completions can still be pulled back depends on everything that
 * happens to the case, so they are refreshed before each command and settled after it (the
 * `recall` command itself only validates and records; its task reopens here).
 */
const RECALL_WINDOWS: StepInterceptor = {
  before: ({ definition, context, value }) => {
    if (context.recall) refreshRecalls(definition, context, value);
  },
  after: ({ definition, stored, context, command, value, touched }) =>
    settleRecalls(definition, stored, context, command, value, touched),
};

/** Every interceptor, in the order they run. */
export const INTERCEPTORS: readonly StepInterceptor[] = [RECALL_WINDOWS];
