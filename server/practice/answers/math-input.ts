// Student input → a small tree we trust. Everything a student types passes through here:
// Unicode folding, the locale's number format, mathjs's parser, then a whitelist of node
// types. Nothing is ever handed to mathjs's `evaluate`: the whitelisted tree is walked by
// evalExact/evalFloat below, so no function, assignment, matrix or import can run, and the
// size of exact (bigint) arithmetic stays bounded.
import type * as MathJs from 'mathjs';
import type { Fraction, MathNode } from 'mathjs';
import type { Locale } from '../content/item';

let instance: MathJs.MathJsInstance | undefined;

// mathjs takes about a second of CPU to load: load it on the first answer, not in every
// process that merely imports the app (CLIs, workers). BigNumber constants keep "0.1"
// exact (a JS number would already be 0.1000000000000000055…).
function loadMath(): MathJs.MathJsInstance {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose (see above)
  const m = require('mathjs') as typeof MathJs;
  return m.create({ parseDependencies: m.parseDependencies, fractionDependencies: m.fractionDependencies } as MathJs.FactoryFunctionMap, {
    number: 'BigNumber',
    precision: 64,
  });
}

export const math: MathJs.MathJsInstance = new Proxy({} as MathJs.MathJsInstance, {
  get: (_target, prop) => Reflect.get((instance ??= loadMath()), prop),
});

/** Thrown for anything we cannot read as an answer; checkAnswer turns it into 'unreadable'. */
export class Unreadable extends Error {}

/** Evaluation has no exact rational result (sqrt(2), π, huge powers): retry with floats. */
class NotExact extends Error {}

/** The expression is undefined at this point (division by zero, √ of a negative). */
export class Undefined extends Error {}

/**
 * Longest input we look at. The API rejects answers over 200 characters before we are
 * called; this backstop keeps mathjs's recursive-descent parser away from deep nesting.
 */
export const MAX_INPUT = 400;

/** Deepest nesting we walk. MAX_INPUT already bounds it; this bounds our own recursion by itself. */
const MAX_DEPTH = 250;

const VULGAR_FRACTIONS = /[\u00BC-\u00BE\u2150-\u215E]/g;

/**
 * Folds what phones and keyboards produce into ASCII mathjs reads: "−" "–" → "-", "×" "·" → "*",
 * "÷" → "/", "x²" → "x^2", "1½" → "1 1/2", full-width digits and non-breaking spaces (NFKC).
 */
