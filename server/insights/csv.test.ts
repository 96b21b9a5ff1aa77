// The CSV writer: RFC 4180 quoting and formula-injection guarding (no database).
import { csvCell, toCsv } from './csv';

describe('CSV writer', () => {
  it('quotes cells with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Lopez, Ana')).toBe('"Lopez, Ana"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(csvCell('José Núñez')).toBe('José Núñez');
  });

  it('writes numbers as numbers and empty cells for missing values', () => {
    expect(csvCell(95)).toBe('95');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it.each([
    ['=HYPERLINK("http://x.example","click")', `"'=HYPERLINK(""http://x.example"",""click"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('neutralises a formula in a text cell: %j → %j', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it('does not touch formula characters after the first', () => {
    expect(csvCell('Ana = best')).toBe('Ana = best');
    expect(csvCell('a-b')).toBe('a-b');
  });

  it('joins rows with CRLF, ending with one', () => {
    expect(toCsv([['a', 'b'], [1, null]])).toBe('a,b\r\n1,\r\n');
    expect(toCsv([])).toBe('');
  });
});
