// EXAMPLE of the template style (grade 3 multiplication facts). Helpers: follow this shape.
import type { SkillModule } from '../item';
import { rich, tex } from '../rich';

export const multiplicationFacts: SkillModule = {
  skills: [
    {
      code: 'g3.mult-facts-2-5',
      standard: '3.OA.C.7',
      grade: 3,
      domain: 'multiplication',
      name: { en: 'Multiplication facts with 2, 3, 4 and 5', es: 'Tablas de multiplicar del 2, 3, 4 y 5' },
      prerequisites: [],
    },
  ],
  templates: [
    {
      key: 'g3.mult-facts-2-5/product',
      skill: 'g3.mult-facts-2-5',
      generate(rng, locale) {
        const a = rng.int(2, 5);
        const b = rng.int(2, 10);
        const product = a * b;
        const en = locale === 'en';
        return {
          prompt: rich(en ? 'What is ' : '¿Cuánto es ', tex(`${a} \\times ${b}`), en ? '?' : '?'),
          answerFormat: rich(en ? 'A whole number' : 'Un número entero'),
          answer: { kind: 'number', value: String(product) },
          hints: [
            rich(en ? `Think of ${a} groups of ${b}.` : `Piensa en ${a} grupos de ${b}.`),
            rich(en ? 'Skip-count by ' : 'Cuenta de ', b, en ? `, ${a} times.` : ` en ${b}, ${a} veces.`),
          ],
          solution: [
            rich(tex(`${a} \\times ${b}`), en ? ` means ${a} groups of ${b}.` : ` significa ${a} grupos de ${b}.`),
            rich(
              en ? 'Skip-count: ' : 'Cuenta: ',
              Array.from({ length: a }, (_, i) => b * (i + 1)).join(', '),
              '.',
            ),
            rich(en ? 'So ' : 'Así que ', tex(`${a} \\times ${b} = ${product}`), '.'),
          ],
        };
      },
    },
  ],
};
