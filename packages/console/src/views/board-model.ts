import type { BoardCase, Light } from '../api/types.js';

/** The board's filters; empty strings mean "all". */
export interface BoardFilters {
  readonly region: string;
  readonly matter: string;
  readonly department: string;
  readonly light: Light | '';
}

export const NO_FILTERS: BoardFilters = { region: '', matter: '', department: '', light: '' };

/**
 * Filtering runs in the page on the cases already loaded, so a change of filter answers at once
 * (measured in bench/console-board.ts) instead of waiting for a round trip.
 */
export function filterCases(cases: readonly BoardCase[], filters: BoardFilters): BoardCase[] {
  return cases.filter(
    (c) =>
      (filters.light === '' || c.urgency === filters.light) &&
      (filters.matter === '' || c.matterCode === filters.matter) &&
      (filters.region === '' || c.region.includes(filters.region)) &&
      (filters.department === '' ||
        c.leadDepartment === filters.department ||
        c.tasks.some((task) => task.department === filters.department)),
  );
}

/**
 * Rows of a later page after the earlier ones. The server pages by offset, so a case whose light
 * changed between two requests can come twice: the first (more urgent) place wins.
 */
export function mergeRows(earlier: readonly BoardCase[], later: readonly BoardCase[]): BoardCase[] {
  const seen = new Set(earlier.map((c) => c.caseId));
  const rows = [...earlier];
  for (const c of later)
    if (!seen.has(c.caseId)) {
      seen.add(c.caseId);
      rows.push(c);
    }
  return rows;
}

/** The values a filter can take, from the cases loaded. */
export function choices(cases: readonly BoardCase[]): {
  regions: string[];
  matters: string[];
  departments: string[];
} {
  const regions = new Set<string>();
  const matters = new Set<string>();
  const departments = new Set<string>();
  for (const c of cases) {
    for (const region of c.region) regions.add(region);
    if (c.matterCode) matters.add(c.matterCode);
    if (c.leadDepartment) departments.add(c.leadDepartment);
    for (const task of c.tasks) if (task.department) departments.add(task.department);
  }
  const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return { regions: sorted(regions), matters: sorted(matters), departments: sorted(departments) };
}
