import { CASE_EVENT_TYPES, EVENT_TRAITS } from '../model/event-traits.js';
import type { CaseEvent } from '../model/events.js';
import type { SupervisionKind } from '../model/supervision-kind.js';

export type { SupervisionKind };

/** Every supervision kind, in the order of a case's life. */
export const SUPERVISION_KINDS: readonly SupervisionKind[] = [
  'case.accepted',
  'task.opened',
  'task.completed',
  'light.changed',
  'suspended',
  'resumed',
  'extended',
  'sentBack',
  'urged',
  'supervised',
  'supervision.answered',
  'supervision.overdue',
  'case.decided',
  'case.withdrawn',
  'rule.fired',
];

/** Which kind each watched engine event feeds: the events' `supervisionKind` trait. */
const BY_EVENT: Readonly<Record<string, SupervisionKind>> = Object.fromEntries(
  CASE_EVENT_TYPES.flatMap((type) => {
    const kind = EVENT_TRAITS[type].supervisionKind;
    return kind === null ? [] : [[type, kind]];
  }),
);

/** The supervision kind an engine event feeds, or null when supervisors do not watch it. */
export function supervisionKindOf(event: Pick<CaseEvent, 'type'>): SupervisionKind | null {
  return BY_EVENT[event.type] ?? null;
}

/** Engine event types that feed some supervision kind: what a hook subscribes to. */
export const SUPERVISED_EVENT_TYPES: readonly string[] = Object.keys(BY_EVENT);
