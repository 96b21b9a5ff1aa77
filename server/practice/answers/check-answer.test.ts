import type { AnswerFeedback } from '../../http/contract';
import type { AnswerSpec, Locale } from '../content/item';
import { renderRichText } from '../render';
import { checkAnswer, expectedAnswerText } from './check-answer';

type Row = [raw: string | string[], feedback: AnswerFeedback, normalized?: string];

/** One table per spec: each raw answer with the feedback (and understood form) it must get. */
function table(name: string, spec: AnswerSpec, locale: Locale, rows: Row[]) {
  describe(`${name} (${locale})`, () => {
    it.each(rows.map(([raw, feedback, normalized]) => ({ raw, feedback, normalized })))('$raw → $feedback', ({ raw, feedback, normalized }) => {
      const result = checkAnswer(spec, raw, locale);
      expect(result.feedback).toBe(feedback);
      expect(result.correct).toBe(feedback === 'correct');
      if (normalized !== undefined) expect(result.normalized).toBe(normalized);
    });
  });
}

table('number 1/2, equivalent forms', { kind: 'number', value: '1/2' }, 'en', [
  ['1/2', 'correct', '1/2'],
  ['0.5', 'correct', '0.5'],
  ['.5', 'correct', '0.5'],
  ['0.50', 'correct', '0.5'],
  ['2/4', 'correct', '2/4'],
  [' 1 / 2 ', 'correct', '1/2'],
  ['+1/2', 'correct', '1/2'],
  ['(1/2)', 'correct'],
  ['½', 'correct'],
  ['1/2.', 'correct', '1/2'],
  ['-1/2', 'incorrect', '-1/2'],
  ['0.05', 'incorrect'],
  ['1/3', 'incorrect'],
  ['50%', 'unreadable'], // % only when the item's unit is %
  ['0,5', 'unreadable'], // en has no decimal comma
  ['1/0', 'unreadable'],
  ['0.5x', 'unreadable'],
  ['1+1/2-1', 'unreadable'], // a number item wants the number itself
  ['1/2/1', 'unreadable'],
  ['half', 'unreadable'],
  ['', 'unreadable', ''],
  ['   ', 'unreadable'],
  [['1/2'], 'correct'],
  [['1/2', '0.5'], 'unreadable'],
]);

table('number -3/4 and mixed numbers', { kind: 'number', value: '-3/4' }, 'en', [
  ['-3/4', 'correct', '-3/4'],
  ['−3/4', 'correct', '-3/4'], // Unicode minus
  ['–3/4', 'correct'], // en dash
  ['-(3/4)', 'correct', '-3/4'],
  ['3/-4', 'unreadable'],
  ['-0.75', 'correct', '-0.75'],
  ['-6/8', 'correct'],
  ['3/4', 'incorrect'],
  ['--3/4', 'unreadable'],
]);

table('number 3/2 (mixed and improper)', { kind: 'number', value: '3/2' }, 'en', [
  ['1 1/2', 'correct', '1 1/2'],
  ['1½', 'correct', '1 1/2'],
  ['3/2', 'correct'],
  ['1.5', 'correct'],
  ['1  1/2', 'correct'],
  ['-1 1/2', 'incorrect', '-1 1/2'],
  ['1-1/2', 'unreadable'], // read as 1 − 1/2 by mathjs, and arithmetic is not a number
  ['11/2', 'incorrect'],
]);

table('number 1/2 in simplest form', { kind: 'number', value: '1/2', requireSimplestFraction: true }, 'en', [
  ['1/2', 'correct'],
  ['0.5', 'correct'], // a decimal equal to the value is fine
  ['2/4', 'not-simplest', '2/4'],
  ['-2/-4', 'unreadable'],
  ['3/4', 'incorrect'], // a different value is just wrong, reduced or not
  ['6/8', 'incorrect'],
]);

table('number 3/2 in simplest form', { kind: 'number', value: '3/2', requireSimplestFraction: true }, 'en', [
  ['3/2', 'correct'],
  ['1 1/2', 'correct'],
  ['6/4', 'not-simplest'],
  ['1 2/4', 'not-simplest'],
  ['0 3/2', 'not-simplest'],
]);

table('number 4 in simplest form', { kind: 'number', value: '4', requireSimplestFraction: true }, 'en', [
  ['4', 'correct'],
  ['4.0', 'correct'],
  ['8/2', 'not-simplest'],
  ['4/1', 'not-simplest'],
]);

