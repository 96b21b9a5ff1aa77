// The correct answer as RichText, shown after a miss: TeX for numbers, fractions,
// expressions and solutions (rendered to MathML by render.ts), plain text otherwise.
import type { MathNode } from 'mathjs';
import type { AnswerSpec, Locale, RichText } from '../content/item';
import { foldUnicode } from './math-input';
import type { NumberReading } from './number-answer';
import { specExpression, specNumber, specSolution } from './spec-values';
import { canonicalUnit } from './units';

/**
 * Digits as TeX in the locale: en groups thousands with "{,}" (braces keep TeX from adding
 * space after the comma); es keeps the decimal point the item bank's Spanish prompts use
 * (as US and Mexican school materials do) and no grouping, since a thin space splits the
 * MathML into two numbers that screen readers read apart. Students may type either mark.
 */
function texDecimal(text: string, locale: Locale, minDecimals = 0): string {
  const [int = '', frac = ''] = text.split('.');
  const digits = locale === 'en' && int.length > 3 ? int.replace(/\B(?=([0-9]{3})+$)/g, '{,}') : int;
  const decimals = frac.padEnd(frac.length > 0 ? Math.max(frac.length, minDecimals) : 0, '0');
  return decimals ? `${digits}.${decimals}` : digits;
}

/** A number reading as TeX, without its sign. */
function texMagnitude(r: NumberReading, locale: Locale, minDecimals = 0): string {
  switch (r.form) {
    case 'fraction':
      return `\\frac{${r.num}}{${r.den}}`;
    case 'mixed':
      return `${r.whole}\\frac{${r.num}}{${r.den}}`;
    default:
      return texDecimal(r.text.replace(/^-/, ''), locale, minDecimals);
  }
}

/** "12 cm^2" → "12\ \mathrm{cm}^{2}"; "$" and "%" as a reader expects them. */
function texWithUnit(r: NumberReading, unit: string | undefined, locale: Locale): string {
  const sign = r.negative ? '-' : '';
  if (unit === undefined) return sign + texMagnitude(r, locale);
  const canonical = canonicalUnit(foldUnicode(unit));
  if (canonical === '$') return `${sign}\\$${texMagnitude(r, locale, 2)}`;
  const number = sign + texMagnitude(r, locale);
  if (canonical === '%') return `${number}\\%`;
  if (canonical === '°') return `${number}^{\\circ}`;
  if (canonical === '¢') return `${number}\\ \\text{${locale === 'en' ? 'cents' : 'centavos'}}`;
  const [, base = unit, power] = /^(.+?)(?:\s*\^\s*([0-9]))?$/.exec(foldUnicode(unit)) ?? [];
  const name = /^[A-Za-z]+$/.test(base) ? `\\mathrm{${base}}` : `\\text{${base.replace(/[^\p{L}\p{N} ]/gu, '')}}`;
  return `${number}\\ ${name}${power ? `^{${power}}` : ''}`;
}

const texVariable = (v: string) => (/^[A-Za-z]$/.test(v) ? v : `\\mathrm{${v.replace(/[^A-Za-z0-9]/g, '')}}`);

/** mathjs's TeX, without its "~" spacing for implicit products. */
function texExpression(node: MathNode): string {
  const tex = node.toTex({ implicit: 'hide', parenthesis: 'keep' });
  return tex.replace(/~\s*/g, ' ');
}

/** The correct answer to show after a miss. Choice items list ids; the caller maps them to content. */
export function expectedAnswerText(spec: AnswerSpec, locale: Locale): RichText {
  switch (spec.kind) {
    case 'number':
      return [{ kind: 'math', tex: texWithUnit(specNumber(spec.value), spec.unit, locale) }];
    case 'equation-solution':
      return [{ kind: 'math', tex: `${texVariable(spec.variable)} = ${texWithUnit(specSolution(spec.value, spec.variable), undefined, locale)}` }];
    case 'expression':
      return [{ kind: 'math', tex: texExpression(specExpression(spec.value, spec.variables).node) }];
    case 'choice':
      return [{ kind: 'text', text: spec.correct.join(', ') }];
    case 'text':
      return [{ kind: 'text', text: spec.accepted[0] ?? '' }];
  }
}
