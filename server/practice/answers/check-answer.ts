// Checking a student's answer against an item's AnswerSpec. Student input never throws:
// anything we cannot read is 'unreadable' (the student is asked to retype, it is not a miss).
// A spec that does not read throws, because that is a content bug.
import type { Fraction } from 'mathjs';
import type { AnswerFeedback } from '../../http/contract';
import type { AnswerSpec, Locale } from '../content/item';
import { evaluate, foldUnicode, localizeNumbers, math, MAX_INPUT, parseMath, sameValue, toExpr, type Expr } from './math-input';
import { isSimplest, readNumber, sameForm, type NumberReading } from './number-answer';
import { solutionBody, specExpression, specNumber, specSolution } from './spec-values';
import { splitUnit, unitVerdict } from './units';

export { expectedAnswerText } from './expected-text';

export interface AnswerCheck {
  correct: boolean;
  feedback: AnswerFeedback;
  /** What we understood, canonical ("1/2", "x = 3", "2 (x + 3)"), stored with the attempt. */
  normalized: string;
}

type Raw = string | string[];

export function checkAnswer(spec: AnswerSpec, raw: Raw, locale: Locale): AnswerCheck {
  switch (spec.kind) {
    case 'number':
      return guarded(raw, checkNumber(spec, locale));
    case 'expression':
      return guarded(raw, checkExpression(spec.value, spec.variables, locale));
    case 'equation-solution':
      return guarded(raw, checkSolution(spec.value, spec.variable, locale));
    case 'choice':
      return checkChoice(spec.correct, raw);
    case 'text':
      return guarded(raw, checkText(spec.accepted, spec.caseSensitive === true, locale));
  }
}

const MAX_NORMALIZED = 200;
const clip = (s: string) => s.slice(0, MAX_NORMALIZED);
const verdict = (feedback: AnswerFeedback, normalized: string): AnswerCheck => ({ correct: feedback === 'correct', feedback, normalized: clip(normalized) });

/** Runs a checker on one string; empty, multi-valued or failing input is 'unreadable'. */
function guarded(raw: Raw, check: (text: string) => AnswerCheck): AnswerCheck {
  const text = typeof raw === 'string' ? raw : Array.isArray(raw) && raw.length === 1 && typeof raw[0] === 'string' ? raw[0] : null;
  if (text === null) return verdict('unreadable', '');
  let shown = '';
  try {
    shown = foldUnicode(text.slice(0, MAX_INPUT + 1));
    // The API caps answers at 200 characters; past MAX_INPUT nothing is worth parsing.
    if (shown === '' || text.length > MAX_INPUT) return verdict('unreadable', shown);
    return check(text);
  } catch {
    // Unreadable, mathjs parse errors, stack overflows on absurd nesting: all the same to the student.
    return verdict('unreadable', shown);
  }
}

/** Feedback from the most favourable reading (es "1.000" has two). */
const RANK: Record<AnswerFeedback, number> = { correct: 4, 'not-simplest': 3, 'wrong-unit': 2, incorrect: 1, unreadable: 0 };
const best = (checks: AnswerCheck[]): AnswerCheck => checks.reduce((a, b) => (RANK[b.feedback] > RANK[a.feedback] ? b : a));

/** A sentence-final period ("12.", "x = 3.") is not part of the number. */
const mathText = (text: string) => foldUnicode(text).replace(/\s*\.$/, '');

const withUnit = (r: NumberReading, unit: string | null) => (unit === null ? r.text : `${r.text} ${unit}`);

