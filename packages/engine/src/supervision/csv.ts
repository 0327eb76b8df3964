/** A CSV cell value: written as text; null and undefined as an empty cell. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * RFC 4180 quoting: a field with a comma, quote, CR or LF is quoted, quotes doubled.
 *
 * Formula injection (OWASP, "CSV Injection"): a spreadsheet program runs a cell that begins with
 * `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a formula, so a case variable
 * or opinion such as `=HYPERLINK(...)` would run on a supervisor's machine. Such text cells get a
 * leading single quote, which spreadsheet programs show as text; numbers are left as they are.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const raw = String(value);
  const text = typeof value === 'string' && FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** What a spreadsheet program may take for the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Options of {@link toCsv}. */
export interface CsvOptions {
  /** Start with a UTF-8 byte order mark, so spreadsheet programs read Chinese correctly. */
  readonly bom?: boolean;
}

/**
 * Rows as CSV (RFC 4180: CRLF line ends, header line first) with the given columns, in order.
 * Every line, the last included, ends with CRLF.
 */
export function toCsv(
  columns: readonly string[],
  rows: readonly Readonly<Record<string, CsvValue>>[],
  options: CsvOptions = {},
): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvField(row[column])).join(','));
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}
