import { describe, expect, it } from 'vitest';
import { filterCases } from '../views/board-model.js';
import { boardCase, caseEvent, publicCase, supervisionsOf } from './normalize.js';

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
});
