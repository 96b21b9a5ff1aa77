// Teacher items from a spreadsheet. The format (also in docs/item-import.md):
//
//   id,skill,type,prompt,choice_a,choice_b,choice_c,choice_d,choice_e,answer,hint1,hint2,hint3,solution
//
// - A header row names the columns (any order, case-insensitive). Required: id, type,
//   prompt, answer. Unknown columns are errors (a typo would otherwise lose data silently).
// - type: choice | number | text.
// - answer: choice → the correct letters, "b", or "a;c" for select-all-that-apply;
//   number → one number: "12", "-3.5", "3/4" (equivalent forms such as 0.75 are accepted);
//   text → accepted answers separated by ";", compared case-insensitively.
// - choice_a … choice_e: choice items only, at least two, without gaps.
// - skill: a Trellis skill code; blank uses the upload's default skill.
// - hint1..hint3 optional; solution optional, one step per line inside the cell.
// - Math: TeX between \( and \), e.g. "Simplify \(\frac{6}{8}\)". "$" is plain text.
// - UTF-8 with or without BOM, RFC 4180 quoting, comma-separated (semicolon-separated if
//   the header has no comma), blank rows skipped, at most 500 items. Rows are numbered
//   as in a spreadsheet: the header is row 1.
import { parse } from 'csv-parse/sync';
import type { AnswerSpec, Choice, ItemContent } from '../content/item';
import { checkContent, checkExternalId, numberAnswer, quoted, richFromText } from './content';
import { IMPORT_LIMITS, type ImportError, type ParsedItem, type ParseResult } from './types';

const LETTERS = ['a', 'b', 'c', 'd', 'e'] as const;
const CHOICE_COLUMNS = LETTERS.map((l) => `choice_${l}`);
const HINT_COLUMNS = ['hint1', 'hint2', 'hint3'];
const COLUMNS = new Set(['id', 'skill', 'type', 'prompt', ...CHOICE_COLUMNS, 'answer', ...HINT_COLUMNS, 'solution']);
const REQUIRED = ['id', 'type', 'prompt', 'answer'];
const TYPES = new Set(['choice', 'number', 'text']);

/** checkContent paths → the column a teacher should fix. */
function columnOf(path: string): string {
  const [head, sub] = path.split('.');
  if (head === 'choices') return sub ? `choice_${sub}` : 'choice_a';
  if (head === 'hints') return sub ? `hint${sub}` : 'hint1';
  return head ?? path;
}

function readRecords(text: string): { ok: true; records: string[][] } | { ok: false; error: ImportError } {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  try {
    const records = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false, max_record_size: 200_000 }) as string[][];
    return { ok: true, records };
  } catch (err) {
    const e = err as { message: string; lines?: number };
    return { ok: false, error: { item: 'upload', code: 'csv_malformed', message: e.lines ? `line ${e.lines}: ${e.message}` : e.message } };
  }
}