table('number 0.75, same form only', { kind: 'number', value: '0.75', acceptEquivalentForms: false }, 'en', [
  ['0.75', 'correct'],
  ['.750', 'correct'],
  ['3/4', 'incorrect'],
]);

table('number 3/4, same form only', { kind: 'number', value: '3/4', acceptEquivalentForms: false }, 'en', [
  ['3/4', 'correct'],
  ['6/8', 'incorrect'],
  ['0.75', 'incorrect'],
]);

table('number 1000 with thousands separators', { kind: 'number', value: '1000' }, 'en', [
  ['1000', 'correct', '1000'],
  ['1,000', 'correct', '1000'],
  ['1,000.0', 'correct'],
  ['1 000', 'correct'],
  ['1\u00a0000', 'correct'], // no-break space
  ['1.000', 'incorrect'], // en: that is one
  ['10,00', 'unreadable'],
  ['1,0000', 'unreadable'],
  ['1e3', 'unreadable'],
  ['0x3E8', 'unreadable'],
  ['１０００', 'correct'], // full-width digits
]);

table('number 1234567.5 (en)', { kind: 'number', value: '1234567.5' }, 'en', [
  ['1,234,567.5', 'correct', '1234567.5'],
  ['1234567.5', 'correct'],
  ['1.234.567,5', 'unreadable'],
]);

table('number 0.5 (es decimal comma)', { kind: 'number', value: '0.5' }, 'es', [
  ['0,5', 'correct', '0.5'],
  [',5', 'correct'],
  ['0.5', 'correct'], // Mexico and US Spanish speakers write a decimal point
  ['1/2', 'correct'],
  ['0,50', 'correct'],
  ['0,500', 'correct'], // leading 0: cannot be thousands
  ['0,6', 'incorrect'],
  ['0,,5', 'unreadable'],
]);

table('number 1234567.5 (es)', { kind: 'number', value: '1234567.5' }, 'es', [
  ['1.234.567,5', 'correct', '1234567.5'],
  ['1,234,567.5', 'correct'],
  ['1 234 567,5', 'correct'],
  ['1234567,5', 'correct'],
  ['1.234.567.5', 'unreadable'],
  ['1.23.567,5', 'unreadable'],
]);

// "1.000" / "1,000": Spain reads 1000 and 1, Mexico the other way round. Both readings
// are tried and the one matching the expected answer is kept.
table('es ambiguous "1.000" when the answer is 1000', { kind: 'number', value: '1000' }, 'es', [
  ['1.000', 'correct', '1000'],
  ['1,000', 'correct', '1000'],
  ['1000', 'correct'],
  ['1.000.000', 'incorrect'],
  ['2.000', 'incorrect'],
]);

table('es ambiguous "3,142" when the answer is pi to thousandths', { kind: 'number', value: '3.142', tolerance: 0.0005 }, 'es', [
  ['3,142', 'correct', '3.142'],
  ['3.142', 'correct', '3.142'],
  ['3,14', 'incorrect'],
  ['3,1416', 'correct'],
]);

table('number with tolerance', { kind: 'number', value: '2.67', tolerance: 0.01 }, 'en', [
  ['2.67', 'correct'],
  ['2.666', 'correct'],
  ['8/3', 'correct'],
  ['2.68', 'correct'],
  ['2.6', 'incorrect'],
  ['2.69', 'incorrect'],
]);

table('number is exact without tolerance', { kind: 'number', value: '1/3' }, 'en', [
  ['1/3', 'correct'],
  ['0.333333333333333333', 'incorrect'],
  ['0.3333333333333333333333333333333', 'unreadable'], // too many digits to be typed on purpose
]);

table('number with a unit', { kind: 'number', value: '12', unit: 'cm' }, 'en', [
  ['12', 'correct', '12'],
  ['12 cm', 'correct', '12 cm'],
  ['12cm', 'correct'],
  ['12 CM', 'correct'],
  ['12 cm.', 'correct'],
  ['12 centimeters', 'correct'],
  ['13 cm', 'incorrect'],
  ['12 m', 'wrong-unit', '12 m'],
  ['0.12 m', 'wrong-unit'], // no conversion: the item asked for cm
  ['12 in', 'wrong-unit'],
  ['12 cm^2', 'wrong-unit'],
  ['12 apples', 'unreadable'],
  ['cm 12', 'unreadable'],
  ['$12', 'wrong-unit'],
]);

table('number with a unit (es)', { kind: 'number', value: '12.5', unit: 'cm' }, 'es', [
  ['12,5 cm', 'correct', '12.5 cm'],
  ['12,5 centímetros', 'correct'],
  ['12,5 centimetros', 'correct'],
  ['12,5 metros', 'wrong-unit'],
]);

