// The grade 6–8 built-in skills: the fixed skill graph, and for every template × 200 seeds ×
// both locales: reproducible, complete, renderable TeX, clean bilingual text, and answers
// checked by an independent computation from what the student actually sees (numbers read
// back from the prompt, equations substituted, expressions compared at sample points).
import fs from 'node:fs';
import path from 'node:path';
import katex from 'katex';
import { evaluate } from 'mathjs';
import type { AnswerSpec, ItemContent, ItemTemplate, Locale, RichText } from '../item';
import { plainText } from '../rich';
import { createRng } from '../rng';
import { grade6 } from './grade6';
import { grade7 } from './grade7';
import { grade8 } from './grade8';

const MODULES = [grade6, grade7, grade8];
const LOCALES: Locale[] = ['en', 'es'];
const SEEDS = Array.from({ length: 200 }, (_, i) => (i < 100 ? i : (i * 0x9e3779b1) >>> 1));

/** The agreed graph: code → standard, grade, prerequisites. */
const EXPECTED: Record<string, [string, number, string[]]> = {
  'g6.ratios': ['6.RP.A.1', 6, ['g3.equivalent-fractions']],
  'g6.ratio-tables': ['6.RP.A.3', 6, ['g6.ratios']],
  'g6.unit-rates': ['6.RP.A.2', 6, ['g6.ratios', 'g4.divide-remainders']],
  'g6.percent-of-number': ['6.RP.A.3c', 6, ['g6.ratio-tables', 'g5.multiply-decimals']],
  'g6.divide-fractions': ['6.NS.A.1', 6, ['g5.multiply-fractions']],
  'g6.integers-opposites': ['6.NS.C.6', 6, []],
  'g6.absolute-value-compare': ['6.NS.C.7', 6, ['g6.integers-opposites']],
  'g6.evaluate-expressions': ['6.EE.A.2', 6, ['g5.order-of-operations']],
  'g6.distributive-property': ['6.EE.A.3', 6, ['g6.evaluate-expressions']],
  'g6.one-step-equations': ['6.EE.B.7', 6, ['g6.evaluate-expressions']],
  'g6.triangle-area': ['6.G.A.1', 6, ['g4.area-perimeter-problems']],
  'g6.mean-median-mode': ['6.SP.B.5', 6, ['g5.add-sub-decimals']],
  'g7.add-sub-integers': ['7.NS.A.1', 7, ['g6.absolute-value-compare']],
  'g7.multiply-divide-integers': ['7.NS.A.2', 7, ['g7.add-sub-integers']],
  'g7.combine-like-terms': ['7.EE.A.1', 7, ['g6.distributive-property', 'g7.add-sub-integers']],
  'g7.two-step-equations': ['7.EE.B.4', 7, ['g6.one-step-equations', 'g7.multiply-divide-integers']],
  'g7.percent-change': ['7.RP.A.3', 7, ['g6.percent-of-number']],
  'g7.circles': ['7.G.B.4', 7, ['g5.multiply-decimals']],
  'g7.probability': ['7.SP.C.5', 7, ['g3.unit-fractions']],
  'g8.exponents': ['8.EE.A.1', 8, ['g7.multiply-divide-integers']],
  'g8.multi-step-equations': ['8.EE.C.7', 8, ['g7.two-step-equations', 'g7.combine-like-terms']],
  'g8.pythagorean': ['8.G.B.7', 8, ['g8.exponents']],
  'g8.slope': ['8.EE.B.5', 8, ['g6.unit-rates', 'g7.add-sub-integers']],
};

/** Templates whose ranges allow fewer distinct prompts in 200 seeds (default 60). */
const MIN_DISTINCT: Record<string, number> = {
  'g7.probability/likelihood': 40,
  'g7.multiply-divide-integers/sign-choice': 50,
};

const allTemplates: ItemTemplate[] = MODULES.flatMap((m) => m.templates);
const generate = (template: ItemTemplate, seed: number, locale: Locale): ItemContent => template.generate(createRng(seed), locale);

function texts(item: ItemContent): RichText[] {
  return [item.prompt, ...(item.choices ?? []).map((c) => c.content), ...(item.answerFormat ? [item.answerFormat] : []), ...item.hints, ...item.solution];
}

const rendered = new Set<string>();
function assertRenders(source: string): void {
  if (rendered.has(source)) return;
  try {
    katex.renderToString(source, { output: 'mathml', throwOnError: true, strict: 'error' });
  } catch (error) {
    throw new Error(`TeX does not render: ${source}\n${String(error)}`);
  }
  rendered.add(source);
}

const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));

