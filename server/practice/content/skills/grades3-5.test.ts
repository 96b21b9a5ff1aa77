// The grade 3–5 built-in skills: the fixed skill graph, and for every template × 200 seeds ×
// both locales: reproducible, complete, renderable TeX, exact answers, real variety.
import katex from 'katex';
import { evaluate, fraction } from 'mathjs';
import { checkAnswer } from '../../answers/check-answer';
import { createContentBank } from '../content-bank';
import type { ItemContent, ItemTemplate, Locale, RichText } from '../item';
import { plainText } from '../rich';
import { createRng } from '../rng';
import { grade3 } from './grade3';
import { grade4 } from './grade4';
import { grade5 } from './grade5';

const MODULES = [grade3, grade4, grade5];
const LOCALES: Locale[] = ['en', 'es'];
const SEEDS = Array.from({ length: 200 }, (_, i) => (i < 100 ? i : (i * 0x9e3779b1) >>> 1));

/** The graph other skill modules (grades 6–8) rely on: code → standard, grade, prerequisites. */
const EXPECTED: Record<string, [string, number, string[]]> = {
  'g3.round-10-100': ['3.NBT.A.1', 3, []],
  'g3.add-sub-1000': ['3.NBT.A.2', 3, []],
  'g3.mult-facts-2-5': ['3.OA.C.7', 3, []],
  'g3.mult-facts-6-9': ['3.OA.C.7', 3, ['g3.mult-facts-2-5']],
  'g3.division-facts': ['3.OA.C.7', 3, ['g3.mult-facts-2-5']],
  'g3.unit-fractions': ['3.NF.A.1', 3, []],
  'g3.equivalent-fractions': ['3.NF.A.3', 3, ['g3.unit-fractions']],
  'g3.rectangle-area': ['3.MD.C.7', 3, ['g3.mult-facts-2-5']],
  'g3.perimeter': ['3.MD.D.8', 3, ['g3.add-sub-1000']],
  'g4.place-value-millions': ['4.NBT.A.2', 4, []],
  'g4.multiply-multi-digit': ['4.NBT.B.5', 4, ['g3.mult-facts-6-9']],
  'g4.divide-remainders': ['4.NBT.B.6', 4, ['g3.division-facts']],
  'g4.compare-fractions': ['4.NF.A.2', 4, ['g3.equivalent-fractions']],
  'g4.add-like-fractions': ['4.NF.B.3', 4, ['g3.equivalent-fractions']],
  'g4.fraction-times-whole': ['4.NF.B.4', 4, ['g4.add-like-fractions', 'g3.mult-facts-6-9']],
  'g4.decimal-notation': ['4.NF.C.6', 4, ['g3.equivalent-fractions']],
  'g4.area-perimeter-problems': ['4.MD.A.3', 4, ['g3.rectangle-area', 'g3.perimeter']],
  'g5.decimal-place-value': ['5.NBT.A.3', 5, ['g4.decimal-notation']],
  'g5.add-sub-decimals': ['5.NBT.B.7', 5, ['g5.decimal-place-value']],
  'g5.multiply-decimals': ['5.NBT.B.7', 5, ['g5.add-sub-decimals', 'g4.multiply-multi-digit']],
  'g5.add-unlike-fractions': ['5.NF.A.1', 5, ['g4.add-like-fractions']],
  'g5.multiply-fractions': ['5.NF.B.4', 5, ['g4.fraction-times-whole']],
  'g5.order-of-operations': ['5.OA.A.1', 5, ['g4.multiply-multi-digit']],
  'g5.volume': ['5.MD.C.5', 5, ['g3.rectangle-area']],
};

/**
 * Distinct prompts (with choices) expected from 200 seeds: 40 by default; fewer where grade-3
 * number ranges leave fewer items in all (the size of the whole space in parentheses).
 */