table('number with a square unit', { kind: 'number', value: '12', unit: 'cm²' }, 'en', [
  ['12', 'correct'],
  ['12 cm^2', 'correct', '12 cm^2'],
  ['12 cm²', 'correct'],
  ['12cm2', 'correct'],
  ['12 cm ^ 2', 'correct'],
  ['12 cm', 'wrong-unit'],
  ['12 cm³', 'wrong-unit'],
]);

table('number in dollars', { kind: 'number', value: '4.5', unit: '$' }, 'en', [
  ['4.50', 'correct'],
  ['$4.50', 'correct', '4.5 $'],
  ['$ 4.50', 'correct'],
  ['4.50 dollars', 'correct'],
  ['4.5$', 'correct'],
  ['-$4.50', 'incorrect'],
  ['$4.05', 'incorrect'],
  ['4.50 cents', 'wrong-unit'],
  ['$4.50 cm', 'unreadable'],
]);

table('number in percent', { kind: 'number', value: '50', unit: '%' }, 'en', [
  ['50', 'correct'],
  ['50%', 'correct', '50 %'],
  ['50 %', 'correct'],
  ['50 percent', 'correct'],
  ['50 por ciento', 'correct'],
  ['0.5', 'incorrect'],
  ['50 cm', 'wrong-unit'],
]);

table('number without a unit', { kind: 'number', value: '12' }, 'en', [
  ['12', 'correct'],
  ['12 cm', 'unreadable'], // the item expects a plain number
  ['12%', 'unreadable'],
]);

table('expression 2x + 6', { kind: 'expression', value: '2x + 6', variables: ['x'] }, 'en', [
  ['2x+6', 'correct'],
  ['2x + 6', 'correct', '2 x + 6'],
  ['6 + 2x', 'correct'],
  ['2(x+3)', 'correct', '2 (x + 3)'],
  ['2 * (x + 3)', 'correct'],
  ['2·x + 6', 'correct'],
  ['2×x+6', 'correct'],
  ['x + x + 6', 'correct'],
  ['(4x + 12)/2', 'correct'],
  ['2X + 6', 'correct'], // case-insensitive when the item has no X
  ['2x+5', 'incorrect'],
  ['2x', 'incorrect'],
  ['x^2 + 6', 'incorrect'],
  ['2y + 6', 'unreadable'], // not the item's variable
  ['2x + 6 = y', 'unreadable'],
  ['x = 5', 'unreadable'],
  ['2x +', 'unreadable'],
  ['2x + 6.', 'correct'],
]);

table('expression with decimals (es)', { kind: 'expression', value: '0.5x + 1', variables: ['x'] }, 'es', [
  ['0,5x + 1', 'correct'],
  ['x/2 + 1', 'correct'],
  ['1/2 x + 1', 'correct'],
  ['0,6x + 1', 'incorrect'],
]);

table('expression x(x + 1), two variables and powers', { kind: 'expression', value: 'x^2 + x + 2xy', variables: ['x', 'y'], form: 'factored' }, 'en', [
  ['x(x + 1 + 2y)', 'correct'], // mathjs reads x(…) as a call; we read it as a product
  ['x² + x + 2xy', 'correct'],
  ['x^2 + x + 2 x y', 'correct'],
  ['x*x + x + 2*y*x', 'correct'],
  ['x^2 + x + 2yx', 'correct'],
  ['x^2 + x + 2x', 'incorrect'],
  ['x^2 + x + 2xz', 'unreadable'],
]);

table('expression with sqrt, pi and non-integer powers', { kind: 'expression', value: 'sqrt(2) * x + pi', variables: ['x'] }, 'en', [
  ['sqrt(2)x + π', 'correct'],
  ['2^(1/2) x + pi', 'correct'],
  ['sqrt(8)/2 * x + pi', 'correct'],
  ['1.41421356 x + pi', 'incorrect'],
  ['sqrt(2, 3) x + pi', 'unreadable'],
]);

table('expression with huge powers stays cheap', { kind: 'expression', value: 'x^2', variables: ['x'] }, 'en', [
  ['x^1000', 'incorrect'],
  ['((x^9)^9)^9', 'incorrect'],
  ['x^(10^10)', 'incorrect'],
  ['(x^2)^1', 'correct'],
  ['x^4/x^2', 'correct'],
]);

