// Grade 7 math item bank: operations with integers, combining like terms, two-step
// equations, percent change, circles and simple probability. Exact arithmetic throughout
// (see the helpers in grade6.ts); rounded answers exist only where the prompt asks for rounding.
import type { Locale, RichText, SkillModule } from '../item';
import { rich, tex } from '../rich';
import {
  NAMES,
  VARIABLES,
  decimal,
  distinctInts,
  fill,
  fraction,
  fracTex,
  fracValue,
  gcd,
  moneyTex,
  moneyText,
  operand,
  say,
  shuffledChoices,
  signedInt,
  terms,
} from './grade6';

/** " + 3x - 2" / " - 3x + 2": terms that continue an expression. */
export function continueTerms(list: ReadonlyArray<readonly [number, string]>): string {
  const body = terms(list);
  return body.startsWith('-') ? ` - ${body.slice(1)}` : ` + ${body}`;
}

/** Sign rule in words for a sum of two integers. */
function addExplanation(a: number, b: number, locale: Locale): RichText {
  const t = say(locale);
  const sum = a + b;
  if (Math.sign(a) === Math.sign(b)) {
    return rich(
      t('Same signs: add the absolute values, ', 'Mismo signo: suma los valores absolutos, '),
      tex(`${Math.abs(a)} + ${Math.abs(b)} = ${Math.abs(sum)}`),
      t(', and keep the sign: ', ', y conserva el signo: '),
      tex(`${a} + ${operand(b)} = ${sum}`),
      '.',
    );
  }
  const big = Math.abs(a) >= Math.abs(b) ? a : b;
  return rich(
    t('Different signs: subtract the absolute values, ', 'Signos diferentes: resta los valores absolutos, '),
    tex(`${Math.max(Math.abs(a), Math.abs(b))} - ${Math.min(Math.abs(a), Math.abs(b))} = ${Math.abs(sum)}`),
    sum === 0
      ? t(': ', ': ')
      : t(`, and take the sign of ${big}: `, `, y toma el signo de ${big}: `),
    tex(`${a} + ${operand(b)} = ${sum}`),
    '.',
  );
}

const SALE_ITEMS = [
  { en: 'jacket', es: 'chaqueta' },
  { en: 'lamp', es: 'lámpara' },
  { en: 'backpack', es: 'mochila' },
  { en: 'skateboard', es: 'patineta' },
  { en: 'guitar', es: 'guitarra' },
] as const;

const CHANGE_STORIES = [
  {
    text: { en: 'The price of a bike went from ${o} to ${n}.', es: 'El precio de una bicicleta pasó de ${o} a ${n}.' },
    lo: 1,
    hi: 20,
  },
  {
    text: { en: 'A chess club had {o} members last year and has {n} members this year.', es: 'Un club de ajedrez tenía {o} miembros el año pasado y este año tiene {n}.' },
    lo: 1,
    hi: 5,
  },
  {
    text: { en: 'A school collected {o} cans of food last month and {n} cans this month.', es: 'Una escuela reunió {o} latas de comida el mes pasado y {n} latas este mes.' },
    lo: 2,
    hi: 30,
  },
  {
    text: { en: 'The price of a video game went from ${o} to ${n}.', es: 'El precio de un videojuego pasó de ${o} a ${n}.' },
    lo: 1,
    hi: 5,
  },
] as const;

const LIKELIHOOD = [
  { en: 'Impossible', es: 'Imposible' },
  { en: 'Unlikely', es: 'Poco probable' },
  { en: 'As likely as not', es: 'Igual de probable que improbable' },
  { en: 'Likely', es: 'Probable' },
  { en: 'Certain', es: 'Seguro' },
] as const;

const COLORS = [
  { en: 'red', es: 'roja', esPlural: 'rojas' },
  { en: 'blue', es: 'azul', esPlural: 'azules' },
  { en: 'green', es: 'verde', esPlural: 'verdes' },
  { en: 'yellow', es: 'amarilla', esPlural: 'amarillas' },
  { en: 'purple', es: 'morada', esPlural: 'moradas' },
] as const;

/**
 * Radii for which rounding π·d and π·r² to the nearest tenth gives the same result with
 * Math.PI, 3.1416 and 3.14159, so a student using any of them gets the same rounded answer.
 */
const STABLE_RADII = Array.from({ length: 30 }, (_, i) => i + 1).filter((r) =>
  [2 * r, r * r].every((x) => {
    const round = (pi: number): number => Math.round(pi * x * 10);
    return round(Math.PI) === round(3.1416) && round(Math.PI) === round(3.14159);
  }),
);

