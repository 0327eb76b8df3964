import type { StatisticsRow } from '@tongban/engine';
import { describe, expect, it } from 'vitest';
import { formatStatistics, STATISTICS_HEADINGS } from './statistics-table.js';
import { displayWidth, padCell } from './text-width.js';

describe('the statistics table (terminal formatting, moved out of the engine)', () => {
  it('counts CJK characters as two columns and pads to a display width', () => {
    expect(displayWidth('办结')).toBe(4);
    expect(displayWidth('ok')).toBe(2);
    expect(padCell('办结', 6)).toBe('办结  ');
    expect(padCell('7', 3, 'right')).toBe('  7');
  });

  it('prints one line per row, a total line and Chinese headings by default', () => {
    const row: StatisticsRow = {
      key: '消防救援支队',
      received: 2,
      completed: 1,
      completedOnTime: 1,
      completedEarly: 0,
      overdue: 0,
      workingDaysOver: 0,
      timed: 2,
      workingDaysUsed: 7,
      averageWorkingDaysUsed: 3.5,
      suspensions: 0,
      extensions: 0,
      urges: 0,
      supervisions: 0,
    };
    const lines = formatStatistics([row], 'department').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]?.startsWith('部门')).toBe(true);
    expect(lines[0]).toContain(STATISTICS_HEADINGS[0][1]);
    expect(lines[1]).toContain('消防救援支队');
    expect(lines[1]).toContain('3.50');
    expect(lines[2]?.startsWith('合计')).toBe(true);
  });
});