table('equation solution x = 3', { kind: 'equation-solution', variable: 'x', value: '3' }, 'en', [
  ['3', 'correct', 'x = 3'],
  ['x = 3', 'correct', 'x = 3'],
  ['x=3', 'correct'],
  ['3 = x', 'correct'],
  [' X = 3', 'correct'],
  ['x = 3.', 'correct'],
  ['x = 6/2', 'correct'],
  ['x = 3.0', 'correct'],
  ['x = 4', 'incorrect', 'x = 4'],
  ['y = 3', 'unreadable'],
  ['x = x', 'unreadable'],
  ['x == 3', 'unreadable'],
  ['x =', 'unreadable'],
  ['x = 1 + 2', 'unreadable'],
]);

table('equation solution with a fraction (es)', { kind: 'equation-solution', variable: 'n', value: 'n = -7/2' }, 'es', [
  ['n = -7/2', 'correct'],
  ['n = -3,5', 'correct', 'n = -3.5'],
  ['-3 1/2', 'correct'],
  ['n = 3,5', 'incorrect'],
]);

table('choice, one correct', { kind: 'choice', correct: ['b'] }, 'en', [
  [['b'], 'correct', 'b'],
  ['b', 'correct'],
  [['b', 'b'], 'correct'],
  [['a'], 'incorrect'],
  [['a', 'b'], 'incorrect'],
  [[], 'unreadable'],
  [[' '], 'unreadable'],
]);

table('choice, select all that apply', { kind: 'choice', correct: ['a', 'c'] }, 'en', [
  [['a', 'c'], 'correct', 'a,c'],
  [['c', 'a'], 'correct', 'a,c'],
  [['a'], 'incorrect'],
  [['a', 'b', 'c'], 'incorrect'],
]);

table('text, case-insensitive', { kind: 'text', accepted: ['Right triangle', 'right'] }, 'en', [
  ['right triangle', 'correct'],
  ['  Right   Triangle. ', 'correct', 'Right Triangle'],
  ['RIGHT', 'correct'],
  ['right triangles', 'incorrect'],
  ['', 'unreadable'],
  ['.', 'unreadable'],
]);

table('text, accents significant', { kind: 'text', accepted: ['área'] }, 'es', [
  ['área', 'correct'],
  ['a\u0301rea', 'correct'], // decomposed accent, NFC-normalised
  ['Área', 'correct'],
  ['area', 'incorrect'],
]);

table('text, case-sensitive', { kind: 'text', accepted: ['NaCl'], caseSensitive: true }, 'en', [
  ['NaCl', 'correct'],
  ['nacl', 'incorrect'],
]);

describe('unsafe and absurd input never throws and is unreadable', () => {
  const specs: AnswerSpec[] = [
    { kind: 'number', value: '5' },
    { kind: 'number', value: '5', unit: 'cm' },
    { kind: 'expression', value: 'x + 5', variables: ['x'] },
    { kind: 'equation-solution', variable: 'x', value: '5' },
    { kind: 'text', accepted: ['five'] },
  ];
  const hostile = [
    'import("fs")',
    'import("fs", {override: true})',
    'f(x)=x',
    'f(x) = x + 5',
    'x = 5; x',
    '[1,2]',
    '[5]',
    '{a: 5}',
    'evaluate("5")',
    'createUnit("foo")',
    'x[1]',
    'x.y',
    '1e400',
    '1e-400',
    '9'.repeat(399),
    '"5"',
    '5 ? 5 : 5',
    '5 == 5',
    '1:5',
    '5!',
    'x\'',
    '5 mod 7',
    '5 to cm',
    '('.repeat(10_000) + '5' + ')'.repeat(10_000),
    '('.repeat(190) + '5' + ')'.repeat(190).slice(1),
    '-'.repeat(300) + '5',
    '\u0000',
    '\ud800',
    '5'.repeat(100_000),
  ];
  it.each(hostile.map((h) => [h.length > 40 ? `${h.slice(0, 30)}… (${h.length} chars)` : h, h]))('%s', (_label, raw) => {
    for (const spec of specs.slice(0, 4)) {
      const result = checkAnswer(spec, raw, 'en');
      expect(result).toEqual(expect.objectContaining({ correct: false, feedback: 'unreadable' }));
      expect(result.normalized.length).toBeLessThanOrEqual(200);
    }
    for (const locale of ['en', 'es'] as const) expect(() => checkAnswer(specs[4] as AnswerSpec, raw, locale)).not.toThrow();
  });

  it('x=3 for a number item', () => {
    expect(checkAnswer({ kind: 'number', value: '3' }, 'x=3', 'en').feedback).toBe('unreadable');
  });

  it('deep but legal nesting still reads', () => {
    expect(checkAnswer({ kind: 'number', value: '5' }, '('.repeat(150) + '5' + ')'.repeat(150), 'en').feedback).toBe('correct');
  });

  it('non-string input from a broken client', () => {
    expect(checkAnswer({ kind: 'number', value: '5' }, [5 as unknown as string], 'en').feedback).toBe('unreadable');
    expect(checkAnswer({ kind: 'choice', correct: ['a'] }, [null as unknown as string], 'en').feedback).toBe('unreadable');
    expect(checkAnswer({ kind: 'number', value: '5' }, undefined as unknown as string, 'en').feedback).toBe('unreadable');
  });

  it('answers every hostile input under every spec kind without throwing (cost is measured in bench/, not here)', () => {
    for (const raw of hostile) for (const spec of specs) expect(checkAnswer(spec, raw, 'es').correct).toBe(false);
  });
});

