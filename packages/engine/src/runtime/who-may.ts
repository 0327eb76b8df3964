import type { Actor } from '../model/case.js';

/** Kinds of actor; an actor without `kind` is staff. */
export type ActorKind = NonNullable<Actor['kind']>;

/**
 * Who may give one command. `step` admits a command only when its actor fits (else `FORBIDDEN`,
 * before anything else is looked at), and docs/case-operations/ prints these same rules, so the
 * two cannot drift.
 */
export interface WhoMay {
  /**
   * Which staff may: of the department the command names in `department` (`named`: the task's
   * department, or the one answering a 督办), of the lead department (`lead`, 牵头部门: a
   * department of the model's lead tasks, `tb:role="lead"`), of any department (`any`), or none (`null`). Staff
   * whose actor carries no `department` act for the department the command names, so `named`
   * admits them and `lead` does not.
   */
  readonly staff: 'named' | 'lead' | 'any' | null;
  /** Other kinds of actor that may, whatever their department. */
  readonly kinds: readonly Exclude<ActorKind, 'staff'>[];
  /**
   * Whether the command may come without an actor, and on whose behalf the host then sends it:
   * the department it names, the applicant, the host registering a case, or the runtime itself
   * (timers, service handlers, messages from other systems). `null`: an actor is required.
   */
  readonly anonymous: 'department' | 'applicant' | 'host' | 'system' | null;
}

/**
 * The rules several commands share; each command's own rule is its `whoMay` in the command table
 * (`commands/table.ts`). Supervisors appear only under 催办 and 督办: they read everything and act
 * on a case only through supervision.
 */
export const RULES = {
  department: { staff: 'named', kinds: [], anonymous: 'department' },
  applicant: { staff: 'any', kinds: ['applicant'], anonymous: 'applicant' },
  system: { staff: null, kinds: ['system'], anonymous: 'system' },
  lead: { staff: 'lead', kinds: [], anonymous: null },
  officer: { staff: null, kinds: ['officer', 'admin'], anonymous: null },
  intake: { staff: 'any', kinds: ['officer', 'admin'], anonymous: null },
} as const satisfies Record<string, WhoMay>;

const KIND_NAMES: Readonly<Record<Exclude<ActorKind, 'staff'>, string>> = {
  officer: 'officers',
  admin: 'administrators',
  applicant: 'the applicant',
  supervisor: 'supervisors',
  system: 'the system',
};

const STAFF_NAMES: Readonly<Record<NonNullable<WhoMay['staff']>, string>> = {
  named: 'staff of the department the command names (`department`)',
  lead: 'staff of the lead department (牵头部门)',
  any: 'staff of any department',
};

const ANONYMOUS_NAMES: Readonly<Record<NonNullable<WhoMay['anonymous']>, string>> = {
  department: 'without an actor, the host acts for the department the command names',
  applicant: 'without an actor, the host sends it for the applicant',
  host: 'without an actor, the host registers it',
  system: 'without an actor, it comes from the runtime or another system',
};

/** A rule in words, for the docs and for the `FORBIDDEN` message. */
export function describeWhoMay(rule: WhoMay): string {
  const who = [...(rule.staff ? [STAFF_NAMES[rule.staff]] : []), ...rule.kinds.map((k) => KIND_NAMES[k])];
  const list = who.length > 1 ? `${who.slice(0, -1).join(', ')} or ${who.at(-1)}` : (who[0] ?? 'nobody');
  const alone = rule.anonymous ? `; ${ANONYMOUS_NAMES[rule.anonymous]}` : '; an `actor` is required';
  return `${list.charAt(0).toUpperCase()}${list.slice(1)}${alone}.`;
}