export function foldUnicode(raw: string): string {
  return raw
    .replace(VULGAR_FRACTIONS, (c) => ` ${c.normalize('NFKC').replace('\u2044', '/')}`)
    .replace(/²/g, '^2')
    .replace(/³/g, '^3')
    .normalize('NFKC')
    .replace(/[\u2212\u2010-\u2013\uFE63\uFF0D]/g, '-')
    .replace(/[×⋅·∙•∗]/g, '*')
    .replace(/[÷\u2044\u2215]/g, '/')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Rewrites every number in `text` into mathjs's form (1234.5) following the locale.
 *
 * en: "," only groups thousands (valid 3-digit groups), "." is the decimal point.
 * es: Spain writes 1.234,5 and Mexico / US Spanish speakers write 1,234.5, so both are
 *   read: with both separators the last one is the decimal mark; one separator repeated
 *   ("1.000.000") groups thousands; a single separator is the decimal mark ("0,5", "2.75"),
 *   except "1.000" / "12,500" (1–3 digits, no leading zero, then exactly 3 digits), which is
 *   genuinely ambiguous: both readings are returned and the checker keeps the one that
 *   matches the expected answer (they differ by ×1000, so a wrong answer cannot slip through
 *   by accident in any realistic way).
 * Returns up to 4 candidate rewrites; throws Unreadable for malformed numbers, scientific
 * notation ("1e400") and hex/binary literals, which no K-8 answer uses.
 */
export function localizeNumbers(text: string, locale: Locale): string[] {
  let candidates = [''];
  let last = 0;
  for (const match of text.matchAll(/[0-9.,]+/g)) {
    const run = match[0];
    const start = match.index ?? 0;
    const after = text.slice(start + run.length);
    if (/^[eE][+-]?[0-9]/.test(after) || (/^0$/.test(run) && /^[xXbBoO][0-9a-fA-F]/.test(after))) throw new Unreadable();
    const readings = readRun(run, locale);
    const before = text.slice(last, start);
    candidates = candidates.flatMap((c) => readings.map((r) => c + before + r));
    if (candidates.length > 4) throw new Unreadable();
    last = start + run.length;
  }
  return candidates.map((c) => c + text.slice(last));
}

const group = (sep: string) => new RegExp(`^[0-9]{1,3}(\\${sep}[0-9]{3})+$`);

/** One run of digits and separators → its readings in mathjs form. */
function readRun(run: string, locale: Locale): string[] {
  if (!/[0-9]/.test(run)) throw new Unreadable();
  const dots = run.split('.').length - 1;
  const commas = run.split(',').length - 1;
  if (dots + commas === 0) return [run];
  const decimal = (int: string, frac: string) => {
    if (!/^[0-9]*$/.test(int) || !/^[0-9]+$/.test(frac)) throw new Unreadable();
    return `${int}.${frac}`;
  };
  if (locale === 'en' || (dots > 0 && commas > 0)) {
    // One thousands separator and one decimal mark (en fixes which is which).
    const mark = locale === 'en' ? '.' : run.lastIndexOf('.') > run.lastIndexOf(',') ? '.' : ',';
    const sep = mark === '.' ? ',' : '.';
    const parts = run.split(mark);
    if (parts.length > 2) throw new Unreadable();
    const [int = '', frac] = parts;
    if (int.includes(sep) && !group(sep).test(int)) throw new Unreadable();
    const digits = int.split(sep).join('');
    return [frac === undefined ? digits : decimal(digits, frac)];
  }
  const sep = dots > 0 ? '.' : ',';
  if (dots + commas > 1) {
    if (!group(sep).test(run)) throw new Unreadable();
    return [run.split(sep).join('')];
  }
  const [int = '', frac = ''] = run.split(sep);
  if (/^[1-9][0-9]{0,2}$/.test(int) && /^[0-9]{3}$/.test(frac)) return [decimal(int, frac), int + frac];
  return [decimal(int, frac)];
}

/** The whitelisted shape of an answer. */
export type Expr =
  | { op: 'num'; value: Fraction }
  | { op: 'var'; name: string }
  | { op: 'pi' }
  | { op: 'neg' | 'sqrt'; arg: Expr }
  | { op: '+' | '-' | '*' | '/' | '^'; left: Expr; right: Expr };

/** The parts of mathjs nodes we read; anything else about a node is ignored. */
interface RawNode {
  type: string;
  value?: unknown;
  name?: string;
  fn?: string | RawNode;
  args?: RawNode[];
  content?: RawNode;
}

const BINARY: Record<string, '+' | '-' | '*' | '/' | '^'> = { add: '+', subtract: '-', multiply: '*', divide: '/', pow: '^' };

/** mathjs parse, guarded: length cap, and the parser's own errors (or stack overflow) → Unreadable. */
export function parseMath(text: string): MathNode {
  if (text.length === 0 || text.length > MAX_INPUT) throw new Unreadable();
  try {
    return math.parse(text);
  } catch {
    throw new Unreadable();
  }
}

/**
 * Whitelists a parsed tree: numbers, the allowed variables, + - * / ^, unary minus/plus,
 * parentheses, sqrt, and π. Variables match case-insensitively when that is unambiguous,
 * "xy" reads as x·y when every variable is one letter, and "x(x+1)" (which mathjs reads as
 * calling x) as x·(x+1).
 */
export function toExpr(node: MathNode, variables: readonly string[]): Expr {
  const resolve = variableResolver(variables);
  const walk = (n: RawNode, depth: number): Expr => {
    if (depth > MAX_DEPTH) throw new Unreadable();
    switch (n.type) {
      case 'ParenthesisNode':
        return walk(n.content as RawNode, depth + 1);
      case 'ConstantNode':
        return { op: 'num', value: constant(n.value) };
      case 'SymbolNode':
        return resolve(n.name ?? '');
      case 'OperatorNode': {
        const args = n.args ?? [];
        if (args.length === 1 && (n.fn === 'unaryMinus' || n.fn === 'unaryPlus')) {
          const arg = walk(args[0] as RawNode, depth + 1);
          return n.fn === 'unaryMinus' ? { op: 'neg', arg } : arg;
        }
        const op = typeof n.fn === 'string' ? BINARY[n.fn] : undefined;
        if (!op || args.length !== 2) throw new Unreadable();
        return { op, left: walk(args[0] as RawNode, depth + 1), right: walk(args[1] as RawNode, depth + 1) };
      }
      case 'FunctionNode': {
        const callee = typeof n.fn === 'object' && n.fn.type === 'SymbolNode' ? (n.fn.name ?? '') : '';
        const args = n.args ?? [];
        if (args.length !== 1 || callee === '') throw new Unreadable();
        const arg = walk(args[0] as RawNode, depth + 1);
        if (callee === 'sqrt') return { op: 'sqrt', arg };
        return { op: '*', left: resolve(callee), right: arg };
      }
      default:
        // Assignments, function definitions, matrices, strings, relations, ranges, …
        throw new Unreadable();
    }
  };
  return walk(node as unknown as RawNode, 0);
}

/** A numeric literal, bounded so exact arithmetic on it stays cheap. */
function constant(value: unknown): Fraction {
  if (!math.isBigNumber(value) || !value.isFinite() || value.sd() > 30 || Math.abs(value.e) > 30) throw new Unreadable();
  return math.fraction(value.toFixed());
}

function variableResolver(variables: readonly string[]): (name: string) => Expr {
  const one = (name: string): Expr | null => {
    if (variables.includes(name)) return { op: 'var', name };
    if (name === 'pi' || name === 'π') return { op: 'pi' };
    // "X" for x, unless the item uses both x and X.
    const folded = variables.filter((v) => v.toLowerCase() === name.toLowerCase());
    return folded.length === 1 ? { op: 'var', name: folded[0] as string } : null;
  };
  const singleLetters = variables.length > 0 && variables.every((v) => v.length === 1);
  return (name) => {
    const direct = one(name);
    if (direct) return direct;
    if (!singleLetters || name.length > 6) throw new Unreadable();
    const factors = [...name].map((c) => one(c));
    if (factors.some((f) => f === null)) throw new Unreadable();
    return (factors as Expr[]).reduce((left, right) => ({ op: '*', left, right }));
  };
}

/** Bigger numerators/denominators than this fall back to floating point. */
const EXACT_LIMIT = 1n << 4096n;

/** Exact rational value, or NotExact when there is none (or it would be huge). */
function evalExact(e: Expr, scope: ReadonlyMap<string, Fraction>): Fraction {
  const r = exactStep(e, scope);
  if (r.n > EXACT_LIMIT || r.d > EXACT_LIMIT) throw new NotExact();
  return r;
}

const bits = (x: bigint) => x.toString(16).length * 4;

function exactStep(e: Expr, scope: ReadonlyMap<string, Fraction>): Fraction {
  switch (e.op) {
    case 'num':
      return e.value;
    case 'var': {
      const v = scope.get(e.name);
      if (!v) throw new Unreadable();
      return v;
    }
    case 'pi':
      throw new NotExact();
    case 'neg':
      return evalExact(e.arg, scope).neg();
    case 'sqrt': {
      const a = evalExact(e.arg, scope);
      if (a.s < 0n) throw new Undefined();
      const root = a.pow(math.fraction(1, 2)) as Fraction | null;
      if (!root) throw new NotExact();
      return root;
    }
    default: {
      const a = evalExact(e.left, scope);
      const b = evalExact(e.right, scope);
      switch (e.op) {
        case '+':
          return a.add(b);
        case '-':
          return a.sub(b);
        case '*':
          return a.mul(b);
        case '/':
          if (b.n === 0n) throw new Undefined();
          return a.div(b);
        case '^': {
          // Only small integer powers stay exact; 2^0.5 or x^1000000 go to floats.
          if (b.d !== 1n || b.n > 256n) throw new NotExact();
          if (a.n === 0n && b.s < 0n) throw new Undefined();
          if (bits(a.n > a.d ? a.n : a.d) * Number(b.n) > 8192) throw new NotExact();
          const r = a.pow(b) as Fraction | null;
          if (!r) throw new NotExact();
          return r;
        }
      }
    }
  }
}

function evalFloat(e: Expr, scope: ReadonlyMap<string, number>): number {
  switch (e.op) {
    case 'num':
      return e.value.valueOf();
    case 'var':
      return scope.get(e.name) ?? NaN;
    case 'pi':
      return Math.PI;
    case 'neg':
      return -evalFloat(e.arg, scope);
    case 'sqrt':
      return Math.sqrt(evalFloat(e.arg, scope));
    case '+':
      return evalFloat(e.left, scope) + evalFloat(e.right, scope);
    case '-':
      return evalFloat(e.left, scope) - evalFloat(e.right, scope);
    case '*':
      return evalFloat(e.left, scope) * evalFloat(e.right, scope);
    case '/':
      return evalFloat(e.left, scope) / evalFloat(e.right, scope);
    case '^':
      return Math.pow(evalFloat(e.left, scope), evalFloat(e.right, scope));
  }
}

/** A value at one point: exact when possible, else a float, else undefined there. */
export type Value = Fraction | number | 'undefined';

/** π and square roots are (almost always) irrational: skip the exact attempt and its exception. */
const irrational = (e: Expr): boolean =>
  e.op === 'pi' || e.op === 'sqrt' || ('arg' in e && irrational(e.arg)) || ('left' in e && (irrational(e.left) || irrational(e.right)));

export function evaluate(e: Expr, scope: ReadonlyMap<string, Fraction> = new Map()): Value {
  if (!irrational(e)) {
    try {
      return evalExact(e, scope);
    } catch (error) {
      if (error instanceof Undefined) return 'undefined';
      if (!(error instanceof NotExact)) throw error;
    }
  }
  const floats = new Map([...scope].map(([k, v]) => [k, v.valueOf()]));
  const x = evalFloat(e, floats);
  return Number.isFinite(x) ? x : 'undefined';
}

/** Exact values compare exactly; once a float is involved, to 1e-9 relative. */
export function sameValue(a: Value, b: Value): boolean {
  if (a === 'undefined' || b === 'undefined') return a === b;
  if (typeof a === 'object' && typeof b === 'object') return a.equals(b);
  const x = a.valueOf();
  const y = b.valueOf();
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
}
