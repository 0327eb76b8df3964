import { TongbanError } from '../errors.js';
import type { CaseEvent } from '../model/events.js';
import type { Instant } from '../model/time.js';
import { beijingQuarter } from './beijing.js';
import type { SupervisionPayload } from './payload.js';

/** When an accountability rule fires. */
export type AccountabilityCondition =
  /**
   * A task (or the case) was completed late by `minWorkingDays` to `maxWorkingDays` working days
   * (both inclusive; no max: or more). Judged on the completion event.
   */
  | {
      readonly kind: 'overdue';
      readonly scope: 'task' | 'case';
      readonly minWorkingDays: number;
      readonly maxWorkingDays?: number | null;
    }
  /** A 督办 addressed to the department passed its reply deadline unanswered. */
  | { readonly kind: 'supervisionOverdue' }
  /**
   * The rules in `of` fired `count` times for one department within one (Beijing) quarter: fires
   * once, on the `count`-th firing.
   */
  | {
      readonly kind: 'repeated';
      readonly of: readonly string[];
      readonly count: number;
      readonly per: 'quarter';
    };

/** 效能责任追究 rule: plain JSON, so deployments keep their own in configuration. */
export interface AccountabilityRule {
  /** 监察规则编号: stable, recorded on every firing. */
  readonly id: string;
  readonly name: string;
  /** What follows: e.g. `reminder` (提醒), `criticism` (通报批评), `talk` (约谈). */
  readonly level: string;
  readonly when: AccountabilityCondition;
}

/** One firing of a rule. */
export interface AccountabilityFiring {
  readonly ruleId: string;
  readonly level: string;
  readonly department: string | null;
  readonly caseId: string;
  readonly taskId: string | null;
  readonly at: Instant;
  /** Working days overdue, for `overdue` rules. */
  readonly workingDaysOver: number | null;
  /** Beijing quarter of `at`, e.g. `2026Q1`. */
  readonly quarter: string;
}

/** The example rules of issue 5: 1–3 working days late → reminder; more → criticism; twice a quarter → talk. */
export const DEFAULT_ACCOUNTABILITY_RULES: readonly AccountabilityRule[] = [
  {
    id: 'ACC-OVERDUE-1-3',
    name: '逾期1至3个工作日：提醒',
    level: 'reminder',
    when: { kind: 'overdue', scope: 'task', minWorkingDays: 1, maxWorkingDays: 3 },
  },
  {
    id: 'ACC-OVERDUE-4',
    name: '逾期超过3个工作日：通报批评',
    level: 'criticism',
    when: { kind: 'overdue', scope: 'task', minWorkingDays: 4 },
  },
  {
    id: 'ACC-REPEAT-Q',
    name: '一个季度内逾期两次：约谈',
    level: 'talk',
    when: { kind: 'repeated', of: ['ACC-OVERDUE-1-3', 'ACC-OVERDUE-4'], count: 2, per: 'quarter' },
  },
];

