// Grade 8 math item bank: integer exponents, multi-step equations (including the number
// of solutions), the Pythagorean theorem and slope. Exact arithmetic throughout (see the
// helpers in grade6.ts); square roots are either whole (Pythagorean triples) or asked for
// rounded to the nearest tenth.
import type { RichText, SkillModule } from '../item';
import { rich, tex } from '../rich';
import {
  NAMES,
  VARIABLES,
  decimal,
  distinctInts,
  richFill,
  fraction,
  fracTex,
  fracValue,
  operand,
  say,
  shuffledChoices,
  signedInt,
  terms,
  type Fraction,
} from './grade6';
import { continueTerms } from './grade7';

/** b^e for an integer or fraction base and an integer exponent, exactly. */
function power(base: Fraction, e: number): Fraction {
  const n = base.n ** Math.abs(e);
  const d = base.d ** Math.abs(e);
  return e >= 0 ? fraction(n, d) : fraction(d, n);
}

/** "2^{-3}", "(-2)^{3}", "\left(\frac{2}{3}\right)^{-2}". */
function powerTex(base: Fraction, e: number): string {
  const b = base.d !== 1 ? `\\left(${fracTex(base)}\\right)` : base.n < 0 ? `(${base.n})` : String(base.n);
  return `${b}^{${e}}`;
}

const TRIPLES = [
  [3, 4, 5],
  [5, 12, 13],
  [8, 15, 17],
  [7, 24, 25],
  [20, 21, 29],
  [9, 40, 41],
  [12, 35, 37],
] as const;

/** A Pythagorean triple scaled so the hypotenuse stays at most 60. */
function scaledTriple(pick: (typeof TRIPLES)[number], k: number): [number, number, number] {
  return [pick[0] * k, pick[1] * k, pick[2] * k];
}

const isSquare = (n: number): boolean => Number.isInteger(Math.sqrt(n));

const SLOPE_TABLES = [
  {
    text: { en: 'The table shows the cost {y}, in dollars, of {x} pounds of apples.', es: 'La tabla muestra el costo {y}, en dólares, de {x} libras de manzanas.' },
    unit: { en: 'dollars per pound', es: 'dólares por libra' },
  },
  {
    text: { en: 'The table shows the distance {y}, in kilometers, that a cyclist rides in {x} hours.', es: 'La tabla muestra la distancia {y}, en kilómetros, que recorre una ciclista en {x} horas.' },
    unit: { en: 'kilometers per hour', es: 'kilómetros por hora' },
  },
  {
    text: { en: 'The table shows the liters of water {y} in a tank after {x} minutes of filling.', es: 'La tabla muestra los litros de agua {y} en un tanque después de {x} minutos de llenado.' },
    unit: { en: 'liters per minute', es: 'litros por minuto' },
  },
] as const;

const RATE_PAIRS = [
  {
    what: { en: 'Two machines fill water bottles.', es: 'Dos máquinas llenan botellas de agua.' },
    a: { en: 'Machine A', es: 'La máquina A' },
    b: { en: 'Machine B', es: 'La máquina B' },
    y: { en: 'the number of bottles filled', es: 'el número de botellas llenas' },
    x: { en: 'minutes', es: 'minutos' },
    question: { en: 'Which machine fills bottles faster?', es: '¿Qué máquina llena botellas más rápido?' },
    same: { en: 'Both fill bottles at the same rate', es: 'Las dos llenan botellas al mismo ritmo' },
  },
  {
    what: { en: 'Two friends are walking.', es: 'Dos amigas están caminando.' },
    a: { en: 'Ana', es: 'Ana' },
    b: { en: 'Maya', es: 'Maya' },
    y: { en: 'the distance walked in meters', es: 'la distancia recorrida en metros' },
    x: { en: 'seconds', es: 'segundos' },
    question: { en: 'Who walks faster?', es: '¿Quién camina más rápido?' },
    same: { en: 'They walk at the same speed', es: 'Caminan a la misma velocidad' },
  },
  {
    what: { en: 'Two pumps fill swimming pools.', es: 'Dos bombas llenan albercas.' },
    a: { en: 'Pump A', es: 'La bomba A' },
    b: { en: 'Pump B', es: 'La bomba B' },
    y: { en: 'the liters of water pumped', es: 'los litros de agua bombeados' },
    x: { en: 'minutes', es: 'minutos' },
    question: { en: 'Which pump has the greater rate of change?', es: '¿Qué bomba tiene la mayor razón de cambio?' },
    same: { en: 'Both have the same rate of change', es: 'Las dos tienen la misma razón de cambio' },
  },
] as const;