const MIN_DISTINCT: Record<string, number> = {
  'g3.mult-facts-2-5/product': 30, // (36) 2–5 × 2–10
  'g3.unit-fractions/compare-unit': 30, // (40) pairs of 1/2, 1/3, 1/4, 1/6, 1/8, greater or smaller, two orders
  'g3.equivalent-fractions/missing-numerator': 25, // (32) denominators 2, 3, 4, 6, 8
  'g3.equivalent-fractions/whole-as-fraction': 20, // (25) 2–6 wholes, five denominators
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

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

// Untranslated strings: English function words in Spanish text, Spanish ones in English text.
const ENGLISH_WORDS = /\b(the|what|which|how|is|are|and|of|to|by|each|so)\b/i;
const SPANISH_WORDS = /[¿¡]|\b(el|la|los|las|es|y|de|del|por|cada|qué|cuántos|cuántas|así)\b/i;

describe('grade 3–5 skill graph', () => {
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
  });

  it('forms a valid content bank (known prerequisites, no cycles, templates for every skill)', () => {
    const bank = createContentBank(MODULES);
    expect(bank.skillsForStandard('3.OA.C.7').sort()).toEqual(['g3.division-facts', 'g3.mult-facts-2-5', 'g3.mult-facts-6-9']);
  });

  it('names every skill in English and Spanish', () => {
    for (const skill of skills) {
      expect(skill.name.en.trim().length).toBeGreaterThan(3);
      expect(skill.name.es.trim().length).toBeGreaterThan(3);
      expect(skill.name.es).not.toEqual(skill.name.en);
    }
  });

  it('gives every skill at least two templates, keyed by the skill code', () => {
    for (const module of MODULES) {
      const codes = new Set(module.skills.map((s) => s.code));
      for (const template of module.templates) {
        expect(codes.has(template.skill)).toBe(true);
        expect(template.key.startsWith(`${template.skill}/`)).toBe(true);
      }
    }
    for (const skill of skills) expect(allTemplates.filter((t) => t.skill === skill.code).length).toBeGreaterThanOrEqual(2);
    expect(new Set(allTemplates.map((t) => t.key)).size).toBe(allTemplates.length);
  });
});

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
        JSON.stringify(es.choices?.map((c) => c.id)) === JSON.stringify(en.choices?.map((c) => c.id));
      if (!same) problems.push(seed);
    }
    expect(problems).toEqual([]);
  });

  it('gives complete, clean items in both locales', () => {
    const problems: string[] = [];
    for (const locale of LOCALES) {
      for (const seed of SEEDS) {
        const item = generate(template, seed, locale);
        const fail = (what: string) => problems.push(`seed ${seed} ${locale}: ${what}`);
        if (item.hints.length < 2 || item.hints.length > 3) fail(`${item.hints.length} hints`);
        if (item.solution.length < 2 || item.solution.length > 5) fail(`${item.solution.length} solution steps`);
        if (item.answer.kind !== 'choice' && !item.answerFormat) fail('no answer format');
        for (const text of texts(item)) {
          if (text.length === 0) fail('empty rich text');
          for (const segment of text) {
            if (segment.kind === 'math') {
              if (segment.tex.trim() === '') fail('empty TeX');
              // A "\t" or "\f" escape in a template literal turns \times or \frac into a control character.
              if (/[\u0000-\u001f]/.test(segment.tex)) fail(`control character in TeX: ${JSON.stringify(segment.tex)}`);
              try {
                assertRenders(segment.tex);
              } catch (error) {
                fail(String(error));
              }
            } else {
              if (/undefined|NaN|\[object|null|Infinity|[\u0000-\u001f]/.test(segment.text)) fail(`bad text: ${JSON.stringify(segment.text)}`);
              if (/ {2}|\s[.,?:;]|\.\.|[`'"], |\$\{|\\/.test(segment.text)) fail(`untidy text: ${JSON.stringify(segment.text)}`);
            }
          }
          // No float artefacts such as 0.30000000000000004 anywhere.
          if (/\d\.\d{5,}|\de-\d/.test(plainText(text))) fail(`float artefact: ${plainText(text)}`);
          const words = text.map((s) => (s.kind === 'text' ? s.text : ' ')).join('');
          if (locale === 'es' && ENGLISH_WORDS.test(words)) fail(`English in Spanish text: ${words}`);
          if (locale === 'en' && SPANISH_WORDS.test(words)) fail(`Spanish in English text: ${words}`);
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('has exact, sensible answers', () => {
    const problems: string[] = [];
    for (const seed of SEEDS) {
      const item = generate(template, seed, 'en');
      const fail = (what: string) => problems.push(`seed ${seed}: ${what}`);
      const { answer } = item;
      if (answer.kind === 'choice') {
        const ids = (item.choices ?? []).map((c) => c.id);
        if (ids.join() !== ids.map((_, i) => String.fromCharCode(97 + i)).join() || ids.length < 2) fail(`choice ids ${ids.join()}`);
        if (answer.correct.length !== 1 || !answer.correct.every((id) => ids.includes(id))) fail(`correct ${answer.correct.join()} of ${ids.join()}`);
        const contents = (item.choices ?? []).map((c) => plainText(c.content));
        if (new Set(contents).size !== contents.length) fail(`repeated choices ${contents.join(' | ')}`);
        continue;
      }
      if (answer.kind !== 'number') {
        fail(`answer kind ${answer.kind}`);
        continue;
      }
      // Whole numbers, decimals with at most three places and no trailing zero, or fractions a/b.
      if (!/^(\d+(\.\d{0,2}[1-9])?|\d+\/\d+)$/.test(answer.value)) fail(`answer value ${answer.value}`);
      const value = evaluate(answer.value) as number;
      if (!(Number.isFinite(value) && value > 0)) fail(`answer ${answer.value} = ${value}`);
      if (Math.abs(Number(fraction(answer.value).valueOf()) - value) > 1e-12) fail(`fraction(${answer.value})`);
      if (answer.value.includes('/')) {
        const [n, d] = answer.value.split('/').map(Number) as [number, number];
        if (d <= 1) fail(`denominator in ${answer.value}`);
        if (answer.requireSimplestFraction && gcd(n, d) !== 1) fail(`${answer.value} is not in simplest form`);
      }
      if (answer.requireSimplestFraction) {
        if (!/simplest form/.test(plainText(item.prompt))) fail('simplest form not asked for');
        if (!/mínima expresión/.test(plainText(generate(template, seed, 'es').prompt))) fail('mínima expresión not asked for');
      }
      if (answer.unit !== undefined && !/^(cm|m|km|kg|g|L|mL)(\^[23])?$/.test(answer.unit)) fail(`unit ${answer.unit}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('accepts its own answer (with and without the unit, mixed numbers where fractions are), rejects a wrong one', () => {
    const problems: string[] = [];
    for (const locale of LOCALES) {
      for (const seed of SEEDS) {
        const { answer } = generate(template, seed, locale);
        const verdict = (raw: string | string[]) => checkAnswer(answer, raw, locale).feedback;
        const want = (raw: string | string[], feedback: string) => {
          const got = verdict(raw);
          if (got !== feedback) problems.push(`seed ${seed} ${locale}: ${JSON.stringify(raw)} → ${got}, expected ${feedback}`);
        };
        if (answer.kind === 'choice') {
          want(answer.correct, 'correct');
          continue;
        }
        if (answer.kind !== 'number') continue;
        want(answer.value, 'correct');
        if (answer.unit) want(`${answer.value} ${answer.unit}`, 'correct');
        const [n, d] = answer.value.split('/').map(Number) as [number, number];
        if (d !== undefined && n > d && answer.acceptEquivalentForms !== false) want(`${Math.floor(n / d)} ${n % d}/${d}`, 'correct');
        if (d !== undefined && answer.requireSimplestFraction) want(`${2 * n}/${2 * d}`, 'not-simplest');
        want(d !== undefined ? `${n + d}/${d}` : `${answer.value}1`, 'incorrect');
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
    expect(prompts.size).toBeGreaterThanOrEqual(MIN_DISTINCT[key] ?? 40);
  });
});
