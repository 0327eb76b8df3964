import { displayWidth, padCell } from './text-width.js';

/**
 * Rows under a header, each column as wide as its widest cell (Chinese counts double), two spaces
 * apart. `decorate` may colour a cell after it is padded (colour codes have no width).
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  decorate: (text: string, row: number, column: number) => string = (text) => text,
): string {
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((line) => displayWidth(line[column] ?? ''))),
  );
  const line = (cells: readonly string[], row: number): string =>
    cells
      .map((text, column) => {
        const padded = padCell(text, widths[column] ?? 0);
        return row < 0 ? padded : decorate(padded, row, column);
      })
      .join('  ')
      .trimEnd();
  return [line(header, -1), ...rows.map((cells, row) => line(cells, row))].join('\n');
}
