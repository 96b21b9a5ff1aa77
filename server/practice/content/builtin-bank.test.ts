// The shipped item bank as a whole: enough skills across grades 3–8 and the domains the
// product promises, a valid prerequisite graph, and for every template and many seeds an
// item that renders, is reproducible, and accepts its own answer in both languages.
import { checkAnswer, expectedAnswerText } from '../answers/check-answer';
import { renderRichText } from '../render';
import { builtinBank } from './builtin-bank';
import type { AnswerSpec, ItemContent, Locale } from './item';
import { createRng } from './rng';

const SEEDS = Array.from({ length: 40 }, (_, i) => 1 + i * 7919);
const LOCALES: Locale[] = ['en', 'es'];

function canonical(spec: AnswerSpec): string | string[] {
  switch (spec.kind) {
    case 'choice':
      return spec.correct;
    case 'text':
      return spec.accepted[0]!;
    default:
      return spec.value;
  }
}

function renderAll(item: ItemContent): void {
  renderRichText(item.prompt);
  item.hints.forEach(renderRichText);
  item.solution.forEach(renderRichText);
  item.choices?.forEach((c) => renderRichText(c.content));
  if (item.answerFormat) renderRichText(item.answerFormat);
}

describe('built-in item bank', () => {
  it('covers at least 40 skills across grades 3–8 and the promised domains', () => {
    expect(builtinBank.skills.length).toBeGreaterThanOrEqual(40);
    expect(new Set(builtinBank.skills.map((s) => s.grade))).toEqual(new Set([3, 4, 5, 6, 7, 8]));
    const domains = new Set(builtinBank.skills.map((s) => s.domain));
    for (const d of ['place-value', 'multiplication', 'fractions', 'decimals', 'ratios', 'percent', 'integers', 'expressions', 'equations', 'geometry', 'statistics']) {
      expect(domains).toContain(d);
    }
    for (const skill of builtinBank.skills) {
      expect(skill.standard).toMatch(/^[3-8]\.[A-Z]{1,3}\.[A-Z]\.\d+[a-z]?$/);
      expect(skill.name.en.length).toBeGreaterThan(3);
      expect(skill.name.es.length).toBeGreaterThan(3);
      expect(builtinBank.templatesFor(skill.code).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('aligns the standards the deep-linking picker suggests', () => {
    for (const standard of ['3.OA.C.7', '4.NF.B.3', '5.NBT.B.7', '6.RP.A.3', '6.EE.B.7', '7.NS.A.1', '7.EE.B.4', '8.EE.C.7']) {
      expect(builtinBank.skillsForStandard(standard).length).toBeGreaterThan(0);
    }
  });

  const templates = builtinBank.skills.flatMap((s) => builtinBank.templatesFor(s.code));
  it.each(templates.map((t) => [t.key, t] as const))('%s: reproducible, renders, 2–3 hints, accepts its own answer', (_key, template) => {
    for (const locale of LOCALES) {
      for (const seed of SEEDS) {
        const item = template.generate(createRng(seed), locale);
        expect(template.generate(createRng(seed), locale)).toEqual(item);
        expect(item.hints.length).toBeGreaterThanOrEqual(2);
        expect(item.hints.length).toBeLessThanOrEqual(3);
        expect(item.solution.length).toBeGreaterThanOrEqual(1);
        renderAll(item);
        renderRichText(expectedAnswerText(item.answer, locale));
        const check = checkAnswer(item.answer, canonical(item.answer), locale);
        if (!check.correct) throw new Error(`${template.key} seed ${seed} ${locale}: own answer ${JSON.stringify(item.answer)} → ${check.feedback}`);
      }
    }
  });
});
