// The CSV item format: parsing, per-row errors with row numbers and column names (no database).
import fs from 'node:fs';
import path from 'node:path';
import { parseCsvItems } from './csv';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../../test/fixtures/import', name), 'utf8');
const HEADER = 'id,skill,type,prompt,choice_a,choice_b,choice_c,choice_d,choice_e,answer,hint1,hint2,hint3,solution';
const errorsOf = (text: string) => {
  const r = parseCsvItems(text);
  return r.ok ? [] : r.errors;
};

describe('CSV items', () => {
  it('reads every item type (BOM, blank rows, quoted multi-line cells, TeX between \\( \\))', () => {
    const r = parseCsvItems(fixture('items-good.csv'));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.map((i) => [i.source, i.externalId, i.skill, i.content.answer])).toEqual([
      ['row 2', 'mf-1', 'g3.mult-facts-2-5', { kind: 'number', value: '20' }],
      ['row 3', 'mf-2', null, { kind: 'choice', correct: ['b'] }],
      ['row 4', 'ratio-1', 'g6.ratios', { kind: 'text', accepted: ['ratio', 'a ratio'] }],
      ['row 6', 'ratio-2', 'g6.ratios', { kind: 'choice', correct: ['a', 'c'] }],
      ['row 7', 'frac-1', 'g6.ratios', { kind: 'number', value: '3/4' }],
    ]);
    const [facts, choice] = r.value;
    expect(facts!.content).toEqual({
      prompt: [{ kind: 'text', text: 'What is 4 × 5?' }],
      answer: { kind: 'number', value: '20' },
      hints: [[{ kind: 'text', text: 'Count by fives.' }], [{ kind: 'text', text: '5, 10, 15, …' }]],
      solution: [[{ kind: 'text', text: '4 × 5 means 4 groups of 5.' }], [{ kind: 'text', text: '5 + 5 + 5 + 5 = 20.' }]],
    });
    expect(choice!.content.prompt).toEqual([
      { kind: 'text', text: 'Which is equal to ' },
      { kind: 'math', tex: '3 \\times 4' },
      { kind: 'text', text: '?' },
    ]);
    expect(choice!.content.choices).toEqual([
      { id: 'a', content: [{ kind: 'text', text: '10' }] },
      { id: 'b', content: [{ kind: 'text', text: '12' }] },
      { id: 'c', content: [{ kind: 'text', text: '14' }] },
    ]);
  });

  it('reports each bad row with its spreadsheet row number and column', () => {
    expect(errorsOf(fixture('items-errors.csv'))).toEqual([
      { item: 'row 3', path: 'type', code: 'invalid_type', message: 'type must be choice, number or text (found "essay")' },
      { item: 'row 4', path: 'answer', code: 'not_a_number', message: '"three and a half" is not a number like 12, -3.5 or 3/4' },
      { item: 'row 5', path: 'answer', code: 'unknown_choice', message: expect.stringContaining('"f"') },
      { item: 'row 6', path: 'id', code: 'invalid_id', message: 'the item has no id' },
    ]);
  });

  it('checks the header before any row', () => {
    expect(errorsOf('id,type,prompt,answr\nx,text,p,a\n')).toEqual([
      { item: 'row 1', path: 'answr', code: 'csv_header', message: 'unknown column "answr"' },
      { item: 'row 1', path: 'answer', code: 'csv_header', message: 'the header has no "answer" column' },
    ]);
    expect(errorsOf('id,type,prompt,answer,ID\n')[0]).toMatchObject({ code: 'csv_header', message: 'column "id" appears twice' });
  });

  it('reports broken quoting with its line', () => {
    expect(errorsOf(`${HEADER}\nq1,,text,"unclosed,,,,,,x,,,,\n`)).toEqual([
      { item: 'upload', code: 'csv_malformed', message: expect.stringMatching(/^line \d+: .*quote/i) },
    ]);
  });

  it('rejects choices with gaps, choices on other types, and content beyond the limits', () => {
    const rows = [
      'g1,s,choice,Pick,yes,,maybe,,,a',
      'g2,s,number,How many?,1,2,,,,2',
      'g3,s,choice,Only one,yes,,,,,a',
      `g4,s,text,${'x'.repeat(4001)},,,,,,a`,
      'g5,s,number,Divide,,,,,,3/0',
    ];
    expect(errorsOf(`id,skill,type,prompt,choice_a,choice_b,choice_c,choice_d,choice_e,answer\n${rows.join('\n')}\n`).map((e) => [e.item, e.path, e.code])).toEqual([
      ['row 2', 'choice_b', 'empty_choice'],
      ['row 3', 'choice_a', 'unexpected_choices'],
      ['row 4', 'choice_a', 'choice_count'],
      ['row 5', 'prompt', 'too_long'],
      ['row 6', 'answer', 'not_a_number'],
    ]);
  });

  it('quotes values from the file briefly in messages', () => {
    const [error] = errorsOf(`id,type,prompt,answer\nn1,number,p,${'9x'.repeat(500)}\n`);
    expect(error!.message).toMatch(/^"(9x){30}…" is not a number/);
  });

  it('keeps "text" answers as text even when numeric, and reads semicolon-separated files', () => {
    const r = parseCsvItems('id;type;prompt;answer\nt1;text;"Zip code; 5 digits";02139\n');
    expect(r.ok && r.value[0]!.content).toMatchObject({ prompt: [{ kind: 'text', text: 'Zip code; 5 digits' }], answer: { kind: 'text', accepted: ['02139'] } });
  });

  it('limits rows and refuses an empty file', () => {
    const many = Array.from({ length: 501 }, (_, i) => `r${i},text,p,a`).join('\n');
    expect(errorsOf(`id,type,prompt,answer\n${many}\n`)).toEqual([{ item: 'upload', code: 'too_many_items', message: expect.stringContaining('at most 500') }]);
    expect(errorsOf(`${HEADER}\n,,,,\n`)).toEqual([{ item: 'upload', code: 'no_items', message: 'the file has no item rows' }]);
  });
});