export const grade7: SkillModule = {
  skills: [
    {
      code: 'g7.add-sub-integers',
      standard: '7.NS.A.1',
      grade: 7,
      domain: 'integers',
      name: { en: 'Add and subtract integers', es: 'Suma y resta de números enteros' },
      prerequisites: ['g6.absolute-value-compare'],
    },
    {
      code: 'g7.multiply-divide-integers',
      standard: '7.NS.A.2',
      grade: 7,
      domain: 'integers',
      name: { en: 'Multiply and divide integers', es: 'Multiplicación y división de números enteros' },
      prerequisites: ['g7.add-sub-integers'],
    },
    {
      code: 'g7.combine-like-terms',
      standard: '7.EE.A.1',
      grade: 7,
      domain: 'expressions',
      name: { en: 'Combine like terms', es: 'Reducir términos semejantes' },
      prerequisites: ['g6.distributive-property', 'g7.add-sub-integers'],
    },
    {
      code: 'g7.two-step-equations',
      standard: '7.EE.B.4',
      grade: 7,
      domain: 'equations',
      name: { en: 'Two-step equations', es: 'Ecuaciones de dos pasos' },
      prerequisites: ['g6.one-step-equations', 'g7.multiply-divide-integers'],
    },
    {
      code: 'g7.percent-change',
      standard: '7.RP.A.3',
      grade: 7,
      domain: 'percent',
      name: { en: 'Percent change, discounts and tax', es: 'Cambio porcentual, descuentos e impuestos' },
      prerequisites: ['g6.percent-of-number'],
    },
    {
      code: 'g7.circles',
      standard: '7.G.B.4',
      grade: 7,
      domain: 'geometry',
      name: { en: 'Circumference and area of circles', es: 'Longitud de la circunferencia y área del círculo' },
      prerequisites: ['g5.multiply-decimals'],
    },
    {
      code: 'g7.probability',
      standard: '7.SP.C.5',
      grade: 7,
      domain: 'statistics',
      name: { en: 'Probability of simple events', es: 'Probabilidad de eventos simples' },
      prerequisites: ['g3.unit-fractions'],
    },
  ],
  templates: [
    // ---------------------------------------------------------------- g7.add-sub-integers
    {
      key: 'g7.add-sub-integers/add',
      skill: 'g7.add-sub-integers',
      generate(rng, locale) {
        const t = say(locale);
        const three = rng.chance(0.3);
        const a = signedInt(rng, 1, 25);
        const b = a > 0 ? -rng.int(1, 25) : signedInt(rng, 1, 25);
        const c = signedInt(rng, 1, 15);
        const values = three ? [a, b, c] : [a, b];
        const expr = values.map((v, i) => (i === 0 ? String(v) : operand(v))).join(' + ');
        const sum = values.reduce((s, v) => s + v, 0);
        return {
          prompt: rich(t('Find the sum: ', 'Encuentra la suma: '), tex(expr)),
          answerFormat: rich(t('An integer, like -7', 'Un número entero, como -7')),
          answer: { kind: 'number', value: String(sum) },
          hints: [
            rich(t('Same signs: add the absolute values and keep the sign.', 'Mismo signo: suma los valores absolutos y conserva el signo.')),
            rich(
              t(
                'Different signs: subtract the smaller absolute value from the larger one and keep the sign of the number with the larger absolute value.',
                'Signos diferentes: resta el valor absoluto menor del mayor y conserva el signo del número con mayor valor absoluto.',
              ),
            ),
            three
              ? rich(t('Add from left to right, two numbers at a time.', 'Suma de izquierda a derecha, de dos en dos.'))
              : rich(
                  t('On a number line, start at ', 'En la recta numérica, empieza en '),
                  tex(a),
                  t(` and move ${Math.abs(b)} units to the ${b < 0 ? 'left' : 'right'}.`, ` y avanza ${Math.abs(b)} unidades hacia la ${b < 0 ? 'izquierda' : 'derecha'}.`),
                ),
          ],
          solution: three
            ? [
                addExplanation(a, b, locale),
                addExplanation(a + b, c, locale),
                rich(t('The sum is ', 'La suma es '), tex(sum), '.'),
              ]
            : [addExplanation(a, b, locale), rich(t('The sum is ', 'La suma es '), tex(sum), '.')],
        };
      },
    },
    {
      key: 'g7.add-sub-integers/subtract',
      skill: 'g7.add-sub-integers',
      generate(rng, locale) {
        const t = say(locale);
        const a = signedInt(rng, 1, 25);
        const b = a > 0 ? -rng.int(1, 25) : signedInt(rng, 1, 25);
        const diff = a - b;
        return {
          prompt: rich(t('Find the difference: ', 'Encuentra la diferencia: '), tex(`${a} - ${operand(b)}`)),
          answerFormat: rich(t('An integer, like -7', 'Un número entero, como -7')),
          answer: { kind: 'number', value: String(diff) },
          hints: [
            rich(t('Subtracting a number is the same as adding its opposite.', 'Restar un número es lo mismo que sumar su opuesto.')),
            rich(tex(`${a} - ${operand(b)} = ${a} + ${operand(-b)}`), '.'),
            rich(t('Now use the rules for adding integers.', 'Ahora usa las reglas para sumar números enteros.')),
          ],
          solution: [
            rich(t('Add the opposite: ', 'Suma el opuesto: '), tex(`${a} - ${operand(b)} = ${a} + ${operand(-b)}`), '.'),
            addExplanation(a, -b, locale),
            rich(t('The difference is ', 'La diferencia es '), tex(diff), '.'),
          ],
        };
      },
    },
    {
      key: 'g7.add-sub-integers/word-problem',
      skill: 'g7.add-sub-integers',
      generate(rng, locale) {
        const t = say(locale);
        const mode = rng.pick(['rise', 'drop', 'apart', 'submarine'] as const);
        if (mode === 'rise' || mode === 'drop') {
          const start = mode === 'rise' ? -rng.int(1, 15) : rng.int(-5, 15);
          const change = mode === 'rise' ? rng.int(3, 20) : rng.int(Math.max(5, start + 1), 25);
          const end = mode === 'rise' ? start + change : start - change;
          const expr = mode === 'rise' ? `${start} + ${change}` : `${start} - ${change}`;
          return {
            prompt: rich(
              t('At 6 a.m. the temperature was ', 'A las 6 a.m. la temperatura era de '),
              tex(`${start}^\\circ`),
              mode === 'rise'
                ? t(`. By noon it had risen ${change} degrees. What was the temperature at noon?`, `. Para el mediodía había subido ${change} grados. ¿Cuál era la temperatura al mediodía?`)
                : t(`. By midnight it had dropped ${change} degrees. What was the temperature at midnight?`, `. Para la medianoche había bajado ${change} grados. ¿Cuál era la temperatura a la medianoche?`),
            ),
            answerFormat: rich(t('An integer number of degrees, like -3', 'Un número entero de grados, como -3')),
            answer: { kind: 'number', value: String(end) },
            hints: [
              rich(
                mode === 'rise'
                  ? t('Rising means adding: the temperature goes up the number line.', 'Subir significa sumar: la temperatura avanza hacia arriba en la recta numérica.')
                  : t('Dropping means subtracting: the temperature goes down the number line.', 'Bajar significa restar: la temperatura baja en la recta numérica.'),
              ),
              rich(t('Write the expression: ', 'Escribe la expresión: '), tex(expr), '.'),
              rich(t('Picture a thermometer and count through 0 if you need to.', 'Imagina un termómetro y cuenta pasando por el 0 si hace falta.')),
            ],
            solution: [
              rich(t('Start at ', 'Empieza en '), tex(`${start}^\\circ`), t(mode === 'rise' ? ' and add ' : ' and subtract ', mode === 'rise' ? ' y suma ' : ' y resta '), tex(change), '.'),
              rich(tex(`${expr} = ${end}`), '.'),
              rich(t('The temperature was ', 'La temperatura era de '), tex(`${end}^\\circ`), '.'),
            ],
          };
        }
        if (mode === 'apart') {
          const depth = rng.int(3, 40);
          const height = rng.int(3, 30);
          const distance = height + depth;
          return {
            prompt: rich(
              t('A diver is at an elevation of ', 'Un buzo está a una elevación de '),
              tex(-depth),
              t(' meters, and a seagull is flying at an elevation of ', ' metros y una gaviota vuela a una elevación de '),
              tex(height),
              t(' meters. How many meters apart are they vertically?', ' metros. ¿A cuántos metros de distancia vertical están?'),
            ),
            answerFormat: rich(t('A number of meters', 'Un número de metros')),
            answer: { kind: 'number', value: String(distance), unit: 'm' },
            hints: [
              rich(t('The distance between two elevations is the higher one minus the lower one.', 'La distancia entre dos elevaciones es la mayor menos la menor.')),
              rich(t('Write ', 'Escribe '), tex(`${height} - (${-depth})`), '.'),
              rich(t('Subtracting a negative number is the same as adding its opposite.', 'Restar un número negativo es lo mismo que sumar su opuesto.')),
            ],
            solution: [
              rich(t('Distance = higher − lower: ', 'Distancia = mayor − menor: '), tex(`${height} - (${-depth})`), '.'),
              rich(tex(`${height} - (${-depth}) = ${height} + ${depth} = ${distance}`), '.'),
              rich(t('They are ', 'Están a '), tex(distance), t(' meters apart.', ' metros de distancia.')),
            ],
          };
        }
        const depth = rng.int(50, 300);
        const rise = rng.int(10, depth - 5);
        const end = -depth + rise;
        return {
          prompt: rich(
            t('A submarine is at an elevation of ', 'Un submarino está a una elevación de '),
            tex(-depth),
            t(' meters. It rises ', ' metros. Sube '),
            tex(rise),
            t(' meters. What is its new elevation in meters?', ' metros. ¿Cuál es su nueva elevación en metros?'),
          ),
          answerFormat: rich(t('An integer, like -45', 'Un número entero, como -45')),
          answer: { kind: 'number', value: String(end), unit: 'm' },
          hints: [
            rich(t('Rising means adding to the elevation.', 'Subir significa sumar a la elevación.')),
            rich(t('Write the expression: ', 'Escribe la expresión: '), tex(`${-depth} + ${rise}`), '.'),
            rich(t('The signs are different: subtract the absolute values and keep the sign of the larger one.', 'Los signos son diferentes: resta los valores absolutos y conserva el signo del mayor.')),
          ],
          solution: [
            rich(tex(`${-depth} + ${rise}`), '.'),
            rich(tex(`${depth} - ${rise} = ${depth - rise}`), t(', and the result is negative because ', ', y el resultado es negativo porque '), tex(`${depth} > ${rise}`), '.'),
            rich(t('The new elevation is ', 'La nueva elevación es '), tex(end), t(' meters.', ' metros.')),
          ],
        };
      },
    },

    // ---------------------------------------------------------------- g7.multiply-divide-integers
    {
      key: 'g7.multiply-divide-integers/multiply',
      skill: 'g7.multiply-divide-integers',
      generate(rng, locale) {
        const t = say(locale);
        const three = rng.chance(0.35);
        const factors = three ? [signedInt(rng, 2, 6), signedInt(rng, 2, 6), signedInt(rng, 2, 6)] : [signedInt(rng, 2, 12), signedInt(rng, 2, 12)];
        if (factors.every((f) => f > 0)) factors[rng.int(0, factors.length - 1)]! *= -1;
        const product = factors.reduce((p, f) => p * f, 1);
        const absProduct = Math.abs(product);
        const negatives = factors.filter((f) => f < 0).length;
        const expr = factors.map((f, i) => (i === 0 ? String(f) : operand(f))).join(' \\times ');
        return {
          prompt: rich(t('Find the product: ', 'Encuentra el producto: '), tex(expr)),
          answerFormat: rich(t('An integer, like -24', 'Un número entero, como -24')),
          answer: { kind: 'number', value: String(product) },
          hints: [
            rich(t('Multiply the absolute values first.', 'Primero multiplica los valores absolutos.')),
            rich(
              t(
                'Then decide the sign: an even number of negative factors gives a positive product; an odd number gives a negative product.',
                'Luego decide el signo: un número par de factores negativos da un producto positivo; un número impar da un producto negativo.',
              ),
            ),
            rich(t(`Count the negative factors here.`, `Cuenta los factores negativos que hay aquí.`)),
          ],
          solution: [
            rich(t('Absolute values: ', 'Valores absolutos: '), tex(`${factors.map((f) => Math.abs(f)).join(' \\times ')} = ${absProduct}`), '.'),
            rich(
              t(
                `There ${negatives === 1 ? 'is 1 negative factor' : `are ${negatives} negative factors`}, so the product is ${negatives % 2 === 0 ? 'positive' : 'negative'}.`,
                `Hay ${negatives} ${negatives === 1 ? 'factor negativo' : 'factores negativos'}, así que el producto es ${negatives % 2 === 0 ? 'positivo' : 'negativo'}.`,
              ),
            ),
            rich(tex(`${expr} = ${product}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g7.multiply-divide-integers/divide',
      skill: 'g7.multiply-divide-integers',
      generate(rng, locale) {
        const t = say(locale);
        const divisor = signedInt(rng, 2, 12);
        let quotient = signedInt(rng, 2, 15);
        if (divisor > 0 && quotient > 0) quotient = -quotient;
        const dividend = divisor * quotient;
        const asFraction = rng.chance(0.35);
        const expr = asFraction ? `\\frac{${dividend}}{${divisor}}` : `${dividend} \\div ${operand(divisor)}`;
        const sameSign = Math.sign(dividend) === Math.sign(divisor);
        return {
          prompt: rich(t('Find the quotient: ', 'Encuentra el cociente: '), tex(expr)),
          answerFormat: rich(t('An integer, like -6', 'Un número entero, como -6')),
          answer: { kind: 'number', value: String(quotient) },
          hints: [
            rich(t('Divide the absolute values first.', 'Primero divide los valores absolutos.')),
            rich(
              t(
                'Same signs give a positive quotient; different signs give a negative quotient.',
                'Signos iguales dan un cociente positivo; signos diferentes dan un cociente negativo.',
              ),
            ),
            rich(t('Check with multiplication: the quotient times ', 'Comprueba con una multiplicación: el cociente por '), tex(divisor), t(' must equal ', ' debe dar '), tex(dividend), '.'),
          ],
          solution: [
            rich(t('Absolute values: ', 'Valores absolutos: '), tex(`${Math.abs(dividend)} \\div ${Math.abs(divisor)} = ${Math.abs(quotient)}`), '.'),
            rich(
              t(
                `The signs are ${sameSign ? 'the same' : 'different'}, so the quotient is ${sameSign ? 'positive' : 'negative'}.`,
                `Los signos son ${sameSign ? 'iguales' : 'diferentes'}, así que el cociente es ${sameSign ? 'positivo' : 'negativo'}.`,
              ),
            ),
            rich(tex(`${expr} = ${quotient}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g7.multiply-divide-integers/sign-choice',
      skill: 'g7.multiply-divide-integers',
      generate(rng, locale) {
        const t = say(locale);
        const k = rng.int(3, 5);
        const factors = Array.from({ length: k }, () => signedInt(rng, 1, 9));
        if (rng.chance(0.15)) factors[rng.int(0, k - 1)] = 0;
        const product = factors.reduce((p, f) => p * f, 1);
        const negatives = factors.filter((f) => f < 0).length;
        const expr = factors.map((f) => `(${f})`).join('');
        const sign = product === 0 ? 'zero' : product > 0 ? 'positive' : 'negative';
        const { choices, correct } = shuffledChoices(rng, [
          { content: rich(t('Positive', 'Positivo')), correct: sign === 'positive' },
          { content: rich(t('Negative', 'Negativo')), correct: sign === 'negative' },
          { content: rich(t('Zero', 'Cero')), correct: sign === 'zero' },
        ]);
        return {
          prompt: rich(t('Without multiplying it out, decide: is this product positive, negative or zero? ', 'Sin hacer toda la multiplicación, decide: ¿este producto es positivo, negativo o cero? '), tex(expr)),
          choices,
          answerFormat: rich(t('Choose one answer', 'Elige una respuesta')),
          answer: { kind: 'choice', correct },
          hints: [
            rich(t('If any factor is 0, the product is 0.', 'Si algún factor es 0, el producto es 0.')),
            rich(t('Otherwise, count the negative factors.', 'Si no, cuenta los factores negativos.')),
            rich(
              t(
                'An even number of negative factors makes the product positive; an odd number makes it negative.',
                'Un número par de factores negativos hace que el producto sea positivo; un número impar hace que sea negativo.',
              ),
            ),
          ],
          solution:
            sign === 'zero'
              ? [
                  rich(t('One of the factors is ', 'Uno de los factores es '), tex(0), '.'),
                  rich(t('Any number times 0 is 0, so the product is zero.', 'Cualquier número por 0 es 0, así que el producto es cero.')),
                ]
              : [
                  rich(t(`There ${negatives === 1 ? 'is 1 negative factor' : `are ${negatives} negative factors`}.`, `Hay ${negatives} ${negatives === 1 ? 'factor negativo' : 'factores negativos'}.`)),
                  rich(
                    t(
                      `${negatives} is ${negatives % 2 === 0 ? 'even' : 'odd'}, so the product is ${sign}`,
                      `${negatives} es ${negatives % 2 === 0 ? 'par' : 'impar'}, así que el producto es ${sign === 'positive' ? 'positivo' : 'negativo'}`,
                    ),
                    ' (',
                    tex(`${expr} = ${product}`),
                    ').',
                  ),
                ],
        };
      },
    },

    // ---------------------------------------------------------------- g7.combine-like-terms
    {
      key: 'g7.combine-like-terms/combine',
      skill: 'g7.combine-like-terms',
      generate(rng, locale) {
        const t = say(locale);
        const v = rng.pick(VARIABLES);
        const coefs = [-9, -8, -7, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        const consts = [-12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        const a = rng.pick(coefs.filter((c) => c !== 1 && c !== -1));
        const c = rng.pick(coefs.filter((x) => x !== -a));
        const b = rng.pick(consts);
        const d = rng.pick(consts.filter((x) => x !== -b));
        const order = rng.pick([
          [0, 1, 2, 3],
          [0, 2, 1, 3],
          [1, 0, 3, 2],
          [0, 1, 3, 2],
          [1, 2, 0, 3],
        ]);
        const pieces: Array<readonly [number, string]> = [
          [a, v],
          [b, ''],
          [c, v],
          [d, ''],
        ];
        const expr = terms(order.map((i) => pieces[i]!));
        const result = terms([
          [a + c, v],
          [b + d, ''],
        ]);
        return {
          prompt: rich(t('Simplify by combining like terms: ', 'Simplifica reduciendo términos semejantes: '), tex(expr)),
          answerFormat: rich(t('An expression, like 3x - 5', 'Una expresión, como 3x - 5')),
          answer: { kind: 'expression', value: result, variables: [v] },
          hints: [
            rich(
              t('Like terms have the same variable part: the terms with ', 'Los términos semejantes tienen la misma parte literal: los términos con '),
              tex(v),
              t(' go together and the numbers go together.', ' van juntos y los números van juntos.'),
            ),
            rich(t('Each term keeps the sign in front of it.', 'Cada término conserva el signo que tiene delante.')),
            rich(t('Add the coefficients: ', 'Suma los coeficientes: '), tex(`${a} + ${operand(c)}`), t(', then add the constants.', ' y luego suma las constantes.')),
          ],
          solution: [
            rich(t('Group like terms: ', 'Agrupa los términos semejantes: '), tex(`(${terms([pieces[0]!, pieces[2]!])}) + (${terms([pieces[1]!, pieces[3]!])})`), '.'),
            rich(tex(`${a} + ${operand(c)} = ${a + c}`), t(' and ', ' y '), tex(`${b} + ${operand(d)} = ${b + d}`), '.'),
            rich(t('The simplified expression is ', 'La expresión simplificada es '), tex(result), '.'),
          ],
        };
      },
    },
    {
      key: 'g7.combine-like-terms/distribute-combine',
      skill: 'g7.combine-like-terms',
      generate(rng, locale) {
        const t = say(locale);
        const v = rng.pick(VARIABLES);
        const k = signedInt(rng, 2, 6);
        const p = rng.int(1, 5);
        const q = signedInt(rng, 1, 9);
        const r = rng.pick([-9, -8, -7, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((x) => x !== -k * p));
        const s = rng.chance(0.5) ? 0 : rng.pick([-9, -8, -7, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((x) => x !== -k * q));
        const inner = terms([
          [p, v],
          [q, ''],
        ]);
        const parenFirst = rng.chance(0.6);
        const rest: Array<readonly [number, string]> = [
          [r, v],
          [s, ''],
        ];
        const expr = parenFirst ? `${k}(${inner})${continueTerms(rest)}` : `${terms(rest)} ${k < 0 ? '-' : '+'} ${Math.abs(k)}(${inner})`;
        const distributed: Array<readonly [number, string]> = [
          [k * p, v],
          [k * q, ''],
        ];
        const expanded = parenFirst ? `${terms(distributed)}${continueTerms(rest)}` : `${terms(rest)}${continueTerms(distributed)}`;
        const result = terms([
          [k * p + r, v],
          [k * q + s, ''],
        ]);
        return {
          prompt: rich(t('Simplify: ', 'Simplifica: '), tex(expr)),
          answerFormat: rich(t('An expression without parentheses, like 3x - 5', 'Una expresión sin paréntesis, como 3x - 5')),
          answer: { kind: 'expression', value: result, variables: [v], form: 'expanded' },
          hints: [
            rich(t('First use the distributive property: multiply ', 'Primero usa la propiedad distributiva: multiplica '), tex(k), t(' by each term in the parentheses.', ' por cada término de los paréntesis.')),
            rich(t('Watch the signs: a negative times a negative is positive.', 'Cuidado con los signos: negativo por negativo da positivo.')),
            rich(t('Then combine the like terms.', 'Después reduce los términos semejantes.')),
          ],
          solution: [
            rich(t('Distribute: ', 'Distribuye: '), tex(`${k}(${inner}) = ${terms(distributed)}`), '.'),
            rich(t('Rewrite: ', 'Reescribe: '), tex(expanded), '.'),
            rich(t('Combine like terms: ', 'Reduce términos semejantes: '), tex(result), '.'),
          ],
        };
      },
    },
    {
      key: 'g7.combine-like-terms/two-variables',
      skill: 'g7.combine-like-terms',
      generate(rng, locale) {
        const t = say(locale);
        const [v, w] = rng.pick([
          ['x', 'y'],
          ['a', 'k'],
          ['p', 'n'],
          ['c', 'w'],
        ] as const);
        const coefs = [-9, -8, -7, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        const a = rng.pick(coefs.filter((x) => Math.abs(x) > 1));
        const c = rng.pick(coefs.filter((x) => x !== -a));
        const b = rng.pick(coefs.filter((x) => Math.abs(x) > 1));
        const d = rng.pick(coefs.filter((x) => x !== -b));
        const pieces: Array<readonly [number, string]> = [
          [a, v],
          [b, w],
          [c, v],
          [d, w],
        ];
        const order = rng.pick([
          [0, 1, 2, 3],
          [0, 1, 3, 2],
          [1, 0, 2, 3],
          [0, 3, 1, 2],
        ]);
        const expr = terms(order.map((i) => pieces[i]!));
        const result = terms([
          [a + c, v],
          [b + d, w],
        ]);
        return {
          prompt: rich(t('Simplify by combining like terms: ', 'Simplifica reduciendo términos semejantes: '), tex(expr)),
          answerFormat: rich(t('An expression, like ', 'Una expresión, como '), tex(`2${v} - 3${w}`)),
          answer: { kind: 'expression', value: result, variables: [v, w] },
          hints: [
            rich(
              t('Terms with ', 'Los términos con '),
              tex(v),
              t(' combine only with terms with ', ' solo se reducen con términos con '),
              tex(v),
              t('; the same goes for ', '; lo mismo pasa con '),
              tex(w),
              '.',
            ),
            rich(t('Each term keeps the sign in front of it.', 'Cada término conserva el signo que tiene delante.')),
            rich(t('Add the coefficients of each variable separately.', 'Suma por separado los coeficientes de cada variable.')),
          ],
          solution: [
            rich(t('Group like terms: ', 'Agrupa los términos semejantes: '), tex(`(${terms([pieces[0]!, pieces[2]!])}) + (${terms([pieces[1]!, pieces[3]!])})`), '.'),
            rich(tex(`${a} + ${operand(c)} = ${a + c}`), t(' and ', ' y '), tex(`${b} + ${operand(d)} = ${b + d}`), '.'),
            rich(t('The simplified expression is ', 'La expresión simplificada es '), tex(result), '.'),
          ],
        };
      },
    },

    // ---------------------------------------------------------------- g7.two-step-equations
    {
      key: 'g7.two-step-equations/solve',
      skill: 'g7.two-step-equations',
      generate(rng, locale) {
        const t = say(locale);
        const v = rng.pick(VARIABLES);
        const mode = rng.pick(['linear', 'linear', 'const-first', 'fraction'] as const);
        const q = signedInt(rng, 1, 20);
        if (mode === 'fraction') {
          const p = rng.int(2, 9);
          const k = signedInt(rng, 1, 10);
          const sol = p * k;
          const r = k + q;
          const eq = `\\frac{${v}}{${p}}${continueTerms([[q, '']])} = ${r}`;
          return {
            prompt: rich(t('Solve: ', 'Resuelve: '), tex(eq)),
            answerFormat: rich(t('The value of ', 'El valor de '), tex(v), t(', like ', ', como '), tex(`${v} = -4`)),
            answer: { kind: 'equation-solution', variable: v, value: String(sol) },
            hints: [
              rich(t(q > 0 ? 'First subtract ' : 'First add ', q > 0 ? 'Primero resta ' : 'Primero suma '), tex(Math.abs(q)), t(q > 0 ? ' from both sides.' : ' to both sides.', ' en los dos lados.')),
              rich(t('Then multiply both sides by ', 'Después multiplica los dos lados por '), tex(p), '.'),
              rich(t('Check your answer by substituting it into the equation.', 'Comprueba tu respuesta sustituyéndola en la ecuación.')),
            ],
            solution: [
              rich(tex(`\\frac{${v}}{${p}} = ${r} ${q > 0 ? '-' : '+'} ${Math.abs(q)} = ${k}`), '.'),
              rich(tex(`${v} = ${k} \\cdot ${p} = ${sol}`), '.'),
              rich(t('Check: ', 'Comprobación: '), tex(`\\frac{${sol}}{${p}}${continueTerms([[q, '']])} = ${k}${continueTerms([[q, '']])} = ${r}`), '.'),
            ],
          };
        }
        const p = signedInt(rng, 2, 9);
        const sol = signedInt(rng, 1, 12);
        const r = p * sol + q;
        const left =
          mode === 'const-first'
            ? terms([
                [q, ''],
                [p, v],
              ])
            : terms([
                [p, v],
                [q, ''],
              ]);
        return {
          prompt: rich(t('Solve: ', 'Resuelve: '), tex(`${left} = ${r}`)),
          answerFormat: rich(t('The value of ', 'El valor de '), tex(v), t(', like ', ', como '), tex(`${v} = -4`)),
          answer: { kind: 'equation-solution', variable: v, value: String(sol) },
          hints: [
            rich(t(q > 0 ? 'First subtract ' : 'First add ', q > 0 ? 'Primero resta ' : 'Primero suma '), tex(Math.abs(q)), t(q > 0 ? ' from both sides.' : ' to both sides.', ' en los dos lados.')),
            rich(t('Then divide both sides by ', 'Después divide los dos lados entre '), tex(p), '.'),
            rich(t('Check your answer by substituting it into the equation.', 'Comprueba tu respuesta sustituyéndola en la ecuación.')),
          ],
          solution: [
            rich(tex(`${terms([[p, v]])} = ${r} ${q > 0 ? '-' : '+'} ${Math.abs(q)}`), t(', so ', ', así que '), tex(`${terms([[p, v]])} = ${r - q}`), '.'),
            rich(tex(`${v} = \\frac{${r - q}}{${p}} = ${sol}`), '.'),
            rich(t('Check: ', 'Comprobación: '), tex(`${p}(${sol})${continueTerms([[q, '']])} = ${p * sol}${continueTerms([[q, '']])} = ${r}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g7.two-step-equations/parentheses',
      skill: 'g7.two-step-equations',
      generate(rng, locale) {
        const t = say(locale);
        const v = rng.pick(VARIABLES);
        const p = signedInt(rng, 2, 9);
        const q = signedInt(rng, 1, 10);
        const sol = rng.pick([-12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].filter((s) => s !== -q));
        const inside = sol + q;
        const r = p * inside;
        const inner = terms([
          [1, v],
          [q, ''],
        ]);
        return {
          prompt: rich(t('Solve: ', 'Resuelve: '), tex(`${p}(${inner}) = ${r}`)),
          answerFormat: rich(t('The value of ', 'El valor de '), tex(v), t(', like ', ', como '), tex(`${v} = -4`)),
          answer: { kind: 'equation-solution', variable: v, value: String(sol) },
          hints: [
            rich(t('Divide both sides by ', 'Divide los dos lados entre '), tex(p), t(' to undo the multiplication.', ' para deshacer la multiplicación.')),
            rich(t(q > 0 ? 'Then subtract ' : 'Then add ', q > 0 ? 'Después resta ' : 'Después suma '), tex(Math.abs(q)), t(q > 0 ? ' from both sides.' : ' to both sides.', ' en los dos lados.')),
            rich(t('You could also distribute first: ', 'También puedes distribuir primero: '), tex(`${p}(${inner}) = ${terms([[p, v], [p * q, '']])}`), '.'),
          ],
          solution: [
            rich(t('Divide both sides by ', 'Divide los dos lados entre '), tex(p), ': ', tex(`${inner} = ${inside}`), '.'),
            rich(tex(`${v} = ${inside} ${q > 0 ? '-' : '+'} ${Math.abs(q)} = ${sol}`), '.'),
            rich(t('Check: ', 'Comprobación: '), tex(`${p}(${sol}${continueTerms([[q, '']])}) = ${p}(${inside}) = ${r}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g7.two-step-equations/word-problem',
      skill: 'g7.two-step-equations',
      generate(rng, locale) {
        const t = say(locale);
        const name = rng.pick(NAMES);
        const mode = rng.pick(['plan', 'trip', 'savings', 'temperature'] as const);
        const n = rng.int(2, 12);
        let text: string;
        let equation: string;
        let start: number;
        let rate: number;
        let total: number;
        let unitWord: string;
        if (mode === 'plan') {
          start = 5 * rng.int(4, 12);
          rate = 5 * rng.int(2, 8);
          total = start + rate * n;
          text = t(
            `A phone plan charges a one-time fee of $${start} plus $${rate} per month. ${name} has paid $${total} in all. For how many months has ${name} had the plan?`,
            `Un plan de teléfono cobra una cuota única de $${start} más $${rate} al mes. ${name} ha pagado $${total} en total. ¿Cuántos meses ha tenido el plan?`,
          );
          equation = `${start} + ${rate}n = ${total}`;
          unitWord = t('months', 'meses');
        } else if (mode === 'trip') {
          start = 10 * rng.int(8, 30);
          rate = rng.int(5, 25);
          total = start + rate * (n + 10);
          text = t(
            `A class trip costs $${start} for the bus plus $${rate} per student. The total cost is $${total}. How many students are going?`,
            `Una excursión escolar cuesta $${start} por el autobús más $${rate} por estudiante. El costo total es de $${total}. ¿Cuántos estudiantes van?`,
          );
          equation = `${start} + ${rate}n = ${total}`;
          unitWord = t('students', 'estudiantes');
        } else if (mode === 'savings') {
          start = rng.int(5, 60);
          rate = rng.int(4, 25);
          total = start + rate * n;
          text = t(
            `${name} has $${start} and saves $${rate} each week. After how many weeks will ${name} have $${total}?`,
            `${name} tiene $${start} y ahorra $${rate} cada semana. ¿Después de cuántas semanas tendrá $${total}?`,
          );
          equation = `${start} + ${rate}n = ${total}`;
          unitWord = t('weeks', 'semanas');
        } else {
          start = rng.pick([-5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
          rate = -rng.int(2, 5);
          total = start + rate * n;
          text = t(
            `The temperature is ${start} degrees and drops ${-rate} degrees every hour. After how many hours will the temperature be ${total} degrees?`,
            `La temperatura es de ${start} grados y baja ${-rate} grados cada hora. ¿Después de cuántas horas será de ${total} grados?`,
          );
          equation = `${start} - ${-rate}n = ${total}`;
          unitWord = t('hours', 'horas');
        }
        const answer = mode === 'trip' ? n + 10 : n;
        return {
          prompt: rich(text),
          answerFormat: rich(t('A whole number', 'Un número entero')),
          answer: { kind: 'number', value: String(answer) },
          hints: [
            rich(t('Let ', 'Sea '), tex('n'), t(' be the unknown number. Write an equation: ', ' el número desconocido. Escribe una ecuación: '), tex(equation), '.'),
            start < 0
              ? rich(t('First add ', 'Primero suma '), tex(-start), t(' to both sides.', ' en los dos lados.'))
              : rich(t('First subtract ', 'Primero resta '), tex(start), t(' from both sides.', ' en los dos lados.')),
            rich(t('Then divide both sides by ', 'Después divide los dos lados entre '), tex(rate), '.'),
          ],
          solution: [
            rich(t('Equation: ', 'Ecuación: '), tex(equation), '.'),
            rich(tex(`${rate}n = ${total} ${start < 0 ? '+' : '-'} ${Math.abs(start)} = ${total - start}`), '.'),
            rich(tex(`n = ${total - start} \\div ${operand(rate)} = ${answer}`), '.'),
            rich(t(`The answer is ${answer} ${unitWord}.`, `La respuesta es ${answer} ${unitWord}.`)),
          ],
        };
      },
    },

    // ---------------------------------------------------------------- g7.percent-change
    {
      key: 'g7.percent-change/percent-change',
      skill: 'g7.percent-change',
      generate(rng, locale) {
        const t = say(locale);
        const story = rng.pick(CHANGE_STORIES);
        const original = 20 * rng.int(story.lo, story.hi);
        const increase = rng.chance(0.5);
        const p = increase ? 5 * rng.int(1, 20) : 5 * rng.int(1, 18);
        const change = (original * p) / 100;
        const final = increase ? original + change : original - change;
        return {
          prompt: rich(
            fill(story.text[locale], { o: original, n: final }),
            ' ',
            increase ? t('What is the percent increase?', '¿Cuál es el porcentaje de aumento?') : t('What is the percent decrease?', '¿Cuál es el porcentaje de disminución?'),
          ),
          answerFormat: rich(t('A percent, like 25%', 'Un porcentaje, como 25%')),
          answer: { kind: 'number', value: String(p), unit: '%' },
          hints: [
            rich(t('Find the amount of change: ', 'Encuentra la cantidad de cambio: '), tex(increase ? `${final} - ${original}` : `${original} - ${final}`), '.'),
            rich(t('Divide the change by the original amount, ', 'Divide el cambio entre la cantidad original, '), tex(original), t(', not by the new amount.', ', no entre la nueva.')),
            rich(t('Write the result as a percent.', 'Escribe el resultado como porcentaje.')),
          ],
          solution: [
            rich(t('Change: ', 'Cambio: '), tex(`${increase ? `${final} - ${original}` : `${original} - ${final}`} = ${change}`), '.'),
            rich(tex(`\\frac{${change}}{${original}} = \\frac{${p}}{100} = ${p}\\%`), '.'),
            rich(t(`The percent ${increase ? 'increase' : 'decrease'} is `, `El porcentaje de ${increase ? 'aumento' : 'disminución'} es `), tex(`${p}\\%`), '.'),
          ],
        };
      },
    },
    {
      key: 'g7.percent-change/final-amount',
      skill: 'g7.percent-change',
      generate(rng, locale) {
        const t = say(locale);
        const name = rng.pick(NAMES);
        const item = rng.pick(SALE_ITEMS);
        const mode = rng.pick(['discount', 'tax', 'tip', 'markup'] as const);
        const price = mode === 'tip' ? rng.int(12, 90) : rng.int(10, 200);
        const p =
          mode === 'discount'
            ? rng.pick([10, 15, 20, 25, 30, 40, 50])
            : mode === 'tax'
              ? rng.pick([5, 6, 7, 8])
              : mode === 'tip'
                ? rng.pick([15, 18, 20])
                : rng.pick([20, 25, 40, 50, 75, 100]);
        const add = mode !== 'discount';
        const changeCents = price * p; // p% of price dollars, in cents
        const finalCents = price * 100 + (add ? changeCents : -changeCents);
        const texts = {
          discount: t(
            `A ${item.en} costs $${price}. It is on sale for ${p}% off. What is the sale price?`,
            `Una ${item.es} cuesta $${price}. Tiene un descuento del ${p}%. ¿Cuál es el precio con descuento?`,
          ),
          tax: t(
            `A ${item.en} costs $${price} before tax. The sales tax is ${p}%. What is the total cost with tax?`,
            `Una ${item.es} cuesta $${price} antes de impuestos. El impuesto sobre la venta es del ${p}%. ¿Cuál es el costo total con impuesto?`,
          ),
          tip: t(
            `A meal costs $${price}. ${name} leaves a ${p}% tip. What is the total cost, including the tip?`,
            `Una comida cuesta $${price}. ${name} deja una propina del ${p}%. ¿Cuál es el costo total con la propina incluida?`,
          ),
          markup: t(
            `A store buys a ${item.en} for $${price} and marks up the price by ${p}%. What is the selling price?`,
            `Una tienda compra una ${item.es} en $${price} y aumenta el precio un ${p}%. ¿Cuál es el precio de venta?`,
          ),
        };
        const changeName = {
          discount: t('discount', 'descuento'),
          tax: t('tax', 'impuesto'),
          tip: t('tip', 'propina'),
          markup: t('markup', 'aumento'),
        }[mode];
        return {
          prompt: rich(texts[mode]),
          answerFormat: rich(t('An amount in dollars, like 45.50', 'Una cantidad en dólares, como 45.50')),
          answer: { kind: 'number', value: decimal(finalCents, 2), unit: '$' },
          hints: [
            rich(t(`Find the ${changeName}: `, `Encuentra el ${changeName === 'propina' ? 'monto de la propina' : changeName}: `), tex(`${p}\\%`), t(' of ', ' de '), tex(`\\$${price}`), '.'),
            rich(tex(`${p}\\% = ${decimal(p, 2)}`), t(', so multiply ', ', así que multiplica '), tex(`${decimal(p, 2)} \\times ${price}`), '.'),
            rich(add ? t('Add it to the original amount.', 'Súmalo a la cantidad original.') : t('Subtract it from the original price.', 'Réstalo del precio original.')),
          ],
          solution: [
            rich(t(`The ${changeName}: `, `${changeName === 'propina' ? 'La propina' : `El ${changeName}`}: `), tex(`${decimal(p, 2)} \\times ${price} = ${moneyTex(changeCents)}`), '.'),
            rich(tex(`\\$${price} ${add ? '+' : '-'} ${moneyTex(changeCents)} = ${moneyTex(finalCents)}`), '.'),
            rich(t('The answer is ', 'La respuesta es '), tex(moneyTex(finalCents)), '.'),
          ],
        };
      },
    },
    {
      key: 'g7.percent-change/original-amount',
      skill: 'g7.percent-change',
      generate(rng, locale) {
        const t = say(locale);
        const item = rng.pick(SALE_ITEMS);
        const original = 20 * rng.int(1, 15);
        const discount = rng.chance(0.6);
        const p = discount ? rng.pick([10, 15, 20, 25, 30, 40, 50, 60, 75]) : rng.pick([10, 15, 20, 25, 30, 40, 50]);
        const factor = discount ? 100 - p : 100 + p;
        const final = (original * factor) / 100;
        const g = gcd(factor, 100);
        return {
          prompt: rich(
            discount
              ? t(
                  `After a ${p}% discount, a ${item.en} costs $${final}. What was the original price?`,
                  `Después de un descuento del ${p}%, una ${item.es} cuesta $${final}. ¿Cuál era el precio original?`,
                )
              : t(
                  `After a ${p}% price increase, a ${item.en} costs $${final}. What was the price before the increase?`,
                  `Después de un aumento del ${p}%, una ${item.es} cuesta $${final}. ¿Cuál era el precio antes del aumento?`,
                ),
          ),
          answerFormat: rich(t('An amount in dollars', 'Una cantidad en dólares')),
          answer: { kind: 'number', value: String(original), unit: '$' },
          hints: [
            rich(
              t('The new price is ', 'El nuevo precio es el '),
              tex(`100\\% ${discount ? '-' : '+'} ${p}\\% = ${factor}\\%`),
              t(' of the original price.', ' del precio original.'),
            ),
            rich(t('Write an equation: ', 'Escribe una ecuación: '), tex(`\\frac{${factor}}{100} \\times x = ${final}`), '.'),
            rich(t('Divide both sides by ', 'Divide los dos lados entre '), tex(`\\frac{${factor}}{100}`), t(' (multiply by its reciprocal).', ' (multiplica por su recíproco).')),
          ],
          solution: [
            rich(tex(`\\frac{${factor}}{100} \\times x = ${final}`), t(', and ', ', y '), tex(`\\frac{${factor}}{100} = \\frac{${factor / g}}{${100 / g}}`), '.'),
            rich(tex(`x = ${final} \\times \\frac{${100 / g}}{${factor / g}} = ${original}`), '.'),
            rich(t('The original price was ', 'El precio original era '), tex(`\\$${original}`), '.'),
          ],
        };
      },
    },

    // ---------------------------------------------------------------- g7.circles
    {
      key: 'g7.circles/circumference',
      skill: 'g7.circles',
      generate(rng, locale) {
        const t = say(locale);
        const u = rng.pick(['cm', 'm'] as const);
        const r = rng.int(2, 25);
        const giveDiameter = rng.chance(0.5);
        const d = 2 * r;
        const value = decimal(314 * d, 2);
        return {
          prompt: rich(
            giveDiameter
              ? t(`A circle has a diameter of ${d} ${u}. `, `Un círculo tiene un diámetro de ${d} ${u}. `)
              : t(`A circle has a radius of ${r} ${u}. `, `Un círculo tiene un radio de ${r} ${u}. `),
            t('What is its circumference? Use ', '¿Cuál es la longitud de su circunferencia? Usa '),
            tex('3.14'),
            t(' for ', ' para '),
            tex('\\pi'),
            '.',
          ),
          answerFormat: rich(t(`A number in ${u}, like 31.4`, `Un número en ${u}, como 31.4`)),
          answer: { kind: 'number', value, unit: u },
          hints: [
            rich(t('The circumference is ', 'La longitud de la circunferencia es '), tex('C = \\pi d'), t(', or ', ', o '), tex('C = 2\\pi r'), '.'),
            giveDiameter
              ? rich(t('You already have the diameter: ', 'Ya tienes el diámetro: '), tex(`d = ${d}`), '.')
              : rich(t('The diameter is twice the radius: ', 'El diámetro es el doble del radio: '), tex(`d = 2 \\times ${r} = ${d}`), '.'),
            rich(t('Multiply ', 'Multiplica '), tex(`3.14 \\times ${d}`), '.'),
          ],
          solution: [
            ...(giveDiameter ? [] : [rich(tex(`d = 2r = 2 \\times ${r} = ${d}`), '.')]),
            rich(tex(`C = \\pi d \\approx 3.14 \\times ${d}`), '.'),
            rich(tex(`C \\approx ${value}\\ \\text{${u}}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g7.circles/area',
      skill: 'g7.circles',
      generate(rng, locale) {
        const t = say(locale);
        const u = rng.pick(['cm', 'm'] as const);
        const r = rng.int(2, 20);
        const giveDiameter = rng.chance(0.4);
        const value = decimal(314 * r * r, 2);
        return {
          prompt: rich(
            giveDiameter
              ? t(`A circle has a diameter of ${2 * r} ${u}. `, `Un círculo tiene un diámetro de ${2 * r} ${u}. `)
              : t(`A circle has a radius of ${r} ${u}. `, `Un círculo tiene un radio de ${r} ${u}. `),
            t('What is its area? Use ', '¿Cuál es su área? Usa '),
            tex('3.14'),
            t(' for ', ' para '),
            tex('\\pi'),
            '.',
          ),
          answerFormat: rich(t('A number in ', 'Un número en '), tex(`\\text{${u}}^2`), t(', like 78.5', ', como 78.5')),
          answer: { kind: 'number', value, unit: `${u}^2` },
          hints: [
            rich(t('The area of a circle is ', 'El área de un círculo es '), tex('A = \\pi r^2'), '.'),
            giveDiameter
              ? rich(t('The radius is half the diameter: ', 'El radio es la mitad del diámetro: '), tex(`r = ${2 * r} \\div 2 = ${r}`), '.')
              : rich(t('Square the radius first: ', 'Primero eleva el radio al cuadrado: '), tex(`${r}^2 = ${r * r}`), '.'),
            rich(t('Then multiply by 3.14.', 'Luego multiplica por 3.14.')),
          ],
          solution: [
            ...(giveDiameter ? [rich(tex(`r = ${2 * r} \\div 2 = ${r}`), '.')] : []),
            rich(tex(`A = \\pi r^2 \\approx 3.14 \\times ${r}^2 = 3.14 \\times ${r * r}`), '.'),
            rich(tex(`A \\approx ${value}\\ \\text{${u}}^2`), '.'),
          ],
        };
      },
    },
    {
      key: 'g7.circles/nearest-tenth',
      skill: 'g7.circles',
      generate(rng, locale) {
        const t = say(locale);
        const u = rng.pick(['cm', 'm'] as const);
        const r = rng.pick(STABLE_RADII);
        const askArea = rng.chance(0.5);
        const giveDiameter = rng.chance(0.5);
        const x = askArea ? r * r : 2 * r;
        const tenths = Math.round(Math.PI * x * 10);
        const value = decimal(tenths, 1);
        const unitTex = askArea ? `\\text{${u}}^2` : `\\text{${u}}`;
        return {
          prompt: rich(
            giveDiameter
              ? t(`A circle has a diameter of ${2 * r} ${u}. `, `Un círculo tiene un diámetro de ${2 * r} ${u}. `)
              : t(`A circle has a radius of ${r} ${u}. `, `Un círculo tiene un radio de ${r} ${u}. `),
            askArea ? t('What is its area? ', '¿Cuál es su área? ') : t('What is its circumference? ', '¿Cuál es la longitud de su circunferencia? '),
            t('Use the ', 'Usa la tecla '),
            tex('\\pi'),
            t(' key on a calculator and round your answer to the nearest tenth.', ' de la calculadora y redondea tu respuesta a la décima más cercana.'),
          ),
          answerFormat: rich(t('A number rounded to the nearest tenth, in ', 'Un número redondeado a la décima más cercana, en '), tex(unitTex)),
          answer: { kind: 'number', value, tolerance: 0.05, unit: askArea ? `${u}^2` : u },
          hints: [
            askArea ? rich(tex('A = \\pi r^2'), '.') : rich(tex('C = \\pi d'), t(', where ', ', donde '), tex('d = 2r'), '.'),
            giveDiameter === askArea
              ? rich(
                  askArea ? t('The radius is half the diameter.', 'El radio es la mitad del diámetro.') : t('The diameter is twice the radius.', 'El diámetro es el doble del radio.'),
                )
              : rich(t('Substitute the measurement you were given into the formula.', 'Sustituye en la fórmula la medida que te dieron.')),
            rich(t('Look at the hundredths digit to decide how to round to the tenths place.', 'Fíjate en el dígito de las centésimas para decidir cómo redondear a las décimas.')),
          ],
          solution: [
            askArea
              ? rich(tex(`A = \\pi \\times ${r}^2 = ${r * r}\\pi`), '.')
              : rich(tex(`C = \\pi \\times ${2 * r} = ${2 * r}\\pi`), '.'),
            rich(tex(`${x}\\pi \\approx ${(Math.PI * x).toFixed(3)}\\ldots`), '.'),
            rich(t('Rounded to the nearest tenth: ', 'Redondeado a la décima más cercana: '), tex(`${value}\\ ${unitTex}`), '.'),
          ],
        };
      },
    },

    // ---------------------------------------------------------------- g7.probability
    {
      key: 'g7.probability/likelihood',
      skill: 'g7.probability',
      generate(rng, locale) {
        const t = say(locale);
        const category = rng.int(0, 4);
        const bag = rng.chance(0.4);
        let prompt: RichText;
        let probabilityTex: string;
        if (bag) {
          const [c1, c2] = rng.shuffle(COLORS).slice(0, 2) as [(typeof COLORS)[number], (typeof COLORS)[number]];
          const drawn = rng.int(6, 20);
          // "As likely as not" needs an even number of marbles.
          const tot = category === 2 && drawn % 2 === 1 ? drawn + 1 : drawn;
          const fav =
            category === 0
              ? 0
              : category === 4
                ? tot
                : category === 2
                  ? tot / 2
                  : category === 1
                    ? rng.int(1, Math.ceil(tot / 2) - 1)
                    : rng.int(Math.floor(tot / 2) + 1, tot - 1);
          const other = tot - fav;
          probabilityTex = `\\frac{${fav}}{${tot}}`;
          const contents =
            category === 0 || category === 4
              ? t(`A bag has ${tot} marbles, and all of them are ${category === 4 ? c1.en : c2.en}.`, `Una bolsa tiene ${tot} canicas y todas son ${category === 4 ? c1.esPlural : c2.esPlural}.`)
              : t(`A bag has ${fav} ${c1.en} marbles and ${other} ${c2.en} marbles.`, `Una bolsa tiene ${fav} canicas ${c1.esPlural} y ${other} canicas ${c2.esPlural}.`);
          prompt = rich(
            contents,
            t(
              ` You pick one marble without looking. How likely is it that you pick a ${c1.en} marble?`,
              ` Sacas una canica sin mirar. ¿Qué tan probable es que saques una canica ${c1.es}?`,
            ),
          );
        } else {
          const form = rng.pick(['fraction', 'decimal', 'percent'] as const);
          const d = rng.int(3, 12);
          const value =
            category === 0
              ? fraction(0, 1)
              : category === 4
                ? fraction(1, 1)
                : category === 2
                  ? fraction(1, 2)
                  : category === 1
                    ? form === 'fraction'
                      ? fraction(rng.int(1, Math.ceil(d / 2) - 1), d)
                      : fraction(rng.int(1, 9), 20)
                    : form === 'fraction'
                      ? fraction(rng.int(Math.floor(d / 2) + 1, d - 1), d)
                      : fraction(rng.int(11, 19), 20);
          probabilityTex =
            value.d === 1
              ? String(value.n)
              : form === 'fraction'
                ? fracTex(value)
                : form === 'decimal'
                  ? decimal((value.n * 100) / value.d, 2)
                  : `${(value.n * 100) / value.d}\\%`;
          prompt = rich(
            t('The probability of an event is ', 'La probabilidad de un evento es '),
            tex(probabilityTex),
            t('. Which word or phrase best describes how likely the event is?', '. ¿Qué palabra o frase describe mejor qué tan probable es el evento?'),
          );
        }
        const { choices, correct } = shuffledChoices(
          rng,
          LIKELIHOOD.map((label, i) => ({ content: rich(label[locale]), correct: i === category })),
        );
        const label = LIKELIHOOD[category]![locale];
        const reason = [
          t('A probability of 0 means the event cannot happen.', 'Una probabilidad de 0 significa que el evento no puede ocurrir.'),
          t('The probability is between 0 and 1/2.', 'La probabilidad está entre 0 y 1/2.'),
          t('The probability is exactly 1/2.', 'La probabilidad es exactamente 1/2.'),
          t('The probability is between 1/2 and 1.', 'La probabilidad está entre 1/2 y 1.'),
          t('A probability of 1 means the event will surely happen.', 'Una probabilidad de 1 significa que el evento ocurrirá con seguridad.'),
        ][category]!;
        return {
          prompt,
          choices,
          answerFormat: rich(t('Choose one answer', 'Elige una respuesta')),
          answer: { kind: 'choice', correct },
          hints: [
            rich(t('Probabilities go from 0 (impossible) to 1 (certain).', 'Las probabilidades van de 0 (imposible) a 1 (seguro).')),
            rich(t('A probability of ', 'Una probabilidad de '), tex('\\frac{1}{2}'), t(' means the event is as likely to happen as not.', ' significa que el evento tiene la misma probabilidad de ocurrir que de no ocurrir.')),
            rich(t('Compare the probability with 0, ', 'Compara la probabilidad con 0, '), tex('\\frac{1}{2}'), t(' and 1.', ' y 1.')),
          ],
          solution: [
            rich(t('The probability is ', 'La probabilidad es '), tex(probabilityTex), '.'),
            rich(reason),
            rich(t('So the event is: ', 'Así que el evento es: '), label, '.'),
          ],
        };
      },
    },
    {
      key: 'g7.probability/marbles',
      skill: 'g7.probability',
      generate(rng, locale) {
        const t = say(locale);
        const colors = rng.shuffle(COLORS).slice(0, 3);
        const counts = colors.map(() => rng.int(2, 10));
        const target = rng.int(0, 2);
        const not = rng.chance(0.35);
        const total = counts.reduce((s, c) => s + c, 0);
        const favorable = not ? total - counts[target]! : counts[target]!;
        const p = fraction(favorable, total);
        const color = colors[target]!;
        const listEn = `${counts[0]} ${colors[0]!.en}, ${counts[1]} ${colors[1]!.en} and ${counts[2]} ${colors[2]!.en} marbles`;
        const listEs = `${counts[0]} canicas ${colors[0]!.esPlural}, ${counts[1]} ${colors[1]!.esPlural} y ${counts[2]} ${colors[2]!.esPlural}`;
        return {
          prompt: rich(
            t(
              `A bag has ${listEn}. You pick one marble without looking. What is the probability that it is ${not ? 'not ' : ''}${color.en}? Write it as a fraction in simplest form.`,
              `Una bolsa tiene ${listEs}. Sacas una canica sin mirar. ¿Cuál es la probabilidad de que ${not ? 'no ' : ''}sea ${color.es}? Escríbela como una fracción en su mínima expresión.`,
            ),
          ),
          answerFormat: rich(t('A fraction in simplest form, like 2/5', 'Una fracción en su mínima expresión, como 2/5')),
          answer: { kind: 'number', value: fracValue(p), requireSimplestFraction: true },
          hints: [
            rich(t('Probability = favorable outcomes ÷ total outcomes.', 'Probabilidad = casos favorables ÷ casos totales.')),
            rich(t('Total number of marbles: ', 'Número total de canicas: '), tex(counts.join(' + ')), '.'),
            not
              ? rich(t(`Count the marbles that are not ${color.en}.`, `Cuenta las canicas que no son ${color.esPlural}.`))
              : rich(t(`Count the ${color.en} marbles.`, `Cuenta las canicas ${color.esPlural}.`)),
          ],
          solution: [
            rich(t('Total: ', 'Total: '), tex(`${counts.join(' + ')} = ${total}`), t(' marbles.', ' canicas.')),
            rich(
              t('Favorable: ', 'Favorables: '),
              not ? tex(`${total} - ${counts[target]} = ${favorable}`) : tex(favorable),
              t(not ? ` marbles that are not ${color.en}.` : ` ${color.en} marbles.`, not ? ` canicas que no son ${color.esPlural}.` : ` canicas ${color.esPlural}.`),
            ),
            rich(tex(`P = \\frac{${favorable}}{${total}}${p.d !== total ? ` = ${fracTex(p)}` : ''}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g7.probability/spinner',
      skill: 'g7.probability',
      generate(rng, locale) {
        const t = say(locale);
        const n = rng.int(4, 12);
        const event = rng.pick(['greater', 'less', 'even', 'odd', 'multiple'] as const);
        const k = event === 'greater' ? rng.int(1, n - 1) : event === 'less' ? rng.int(2, n) : event === 'multiple' ? rng.int(3, 4) : 0;
        const outcomes = Array.from({ length: n }, (_, i) => i + 1).filter((x) =>
          event === 'greater' ? x > k : event === 'less' ? x < k : event === 'even' ? x % 2 === 0 : event === 'odd' ? x % 2 === 1 : x % k === 0,
        );
        const p = fraction(outcomes.length, n);
        const eventText = {
          greater: t(`a number greater than ${k}`, `un número mayor que ${k}`),
          less: t(`a number less than ${k}`, `un número menor que ${k}`),
          even: t('an even number', 'un número par'),
          odd: t('an odd number', 'un número impar'),
          multiple: t(`a multiple of ${k}`, `un múltiplo de ${k}`),
        }[event];
        return {
          prompt: rich(
            t(
              `A spinner has ${n} equal sections numbered 1 to ${n}. What is the probability of spinning ${eventText}? Write it as a fraction in simplest form.`,
              `Una ruleta tiene ${n} secciones iguales numeradas del 1 al ${n}. ¿Cuál es la probabilidad de que salga ${eventText}? Escríbela como una fracción en su mínima expresión.`,
            ),
          ),
          answerFormat: rich(t('A fraction in simplest form, like 1/3', 'Una fracción en su mínima expresión, como 1/3')),
          answer: { kind: 'number', value: fracValue(p), requireSimplestFraction: true },
          hints: [
            rich(t(`There are ${n} equally likely outcomes.`, `Hay ${n} resultados igualmente probables.`)),
            rich(
              t(
                `List the favorable outcomes: the numbers from 1 to ${n} that give ${eventText}.`,
                `Haz una lista de los resultados favorables: los números del 1 al ${n} que dan ${eventText}.`,
              ),
            ),
            rich(t('Write favorable over total, then simplify.', 'Escribe favorables sobre totales y simplifica.')),
          ],
          solution: [
            rich(t('Favorable outcomes: ', 'Resultados favorables: '), tex(outcomes.join(',\\ ')), t(` (${outcomes.length} of them).`, ` (${outcomes.length} en total).`)),
            rich(tex(`P = \\frac{${outcomes.length}}{${n}}${p.d !== n ? ` = ${fracTex(p)}` : ''}`), '.'),
          ],
        };
      },
    },
  ],
};
