// Reading a typed number: integer, decimal, fraction or mixed number, with a sign, in the
// locale's format. mathjs parses; we accept only trees shaped like one written number, so
// "3+4" or "2*3.5" for 7 is 'unreadable' (the student should type the number itself).
import type { Fraction, MathNode } from 'mathjs';
import type { Locale } from '../content/item';
import { localizeNumbers, math, parseMath, Unreadable } from './math-input';

export type NumberForm = 'integer' | 'decimal' | 'fraction' | 'mixed';

export interface NumberReading {
  value: Fraction;
  form: NumberForm;
  negative: boolean;
  /** Mixed numbers: the whole part (0 otherwise). */
  whole: bigint;
  /** Fractions and mixed numbers: numerator and denominator as typed (not reduced). */
  num: bigint;
  den: bigint;
  /** What we understood, canonical: "-3/4", "1 1/2", "0.5", "1000". */
  text: string;
}

interface RawNode {
  type: string;
  value?: unknown;
  fn?: unknown;
  args?: RawNode[];
  content?: RawNode;
}

const unwrap = (n: RawNode): RawNode => (n.type === 'ParenthesisNode' && n.content ? unwrap(n.content) : n);

/** A numeric literal with no sign: its exact value and canonical text. */
function literal(n: RawNode | undefined): { value: Fraction; integer: boolean; text: string } {
  const v = n?.type === 'ConstantNode' ? n.value : undefined;
  if (!math.isBigNumber(v) || !v.isFinite() || v.isNegative() || v.sd() > 30 || Math.abs(v.e) > 30) throw new Unreadable();
  const text = v.toFixed();
  return { value: math.fraction(text), integer: v.isInteger(), text };
}

function sign(n: RawNode): { negative: boolean; rest: RawNode } | null {
  if (n.type !== 'OperatorNode' || n.args?.length !== 1 || !(n.fn === 'unaryMinus' || n.fn === 'unaryPlus')) return null;
  return { negative: n.fn === 'unaryMinus', rest: unwrap(n.args[0] as RawNode) };
}

function fromTree(node: MathNode): NumberReading {
  let n = unwrap(node as unknown as RawNode);
  const outer = sign(n);
  let negative = outer?.negative ?? false;
  if (outer) n = outer.rest;
  if (n.type === 'OperatorNode' && n.fn === 'divide' && n.args?.length === 2) {
    // "-3/4" parses as (-3)/4: the sign may sit on the numerator.
    let top = unwrap(n.args[0] as RawNode);
    const inner = outer ? null : sign(top);
    if (inner) [negative, top] = [inner.negative, inner.rest];
    const a = literal(top);
    const b = literal(unwrap(n.args[1] as RawNode));
    if (!a.integer || !b.integer || b.value.n === 0n) throw new Unreadable();
    const value = a.value.div(b.value);
    return reading(negative, 'fraction', 0n, a.value.n, b.value.n, negative ? value.neg() : value, `${a.text}/${b.text}`);
  }
  const lit = literal(n);
  return reading(negative, lit.integer ? 'integer' : 'decimal', 0n, 0n, 1n, negative ? lit.value.neg() : lit.value, lit.text);
}

function reading(negative: boolean, form: NumberForm, whole: bigint, num: bigint, den: bigint, value: Fraction, text: string): NumberReading {
  // "-0" is just 0.
  const neg = negative && value.n !== 0n;
  return { value, form, negative: neg, whole, num, den, text: (neg ? '-' : '') + text };
}

/** Mixed numbers ("1 1/2", "-2 3/4"): mathjs has no syntax for them, so they are matched here. */
const MIXED = /^([+-]?) ?([0-9]+) ([0-9]+) ?\/ ?([0-9]+)$/;

function readOne(text: string): NumberReading {
  const mixed = MIXED.exec(text);
  if (mixed) {
    const [whole, num, den] = [BigInt(mixed[2] ?? ''), BigInt(mixed[3] ?? ''), BigInt(mixed[4] ?? '')];
    if (den === 0n) throw new Unreadable();
    const value = math.fraction(whole * den + num, den);
    const negative = mixed[1] === '-';
    return reading(negative, 'mixed', whole, num, den, negative ? value.neg() : value, `${whole} ${num}/${den}`);
  }
  return fromTree(parseMath(text));
}

/**
 * Every reading of `text` as one number (two only for the es "1.000" ambiguity, see
 * localizeNumbers). Throws Unreadable when there is none. Input must be foldUnicode'd.
 */
export function readNumber(text: string, locale: Locale): NumberReading[] {
  // "1 000 000" (spaces group thousands in es, and NFKC turns no-break spaces into spaces).
  const body = /^[+-]?[0-9]{1,3}( [0-9]{3})+([.,][0-9]+)?$/.test(text) ? text.replace(/ /g, '') : text;
  const readings: NumberReading[] = [];
  for (const candidate of localizeNumbers(body, locale)) {
    try {
      readings.push(readOne(candidate));
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
    }
  }
  if (readings.length === 0) throw new Unreadable();
  return readings;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/**
 * Simplest form: fractions reduced and not over 1, a mixed number's fraction proper and
 * reduced. Integers and decimals count as simplest (a decimal equal to the value is fine
 * when an item asks for a fraction in simplest form; improper and mixed are both fine).
 */
export function isSimplest(r: NumberReading): boolean {
  if (r.form === 'fraction') return r.den !== 1n && gcd(r.num, r.den) === 1n;
  if (r.form === 'mixed') return r.num > 0n && r.num < r.den && gcd(r.num, r.den) === 1n;
  return true;
}

/** Same written form as the expected number (for acceptEquivalentForms: false). */
export function sameForm(a: NumberReading, b: NumberReading): boolean {
  if (a.form !== b.form || a.negative !== b.negative) return false;
  if (a.form === 'fraction' || a.form === 'mixed') return a.whole === b.whole && a.num === b.num && a.den === b.den;
  return true;
}
