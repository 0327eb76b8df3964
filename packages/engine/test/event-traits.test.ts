import { describe, expect, it } from 'vitest';
import { eventTypesWhere } from '../src/internal.js';
import { SUPERVISED_EVENT_TYPES, supervisionKindOf } from '../src/supervision/index.js';

// The traits replaced hand-kept lists in recall, clocks, statistics and supervision: these pin what
// those lists were, so a changed trait is a decision, not an accident.
describe('event traits', () => {
  it('keep the sets the engine used to list by hand', () => {
    const set = (test: Parameters<typeof eventTypesWhere>[0]) => new Set(eventTypesWhere(test));
    expect(set((t) => t.resetsRecall)).toEqual(
      new Set([
        'case.jumped',
        'task.rejected',
        'case.resubmitted',
        'timer.fired',
        'message.received',
        'case.withdrawn',
        'case.suspended',
      ]),
    );
    expect(set((t) => t.actsOnTask)).toEqual(
      new Set([
        'task.completed',
        'task.rejected',
        'task.delegated',
        'task.delegationReturned',
        'task.transferred',
        'task.specialProcedureStarted',
        'supplement.requested',
        'task.claimed',
        'task.signed',
        'task.handlersAssigned',
      ]),
    );
    expect(eventTypesWhere((t) => t.suspension === 'starts')).toEqual([
      'case.suspended',
      'task.specialProcedureStarted',
      'supplement.requested',
    ]);
    expect(eventTypesWhere((t) => t.extension)).toEqual(['case.extended', 'task.extended']);
    expect(set((t) => t.endsCase)).toEqual(
      new Set(['case.completed', 'case.withdrawn', 'case.terminated', 'case.failed']),
    );
  });

  it('feed the supervision kinds they fed before', () => {
    expect(
      Object.fromEntries(SUPERVISED_EVENT_TYPES.map((t) => [t, supervisionKindOf({ type: t as never })])),
    ).toEqual({
      'case.started': 'case.accepted',
      'task.opened': 'task.opened',
      'task.completed': 'task.completed',
      'light.changed': 'light.changed',
      'case.suspended': 'suspended',
      'task.specialProcedureStarted': 'suspended',
      'supplement.requested': 'suspended',
      'case.resumed': 'resumed',
      'task.specialProcedureEnded': 'resumed',
      'supplement.supplied': 'resumed',
      'supplement.cancelled': 'resumed',
      'case.extended': 'extended',
      'task.extended': 'extended',
      'task.rejected': 'sentBack',
      'task.urged': 'urged',
      'case.supervised': 'supervised',
      'supervision.answered': 'supervision.answered',
      'supervision.overdue': 'supervision.overdue',
      'case.completed': 'case.decided',
      'case.withdrawn': 'case.withdrawn',
    });
  });
});