/** A rule set that cannot be used as it is. */
export class AccountabilityRuleError extends TongbanError {
  readonly code = 'BAD_ACCOUNTABILITY_RULE';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const wholeAtLeast = (value: unknown, min: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min;

/**
 * Checks rules read from configuration (JSON) and returns them typed.
 * @throws {@link AccountabilityRuleError} naming the first bad rule and what is wrong with it.
 */
export function parseAccountabilityRules(input: unknown): AccountabilityRule[] {
  if (!Array.isArray(input)) throw new AccountabilityRuleError('Accountability rules must be a JSON array.');
  const ids = new Set<string>();
  const rules = input.map((raw, index): AccountabilityRule => {
    const where = `rule ${index + 1}`;
    if (!isRecord(raw)) throw new AccountabilityRuleError(`${where} is not an object.`);
    const { id, name, level, when } = raw;
    if (typeof id !== 'string' || id === '')
      throw new AccountabilityRuleError(`${where} needs a string \`id\`.`);
    if (ids.has(id)) throw new AccountabilityRuleError(`Rule id ${id} is used twice.`);
    ids.add(id);
    if (typeof name !== 'string') throw new AccountabilityRuleError(`Rule ${id} needs a string \`name\`.`);
    if (typeof level !== 'string' || level === '')
      throw new AccountabilityRuleError(`Rule ${id} needs a \`level\`.`);
    if (!isRecord(when)) throw new AccountabilityRuleError(`Rule ${id} needs a \`when\` object.`);
    if (when.kind === 'overdue') {
      if (when.scope !== 'task' && when.scope !== 'case')
        throw new AccountabilityRuleError(`Rule ${id}: \`scope\` is "task" or "case".`);
      if (!wholeAtLeast(when.minWorkingDays, 1))
        throw new AccountabilityRuleError(`Rule ${id}: \`minWorkingDays\` is a whole number ≥ 1.`);
      const max = when.maxWorkingDays;
      if (max !== undefined && max !== null && !(wholeAtLeast(max, 1) && max >= when.minWorkingDays))
        throw new AccountabilityRuleError(
          `Rule ${id}: \`maxWorkingDays\` is a whole number ≥ minWorkingDays.`,
        );
      return {
        id,
        name,
        level,
        when: {
          kind: 'overdue',
          scope: when.scope,
          minWorkingDays: when.minWorkingDays,
          maxWorkingDays: max ?? null,
        },
      };
    }
    if (when.kind === 'supervisionOverdue') return { id, name, level, when: { kind: 'supervisionOverdue' } };
    if (when.kind === 'repeated') {
      if (
        !Array.isArray(when.of) ||
        !when.of.every((r): r is string => typeof r === 'string') ||
        when.of.length === 0
      )
        throw new AccountabilityRuleError(`Rule ${id}: \`of\` lists the rule ids it counts.`);
      if (!wholeAtLeast(when.count, 2))
        throw new AccountabilityRuleError(`Rule ${id}: \`count\` is a whole number ≥ 2.`);
      if (when.per !== 'quarter') throw new AccountabilityRuleError(`Rule ${id}: \`per\` is "quarter".`);
      return { id, name, level, when: { kind: 'repeated', of: when.of, count: when.count, per: 'quarter' } };
    }
    throw new AccountabilityRuleError(
      `Rule ${id}: \`when.kind\` is "overdue", "supervisionOverdue" or "repeated".`,
    );
  });
  for (const rule of rules) {
    if (rule.when.kind !== 'repeated') continue;
    for (const counted of rule.when.of)
      if (!ids.has(counted))
        throw new AccountabilityRuleError(`Rule ${rule.id} counts unknown rule ${counted}.`);
  }
  return rules;
}

/** Options of {@link evaluateAccountability}. */
export interface AccountabilityOptions {
  /** The department answerable for a case's own deadline (the lead); default null. */
  readonly leadDepartmentOf?: (caseId: string) => string | null;
}

function directFirings(
  event: CaseEvent,
  rules: readonly AccountabilityRule[],
  options: AccountabilityOptions,
): AccountabilityFiring[] {
  const data = event.data ?? {};
  const firings: AccountabilityFiring[] = [];
  for (const rule of rules) {
    const when = rule.when;
    if (when.kind === 'overdue') {
      const type = when.scope === 'task' ? 'task.completed' : 'case.completed';
      if (event.type !== type || data.late !== true || typeof data.remainingWorkingDays !== 'number')
        continue;
      const over = -data.remainingWorkingDays;
      if (over < when.minWorkingDays || (when.maxWorkingDays != null && over > when.maxWorkingDays)) continue;
      const department =
        when.scope === 'task'
          ? (event.department ?? null)
          : (options.leadDepartmentOf?.(event.caseId) ?? null);
      firings.push(firing(rule, event, department, over));
    } else if (when.kind === 'supervisionOverdue' && event.type === 'supervision.overdue') {
      firings.push(firing(rule, event, event.department ?? null, null));
    }
  }
  return firings;
}

function firing(
  rule: AccountabilityRule,
  event: Pick<CaseEvent, 'caseId' | 'taskId' | 'at'>,
  department: string | null,
  workingDaysOver: number | null,
): AccountabilityFiring {
  return {
    ruleId: rule.id,
    level: rule.level,
    department,
    caseId: event.caseId,
    taskId: event.taskId ?? null,
    at: event.at,
    workingDaysOver,
    quarter: beijingQuarter(event.at),
  };
}

/**
 * Evaluates accountability rules over an event history (any order; evaluated in time order):
 * every firing, in time order. Pure and deterministic: the same history always gives the same
 * firings, so they can be recomputed at any time from the event log.
 */
export function evaluateAccountability(
  events: Iterable<CaseEvent>,
  rules: readonly AccountabilityRule[] = DEFAULT_ACCOUNTABILITY_RULES,
  options: AccountabilityOptions = {},
): AccountabilityFiring[] {
  const ordered = [...events].sort((a, b) => a.at - b.at);
  const repeated = rules.filter((rule) => rule.when.kind === 'repeated');
  const tally = new Map<string, number>();
  const out: AccountabilityFiring[] = [];
  const emit = (fired: AccountabilityFiring): void => {
    out.push(fired);
    for (const rule of repeated) {
      const when = rule.when;
      if (when.kind !== 'repeated' || !when.of.includes(fired.ruleId) || fired.department === null) continue;
      const key = `${rule.id}\u0000${fired.department}\u0000${fired.quarter}`;
      const seen = (tally.get(key) ?? 0) + 1;
      tally.set(key, seen);
      if (seen === when.count)
        emit(firing(rule, { ...fired, taskId: fired.taskId ?? undefined }, fired.department, null));
    }
  };
  for (const event of ordered) for (const fired of directFirings(event, rules, options)) emit(fired);
  return out;
}

/** A rule firing as a supervision payload (kind `rule.fired`), to dispatch to handlers. */
export function firingPayload(fired: AccountabilityFiring, rule?: AccountabilityRule): SupervisionPayload {
  return {
    kind: 'rule.fired',
    at: fired.at,
    caseId: fired.caseId,
    taskId: fired.taskId,
    elementId: null,
    matter: null,
    department: fired.department,
    role: null,
    region: null,
    clock: fired.taskId === null ? 'case' : 'task',
    due: null,
    lastDay: null,
    remainingWorkingDays: fired.workingDaysOver === null ? null : -fired.workingDaysOver,
    overdue: fired.workingDaysOver === null ? null : true,
    light: null,
    previousLight: null,
    ruleId: fired.ruleId,
    level: fired.level,
    message: rule?.name ?? null,
    actor: null,
    event: null,
  };
}