// Untranslated strings: English function words in Spanish text, Spanish ones in English text.
const ENGLISH_WORDS = /\b(the|what|which|how|is|are|and|of|to|by|each|so|with|for)\b/i;
const SPANISH_WORDS = /[¿¡]|\b(el|la|los|las|es|y|de|del|por|cada|qué|cuántos|cuántas|así)\b/i;

// ---------------------------------------------------------------------------------------
// Reading what the student sees
// ---------------------------------------------------------------------------------------

/** The TeX the items use, as a mathjs expression. */
function texToMath(source: string): string {
  let s = source.replace(/\\left\(/g, '(').replace(/\\right\)/g, ')');
  s = s.replace(/\^\{([^{}]*)\}/g, '^($1)');
  s = s.replace(/(\d+)\\frac\{(\d+)\}\{(\d+)\}/g, '($1+$2/$3)'); // mixed numbers
  for (let i = 0; i < 4; i++) s = s.replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, '(($1)/($2))');
  s = s.replace(/\\(times|cdot)/g, '*').replace(/\\div/g, '/');
  s = s.replace(/\\%/g, '/100');
  s = s.replace(/\\[,;!]|\\ /g, ' ');
  s = s.replace(/\|([^|]*)\|/g, 'abs($1)');
  s = s.replace(/\{/g, '(').replace(/\}/g, ')');
  if (/\\/.test(s)) throw new Error(`cannot read TeX: ${source}`);
  return s;
}