function checkNumber(spec: Extract<AnswerSpec, { kind: 'number' }>, locale: Locale): (text: string) => AnswerCheck {
  const expected = specNumber(spec.value);
  const tolerance = spec.tolerance !== undefined ? math.fraction(spec.tolerance) : null;
  const equal = (v: Fraction) => (tolerance ? v.sub(expected.value).abs().compare(tolerance) <= 0 : v.equals(expected.value));
  return (text) => {
    const split = splitUnit(mathText(text));
    if (!split) return verdict('unreadable', foldUnicode(text));
    const units = unitVerdict(spec.unit, split.unit);
    return best(
      readNumber(split.body, locale).map((r) => {
        const shown = withUnit(r, split.unit);
        // The unit first: "12 m" for 12 cm is about the unit, whatever the number.
        if (units !== 'ok') return verdict(units, shown);
        if (!equal(r.value)) return verdict('incorrect', shown);
        if (spec.acceptEquivalentForms === false && !sameForm(r, expected)) return verdict('incorrect', shown);
        if (spec.requireSimplestFraction && !isSimplest(r)) return verdict('not-simplest', shown);
        return verdict('correct', shown);
      }),
    );
  };
}

function checkSolution(value: string, variable: string, locale: Locale): (text: string) => AnswerCheck {
  const expected = specSolution(value, variable);
  return (text) => {
    const body = solutionBody(mathText(text), variable);
    if (body === null || body === '') return verdict('unreadable', foldUnicode(text));
    return best(readNumber(body, locale).map((r) => verdict(r.value.equals(expected.value) ? 'correct' : 'incorrect', `${variable} = ${r.text}`)));
  };
}

// Six fixed rational points, distinct per variable. Two rational expressions that agree at
// all of them are equal for any K-8 item (a nonzero difference would need a root at each
// of these odd fractions); fixed rather than random so a verdict never changes between runs.
const POINTS: [number, number][] = [[3, 7], [-5, 4], [11, 6], [-2, 9], [13, 5], [-9, 11]];

function scopes(variables: readonly string[]): Map<string, Fraction>[] {
  return POINTS.map((_, i) =>
    new Map(
      variables.map((v, j) => {
        const [n, d] = POINTS[(i + j) % POINTS.length] as [number, number];
        return [v, math.fraction(n, d).add(math.fraction(j, 13))];
      }),
    ),
  );
}

const equivalent = (a: Expr, b: Expr, points: Map<string, Fraction>[]) => points.every((p) => sameValue(evaluate(a, p), evaluate(b, p)));

function checkExpression(value: string, variables: readonly string[], locale: Locale): (text: string) => AnswerCheck {
  const expected = specExpression(value, variables).expr;
  const points = scopes(variables);
  return (text) =>
    best(
      localizeNumbers(mathText(text), locale).map((candidate) => {
        try {
          const node = parseMath(candidate);
          const shown = node.toString();
          return verdict(equivalent(toExpr(node, variables), expected, points) ? 'correct' : 'incorrect', shown);
        } catch {
          return verdict('unreadable', candidate);
        }
      }),
    );
}

function checkChoice(correct: readonly string[], raw: Raw): AnswerCheck {
  const given = (typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : []).filter((id): id is string => typeof id === 'string');
  const ids = [...new Set(given.map((id) => id.trim()).filter((id) => id !== ''))].sort();
  if (ids.length === 0) return verdict('unreadable', '');
  const want = new Set(correct);
  const same = ids.length === want.size && ids.every((id) => want.has(id));
  return verdict(same ? 'correct' : 'incorrect', ids.join(','));
}

/**
 * Text answers: NFC, whitespace collapsed, a final period ignored, case-insensitive unless the
 * spec says otherwise. Accents stay significant ("área" ≠ "area"): in Spanish they change
 * the word, and the spec can list unaccented spellings it wants to accept.
 */
function checkText(accepted: readonly string[], caseSensitive: boolean, locale: Locale): (text: string) => AnswerCheck {
  const tidy = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().replace(/\s*\.$/, '');
  const key = (s: string) => (caseSensitive ? tidy(s) : tidy(s).toLocaleLowerCase(locale));
  const keys = new Set(accepted.map(key));
  return (text) => {
    const shown = tidy(text);
    if (shown === '') return verdict('unreadable', '');
    return verdict(keys.has(key(text)) ? 'correct' : 'incorrect', shown);
  };
}
