import { readFileSync } from 'node:fs';
import { type CompiledDefinition, compileBpmn } from '@tongban/engine';
import { getCalendar } from '@tongban/engine/calendar';
import { beforeAll, describe, expect, it } from 'vitest';
import { calendarNotes, previewDeadlines } from './schedule.js';

const example = new URL('../../../../examples/construction-permit/construction-permit.bpmn', import.meta.url);

describe('deadline preview', () => {
  let definition: CompiledDefinition;

  beforeAll(async () => {
    const compiled = await compileBpmn(readFileSync(example, 'utf8'));
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
    definition = compiled.definition;
  });

  it('counts the case limits across 春节 2026 (legal 20 working days from 2026-02-09 end on 2026-03-13)', () => {
    const preview = previewDeadlines(definition, '2026-02-09');
    // 行政许可法 Art. 42 example (docs/time-rules.md); the promised 15 days skip 2/15–2/23 and count the
    // make-up Saturdays 2/14 and 2/28.
    expect(preview.caseDeadline).toMatchObject({
      limit: { amount: 15, unit: 'workingDays' },
      due: '2026-03-06',
      legalDue: '2026-03-13',
      // Yellow from the start of the day after which only 2 working days (3/5, 3/6) remain.
      yellow: '2026-03-04',
      provisional: false,
    });
    expect(preview.calendar).toBe('CN');
  });

  it('plans each step from the end of the steps before it', () => {
    const rows = new Map(previewDeadlines(definition, '2026-02-09').rows.map((r) => [r.elementId, r]));
    expect(rows.get('Accept')).toMatchObject({
      start: '2026-02-09',
      due: '2026-02-10',
      departments: ['住房和城乡建设局'],
    });
    // Seven working days from 2/10: 11, 12, 13, 14 (make-up Saturday), 24, 25, 26.
    // Its 1-working-day warning: yellow from 2/25, the day after which only 2/26 remains.
    expect(rows.get('PlanningReview')).toMatchObject({
      start: '2026-02-10',
      due: '2026-02-26',
      yellow: '2026-02-25',
    });
    expect(rows.get('LeadReview')).toMatchObject({ start: '2026-02-10', due: '2026-03-02' });
    // The join waits for the slowest branch (LeadReview, 3/2); 2 working days later.
    expect(rows.get('Decide')).toMatchObject({ start: '2026-03-02', due: '2026-03-04', role: 'lead' });
    expect(rows.get('SupplyMaterials')).toMatchObject({ kind: 'messageCatch', due: null });
  });

  it('agrees with the calendar for every acceptance day of 2026 Q1', () => {
    const calendar = getCalendar('CN');
    for (let day = '2026-01-01'; day <= '2026-03-31'; day = calendar.addNaturalDays(day, 1)) {
      const preview = previewDeadlines(definition, day);
      expect(preview.caseDeadline?.due, day).toBe(calendar.addWorkingDays(day, 15));
      expect(preview.caseDeadline?.legalDue, day).toBe(calendar.addWorkingDays(day, 20));
      const accept = preview.rows.find((r) => r.elementId === 'Accept');
      expect(accept?.due, day).toBe(calendar.addWorkingDays(day, 1));
    }
  });

  it('names the holidays and make-up days in between', () => {
    const notes = calendarNotes(getCalendar('CN'), '2026-02-09', '2026-03-13');
    expect(notes.filter((n) => n.kind === 'holiday')).toEqual([
      { kind: 'holiday', name: expect.stringContaining('春节'), from: '2026-02-15', to: '2026-02-23' },
    ]);
    expect(notes.filter((n) => n.kind === 'makeUp').map((n) => n.from)).toEqual(['2026-02-14', '2026-02-28']);
  });
});