function rowItem(row: number, get: (column: string) => string, errors: ImportError[]): ParsedItem | null {
  const item = `row ${row}`;
  const before = errors.length;
  const problem = (column: string, code: string, message: string) => errors.push({ item, path: column, code, message });

  const externalId = get('id');
  const idProblem = checkExternalId(externalId);
  if (idProblem) problem('id', 'invalid_id', idProblem);
  const type = get('type').toLowerCase();
  if (!TYPES.has(type)) problem('type', 'invalid_type', `type must be choice, number or text (found ${quoted(get('type'))})`);

  const filled = CHOICE_COLUMNS.map(get);
  const lastFilled = filled.findLastIndex((c) => c !== '');
  const choices: Choice[] = [];
  filled.slice(0, lastFilled + 1).forEach((text, i) => {
    if (text === '') problem(CHOICE_COLUMNS[i]!, 'empty_choice', `${CHOICE_COLUMNS[i]} is empty but a later choice is not`);
    else choices.push({ id: LETTERS[i]!, content: richFromText(text) });
  });
  if (type !== 'choice' && choices.length > 0) problem('choice_a', 'unexpected_choices', `choice columns are only for type choice (this row is ${type || 'untyped'})`);

  const rawAnswer = get('answer');
  let answer: AnswerSpec | null = null;
  if (rawAnswer === '') problem('answer', 'missing_answer', 'the answer is empty');
  else if (type === 'choice') {
    const letters = [...new Set(rawAnswer.toLowerCase().split(/[\s;,]+/).filter(Boolean))];
    const bad = letters.filter((l) => !choices.some((c) => c.id === l));
    if (bad.length > 0) problem('answer', 'unknown_choice', `${quoted(bad.join(';'))} is not a filled choice letter (use a-e, several as "a;c")`);
    else answer = { kind: 'choice', correct: letters };
  } else if (type === 'number') {
    const value = numberAnswer(rawAnswer);
    if (value === null) problem('answer', 'not_a_number', `${quoted(rawAnswer)} is not a number like 12, -3.5 or 3/4`);
    else answer = { kind: 'number', value };
  } else if (type === 'text') {
    // The teacher chose text: "12" stays a text answer here (QTI, with no type, infers number).
    answer = { kind: 'text', accepted: rawAnswer.split(';').map((a) => a.trim()).filter(Boolean) };
  }
  if (!answer || errors.length > before) return null;

  const content: ItemContent = {
    prompt: richFromText(get('prompt')),
    ...(type === 'choice' ? { choices } : {}),
    answer,
    hints: HINT_COLUMNS.map(get).filter(Boolean).map(richFromText),
    solution: get('solution').split(/\r?\n/).map((s) => s.trim()).filter(Boolean).map(richFromText),
  };
  for (const p of checkContent(content)) problem(columnOf(p.path), p.code, p.message);
  if (errors.length > before) return null;
  return { source: item, externalId, skill: get('skill') || null, content };
}

export function parseCsvItems(text: string): ParseResult<ParsedItem[]> {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > IMPORT_LIMITS.uploadBytes) {
    return { ok: false, errors: [{ item: 'upload', code: 'upload_too_large', message: `the file is ${(bytes / 1048576).toFixed(1)} MB; the limit is ${IMPORT_LIMITS.uploadBytes / 1048576} MB` }] };
  }
  const read = readRecords(text);
  if (!read.ok) return { ok: false, errors: [read.error] };
  const [header, ...rows] = read.records;
  const columns = (header ?? []).map((h) => h.trim().toLowerCase());
  const errors: ImportError[] = [];
  columns.forEach((name, i) => {
    if (!COLUMNS.has(name)) errors.push({ item: 'row 1', path: name || `column ${i + 1}`, code: 'csv_header', message: `unknown column ${quoted(header![i] ?? name)}` });
    else if (columns.indexOf(name) !== i) errors.push({ item: 'row 1', path: name, code: 'csv_header', message: `column ${quoted(name)} appears twice` });
  });
  for (const name of REQUIRED.filter((r) => !columns.includes(r))) {
    errors.push({ item: 'row 1', path: name, code: 'csv_header', message: `the header has no ${quoted(name)} column` });
  }
  if (errors.length > 0) return { ok: false, errors };

  const filledRows = rows.map((cells, i) => ({ row: i + 2, cells })).filter(({ cells }) => cells.some((c) => c.trim() !== ''));
  if (filledRows.length === 0) return { ok: false, errors: [{ item: 'upload', code: 'no_items', message: 'the file has no item rows' }] };
  if (filledRows.length > IMPORT_LIMITS.items) {
    return { ok: false, errors: [{ item: 'upload', code: 'too_many_items', message: `${filledRows.length} rows; at most ${IMPORT_LIMITS.items} items per upload` }] };
  }
  const items: ParsedItem[] = [];
  for (const { row, cells } of filledRows) {
    const get = (column: string) => {
      const i = columns.indexOf(column);
      return i === -1 ? '' : (cells[i] ?? '').trim();
    };
    if (cells.length > columns.length && cells.slice(columns.length).some((c) => c.trim() !== '')) {
      errors.push({ item: `row ${row}`, code: 'csv_extra_cells', message: `the row has ${cells.length} cells but the header names ${columns.length} columns` });
      continue;
    }
    const item = rowItem(row, get, errors);
    if (item) items.push(item);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: items };
}