export const grade8: SkillModule = {
  skills: [
    {
      code: 'g8.exponents',
      standard: '8.EE.A.1',
      grade: 8,
      domain: 'expressions',
      name: { en: 'Properties of integer exponents', es: 'Propiedades de los exponentes enteros' },
      prerequisites: ['g7.multiply-divide-integers'],
    },
    {
      code: 'g8.multi-step-equations',
      standard: '8.EE.C.7',
      grade: 8,
      domain: 'equations',
      name: { en: 'Multi-step equations', es: 'Ecuaciones de varios pasos' },
      prerequisites: ['g7.two-step-equations', 'g7.combine-like-terms'],
    },
    {
      code: 'g8.pythagorean',
      standard: '8.G.B.7',
      grade: 8,
      domain: 'geometry',
      name: { en: 'The Pythagorean theorem', es: 'El teorema de Pitágoras' },
      prerequisites: ['g8.exponents'],
    },
    {
      code: 'g8.slope',
      standard: '8.EE.B.5',
      grade: 8,
      domain: 'equations',
      name: { en: 'Slope and unit rate', es: 'Pendiente y tasa unitaria' },
      prerequisites: ['g6.unit-rates', 'g7.add-sub-integers'],
    },
  ],
  templates: [
    // ---------------------------------------------------------------- g8.exponents
    {
      key: 'g8.exponents/evaluate',
      skill: 'g8.exponents',
      generate(rng, locale) {
        const t = say(locale);
        const mode = rng.pick(['negative', 'negative', 'zero', 'negative-base', 'fraction-base'] as const);
        let base: Fraction;
        let e: number;
        if (mode === 'negative') {
          const b = rng.int(2, 10);
          e = -rng.int(1, b <= 3 ? 5 : b <= 5 ? 3 : 2);
          base = fraction(rng.chance(0.2) ? -b : b, 1);
        } else if (mode === 'zero') {
          base = rng.chance(0.5) ? fraction(signedInt(rng, 2, 99), 1) : fraction(rng.int(1, 8), rng.int(9, 12));
          e = 0;
        } else if (mode === 'negative-base') {
          const b = rng.int(2, 5);
          e = rng.int(2, b === 2 ? 6 : b === 3 ? 4 : 3);
          base = fraction(-b, 1);
        } else {
          const [p, q] = rng.pick([
            [1, 2],
            [2, 3],
            [3, 4],
            [2, 5],
            [3, 5],
            [1, 3],
            [4, 5],
            [3, 2],
            [5, 2],
          ] as const);
          base = fraction(p, q);
          e = -rng.int(1, 3);
        }
        const value = power(base, e);
        const expr = powerTex(base, e);
        const positive = powerTex(base.d !== 1 ? fraction(base.d, base.n) : base, -e);
        return {
          prompt: rich(t('Evaluate ', 'Evalúa '), tex(expr), t('. Write your answer as an integer or a fraction in simplest form.', '. Escribe tu respuesta como un número entero o una fracción en su mínima expresión.')),
          answerFormat: rich(t('An integer or a fraction, like -1/8', 'Un número entero o una fracción, como -1/8')),
          answer: { kind: 'number', value: fracValue(value), requireSimplestFraction: true },
          hints:
            e === 0
              ? [
                  rich(t('Think of the pattern ', 'Piensa en el patrón '), tex('2^{2} = 4,\\ 2^{1} = 2,\\ 2^{0} = ?'), t(': each step divides by 2.', ': en cada paso se divide entre 2.')),
                  rich(t('Any nonzero number raised to the power 0 equals the same value.', 'Cualquier número distinto de cero elevado a la potencia 0 da el mismo valor.')),
                ]
              : e < 0
                ? [
                    rich(t('A negative exponent means the reciprocal: ', 'Un exponente negativo indica el recíproco: '), tex('a^{-n} = \\frac{1}{a^{n}}'), '.'),
                    rich(t('Rewrite with a positive exponent: ', 'Reescribe con exponente positivo: '), tex(base.d !== 1 ? positive : `\\frac{1}{${powerTex(base, -e)}}`), '.'),
                    rich(t('Then multiply out the power.', 'Después calcula la potencia.')),
                  ]
                : [
                    rich(tex(expr), t(` means ${e} factors of `, ` significa ${e} factores de `), tex(base.n), '.'),
                    rich(t('An even number of negative factors is positive; an odd number is negative.', 'Un número par de factores negativos da positivo; un número impar da negativo.')),
                  ],
          solution:
            e === 0
              ? [
                  rich(t('Any nonzero number to the power 0 is 1.', 'Todo número distinto de cero elevado a la 0 es 1.')),
                  rich(tex(`${expr} = 1`), '.'),
                ]
              : e < 0
                ? [
                    rich(tex(`${expr} = ${base.d !== 1 ? positive : `\\frac{1}{${powerTex(base, -e)}}`}`), '.'),
                    rich(
                      base.d !== 1
                        ? tex(`${positive} = \\frac{${base.d}^{${-e}}}{${base.n}^{${-e}}}`)
                        : tex(`${powerTex(base, -e)} = ${fracValue(power(base, -e))}`),
                      '.',
                    ),
                    rich(tex(`${expr} = ${fracTex(value)}`), '.'),
                  ]
                : [
                    rich(tex(`${expr} = ${Array(e).fill(`(${base.n})`).join(' \\cdot ')}`), '.'),
                    rich(tex(`${expr} = ${fracTex(value)}`), '.'),
                  ],
        };
      },
    },
    {
      key: 'g8.exponents/missing-exponent',
      skill: 'g8.exponents',
      generate(rng, locale) {
        const t = say(locale);
        const b = rng.int(2, 9);
        const mode = rng.pick(['product', 'quotient', 'power'] as const);
        const m = signedInt(rng, 2, 9);
        const n = mode === 'power' ? signedInt(rng, 2, 5) : signedInt(rng, 2, 9);
        const answer = mode === 'product' ? m + n : mode === 'quotient' ? m - n : m * n;
        const lhs = mode === 'product' ? `${b}^{${m}} \\cdot ${b}^{${n}}` : mode === 'quotient' ? `\\frac{${b}^{${m}}}{${b}^{${n}}}` : `\\left(${b}^{${m}}\\right)^{${n}}`;
        const rule = {
          product: t('When you multiply powers with the same base, add the exponents.', 'Al multiplicar potencias de la misma base, se suman los exponentes.'),
          quotient: t('When you divide powers with the same base, subtract the exponents.', 'Al dividir potencias de la misma base, se restan los exponentes.'),
          power: t('When you raise a power to a power, multiply the exponents.', 'Al elevar una potencia a otra potencia, se multiplican los exponentes.'),
        }[mode];
        const work = mode === 'product' ? `${m} + ${operand(n)}` : mode === 'quotient' ? `${m} - ${operand(n)}` : `${m} \\cdot ${operand(n)}`;
        return {
          prompt: rich(t('What number goes in the box? ', '¿Qué número va en el recuadro? '), tex(`${lhs} = ${b}^{\\square}`)),
          answerFormat: rich(t('An integer, like -3', 'Un número entero, como -3')),
          answer: { kind: 'number', value: String(answer) },
          hints: [
            rich(rule),
            rich(t('Keep the base ', 'Conserva la base '), tex(b), t(' and work only with the exponents.', ' y trabaja solo con los exponentes.')),
            rich(t('Watch the signs of the exponents.', 'Cuidado con los signos de los exponentes.')),
          ],
          solution: [
            rich(rule),
            rich(t('Exponent: ', 'Exponente: '), tex(`${work} = ${answer}`), '.'),
            rich(tex(`${lhs} = ${b}^{${answer}}`), t(', so the box is ', ', así que en el recuadro va '), tex(answer), '.'),
          ],
        };
      },
    },
    {
      key: 'g8.exponents/simplify-value',
      skill: 'g8.exponents',
      generate(rng, locale) {
        const t = say(locale);
        const b = rng.int(2, 5);
        const maxE = b === 2 ? 5 : b === 3 ? 4 : 3;
        const e = rng.pick(Array.from({ length: 2 * maxE + 1 }, (_, i) => i - maxE).filter((x) => x !== 0 && x !== 1));
        const mode = rng.pick(['product', 'quotient'] as const);
        const m = rng.pick([-8, -7, -6, -5, -4, -3, -2, 2, 3, 4, 5, 6, 7, 8].filter((x) => (mode === 'product' ? e - x : x - e) !== 0 && Math.abs(mode === 'product' ? e - x : x - e) !== 1));
        const n = mode === 'product' ? e - m : m - e;
        const expr = mode === 'product' ? `${b}^{${m}} \\cdot ${b}^{${n}}` : `\\frac{${b}^{${m}}}{${b}^{${n}}}`;
        const value = power(fraction(b, 1), e);
        const work = mode === 'product' ? `${m} + ${operand(n)}` : `${m} - ${operand(n)}`;
        return {
          prompt: rich(t('Evaluate ', 'Evalúa '), tex(expr), t('. Write your answer as an integer or a fraction in simplest form.', '. Escribe tu respuesta como un número entero o una fracción en su mínima expresión.')),
          answerFormat: rich(t('An integer or a fraction, like 1/27', 'Un número entero o una fracción, como 1/27')),
          answer: { kind: 'number', value: fracValue(value), requireSimplestFraction: true },
          hints: [
            mode === 'product'
              ? rich(t('Same base: add the exponents.', 'Misma base: suma los exponentes.'))
              : rich(t('Same base: subtract the exponent of the denominator from the exponent of the numerator.', 'Misma base: resta el exponente del denominador al exponente del numerador.')),
            rich(t('Write the result as a single power of ', 'Escribe el resultado como una sola potencia de '), tex(b), '.'),
            rich(t('If the exponent is negative, use ', 'Si el exponente es negativo, usa '), tex('a^{-n} = \\frac{1}{a^{n}}'), '.'),
          ],
          solution: [
            rich(tex(`${expr} = ${b}^{${work}} = ${b}^{${e}}`), '.'),
            e < 0 ? rich(tex(`${b}^{${e}} = \\frac{1}{${b}^{${-e}}} = ${fracTex(value)}`), '.') : rich(tex(`${b}^{${e}} = ${fracTex(value)}`), '.'),
            rich(t('The value is ', 'El valor es '), tex(fracTex(value)), '.'),
          ],
        };
      },
    },

    // ---------------------------------------------------------------- g8.multi-step-equations
    {
      key: 'g8.multi-step-equations/variables-both-sides',
      skill: 'g8.multi-step-equations',
      generate(rng, locale) {
        const t = say(locale);
        const v = rng.pick(VARIABLES);
        const coefs = [-9, -8, -7, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        const a = rng.pick(coefs);
        const fractional = rng.chance(0.25);
        // k = a - c: the coefficient left after collecting the variable on the left side.
        const k = rng.pick((fractional ? [-5, -4, -3, -2, 2, 3, 4, 5] : coefs).filter((x) => coefs.includes(a - x)));
        const c = a - k;
        // a·x + b = c·x + d  ⇔  k·x = d − b: choose N = d − b so the solution N/k is an integer or a simple fraction.
        const N = fractional
          ? rng.pick([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].filter((x) => x % Math.abs(k) !== 0)) * (rng.chance(0.5) ? -1 : 1)
          : k * signedInt(rng, 1, 10);
        const solution = fraction(N, k);
        const b = signedInt(rng, 1, 20);
        const dInt = b + N;
        const left = terms([
          [a, v],
          [b, ''],
        ]);
        const right = rng.chance(0.3)
          ? terms([
              [dInt, ''],
              [c, v],
            ])
          : terms([
              [c, v],
              [dInt, ''],
            ]);
        const diff = dInt - b;
        return {
          prompt: rich(t('Solve: ', 'Resuelve: '), tex(`${left} = ${right}`)),
          answerFormat: rich(t('The value of ', 'El valor de '), tex(v), t(', like ', ', como '), tex(`${v} = -2`), t(' or ', ' o '), tex(`${v} = 3/4`)),
          answer: { kind: 'equation-solution', variable: v, value: fracValue(solution) },
          hints: [
            rich(t('Collect the variable terms on one side: ', 'Junta los términos con variable en un lado: '), c > 0 ? t('subtract ', 'resta ') : t('add ', 'suma '), tex(terms([[Math.abs(c), v]])), t(c > 0 ? ' from both sides.' : ' to both sides.', ' en los dos lados.')),
            rich(t('Then collect the numbers on the other side.', 'Después junta los números en el otro lado.')),
            rich(t('Finally divide by the coefficient of ', 'Por último divide entre el coeficiente de '), tex(v), t('; the answer may be a fraction.', '; la respuesta puede ser una fracción.')),
          ],
          solution: [
            rich(c > 0 ? t('Subtract ', 'Resta ') : t('Add ', 'Suma '), tex(terms([[Math.abs(c), v]])), t(c > 0 ? ' from both sides: ' : ' to both sides: ', ' en los dos lados: '), tex(`${terms([[k, v], [b, '']])} = ${dInt}`), '.'),
            rich(b > 0 ? t('Subtract ', 'Resta ') : t('Add ', 'Suma '), tex(Math.abs(b)), t(b > 0 ? ' from both sides: ' : ' to both sides: ', ' en los dos lados: '), tex(`${terms([[k, v]])} = ${diff}`), '.'),
            rich(t('Divide by ', 'Divide entre '), tex(k), ': ', tex(`${v} = \\frac{${diff}}{${k}} = ${fracTex(solution)}`), '.'),
            rich(t('Check: both sides equal ', 'Comprobación: los dos lados valen '), tex(fracTex(fraction(a * solution.n + b * solution.d, solution.d))), t(' when ', ' cuando '), tex(`${v} = ${fracTex(solution)}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g8.multi-step-equations/distribute',
      skill: 'g8.multi-step-equations',
      generate(rng, locale) {
        const t = say(locale);
        const v = rng.pick(VARIABLES);
        const p = signedInt(rng, 2, 6);
        const q = signedInt(rng, 1, 9);
        const r = rng.chance(0.5) ? 0 : signedInt(rng, 1, 12);
        const c = rng.pick([-9, -8, -7, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((x) => x !== p));
        const s = signedInt(rng, 1, 10);
        const constLeft = p * q + r;
        const d = p * s + constLeft - c * s;
        const inner = terms([
          [1, v],
          [q, ''],
        ]);
        const left = `${p}(${inner})${r === 0 ? '' : continueTerms([[r, '']])}`;
        const right = terms([
          [c, v],
          [d, ''],
        ]);
        const k = p - c;
        return {
          prompt: rich(t('Solve: ', 'Resuelve: '), tex(`${left} = ${right}`)),
          answerFormat: rich(t('The value of ', 'El valor de '), tex(v), t(', like ', ', como '), tex(`${v} = -2`)),
          answer: { kind: 'equation-solution', variable: v, value: String(s) },
          hints: [
            rich(t('Use the distributive property to remove the parentheses.', 'Usa la propiedad distributiva para quitar los paréntesis.')),
            rich(t('Combine like terms on each side, then collect the variable terms on one side.', 'Reduce términos semejantes en cada lado y luego junta los términos con variable en un lado.')),
            rich(t('Undo the addition or subtraction, then the multiplication.', 'Deshaz la suma o resta y después la multiplicación.')),
          ],
          solution: [
            rich(t('Distribute: ', 'Distribuye: '), tex(`${terms([[p, v], [p * q, '']])}${r === 0 ? '' : continueTerms([[r, '']])} = ${right}`), '.'),
            ...(r === 0 ? [] : [rich(t('Combine: ', 'Reduce: '), tex(`${terms([[p, v], [constLeft, '']])} = ${right}`), '.')]),
            rich(t('Collect terms: ', 'Junta términos: '), tex(`${terms([[k, v]])} = ${d} - ${operand(constLeft)} = ${d - constLeft}`), '.'),
            rich(tex(`${v} = \\frac{${d - constLeft}}{${k}} = ${s}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g8.multi-step-equations/solution-count',
      skill: 'g8.multi-step-equations',
      generate(rng, locale) {
        const t = say(locale);
        const v = rng.pick(VARIABLES);
        const kind = rng.pick(['one', 'none', 'infinite'] as const);
        const p = signedInt(rng, 2, 6);
        const q = signedInt(rng, 1, 9);
        const r = rng.chance(0.5) ? 0 : signedInt(rng, 1, 9);
        const constLeft = p * q + r;
        const left = `${p}(${terms([
          [1, v],
          [q, ''],
        ])})${r === 0 ? '' : continueTerms([[r, '']])}`;
        const shift = signedInt(rng, 1, 6);
        const c = kind === 'one' ? rng.pick([-6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6].filter((x) => x !== p)) : p;
        const d = kind === 'one' ? signedInt(rng, 1, 20) : kind === 'none' ? constLeft + shift : constLeft;
        const constFirst = rng.chance(0.4);
        const right = constFirst
          ? terms([
              [d, ''],
              [c, v],
            ])
          : terms([
              [c, v],
              [d, ''],
            ]);
        const simplifiedLeft = terms([
          [p, v],
          [constLeft, ''],
        ]);
        const options = [
          { id: 'one', content: rich(t('Exactly one solution', 'Exactamente una solución')) },
          { id: 'none', content: rich(t('No solution', 'Ninguna solución')) },
          { id: 'infinite', content: rich(t('Infinitely many solutions', 'Infinitas soluciones')) },
        ];
        const { choices, correct } = shuffledChoices(
          rng,
          options.map((o) => ({ content: o.content, correct: o.id === kind })),
        );
        const conclusion: RichText =
          kind === 'one'
            ? rich(
                t('The coefficients of ', 'Los coeficientes de '),
                tex(v),
                t(' are different (', ' son diferentes ('),
                tex(`${p} \\ne ${c}`),
                t('), so the equation has exactly one solution.', '), así que la ecuación tiene exactamente una solución.'),
              )
            : kind === 'none'
              ? rich(
                  t('Subtracting ', 'Al restar '),
                  tex(terms([[p, v]])),
                  t(' from both sides leaves ', ' en los dos lados queda '),
                  tex(`${constLeft} = ${d}`),
                  t(', which is never true: no solution.', ', que nunca es verdadero: ninguna solución.'),
                )
              : rich(
                  t('Both sides are the same expression, so every value of ', 'Los dos lados son la misma expresión, así que todo valor de '),
                  tex(v),
                  t(' works: infinitely many solutions.', ' la cumple: infinitas soluciones.'),
                );
        return {
          prompt: rich(t('How many solutions does this equation have? ', '¿Cuántas soluciones tiene esta ecuación? '), tex(`${left} = ${right}`)),
          choices,
          answerFormat: rich(t('Choose one answer', 'Elige una respuesta')),
          answer: { kind: 'choice', correct },
          hints: [
            rich(t('Simplify each side first: distribute and combine like terms.', 'Primero simplifica cada lado: distribuye y reduce términos semejantes.')),
            rich(t('Compare the coefficients of ', 'Compara los coeficientes de '), tex(v), t(' on the two sides.', ' en los dos lados.')),
            rich(
              t(
                'If the coefficients are equal, compare the constants: equal constants mean the sides are identical; different constants mean the equation is never true.',
                'Si los coeficientes son iguales, compara las constantes: constantes iguales significan que los lados son idénticos; constantes diferentes significan que la ecuación nunca se cumple.',
              ),
            ),
          ],
          solution: [
            rich(t('Left side: ', 'Lado izquierdo: '), tex(`${left} = ${simplifiedLeft}`), '.'),
            rich(t('The equation is ', 'La ecuación queda '), tex(`${simplifiedLeft} = ${terms([[c, v], [d, '']])}`), '.'),
            conclusion,
          ],
        };
      },
    },

    // ---------------------------------------------------------------- g8.pythagorean
    {
      key: 'g8.pythagorean/hypotenuse',
      skill: 'g8.pythagorean',
      generate(rng, locale) {
        const t = say(locale);
        const u = rng.pick(['cm', 'm'] as const);
        const base = rng.pick(TRIPLES);
        const k = rng.int(1, Math.max(1, Math.floor(60 / base[2])));
        const [a0, b0, c] = scaledTriple(base, k);
        const [a, b] = rng.chance(0.5) ? [a0, b0] : [b0, a0];
        return {
          prompt: rich(
            t(`A right triangle has legs of ${a} ${u} and ${b} ${u}. How long is the hypotenuse?`, `Un triángulo rectángulo tiene catetos de ${a} ${u} y ${b} ${u}. ¿Cuánto mide la hipotenusa?`),
          ),
          answerFormat: rich(t(`A number in ${u}`, `Un número en ${u}`)),
          answer: { kind: 'number', value: String(c), unit: u },
          hints: [
            rich(t('The Pythagorean theorem: ', 'El teorema de Pitágoras: '), tex('a^2 + b^2 = c^2'), t(', where ', ', donde '), tex('c'), t(' is the hypotenuse.', ' es la hipotenusa.')),
            rich(t('Compute ', 'Calcula '), tex(`${a}^2 + ${b}^2`), '.'),
            rich(t('Take the square root of the sum.', 'Saca la raíz cuadrada de la suma.')),
          ],
          solution: [
            rich(tex(`c^2 = ${a}^2 + ${b}^2 = ${a * a} + ${b * b} = ${c * c}`), '.'),
            rich(tex(`c = \\sqrt{${c * c}} = ${c}`), '.'),
            rich(t(`The hypotenuse is ${c} ${u}.`, `La hipotenusa mide ${c} ${u}.`)),
          ],
        };
      },
    },
    {
      key: 'g8.pythagorean/missing-leg',
      skill: 'g8.pythagorean',
      generate(rng, locale) {
        const t = say(locale);
        const u = rng.pick(['cm', 'm'] as const);
        const base = rng.pick(TRIPLES);
        const k = rng.int(1, Math.max(1, Math.floor(60 / base[2])));
        const [a0, b0, c] = scaledTriple(base, k);
        const [known, missing] = rng.chance(0.5) ? [a0, b0] : [b0, a0];
        return {
          prompt: rich(
            t(
              `A right triangle has a hypotenuse of ${c} ${u} and one leg of ${known} ${u}. How long is the other leg?`,
              `Un triángulo rectángulo tiene una hipotenusa de ${c} ${u} y un cateto de ${known} ${u}. ¿Cuánto mide el otro cateto?`,
            ),
          ),
          answerFormat: rich(t(`A number in ${u}`, `Un número en ${u}`)),
          answer: { kind: 'number', value: String(missing), unit: u },
          hints: [
            rich(t('Use ', 'Usa '), tex('a^2 + b^2 = c^2'), t(' with ', ' con '), tex(`c = ${c}`), '.'),
            rich(t('Subtract to find the missing square: ', 'Resta para encontrar el cuadrado que falta: '), tex(`b^2 = ${c}^2 - ${known}^2`), '.'),
            rich(t('Take the square root.', 'Saca la raíz cuadrada.')),
          ],
          solution: [
            rich(tex(`${known}^2 + b^2 = ${c}^2`), '.'),
            rich(tex(`b^2 = ${c * c} - ${known * known} = ${missing * missing}`), '.'),
            rich(tex(`b = \\sqrt{${missing * missing}} = ${missing}`), t(`, so the other leg is ${missing} ${u}.`, `, así que el otro cateto mide ${missing} ${u}.`)),
          ],
        };
      },
    },
    {
      key: 'g8.pythagorean/word-problem',
      skill: 'g8.pythagorean',
      generate(rng, locale) {
        const t = say(locale);
        const name = rng.pick(NAMES);
        const mode = rng.pick(['ladder', 'screen', 'walk'] as const);
        if (mode === 'ladder') {
          const length = rng.int(5, 15);
          const foot = rng.pick(Array.from({ length: length - 1 }, (_, i) => i + 1).filter((f) => !isSquare(length * length - f * f)));
          const square = length * length - foot * foot;
          const tenths = Math.round(Math.sqrt(square) * 10);
          return {
            prompt: rich(
              t(
                `A ${length}-meter ladder leans against a wall. Its foot is ${foot} meters from the wall. How high up the wall does the ladder reach? Round to the nearest tenth of a meter.`,
                `Una escalera de ${length} metros está apoyada en una pared. Su base está a ${foot} metros de la pared. ¿A qué altura de la pared llega la escalera? Redondea a la décima de metro más cercana.`,
              ),
            ),
            answerFormat: rich(t('A number of meters, rounded to the nearest tenth', 'Un número de metros, redondeado a la décima más cercana')),
            answer: { kind: 'number', value: decimal(tenths, 1), tolerance: 0.05, unit: 'm' },
            hints: [
              rich(t('The ladder is the hypotenuse; the wall and the ground are the legs.', 'La escalera es la hipotenusa; la pared y el suelo son los catetos.')),
              rich(tex(`h^2 + ${foot}^2 = ${length}^2`), '.'),
              rich(t('Find ', 'Encuentra '), tex('h^2'), t(', take the square root and round.', ', saca la raíz cuadrada y redondea.')),
            ],
            solution: [
              rich(tex(`h^2 = ${length}^2 - ${foot}^2 = ${length * length} - ${foot * foot} = ${square}`), '.'),
              rich(tex(`h = \\sqrt{${square}} \\approx ${Math.sqrt(square).toFixed(3)}\\ldots`), '.'),
              rich(t('The ladder reaches about ', 'La escalera llega a unos '), tex(`${decimal(tenths, 1)}\\ \\text{m}`), t(' up the wall.', ' de altura.')),
            ],
          };
        }
        const [w, h] =
          mode === 'screen'
            ? (() => {
                const width = rng.int(20, 90);
                const height = rng.pick(Array.from({ length: 60 }, (_, i) => i + 10).filter((x) => x < width && !isSquare(width * width + x * x)));
                return [width, height] as const;
              })()
            : (() => {
                const north = rng.int(1, 12);
                const east = rng.pick(Array.from({ length: 12 }, (_, i) => i + 1).filter((x) => !isSquare(north * north + x * x)));
                return [north, east] as const;
              })();
        const square = w * w + h * h;
        const tenths = Math.round(Math.sqrt(square) * 10);
        const u = mode === 'screen' ? 'cm' : 'km';
        const text =
          mode === 'screen'
            ? t(
                `A rectangular screen is ${w} cm wide and ${h} cm tall. How long is its diagonal? Round to the nearest tenth of a centimeter.`,
                `Una pantalla rectangular mide ${w} cm de ancho y ${h} cm de alto. ¿Cuánto mide su diagonal? Redondea a la décima de centímetro más cercana.`,
              )
            : t(
                `${name} walks ${w} km north and then ${h} km east. How far is ${name} from the starting point, in a straight line? Round to the nearest tenth of a kilometer.`,
                `${name} camina ${w} km hacia el norte y luego ${h} km hacia el este. ¿A qué distancia en línea recta está del punto de partida? Redondea a la décima de kilómetro más cercana.`,
              );
        return {
          prompt: rich(text),
          answerFormat: rich(t(`A number in ${u}, rounded to the nearest tenth`, `Un número en ${u}, redondeado a la décima más cercana`)),
          answer: { kind: 'number', value: decimal(tenths, 1), tolerance: 0.05, unit: u },
          hints: [
            mode === 'screen'
              ? rich(t('The diagonal splits the rectangle into two right triangles; the diagonal is the hypotenuse.', 'La diagonal divide el rectángulo en dos triángulos rectángulos; la diagonal es la hipotenusa.'))
              : rich(t('North and east are at a right angle, so the straight-line distance is the hypotenuse.', 'El norte y el este forman un ángulo recto, así que la distancia en línea recta es la hipotenusa.')),
            rich(tex(`c^2 = ${w}^2 + ${h}^2`), '.'),
            rich(t('Take the square root and round to the nearest tenth.', 'Saca la raíz cuadrada y redondea a la décima más cercana.')),
          ],
          solution: [
            rich(tex(`c^2 = ${w}^2 + ${h}^2 = ${w * w} + ${h * h} = ${square}`), '.'),
            rich(tex(`c = \\sqrt{${square}} \\approx ${Math.sqrt(square).toFixed(3)}\\ldots`), '.'),
            rich(t('Rounded to the nearest tenth: ', 'Redondeado a la décima más cercana: '), tex(`${decimal(tenths, 1)}\\ \\text{${u}}`), '.'),
          ],
        };
      },
    },

    // ---------------------------------------------------------------- g8.slope
    {
      key: 'g8.slope/two-points',
      skill: 'g8.slope',
      generate(rng, locale) {
        const t = say(locale);
        const [x1, x2] = distinctInts(rng, -9, 9, 2) as [number, number];
        const [y1, y2] = distinctInts(rng, -9, 9, 2) as [number, number];
        const dy = y2 - y1;
        const dx = x2 - x1;
        const m = fraction(dy, dx);
        return {
          prompt: rich(
            t('What is the slope of the line through ', '¿Cuál es la pendiente de la recta que pasa por '),
            tex(`(${x1}, ${y1})`),
            t(' and ', ' y '),
            tex(`(${x2}, ${y2})`),
            t('? Write it as an integer or a fraction in simplest form.', '? Escríbela como un número entero o una fracción en su mínima expresión.'),
          ),
          answerFormat: rich(t('An integer or a fraction, like -3/2', 'Un número entero o una fracción, como -3/2')),
          answer: { kind: 'number', value: fracValue(m), requireSimplestFraction: true },
          hints: [
            rich(t('Slope is the change in ', 'La pendiente es el cambio en '), tex('y'), t(' divided by the change in ', ' dividido entre el cambio en '), tex('x'), ': ', tex('m = \\frac{y_2 - y_1}{x_2 - x_1}'), '.'),
            rich(t('Change in ', 'Cambio en '), tex('y'), ': ', tex(`${y2} - ${operand(y1)}`), t('. Change in ', '. Cambio en '), tex('x'), ': ', tex(`${x2} - ${operand(x1)}`), '.'),
            rich(t('Subtract in the same order in the numerator and the denominator, then simplify.', 'Resta en el mismo orden en el numerador y en el denominador, y luego simplifica.')),
          ],
          solution: [
            rich(tex(`m = \\frac{${y2} - ${operand(y1)}}{${x2} - ${operand(x1)}} = \\frac{${dy}}{${dx}}`), '.'),
            rich(t('Simplify: ', 'Simplifica: '), tex(`m = ${fracTex(m)}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g8.slope/table',
      skill: 'g8.slope',
      generate(rng, locale) {
        const t = say(locale);
        const ctx = rng.pick(SLOPE_TABLES);
        const half = rng.chance(0.4);
        const twiceRate = half ? 2 * rng.int(1, 12) + 1 : 2 * rng.int(2, 15);
        const xs = distinctInts(rng, 1, 10, 4)
          .map((x) => (half ? 2 * x : x))
          .sort((a, b) => a - b);
        const ys = xs.map((x) => (twiceRate * x) / 2);
        const rate = decimal(twiceRate * 5, 1);
        const table = `\\begin{array}{|c|c|c|c|c|}\\hline x & ${xs.join(' & ')} \\\\ \\hline y & ${ys.join(' & ')} \\\\ \\hline \\end{array}`;
        const [xa, xb] = [xs[0]!, xs[1]!];
        const [ya, yb] = [ys[0]!, ys[1]!];
        return {
          prompt: rich(
            ...richFill(ctx.text[locale], { x: [tex('x')], y: [tex('y')] }),
            ' ',
            t('The relationship is proportional. What is the slope of its graph (the unit rate)?', 'La relación es proporcional. ¿Cuál es la pendiente de su gráfica (la tasa unitaria)?'),
            ' ',
            tex(table),
          ),
          answerFormat: rich(t('A number, like 2.5', 'Un número, como 2.5')),
          answer: { kind: 'number', value: rate },
          hints: [
            rich(t('In a proportional relationship, the slope is the unit rate: ', 'En una relación proporcional, la pendiente es la tasa unitaria: '), tex('\\frac{y}{x}'), '.'),
            rich(t('Use two points from the table: ', 'Usa dos puntos de la tabla: '), tex(`\\frac{${yb} - ${ya}}{${xb} - ${xa}}`), '.'),
            rich(t('Check that the same rate works for every column.', 'Comprueba que la misma tasa sirve para todas las columnas.')),
          ],
          solution: [
            rich(tex(`m = \\frac{${yb} - ${ya}}{${xb} - ${xa}} = \\frac{${yb - ya}}{${xb - xa}} = ${rate}`), '.'),
            rich(t('Check: ', 'Comprobación: '), tex(`\\frac{${ys[3]}}{${xs[3]}} = ${rate}`), '.'),
            rich(t('The slope is ', 'La pendiente es '), tex(rate), ` (${ctx.unit[locale]}).`),
          ],
        };
      },
    },
    {
      key: 'g8.slope/compare-rates',
      skill: 'g8.slope',
      generate(rng, locale) {
        const t = say(locale);
        const ctx = rng.pick(RATE_PAIRS);
        const rateA = rng.int(2, 15);
        const p = rng.int(2, 6);
        const q = rng.pick(Array.from({ length: 6 * 15 }, (_, i) => i + 4).filter((y) => y !== rateA * p && Math.abs(y / p - rateA) <= 4 && y / p >= 1));
        const rateB = fraction(q, p);
        const useTable = rng.chance(0.5);
        const aFaster = rateA > q / p;
        const bShown: RichText = useTable
          ? rich(
              ' ',
              tex(
                `\\begin{array}{|c|c|c|c|}\\hline x & ${p} & ${2 * p} & ${3 * p} \\\\ \\hline y & ${q} & ${2 * q} & ${3 * q} \\\\ \\hline \\end{array}`,
              ),
            )
          : rich(t(' the graph is a line through ', ' la gráfica es una recta que pasa por '), tex('(0, 0)'), t(' and ', ' y '), tex(`(${p}, ${q})`), '.');
        const { choices, correct } = shuffledChoices(rng, [
          { content: rich(ctx.a[locale]), correct: aFaster },
          { content: rich(ctx.b[locale]), correct: !aFaster },
          { content: rich(ctx.same[locale]), correct: false },
        ]);
        const bRate = fracTex(rateB);
        const bDecimal = rateB.d === 1 || 100 % rateB.d === 0 ? decimal((rateB.n * 100) / rateB.d, 2) : null;
        return {
          prompt: rich(
            ctx.what[locale],
            ' ',
            t('In each case, ', 'En cada caso, '),
            tex('y'),
            t(` is ${ctx.y.en} after `, ` representa ${ctx.y.es} después de `),
            tex('x'),
            ` ${ctx.x[locale]}. `,
            t(`For ${ctx.a.en}, `, `Para ${ctx.a.es.replace(/^(La|El) /, (m) => m.toLowerCase())}, `),
            tex(`y = ${rateA}x`),
            t(`. For ${ctx.b.en},`, `. Para ${ctx.b.es.replace(/^(La|El) /, (m) => m.toLowerCase())},`),
            ...(useTable ? [t(' the table shows the relationship:', ' la tabla muestra la relación:')] : []),
            ...bShown,
            ' ',
            ctx.question[locale],
          ),
          choices,
          answerFormat: rich(t('Choose one answer', 'Elige una respuesta')),
          answer: { kind: 'choice', correct },
          hints: [
            rich(t('Compare the rates of change (the slopes): the greater slope is faster.', 'Compara las razones de cambio (las pendientes): la mayor pendiente es la más rápida.')),
            rich(t('In ', 'En '), tex('y = mx'), t(', the rate is ', ', la razón de cambio es '), tex('m'), '.'),
            rich(
              t('For the other one, divide ', 'Para la otra, divide '),
              tex('y'),
              t(' by ', ' entre '),
              tex('x'),
              ': ',
              tex(`\\frac{${q}}{${p}}`),
              '.',
            ),
          ],
          solution: [
            rich(t(`${ctx.a.en}: rate `, `${ctx.a.es}: razón de cambio `), tex(rateA), '.'),
            rich(t(`${ctx.b.en}: rate `, `${ctx.b.es}: razón de cambio `), tex(`\\frac{${q}}{${p}}${rateB.d !== p ? ` = ${bRate}` : ''}${bDecimal !== null && rateB.d !== 1 ? ` = ${bDecimal}` : ''}`), '.'),
            rich(
              tex(aFaster ? `${rateA} > ${bRate}` : `${bRate} > ${rateA}`),
              t(`, so the answer is ${aFaster ? ctx.a.en : ctx.b.en}.`, `, así que la respuesta es: ${aFaster ? ctx.a.es : ctx.b.es}.`),
            ),
          ],
        };
      },
    },
  ],
};
