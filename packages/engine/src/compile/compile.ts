import type { AnyStateMachine } from 'xstate';
import { type CalendarSource, defaultCalendarRegistry } from '../calendar/index.js';
import { TongbanError } from '../errors.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { FlowNode, MatterInfo, ProcessModel, Scope } from '../model/process.js';
import { checkFlowsAgainstPlan } from './checks.js';
import { checkDomain } from './domain-checks.js';
import { contentHash } from './hash.js';
import { MachineBuilder } from './machine.js';
import { indexStagePlaces, type StageIndex } from './stage-index.js';
import { analyseScope, type RegionPlan } from './structure.js';
import { checkTiming, indexTiming, type TimingIndex } from './timing.js';

/** Bumped whenever the compiler's output for the same model changes meaning. Part of the hash. */
export const COMPILER_VERSION = 1;

/**
 * The serialisable form of a compiled definition: the model and the hash that names this exact
 * version. Stores keep it; {@link loadDefinition} turns it back into a runnable definition.
 */
export interface DefinitionDocument {
  readonly schema: 1;
  readonly hash: string;
  readonly compilerVersion: number;
  readonly processId: string;
  readonly model: ProcessModel;
}

/** A runnable definition: the document plus the xstate machine compiled from it. */
export interface CompiledDefinition {
  readonly hash: string;
  readonly processId: string;
  readonly matter: MatterInfo | null;
  readonly document: DefinitionDocument;
  readonly model: ProcessModel;
  /** The honest statechart: parallel stages are parallel states, gateways guarded transitions. */
  readonly machine: AnyStateMachine;
  /** Calendars the case and task clocks and working-day timers count on. */
  readonly calendars: CalendarSource;
  /** Timer definitions and task limits by element id, for scheduling. */
  readonly timing: TimingIndex;
  /** Whether computations past the calendar data's horizon proceed on weekdays (marked provisional). */
  readonly provisional: boolean;
  /** Every flow node by element id, subprocesses included. */
  readonly nodes: ReadonlyMap<string, FlowNode>;
  /**
   * The parallel stages each node sits in: the split ids of its enclosing fork/join blocks,
   * outermost first. 退回 and 补正 use it to find the stage a task belongs to.
   */
  readonly stages: ReadonlyMap<string, readonly string[]>;
  /** Each node's scope and branch path through its parallel stages (built with `stages`). */
  readonly places: StageIndex['places'];
}

/** How to compile. */
export interface CompileOptions {
  /** Calendars to count on; default: the built-in registry (`CN`, `CN-GX`). */
  readonly calendars?: CalendarSource;
  /**
   * Past the last year of holiday data, refuse (default) or proceed on weekdays and mark the
   * results provisional.
   */
  readonly provisional?: boolean;
}

export type CompileResult =
  | { readonly ok: true; readonly definition: CompiledDefinition; readonly diagnostics: Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/** A stored definition document could not be loaded. */
export class DefinitionError extends TongbanError {
  readonly code: 'DEFINITION_HASH_MISMATCH' | 'DEFINITION_INVALID';
  readonly diagnostics: readonly Diagnostic[];
  constructor(code: DefinitionError['code'], message: string, diagnostics: readonly Diagnostic[] = []) {
    super(message);
    this.code = code;
    this.diagnostics = diagnostics;
  }
}

/** The structural and timing checks, with the region plans the machine is built from. */
function checkScopes(
  model: ProcessModel,
  calendars: CalendarSource,
): { diagnostics: Diagnostic[]; plans: Map<string, RegionPlan> } {
  const diagnostics: Diagnostic[] = [];
  const plans = new Map<string, RegionPlan>();
  const visit = (scope: Scope): void => {
    const { plan, diagnostics: found } = analyseScope(scope);
    diagnostics.push(...found);
    if (plan) {
      plans.set(scope.id, plan);
      diagnostics.push(...checkFlowsAgainstPlan(scope, plan));
    }
    for (const node of Object.values(scope.nodes)) if (node.kind === 'subProcess') visit(node.scope);
  };
  visit(model.root);
  diagnostics.push(...checkTiming(model, calendars));
  diagnostics.push(...checkDomain(model, plans));
  return { diagnostics: dedupe(diagnostics), plans };
}

/**
 * Every diagnostic {@link compile} reports for a model, without building the runnable machine:
 * the model compiles exactly when none of them is an error. For editors that check on every change.
 */
export function checkModel(model: ProcessModel, options: CompileOptions = {}): Diagnostic[] {
  return checkScopes(model, options.calendars ?? defaultCalendarRegistry()).diagnostics;
}

/** Checks a model's structure and compiles it into an xstate machine. Never throws on bad models. */
export function compile(model: ProcessModel, options: CompileOptions = {}): CompileResult {
  const calendars = options.calendars ?? defaultCalendarRegistry();
  const { diagnostics: unique, plans } = checkScopes(model, calendars);
  if (unique.some((d) => d.severity === 'error')) return { ok: false, diagnostics: unique };

  const compilerVersion = COMPILER_VERSION;
  const hash = contentHash({ compilerVersion, model });
  const document: DefinitionDocument = { schema: 1, hash, compilerVersion, processId: model.id, model };
  const machine = new MachineBuilder(model, plans).build();
  return {
    ok: true,
    diagnostics: unique,
    definition: {
      hash,
      processId: model.id,
      matter: model.matter,
      document,
      model,
      machine,
      calendars,
      timing: indexTiming(model),
      provisional: options.provisional === true,
      nodes: indexNodes(model.root),
      ...indexStagePlaces(plans),
    },
  };
}

/** Rebuilds a runnable definition from its stored document, checking the hash first. */
export function loadDefinition(
  document: DefinitionDocument,
  options: CompileOptions = {},
): CompiledDefinition {
  const hash = contentHash({ compilerVersion: document.compilerVersion, model: document.model });
  if (hash !== document.hash) {
    throw new DefinitionError(
      'DEFINITION_HASH_MISMATCH',
      `Definition "${document.processId}" does not match its hash ${document.hash.slice(0, 12)}…: the stored document was changed. Redeploy it from its BPMN.`,
    );
  }
  const result = compile(document.model, options);
  if (!result.ok) {
    throw new DefinitionError(
      'DEFINITION_INVALID',
      `Definition "${document.processId}" no longer compiles: ${result.diagnostics.map((d) => d.message).join('; ')}`,
      result.diagnostics,
    );
  }
  return result.definition;
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.elementId}|${d.code}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function indexNodes(scope: Scope, into = new Map<string, FlowNode>()): Map<string, FlowNode> {
  for (const node of Object.values(scope.nodes)) {
    into.set(node.id, node);
    if (node.kind === 'subProcess') indexNodes(node.scope, into);
  }
  return into;
}
