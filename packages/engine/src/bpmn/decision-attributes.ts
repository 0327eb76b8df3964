import type { ModdleElement } from 'bpmn-moddle';
import type { DecisionMode, TaskHandler, UserTaskNode } from '../model/process.js';
import type { ImportContext } from './import-context.js';
import { readText } from './moddle-read.js';
import type { NodeDraft } from './node-base.js';

const MODES: readonly DecisionMode[] = ['any', 'all', 'vote', 'sequential'];
const CLAIMS = ['one', 'all'] as const;
/** Handler lists are written with ASCII or Chinese separators, like department lists. */
const LIST_SEPARATOR = /[,，、;；]/;

type Decision = Pick<UserTaskNode, 'decisionMode' | 'handlers' | 'passRatio' | 'claim'>;

/**
 * Reads a user task's decision attributes (`tb:decisionMode`, `tb:handlers`, `tb:passRatio`,
 * `tb:claim`). Every bad value is a `BAD_DECISION_MODE` diagnostic on the task; the fields are left
 * out when unset, so models without them (and their hashes) are unchanged.
 */
export function readDecision(element: ModdleElement, draft: NodeDraft, context: ImportContext): Decision {
  const error = (message: string) => context.sink.error(draft.id, 'BAD_DECISION_MODE', message);
  const warn = (message: string) => context.sink.warning(draft.id, 'BAD_DECISION_MODE', message);
  const out: { -readonly [K in keyof Decision]: Decision[K] } = {};

  const rawMode = readText(element, 'tb:decisionMode');
  if (rawMode !== null) {
    const mode = MODES.find((m) => m === rawMode);
    if (mode === undefined) {
      error(
        `tb:decisionMode="${rawMode}" is not a decision mode; use "any" (或签), "all" (会签), "vote" (票签) or "sequential" (依次).`,
      );
    } else out.decisionMode = mode;
  }

  const rawHandlers = readText(element, 'tb:handlers');
  if (rawHandlers !== null) {
    const { handlers, problems } = parseHandlers(rawHandlers);
    for (const problem of problems) error(problem);
    if (handlers.length > 0) out.handlers = handlers;
  }

  const rawRatio = readText(element, 'tb:passRatio');
  if (rawRatio !== null) {
    const ratio = parsePassRatio(rawRatio);
    if (ratio === null) {
      error(
        `tb:passRatio="${rawRatio}" is not a share of the votes; write a number above 0 and at most 1 (e.g. 0.5 or 67%).`,
      );
    } else if (out.decisionMode !== 'vote') {
      warn('tb:passRatio only applies to tb:decisionMode="vote" (票签); it is ignored here.');
    } else out.passRatio = ratio;
  }

  const rawClaim = readText(element, 'tb:claim');
  if (rawClaim !== null) {
    const claim = CLAIMS.find((c) => c === rawClaim);
    if (claim === undefined) {
      error(
        `tb:claim="${rawClaim}" is not a claim rule; use "one" (a handler claims the task, 签收) or "all" (default).`,
      );
    } else if (claim === 'one' && out.decisionMode !== undefined && out.decisionMode !== 'any') {
      error(
        `tb:claim="one" lets one handler act alone, which contradicts tb:decisionMode="${out.decisionMode}"; drop tb:claim or use decision mode "any".`,
      );
    } else out.claim = claim;
  }

  if (out.handlers !== undefined && out.decisionMode === undefined && out.claim !== 'one') {
    warn(
      'tb:handlers is only used with tb:decisionMode (who signs) or tb:claim="one" (who may claim); it is ignored here.',
    );
  }
  if (out.handlers?.some((h) => h.weight !== 1) && out.decisionMode !== 'vote') {
    warn('Handler weights (name:weight) only count in tb:decisionMode="vote" (票签).');
  }
  return out;
}

/**
 * Reads `tb:handlers`: `name` or `name:weight` entries (weight above 0, default 1), separated by
 * ASCII or Chinese commas or semicolons, no name twice. Bad entries are left out, each with a
 * message saying what is wrong; the designer's panel checks its field with the same function.
 */
export function parseHandlers(raw: string): { handlers: TaskHandler[]; problems: string[] } {
  const handlers: TaskHandler[] = [];
  const problems: string[] = [];
  for (const part of raw.split(LIST_SEPARATOR)) {
    const text = part.trim();
    if (text === '') continue;
    const colon = text.search(/[:：]/);
    const id = (colon < 0 ? text : text.slice(0, colon)).trim();
    const weight = Number(colon < 0 ? '1' : text.slice(colon + 1).trim());
    if (id === '' || !Number.isFinite(weight) || weight <= 0) {
      problems.push(`tb:handlers entry "${text}" is not "name" or "name:weight" with a weight above 0.`);
    } else if (handlers.some((h) => h.id === id)) {
      problems.push(`tb:handlers lists ${id} more than once.`);
    } else handlers.push({ id, weight });
  }
  return { handlers, problems };
}

/** Reads `tb:passRatio`: a number above 0 and at most 1, or a percentage (`67%`); null otherwise. */
export function parsePassRatio(raw: string): number | null {
  const text = raw.trim();
  const ratio = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
  return Number.isFinite(ratio) && ratio > 0 && ratio <= 1 ? ratio : null;
}
