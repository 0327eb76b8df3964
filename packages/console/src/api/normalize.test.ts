import { describe, expect, it } from 'vitest';
import { filterCases, mergeRows } from '../views/board-model.js';
import { boardCase, boardPage, caseEvent, publicCase, supervisionsOf } from './normalize.js';

describe('reading the server', () => {
  it('reads a 督办 through its answer, and one left overdue', () => {
    const events = [
      {
        seq: 1,
        payload: {
          type: 'case.supervised',
          at: 1,
          caseId: 'c',
          department: 'A',
          data: { supervisionId: 's1', message: 'm', dueAt: 10 },
        },
      },
      {
        seq: 2,
        payload: {
          type: 'case.supervised',
          at: 2,
          caseId: 'c',
          department: 'B',
          data: { supervisionId: 's2', message: 'n', dueAt: 20 },
        },
      },
      {
        seq: 3,
        payload: {
          type: 'supervision.answered',
          at: 3,
          caseId: 'c',
          department: 'A',
          data: { supervisionId: 's1', answer: '已办' },
        },
      },
      {
        seq: 4,
        payload: {
          type: 'supervision.overdue',
          at: 21,
          caseId: 'c',
          department: 'B',
          data: { supervisionId: 's2' },
        },
      },
    ].map(caseEvent);
    expect(supervisionsOf(events)).toEqual([
      { supervisionId: 's1', department: 'A', message: 'm', dueAt: 10, answer: '已办', overdue: false },
      { supervisionId: 's2', department: 'B', message: 'n', dueAt: 20, answer: null, overdue: true },
    ]);
  });

  it('keeps only the public fields of a public answer, whatever else it carries', () => {
    const read = publicCase({
      caseId: 'c',
      status: 'running',
      light: 'green',
      promisedDate: '2026-03-23',
      stages: [{ name: '规划审查', department: 'X', light: 'red', opinion: '内部意见' }],
      opinion: '内部意见',
      variables: { applicant: '张三' },
    });
    expect(JSON.stringify(read)).not.toContain('内部意见');
    expect(JSON.stringify(read)).not.toContain('张三');
    expect(read).toMatchObject({ lastDay: '2026-03-23', stages: [{ name: '规划审查', light: 'red' }] });
  });

  it('filters board cases by light, department (lead or open task) and region', () => {
    const cases = [
      {
        caseId: '1',
        urgency: 'red',
        leadDepartment: 'A',
        region: { city: '南宁' },
        tasks: [{ id: 't', department: 'B' }],
      },
      { caseId: '2', urgency: 'green', leadDepartment: 'C', region: { city: '柳州' }, tasks: [] },
    ].map(boardCase);
    const ids = (f: Parameters<typeof filterCases>[1]) => filterCases(cases, f).map((c) => c.caseId);
    const all = { region: '', matter: '', department: '', light: '' } as const;
    expect(ids(all)).toEqual(['1', '2']);
    expect(ids({ ...all, light: 'red' })).toEqual(['1']);
    expect(ids({ ...all, department: 'B' })).toEqual(['1']);
    expect(ids({ ...all, department: 'C' })).toEqual(['2']);
    expect(ids({ ...all, region: '柳州' })).toEqual(['2']);
  });

  it('reads a board page with the server’s total and counts, not the page’s', () => {
    const page = boardPage({
      items: [{ caseId: '1', urgency: 'red' }],
      total: 742,
      counts: { red: 12, yellow: 30, green: 700 },
    });
    expect(page.items.map((c) => c.caseId)).toEqual(['1']);
    expect(page.total).toBe(742);
    expect(page.counts).toEqual({ red: 12, yellow: 30, green: 700, none: 0 });
    // An older server (a bare page): the page is all there is.
    const bare = boardPage({ items: [{ caseId: '1', urgency: 'red' }, { caseId: '2' }] });
    expect(bare.total).toBe(2);
    expect(bare.counts).toEqual({ red: 1, yellow: 0, green: 0, none: 1 });
  });

  it('appends a later page without repeating a case that moved up between two requests', () => {
    const [a, b, c] = [{ caseId: 'a' }, { caseId: 'b' }, { caseId: 'c' }].map(boardCase);
    if (!a || !b || !c) throw new Error('three cases');
    expect(mergeRows([a, b], [b, c]).map((x) => x.caseId)).toEqual(['a', 'b', 'c']);
  });
});