describe('spec errors are content bugs and throw', () => {
  it.each<AnswerSpec>([
    { kind: 'number', value: 'five' },
    { kind: 'number', value: 'x + 1' },
    { kind: 'expression', value: '2x + y', variables: ['x'] },
    { kind: 'expression', value: 'import("fs")', variables: ['x'] },
    { kind: 'equation-solution', variable: 'x', value: 'y = 3' },
  ])('%j', (spec) => {
    expect(() => checkAnswer(spec, '1', 'en')).toThrow(/Answer spec/);
  });
});

describe('expectedAnswerText', () => {
  const cases: [AnswerSpec, Locale, string][] = [
    [{ kind: 'number', value: '1/2' }, 'en', '\\frac{1}{2}'],
    [{ kind: 'number', value: '-3/4' }, 'en', '-\\frac{3}{4}'],
    [{ kind: 'number', value: '1 1/2' }, 'en', '1\\frac{1}{2}'],
    [{ kind: 'number', value: '0.5' }, 'en', '0.5'],
    [{ kind: 'number', value: '0.5' }, 'es', '0.5'],
    [{ kind: 'number', value: '1234567.25' }, 'en', '1{,}234{,}567.25'],
    [{ kind: 'number', value: '1234567.25' }, 'es', '1234567.25'],
    [{ kind: 'number', value: '12', unit: 'cm^2' }, 'en', '12\\ \\mathrm{cm}^{2}'],
    [{ kind: 'number', value: '12', unit: 'cm' }, 'es', '12\\ \\mathrm{cm}'],
    [{ kind: 'number', value: '4.5', unit: '$' }, 'en', '\\$4.50'],
    [{ kind: 'number', value: '-4', unit: '$' }, 'en', '-\\$4'],
    [{ kind: 'number', value: '50', unit: '%' }, 'es', '50\\%'],
    [{ kind: 'number', value: '90', unit: '°' }, 'en', '90^{\\circ}'],
    [{ kind: 'number', value: '75', unit: '¢' }, 'es', '75\\ \\text{centavos}'],
    [{ kind: 'equation-solution', variable: 'x', value: '3' }, 'en', 'x = 3'],
    [{ kind: 'equation-solution', variable: 'x', value: 'x = 7/2' }, 'en', 'x = \\frac{7}{2}'],
    [{ kind: 'equation-solution', variable: 'x', value: '-3.5' }, 'es', 'x = -3.5'],
    [{ kind: 'expression', value: '2x + 6', variables: ['x'] }, 'en', '2 x+6'],
    [{ kind: 'expression', value: '3(x + 2)', variables: ['x'] }, 'en', '3 \\left( x+2\\right)'],
    [{ kind: 'expression', value: '0.5x', variables: ['x'] }, 'es', '0.5 x'],
  ];
  it.each(cases)('%j in %s → %s', (spec, locale, tex) => {
    expect(expectedAnswerText(spec, locale)).toEqual([{ kind: 'math', tex }]);
    // Everything we produce must render (strict KaTeX).
    expect(renderRichText(expectedAnswerText(spec, locale))[0]).toHaveProperty('mathml', expect.stringContaining('<math'));
  });

  it('choice and text answers are plain text', () => {
    expect(expectedAnswerText({ kind: 'choice', correct: ['a', 'c'] }, 'en')).toEqual([{ kind: 'text', text: 'a, c' }]);
    expect(expectedAnswerText({ kind: 'text', accepted: ['right triangle', 'right'] }, 'en')).toEqual([{ kind: 'text', text: 'right triangle' }]);
  });
});

