// A tiny RFC 4180 CSV writer for exports teachers open in spreadsheets. Text cells that a
// spreadsheet would run as a formula (= + - @, or a leading tab/CR) get a leading quote
// so a student's name can never become a formula (CSV injection, OWASP).
export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  // Numbers are data, not text: written as is (a negative number is not a formula).
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV: CRLF line breaks, a CRLF after the last row too (RFC 4180 allows it). */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}