const ev = (source: string, scope: Record<string, number> = {}): number => Number(evaluate(texToMath(source), { ...scope }));
const maths = (text: RichText): string[] => text.flatMap((s) => (s.kind === 'math' ? [s.tex] : []));
const nums = (text: string): number[] => [...text.matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
const P = (item: ItemContent): string => plainText(item.prompt);
const must = <T>(value: T | null | undefined, what: string): T => {
  if (value === null || value === undefined) throw new Error(`cannot read ${what}`);
  return value;
};

/** "x = 4" segments of a prompt as a scope. */
function assignments(item: ItemContent): Record<string, number> {
  const scope: Record<string, number> = {};
  for (const tex of maths(item.prompt)) {
    const m = /^([a-zA-Z]) = (-?\d+(?:\.\d+)?)$/.exec(tex);
    if (m) scope[m[1]!] = Number(m[2]);
  }
  return scope;
}

/** The rows of a TeX array: cells after the label column. */
function tableRows(item: ItemContent): string[][] {
  const table = must(
    maths(item.prompt).find((t) => t.includes('\\begin{array}')),
    'table',
  );
  return table
    .split('\\\\')
    .slice(0, 2)
    .map((row) =>
      row
        .split('&')
        .slice(1)
        .map((cell) => cell.replace(/\\hline|\\end\{array\}/g, '').trim()),
    );
}

/** The equation of an equation-solution prompt: the TeX with "=" that is not "x = 4". */
function equationOf(item: ItemContent, variable: string): string {
  return must(
    maths(item.prompt).find((t) => t.includes('=') && t.includes(variable) && !/^[a-zA-Z] = -?[\d.]+$/.test(t)),
    'equation',
  );
}

const choiceText = (item: ItemContent, id: string): string => plainText(must(item.choices?.find((c) => c.id === id), `choice ${id}`).content);
const onlyChoice = (item: ItemContent, test: (content: RichText) => boolean): string => {
  const found = (item.choices ?? []).filter((c) => test(c.content));
  if (found.length !== 1) throw new Error(`${found.length} choices match`);
  return plainText(found[0]!.content);
};

// ---------------------------------------------------------------------------------------
// Independent answers, computed from the English item as a student would read it.
// Number templates return the value; choice templates return the text of the right choice.
// Equations and expressions are checked generically (substitution, sample points).
// ---------------------------------------------------------------------------------------

const VERIFY: Record<string, (item: ItemContent) => number | string> = {
  'g6.ratios/write-ratio': (item) => {
    const m = must(/(\d+) ([a-z ]+?) and (\d+) ([a-z ]+?)\. Write the ratio of ([a-z ]+?) to (all the )?([a-z ]+?) as/.exec(P(item)), 'ratio');
    const [x, y] = [Number(m[1]), Number(m[3])];
    if (m[6]) return x / (x + y);
    return m[5] === m[2] ? x / y : y / x;
  },
  'g6.ratios/equivalent-choice': (item) => {
    const [a, b] = maths(item.prompt)[0]!.split(':').map(Number) as [number, number];
    return onlyChoice(item, (c) => {
      const [x, y] = plainText(c).split(':').map(Number) as [number, number];
      return x * b === y * a;
    });
  },
  'g6.ratio-tables/missing-value': (item) => {
    const rows = tableRows(item);
    const r = rows[0]!.includes('\\square') ? 0 : 1;
    const j = rows[r]!.indexOf('\\square');
    const [p, q] = [Number(rows[0]![0]), Number(rows[1]![0])];
    const known = Number(rows[1 - r]![j]);
    return r === 0 ? (known * p) / q : (known * q) / p;
  },
  'g6.ratio-tables/word-problem': (item) => {
    const s = P(item);
    const [a, b, given] = nums(s) as [number, number, number];
    const ask = must(/How many (.+?) are needed for \d+ (.+?)\?/.exec(s), 'question')[1]!;
    return new RegExp(`\\b${a} ${ask}`).test(s) ? (given * a) / b : (given * b) / a;
  },
  'g6.unit-rates/unit-price': (item) => {
    const [n, total] = nums(P(item)) as [number, number];
    return total / n;
  },
  'g6.unit-rates/rate': (item) => {
    const [total, n] = nums(P(item)) as [number, number];
    return total / n;
  },
  'g6.unit-rates/better-buy': (item) => {
    const [n1, t1, n2, t2] = nums(P(item)) as [number, number, number, number];
    return t1 / n1 < t2 / n2 ? 'Store A' : 'Store B';
  },
  'g6.percent-of-number/compute': (item) => {
    const s = P(item);
    const p = Number(must(/(\d+)\\?%/.exec(s), 'percent')[1]);
    const [n] = nums(s.replace(/(\d+)\\?%/, '')) as [number];
    return (p * n) / 100;
  },
  'g6.percent-of-number/find-whole': (item) => {
    const s = P(item);
    const p = Number(must(/(\d+)\\?%/.exec(s), 'percent')[1]);
    const [part] = nums(s.replace(/(\d+)\\?%/, '')) as [number];
    return (part * 100) / p;
  },
  'g6.percent-of-number/find-percent': (item) => {
    const [whole, part] = nums(P(item)) as [number, number];
    return (part / whole) * 100;
  },
  'g6.divide-fractions/compute': (item) => ev(maths(item.prompt).at(-1)!),
  'g6.divide-fractions/word-problem': (item) => {
    const [amount, share] = maths(item.prompt) as [string, string];
    return ev(amount) / ev(share);
  },
  'g6.divide-fractions/missing-factor': (item) => {
    const [left, right] = maths(item.prompt).at(-1)!.split('=') as [string, string];
    return ev(right) / ev(left.replace('\\times', '').replace('\\square', ''));
  },
  'g6.integers-opposites/opposite': (item) => {
    const s = P(item);
    const v = ev(maths(item.prompt)[0]!);
    return /opposite of the opposite|value of/.test(s) ? v : -v;
  },
  'g6.integers-opposites/real-world': (item) => {
    const s = P(item);
    const size = nums(s)[0]!;
    const value = /above|deposits|gains|goes up/.test(s) ? size : -size;
    return /opposite of this situation/.test(s) ? -value : value;
  },
  'g6.integers-opposites/opposite-pair': (item) =>
    onlyChoice(item, (c) => {
      const [a, b] = maths(c) as [string, string];
      return ev(a) + ev(b) === 0;
    }),
  'g6.absolute-value-compare/compare': (item) => {
    const [l, r] = maths(item.prompt)[0]!.split('\\;\\square\\;') as [string, string];
    const [lv, rv] = [ev(l), ev(r)];
    return lv < rv ? '<' : lv > rv ? '>' : '=';
  },
  'g6.absolute-value-compare/evaluate': (item) => ev(maths(item.prompt)[0]!),
  'g6.absolute-value-compare/order': (item) =>
    nums(maths(item.prompt)[0]!)
      .sort((a, b) => a - b)
      .join(',\\ '),
  'g6.evaluate-expressions/linear': (item) => ev(maths(item.prompt)[0]!, assignments(item)),
  'g6.evaluate-expressions/order-of-operations': (item) => ev(maths(item.prompt)[0]!, assignments(item)),
  'g6.evaluate-expressions/formula': (item) => {
    const formula = must(
      maths(item.prompt).find((t) => /^[A-Za-z] = .*[a-z]/.test(t)),
      'formula',
    );
    const rhs = texToMath(formula.split('=')[1]!).replace(/([a-z])(?=[a-z])/g, '$1*');
    return Number(evaluate(rhs, assignments(item)));
  },
  'g6.distributive-property/missing-number': (item) => {
    // The equation is linear in the box: solve it at one x and check the value at another.
    const eq = maths(item.prompt).at(-1)!;
    const v = must(/[a-z]/.exec(eq.replace(/\\square/g, '')), 'variable')[0];
    const [l, r] = texToMath(eq.replace(/\\square/g, '(B)')).split('=') as [string, string];
    const f = (B: number, x: number) => Number(evaluate(`(${l}) - (${r})`, { B, [v]: x }));
    const box = -f(0, 1.7) / (f(1, 1.7) - f(0, 1.7));
    if (Math.abs(f(box, -2.3)) > 1e-9) throw new Error('box value does not hold for every x');
    return box;
  },
  'g6.triangle-area/base-height': (item) => {
    const [b, h] = nums(P(item)) as [number, number];
    return (b * h) / 2;
  },
  'g6.triangle-area/missing-dimension': (item) => {
    const [area, known] = nums(P(item).replace(/\^2/g, '')) as [number, number];
    return (2 * area) / known;
  },
  'g6.triangle-area/right-triangle': (item) => {
    const [a, b] = nums(P(item)).sort((x, y) => x - y) as [number, number];
    return (a * b) / 2;
  },
  'g6.mean-median-mode/mean': (item) => {
    const values = nums(must(maths(item.prompt).find((t) => t.includes(',\\ ')), 'data'));
    return values.reduce((s, v) => s + v, 0) / values.length;
  },
  'g6.mean-median-mode/median': (item) => {
    const values = nums(must(maths(item.prompt).find((t) => t.includes(',\\ ')), 'data')).sort((a, b) => a - b);
    const mid = values.length / 2;
    return values.length % 2 === 1 ? values[Math.floor(mid)]! : (values[mid - 1]! + values[mid]!) / 2;
  },
  'g6.mean-median-mode/mode': (item) => {
    const values = nums(must(maths(item.prompt).find((t) => t.includes(',\\ ')), 'data'));
    const counts = new Map<number, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    const top = Math.max(...counts.values());
    const modes = [...counts].filter(([, c]) => c === top);
    if (modes.length !== 1) throw new Error('no single mode');
    return modes[0]![0];
  },
  'g7.add-sub-integers/add': (item) => ev(maths(item.prompt).at(-1)!),
  'g7.add-sub-integers/subtract': (item) => ev(maths(item.prompt).at(-1)!),
  'g7.add-sub-integers/word-problem': (item) => {
    const s = P(item);
    const n = nums(s);
    if (/risen/.test(s)) return n[1]! + n[2]!;
    if (/dropped/.test(s)) return n[1]! - n[2]!;
    if (/apart/.test(s)) return n[1]! - n[0]!;
    return n[0]! + n[1]!;
  },
  'g7.multiply-divide-integers/multiply': (item) => ev(maths(item.prompt).at(-1)!),
  'g7.multiply-divide-integers/divide': (item) => ev(maths(item.prompt).at(-1)!),
  'g7.multiply-divide-integers/sign-choice': (item) => {
    const v = ev(maths(item.prompt).at(-1)!);
    return v === 0 ? 'Zero' : v > 0 ? 'Positive' : 'Negative';
  },
  'g7.two-step-equations/word-problem': (item) => {
    const s = P(item);
    const [a, rate, total] = nums(s) as [number, number, number];
    return /drops/.test(s) ? (a - total) / rate : (total - a) / rate;
  },
  'g7.percent-change/percent-change': (item) => {
    const [from, to] = nums(P(item)) as [number, number];
    return (Math.abs(to - from) / from) * 100;
  },
  'g7.percent-change/final-amount': (item) => {
    const s = P(item);
    const [price, p] = nums(s) as [number, number];
    return /off/.test(s) ? price * (1 - p / 100) : price * (1 + p / 100);
  },
  'g7.percent-change/original-amount': (item) => {
    const s = P(item);
    const [p, now] = nums(s) as [number, number];
    return /discount/.test(s) ? now / (1 - p / 100) : now / (1 + p / 100);
  },
  'g7.circles/circumference': (item) => {
    const s = P(item);
    const x = nums(s)[0]!;
    return 3.14 * (/radius/.test(s) ? 2 * x : x);
  },
  'g7.circles/area': (item) => {
    const s = P(item);
    const x = nums(s)[0]!;
    const r = /radius/.test(s) ? x : x / 2;
    return 3.14 * r * r;
  },
  'g7.circles/nearest-tenth': (item) => {
    const s = P(item);
    const x = nums(s)[0]!;
    const r = /radius/.test(s) ? x : x / 2;
    return /area/.test(s) ? Math.PI * r * r : 2 * Math.PI * r;
  },
  'g7.probability/likelihood': (item) => {
    const s = P(item);
    let p: number;
    const shown = maths(item.prompt)[0];
    if (shown !== undefined) p = ev(shown);
    else {
      const asked = must(/pick a (\w+) marble/.exec(s), 'color')[1];
      const all = /all of them are (\w+)/.exec(s);
      if (all) p = all[1] === asked ? 1 : 0;
      else {
        const m = must(/has (\d+) (\w+) marbles and (\d+) (\w+) marbles/.exec(s), 'bag');
        p = (m[2] === asked ? Number(m[1]) : Number(m[3])) / (Number(m[1]) + Number(m[3]));
      }
    }
    return p === 0 ? 'Impossible' : p < 0.5 ? 'Unlikely' : p === 0.5 ? 'As likely as not' : p < 1 ? 'Likely' : 'Certain';
  },
  'g7.probability/marbles': (item) => {
    const s = P(item);
    const m = must(/has (\d+) (\w+), (\d+) (\w+) and (\d+) (\w+) marbles/.exec(s), 'bag');
    const counts = new Map([
      [m[2]!, Number(m[1])],
      [m[4]!, Number(m[3])],
      [m[6]!, Number(m[5])],
    ]);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const q = must(/that it is (not )?(\w+)\?/.exec(s), 'question');
    const favorable = counts.get(q[2]!)!;
    return (q[1] ? total - favorable : favorable) / total;
  },
  'g7.probability/spinner': (item) => {
    const s = P(item);
    const n = Number(must(/has (\d+) equal sections/.exec(s), 'sections')[1]);
    const outcomes = Array.from({ length: n }, (_, i) => i + 1);
    const k = Number(/(?:than|of) (\d+)\?/.exec(s)?.[1]);
    const test = /greater than/.test(s)
      ? (x: number) => x > k
      : /less than/.test(s)
        ? (x: number) => x < k
        : /an even number/.test(s)
          ? (x: number) => x % 2 === 0
          : /an odd number/.test(s)
            ? (x: number) => x % 2 === 1
            : (x: number) => x % k === 0;
    return outcomes.filter(test).length / n;
  },
  'g8.exponents/evaluate': (item) => ev(maths(item.prompt)[0]!),
  'g8.exponents/missing-exponent': (item) => {
    const eq = maths(item.prompt).at(-1)!;
    const base = Number(must(/(\d+)\^\{\\square\}/.exec(eq), 'base')[1]);
    return Math.round(Math.log(ev(eq.split('=')[0]!)) / Math.log(base));
  },
  'g8.exponents/simplify-value': (item) => ev(maths(item.prompt)[0]!),
  'g8.multi-step-equations/solution-count': (item) => {
    const eq = maths(item.prompt).at(-1)!;
    const v = must(/[a-z]/.exec(eq), 'variable')[0];
    const [l, r] = texToMath(eq).split('=') as [string, string];
    const f = (x: number) => Number(evaluate(`(${l}) - (${r})`, { [v]: x }));
    if (Math.abs(f(1) - f(0)) > 1e-9) return 'Exactly one solution';
    return Math.abs(f(0)) < 1e-9 ? 'Infinitely many solutions' : 'No solution';
  },
  'g8.pythagorean/hypotenuse': (item) => {
    const [a, b] = nums(P(item)) as [number, number];
    return Math.sqrt(a * a + b * b);
  },
  'g8.pythagorean/missing-leg': (item) => {
    const [c, a] = nums(P(item)) as [number, number];
    return Math.sqrt(c * c - a * a);
  },
  'g8.pythagorean/word-problem': (item) => {
    const s = P(item);
    const [a, b] = nums(s) as [number, number];
    return /ladder/.test(s) ? Math.sqrt(a * a - b * b) : Math.sqrt(a * a + b * b);
  },
  'g8.slope/two-points': (item) => {
    const [p1, p2] = maths(item.prompt).map(nums) as [number[], number[]];
    return (p2[1]! - p1[1]!) / (p2[0]! - p1[0]!);
  },
  'g8.slope/table': (item) => {
    const [xs, ys] = tableRows(item).map((row) => row.map(Number)) as [number[], number[]];
    const rates = xs.map((x, i) => ys[i]! / x);
    if (new Set(rates).size !== 1) throw new Error('not proportional');
    return rates[0]!;
  },
  'g8.slope/compare-rates': (item) => {
    const s = P(item);
    const names = must(/For ([A-Za-z ]+?), y = (\d+)x\. For ([A-Za-z ]+?),/.exec(s), 'names');
    const rateA = Number(names[2]);
    const point = maths(item.prompt).find((t) => /^\(\d+, \d+\)$/.test(t) && t !== '(0, 0)');
    const rateB = point !== undefined ? nums(point)[1]! / nums(point)[0]! : (() => {
      const [xs, ys] = tableRows(item).map((row) => row.map(Number)) as [number[], number[]];
      return ys[0]! / xs[0]!;
    })();
    if (rateA === rateB) throw new Error('equal rates');
    return rateA > rateB ? names[1]! : names[3]!;
  },
};

// ---------------------------------------------------------------------------------------
// The skill graph
// ---------------------------------------------------------------------------------------

describe('grade 6–8 skill graph', () => {
  const skills = MODULES.flatMap((m) => m.skills);

  it('has exactly the agreed skills, standards, grades and prerequisites', () => {
    expect(skills.map((s) => s.code).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const skill of skills) {
      const [standard, grade, prerequisites] = EXPECTED[skill.code]!;
      expect({ code: skill.code, standard: skill.standard, grade: skill.grade, prerequisites: skill.prerequisites }).toEqual({
        code: skill.code,
        standard,
        grade,
        prerequisites,
      });
      expect(skill.code.startsWith(`g${skill.grade}.`)).toBe(true);
    }
    // Each module holds its own grade.
    MODULES.forEach((m, i) => expect(m.skills.every((s) => s.grade === 6 + i)).toBe(true));
  });

  it('names every skill in English and Spanish', () => {
    for (const skill of skills) {
      expect(skill.name.en.trim().length).toBeGreaterThan(3);
      expect(skill.name.es.trim().length).toBeGreaterThan(3);
      expect(skill.name.es).not.toEqual(skill.name.en);
    }
  });

  it('gives every skill at least two templates, keyed by the skill code, each with an independent check', () => {
    for (const module of MODULES) {
      const codes = new Set(module.skills.map((s) => s.code));
      for (const template of module.templates) {
        expect(codes.has(template.skill)).toBe(true);
        expect(template.key.startsWith(`${template.skill}/`)).toBe(true);
      }
    }
    for (const skill of skills) expect(allTemplates.filter((t) => t.skill === skill.code).length).toBeGreaterThanOrEqual(2);
    expect(new Set(allTemplates.map((t) => t.key)).size).toBe(allTemplates.length);
    // Number and choice templates are verified by VERIFY; equations and expressions generically.
    const unverified = allTemplates.filter((t) => {
      const kind = generate(t, 1, 'en').answer.kind;
      return (kind === 'number' || kind === 'choice') && !(t.key in VERIFY);
    });
    expect(unverified.map((t) => t.key)).toEqual([]);
    expect(Object.keys(VERIFY).filter((key) => !allTemplates.some((t) => t.key === key))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------
// Every template
// ---------------------------------------------------------------------------------------

describe.each(allTemplates.map((t) => [t.key, t] as const))('%s', (key, template) => {
  it('is reproducible and asks the same question in both locales', () => {
    const problems: number[] = [];
    for (const seed of SEEDS) {
      const en = generate(template, seed, 'en');
      const es = generate(template, seed, 'es');
      const same =
        JSON.stringify(generate(template, seed, 'en')) === JSON.stringify(en) &&
        JSON.stringify(generate(template, seed, 'es')) === JSON.stringify(es) &&
        JSON.stringify(es.answer) === JSON.stringify(en.answer) &&
        JSON.stringify(es.choices?.map((c) => c.id)) === JSON.stringify(en.choices?.map((c) => c.id)) &&
        JSON.stringify(maths(es.prompt).filter((t) => !t.includes('\\text'))) === JSON.stringify(maths(en.prompt).filter((t) => !t.includes('\\text')));
      if (!same) problems.push(seed);
    }
    expect(problems).toEqual([]);
    // Deep equality as jest sees it, for one seed per locale.
    expect(generate(template, 12345, 'es')).toEqual(generate(template, 12345, 'es'));
  });

  it('gives complete, clean items in both locales', () => {
    const problems: string[] = [];
    for (const locale of LOCALES) {
      for (const seed of SEEDS) {
        const item = generate(template, seed, locale);
        const fail = (what: string) => problems.push(`seed ${seed} ${locale}: ${what}`);
        if (item.hints.length < 2 || item.hints.length > 3) fail(`${item.hints.length} hints`);
        if (item.solution.length < 2 || item.solution.length > 5) fail(`${item.solution.length} solution steps`);
        if (!item.answerFormat) fail('no answer format');
        if (new Set(item.hints.map(plainText)).size !== item.hints.length) fail('repeated hint');
        for (const text of texts(item)) {
          if (text.length === 0) fail('empty rich text');
          const flat = plainText(text);
          if (/undefined|NaN|\[object|null|Infinity/.test(flat)) fail(`bad text: ${flat}`);
          if (/\+ -|- -|\+ \+|- \+|--/.test(flat)) fail(`sign printed badly: ${flat}`);
          // No float artefacts such as 0.30000000000000004 anywhere.
          if (/\d\.\d{5,}|\de-\d/.test(flat)) fail(`float artefact: ${flat}`);
          for (const segment of text) {
            if (segment.kind === 'math') {
              if (segment.tex.trim() === '') fail('empty TeX');
              try {
                assertRenders(segment.tex);
              } catch (error) {
                fail(String(error));
              }
            } else if (/ {2}|\s[.,?:;]|\.\.|\$\{|\\/.test(segment.text)) fail(`untidy text: ${JSON.stringify(segment.text)}`);
          }
          const words = text.map((s) => (s.kind === 'text' ? s.text : ' ')).join('');
          if (locale === 'es' && ENGLISH_WORDS.test(words)) fail(`English in Spanish text: ${words}`);
          if (locale === 'en' && SPANISH_WORDS.test(words)) fail(`Spanish in English text: ${words}`);
        }
        // The worked solution ends with the answer.
        const last = plainText(item.solution.at(-1)!).toLowerCase();
        const { answer } = item;
        const shown =
          answer.kind === 'choice'
            ? [choiceText(item, answer.correct[0]!).toLowerCase()]
            : answer.kind === 'expression'
              ? [answer.value]
              : answer.kind === 'text'
                ? answer.accepted
                : answer.value.includes('/')
                ? [`${answer.value.startsWith('-') ? '-' : ''}\\frac{${answer.value.replace('-', '').replace('/', '}{')}}`]
                : [answer.value];
        if (!shown.some((s) => last.includes(s.toLowerCase()))) fail(`last solution step does not give the answer ${shown.join()}: ${last}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('has exact answers that match an independent computation', () => {
    const problems: string[] = [];
    for (const seed of SEEDS) {
      const item = generate(template, seed, 'en');
      const fail = (what: string) => problems.push(`seed ${seed}: ${what} — ${P(item)}`);
      const { answer } = item;
      try {
        checkAnswerShape(item, answer, fail);
        if (answer.kind === 'number' || answer.kind === 'choice') {
          const expected = VERIFY[key]!(item);
          if (answer.kind === 'choice') {
            const got = choiceText(item, answer.correct[0]!);
            if (got !== expected) fail(`choice ${got}, expected ${String(expected)}`);
          } else {
            const value = Number(evaluate(answer.value));
            const exact = expected as number;
            if (answer.tolerance !== undefined) {
              if (Math.abs(value - exact) > answer.tolerance) fail(`${answer.value} is not within ${answer.tolerance} of ${exact}`);
              if (Math.abs(value - Math.round(exact * 10) / 10) > 1e-9) fail(`${answer.value} is not ${exact} rounded to tenths`);
            } else if (Math.abs(value - exact) > 1e-9) fail(`${answer.value}, expected ${exact}`);
          }
        } else if (answer.kind === 'equation-solution') {
          const [l, r] = texToMath(equationOf(item, answer.variable)).split('=') as [string, string];
          const scope = { [answer.variable]: Number(evaluate(answer.value)) };
          const [lv, rv] = [Number(evaluate(l, { ...scope })), Number(evaluate(r, { ...scope }))];
          if (!(Math.abs(lv - rv) < 1e-9)) fail(`${answer.variable} = ${answer.value} gives ${lv} ≠ ${rv}`);
        } else if (answer.kind === 'expression') {
          const given = texToMath(maths(item.prompt).at(-1)!);
          for (const point of [-2.5, 0.5, 1.75, 3]) {
            const scope = Object.fromEntries(answer.variables.map((v, i) => [v, point + 1.3 * i]));
            const [a, b] = [Number(evaluate(given, { ...scope })), Number(evaluate(answer.value, { ...scope }))];
            if (!(Math.abs(a - b) < 1e-9)) fail(`${answer.value} ≠ ${given} at ${JSON.stringify(scope)}`);
          }
        }
      } catch (error) {
        fail(String(error));
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('varies with the seed', () => {
    const prompts = new Set(
      SEEDS.map((seed) => {
        const item = generate(template, seed, 'en');
        return [item.prompt, ...(item.choices ?? []).map((c) => c.content)].map(plainText).join(' | ');
      }),
    );
    expect(prompts.size).toBeGreaterThanOrEqual(MIN_DISTINCT[key] ?? 60);
    // Answers vary too (choice items: the position of the right answer).
    const answers = new Set(SEEDS.map((seed) => JSON.stringify(generate(template, seed, 'en').answer)));
    expect(answers.size).toBeGreaterThanOrEqual(generate(template, 0, 'en').answer.kind === 'choice' ? 2 : 10);
  });
});

/** Shape checks that need no reading of the prompt. */
function checkAnswerShape(item: ItemContent, answer: AnswerSpec, fail: (what: string) => void): void {
  switch (answer.kind) {
    case 'choice': {
      const ids = (item.choices ?? []).map((c) => c.id);
      if (ids.join() !== ids.map((_, i) => String.fromCharCode(97 + i)).join() || ids.length < 2) fail(`choice ids ${ids.join()}`);
      if (answer.correct.length !== 1 || !answer.correct.every((id) => ids.includes(id))) fail(`correct ${answer.correct.join()} of ${ids.join()}`);
      const contents = (item.choices ?? []).map((c) => plainText(c.content));
      if (new Set(contents).size !== contents.length) fail(`repeated choices ${contents.join(' | ')}`);
      return;
    }
    case 'number':
    case 'equation-solution': {
      // Integers, decimals with at most two places and no trailing zero, or reduced-sign fractions a/b.
      if (!/^-?(\d+(\.\d?[1-9])?|\d+\/\d+)$/.test(answer.value)) fail(`answer value ${answer.value}`);
      if (/^-?0\d/.test(answer.value)) fail(`leading zero in ${answer.value}`);
      const value = Number(evaluate(answer.value));
      if (!Number.isFinite(value)) fail(`answer ${answer.value} = ${value}`);
      if (answer.value.includes('/')) {
        const [n, d] = answer.value.split('/').map(Number) as [number, number];
        if (d <= 1) fail(`denominator in ${answer.value}`);
        if (answer.kind === 'equation-solution' && gcd(n, d) !== 1) fail(`${answer.value} is not reduced`);
      }
      if (answer.kind === 'number') {
        if (answer.requireSimplestFraction) {
          if (answer.value.includes('/') && gcd(...(answer.value.split('/').map(Number) as [number, number])) !== 1) fail(`${answer.value} is not in simplest form`);
          if (!/simplest form/.test(P(item))) fail('simplest form not asked for');
        }
        if (answer.unit !== undefined && !/^(cm|m|km)(\^2)?$|^[$%]$/.test(answer.unit)) fail(`unit ${answer.unit}`);
        if (answer.tolerance !== undefined && !/nearest tenth/.test(P(item))) fail('tolerance without rounding asked for');
      } else if (!maths(item.prompt).some((t) => t.includes(answer.variable))) fail(`variable ${answer.variable} not in the prompt`);
      return;
    }
    case 'expression': {
      evaluate(answer.value, Object.fromEntries(answer.variables.map((v) => [v, 2])));
      if (answer.form === 'factored' && !answer.value.includes('(')) fail(`factored answer ${answer.value}`);
      if (answer.form !== 'factored' && answer.value.includes('(')) fail(`answer with parentheses ${answer.value}`);
      // Fully combined: one term per variable and at most one constant.
      const termCount = answer.value.split(/ [+-] /).length;
      if (termCount > answer.variables.length + 1) fail(`not combined: ${answer.value}`);
      return;
    }
    case 'text':
      fail('text answers are not used in grades 6–8');
  }
}

// ---------------------------------------------------------------------------------------
// The canonical answer checks correct with the real answer checker (when it exists).
// ---------------------------------------------------------------------------------------

const checkerPath = path.join(__dirname, '..', '..', 'answers', 'check-answer.ts');
const describeChecker = fs.existsSync(checkerPath) ? describe : describe.skip;

describeChecker('canonical answers with checkAnswer', () => {
  type Check = (spec: AnswerSpec, raw: string | string[], locale: Locale) => { correct: boolean; feedback: string };
  // Loaded at run time so this file typechecks and runs before the checker is written.
  const loadChecker = (): Check => (require(checkerPath) as { checkAnswer: Check }).checkAnswer;

  it.each(allTemplates.map((t) => [t.key, t] as const))('%s', (_key, template) => {
    const checkAnswer = loadChecker();
    const problems: string[] = [];
    for (const locale of LOCALES) {
      for (const seed of SEEDS) {
        const { answer } = generate(template, seed, locale);
        const tries: Array<string | string[]> =
          answer.kind === 'choice'
            ? [answer.correct]
            : answer.kind === 'equation-solution'
              ? [answer.value, `${answer.variable} = ${answer.value}`]
              : answer.kind === 'number' && answer.unit !== undefined
                ? [answer.value, answer.unit === '$' ? `$${answer.value}` : answer.unit === '%' ? `${answer.value}%` : `${answer.value} ${answer.unit}`]
                : answer.kind === 'text'
                  ? answer.accepted
                  : [answer.value];
        for (const raw of tries) {
          const result = checkAnswer(answer, raw, locale);
          if (!result.correct) problems.push(`seed ${seed} ${locale}: ${JSON.stringify(raw)} → ${result.feedback} for ${JSON.stringify(answer)}`);
        }
        // And a wrong number is not accepted.
        if (answer.kind === 'number' || answer.kind === 'equation-solution') {
          const wrong = `${answer.value.startsWith('-') ? '' : '-'}${answer.value.replace(/^-/, '')}1`;
          if (checkAnswer(answer, wrong, locale).correct) problems.push(`seed ${seed} ${locale}: wrong answer ${wrong} accepted`);
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });
});
