// Grade 3 built-in math skills: rounding, adding and subtracting within 1000, multiplication
// and division facts, unit and equivalent fractions, area and perimeter of rectangles.
// Every template draws all its numbers from rng before looking at the locale, so the English
// and Spanish items for one seed ask the same question.
import type { Choice, ItemTemplate, Locale, Rng, RichText, Segment, SkillModule } from '../item';
import { rich, tex } from '../rich';

const NAMES = [
  'Amara', 'Diego', 'Mei', 'Omar', 'Priya', 'Kofi', 'Sofía', 'Liam', 'Aiyana', 'Hana', 'Mateo', 'Zara',
  'Jin', 'Nia', 'Ravi', 'Lucía', 'Tomás', 'Yusuf', 'Elena', 'Kai', 'Leila', 'Malik', 'Ana', 'Sami',
] as const;

/** Picks the English or the Spanish string. */
const say = (locale: Locale) => (en: string, es: string): string => (locale === 'en' ? en : es);

/** A number in TeX with thousands grouped (English 1{,}000; Spanish groups from 10 000 on, with a thin space). */
function num(n: number, locale: Locale): string {
  const digits = String(n);
  if (n < 1000 || (locale === 'es' && n < 10000)) return digits;
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'en' ? '{,}' : '\\,');
}

const frac = (a: number, b: number): string => `\\frac{${a}}{${b}}`;

/** "a, b and c" with each item as TeX, for spreading into rich(). */
function texList(items: string[], locale: Locale): (string | Segment)[] {
  return items.flatMap((item, i) => [
    ...(i === 0 ? [] : [i === items.length - 1 ? say(locale)(' and ', ' y ') : ', ']),
    tex(item),
  ]);
}

/** Shuffles the options with rng and labels them a, b, c… in display order. */
function choicesFrom(rng: Rng, options: { content: RichText; correct: boolean }[]): { choices: Choice[]; correct: string[] } {
  const shuffled = rng.shuffle(options);
  const choices = shuffled.map((o, i) => ({ id: String.fromCharCode(97 + i), content: o.content }));
  return { choices, correct: choices.filter((_, i) => shuffled[i]!.correct).map((c) => c.id) };
}

const wholeNumber = (locale: Locale): RichText => rich(say(locale)('A whole number', 'Un número entero'));
const aFraction = (locale: Locale): RichText => rich(say(locale)('A fraction, like 3/4', 'Una fracción, como 3/4'));

type LengthUnit = 'cm' | 'm';
const UNIT_NAMES: Record<LengthUnit, Record<Locale, [string, string]>> = {
  // [length, area]
  cm: { en: ['centimeters', 'square centimeters'], es: ['centímetros', 'centímetros cuadrados'] },
  m: { en: ['meters', 'square meters'], es: ['metros', 'metros cuadrados'] },
};
const len = (n: number, unit: LengthUnit): string => `${n}\\text{ ${unit}}`;
const sq = (n: number, unit: LengthUnit): string => `${n}\\text{ ${unit}}^2`;
const lengthFormat = (unit: LengthUnit, locale: Locale): RichText =>
  rich(say(locale)('A number of ', 'Un número de '), UNIT_NAMES[unit][locale][0], ' (', tex(`\\text{${unit}}`), ')');
const areaFormat = (unit: LengthUnit, locale: Locale): RichText =>
  rich(say(locale)('A number of ', 'Un número de '), UNIT_NAMES[unit][locale][1], ' (', tex(`\\text{${unit}}^2`), ')');

// ---------------------------------------------------------------------------------------
// g3.round-10-100

const PLACE_NAMES: Record<10 | 100, Record<Locale, string>> = {
  10: { en: 'ten', es: 'decena' },
  100: { en: 'hundred', es: 'centena' },
};

/** Hints and solution for rounding n to the nearest place (10 or 100). */
function roundingSteps(n: number, place: 10 | 100, locale: Locale): { hints: RichText[]; solution: RichText[]; answer: number } {
  const t = say(locale);
  const lower = Math.floor(n / place) * place;
  const upper = lower + place;
  const answer = n - lower >= place / 2 ? upper : lower;
  const digitName = place === 10 ? t('ones', 'unidades') : t('tens', 'decenas');
  const digit = place === 10 ? n % 10 : Math.floor(n / 10) % 10;
  const up = answer === upper;
  return {
    answer,
    hints: [
      rich(t(`Which two multiples of ${place} is `, `¿Entre qué dos múltiplos de ${place} está `), n, t(' between?', '?')),
      rich(
        n,
        t(' is between ', ' está entre '),
        tex(num(lower, locale)),
        t(' and ', ' y '),
        tex(num(upper, locale)),
        t('. Which one is it closer to?', '. ¿A cuál está más cerca?'),
      ),
      rich(
        t(`Look at the ${digitName} digit: 5 or more rounds up, less than 5 rounds down.`,
          `Mira el dígito de las ${digitName}: si es 5 o más, se redondea hacia arriba; si es menor que 5, hacia abajo.`),
      ),
    ],
    solution: [
      rich(n, t(' is between ', ' está entre '), tex(num(lower, locale)), t(' and ', ' y '), tex(num(upper, locale)), '.'),
      rich(
        t(`The ${digitName} digit is ${digit}`, `El dígito de las ${digitName} es ${digit}`),
        up ? t(', which is 5 or more, so round up.', ', que es 5 o más, así que se redondea hacia arriba.')
          : t(', which is less than 5, so round down.', ', que es menor que 5, así que se redondea hacia abajo.'),
      ),
      rich(
        n,
        t(` rounded to the nearest ${PLACE_NAMES[place].en} is `, ` redondeado a la ${PLACE_NAMES[place].es} más cercana es `),
        tex(num(answer, locale)),
        '.',
      ),
    ],
  };
}

/** A 3-digit number that is not already a multiple of place. */
function numberToRound(rng: Rng, place: 10 | 100): number {
  return place === 10 ? 10 * rng.int(10, 99) + rng.int(1, 9) : 100 * rng.int(1, 9) + rng.int(1, 99);
}

const ROUNDING_CONTEXTS: { en: (n: number, name: string) => string; es: (n: number, name: string) => string }[] = [
  { en: (n) => `A school library has ${n} books.`, es: (n) => `La biblioteca de una escuela tiene ${n} libros.` },
  { en: (n) => `A section of a stadium has ${n} seats.`, es: (n) => `Una sección de un estadio tiene ${n} asientos.` },
  { en: (n, name) => `${name} walked ${n} steps during recess.`, es: (n, name) => `${name} caminó ${n} pasos durante el recreo.` },
  { en: (n) => `A farm has ${n} chickens.`, es: (n) => `Una granja tiene ${n} gallinas.` },
  { en: (n) => `A bakery sold ${n} loaves of bread this week.`, es: (n) => `Una panadería vendió ${n} panes esta semana.` },
  { en: (n) => `The path from the park to the museum is ${n} meters long.`, es: (n) => `El camino del parque al museo mide ${n} metros.` },
  { en: (n, name) => `${name}'s puzzle has ${n} pieces.`, es: (n, name) => `El rompecabezas de ${name} tiene ${n} piezas.` },
  { en: (n) => `${n} people came to the school concert.`, es: (n) => `${n} personas fueron al concierto de la escuela.` },
];

// ---------------------------------------------------------------------------------------
// g3.add-sub-1000

/** Adds or subtracts b from a one place at a time: 437 + 285 → 437 + 200, + 80, + 5. */
function placeValueSteps(a: number, b: number, op: '+' | '-', locale: Locale): { hints: RichText[]; solution: RichText[]; result: number } {
  const t = say(locale);
  const parts = [Math.floor(b / 100) * 100, (Math.floor(b / 10) % 10) * 10, b % 10].filter((p) => p > 0);
  const result = op === '+' ? a + b : a - b;
  const sign = op === '+' ? '+' : '-';
  const steps: RichText[] = [];
  let running = a;
  for (const part of parts) {
    const next = op === '+' ? running + part : running - part;
    steps.push(rich(tex(`${num(running, locale)} ${sign} ${part} = ${num(next, locale)}`)));
    running = next;
  }
  const verb = op === '+' ? t('Add', 'Suma') : t('Subtract', 'Resta');
  return {
    result,
    hints: [
      rich(t(`Break ${b} into hundreds, tens and ones.`, `Descompón ${b} en centenas, decenas y unidades.`)),
      rich(tex(`${b} = ${parts.join(' + ')}`), t(`. ${verb} one part at a time, starting from ${a}.`, `. ${verb} una parte a la vez, empezando por ${a}.`)),
      rich(t('First step: ', 'Primer paso: '), steps[0]![0]!, t('. Keep going with the next part.', '. Sigue con la siguiente parte.')),
    ],
    solution: [
      rich(t('Break ', 'Descompón '), b, t(' into ', ' en '), tex(parts.join(' + ')), '.'),
      ...steps.slice(0, -1),
      rich(steps[steps.length - 1]![0]!, t(', so ', ', así que '), tex(`${a} ${sign} ${b} = ${num(result, locale)}`), '.'),
    ],
  };
}

/** a + b ≤ 999 or a − b ≥ 50; b is never a whole number of hundreds (that needs no method). */
function addSubNumbers(rng: Rng): { a: number; b: number; op: '+' | '-' } {
  const op = rng.pick(['+', '-'] as const);
  let a: number;
  let b: number;
  if (op === '+') {
    a = rng.int(101, 698);
    b = rng.int(101, 999 - a);
  } else {
    a = rng.int(300, 999);
    b = rng.int(101, a - 50);
  }
  if (b % 100 === 0) b -= 1;
  return { a, b, op };
}

const ADD_CONTEXTS: { en: (a: number, b: number, name: string) => string; es: (a: number, b: number, name: string) => string; unit: Record<Locale, string> }[] = [
  {
    en: (a, b, name) => `${name} read ${a} pages last month and ${b} pages this month. How many pages did ${name} read in all?`,
    es: (a, b, name) => `${name} leyó ${a} páginas el mes pasado y ${b} páginas este mes. ¿Cuántas páginas leyó en total?`,
    unit: { en: 'pages', es: 'páginas' },
  },
  {
    en: (a, b) => `A school collected ${a} cans for recycling on Monday and ${b} cans on Tuesday. How many cans did it collect in all?`,
    es: (a, b) => `Una escuela juntó ${a} latas para reciclar el lunes y ${b} latas el martes. ¿Cuántas latas juntó en total?`,
    unit: { en: 'cans', es: 'latas' },
  },
  {
    en: (a, b) => `A museum had ${a} visitors on Saturday and ${b} visitors on Sunday. How many visitors came that weekend?`,
    es: (a, b) => `Un museo tuvo ${a} visitantes el sábado y ${b} visitantes el domingo. ¿Cuántos visitantes llegaron ese fin de semana?`,
    unit: { en: 'visitors', es: 'visitantes' },
  },
  {
    en: (a, b, name) => `${name} biked ${a} meters to the park and then ${b} meters to the library. How many meters did ${name} bike?`,
    es: (a, b, name) => `${name} fue en bicicleta ${a} metros hasta el parque y luego ${b} metros hasta la biblioteca. ¿Cuántos metros recorrió?`,
    unit: { en: 'meters', es: 'metros' },
  },
  {
    en: (a, b) => `A garden has ${a} red flowers and ${b} yellow flowers. How many flowers does it have?`,
    es: (a, b) => `Un jardín tiene ${a} flores rojas y ${b} flores amarillas. ¿Cuántas flores tiene en total?`,
    unit: { en: 'flowers', es: 'flores' },
  },
];

const SUBTRACT_CONTEXTS: typeof ADD_CONTEXTS = [
  {
    en: (a, b) => `A theater has ${a} seats. ${b} seats are taken. How many seats are empty?`,
    es: (a, b) => `Un teatro tiene ${a} butacas. Hay ${b} butacas ocupadas. ¿Cuántas butacas están vacías?`,
    unit: { en: 'seats', es: 'butacas' },
  },
  {
    en: (a, b) => `A bakery made ${a} rolls and sold ${b} of them. How many rolls are left?`,
    es: (a, b) => `Una panadería hizo ${a} bolillos y vendió ${b}. ¿Cuántos bolillos quedan?`,
    unit: { en: 'rolls', es: 'bolillos' },
  },
  {
    en: (a, b, name) => `A hiking trail is ${a} meters long. ${name} has walked ${b} meters. How many meters are left?`,
    es: (a, b, name) => `Un sendero mide ${a} metros. ${name} ya caminó ${b} metros. ¿Cuántos metros le faltan?`,
    unit: { en: 'meters', es: 'metros' },
  },
  {
    en: (a, b, name) => `${name}'s class wants to collect ${a} bottle caps. So far it has ${b}. How many more bottle caps does it need?`,
    es: (a, b, name) => `El grupo de ${name} quiere juntar ${a} tapitas. Hasta ahora tiene ${b}. ¿Cuántas tapitas le faltan?`,
    unit: { en: 'bottle caps', es: 'tapitas' },
  },
  {
    en: (a, b) => `A box held ${a} beads. ${b} beads were used to make bracelets. How many beads are still in the box?`,
    es: (a, b) => `Una caja tenía ${a} cuentas. Se usaron ${b} cuentas para hacer pulseras. ¿Cuántas cuentas quedan en la caja?`,
    unit: { en: 'beads', es: 'cuentas' },
  },
];

// ---------------------------------------------------------------------------------------
// g3.mult-facts-2-5, g3.mult-facts-6-9, g3.division-facts

const EQUAL_GROUPS: {
  en: (g: number, s: number, name: string) => string;
  es: (g: number, s: number, name: string) => string;
  unit: Record<Locale, string>;
}[] = [
  {
    en: (g, s, name) => `${name} has ${g} boxes of crayons. Each box holds ${s} crayons. How many crayons does ${name} have in all?`,
    es: (g, s, name) => `${name} tiene ${g} cajas de crayones. Cada caja tiene ${s} crayones. ¿Cuántos crayones tiene en total?`,
    unit: { en: 'crayons', es: 'crayones' },
  },
  {
    en: (g, s) => `A classroom has ${g} rows of chairs with ${s} chairs in each row. How many chairs are there?`,
    es: (g, s) => `Un salón tiene ${g} filas de sillas con ${s} sillas en cada fila. ¿Cuántas sillas hay?`,
    unit: { en: 'chairs', es: 'sillas' },
  },
  {
    en: (g, s, name) => `${name} buys ${g} packs of juice boxes. Each pack has ${s} juice boxes. How many juice boxes is that?`,
    es: (g, s, name) => `${name} compra ${g} paquetes de jugos. Cada paquete trae ${s} jugos. ¿Cuántos jugos son en total?`,
    unit: { en: 'juice boxes', es: 'jugos' },
  },
  {
    en: (g, s) => `There are ${g} vases with ${s} flowers in each vase. How many flowers are there altogether?`,
    es: (g, s) => `Hay ${g} floreros con ${s} flores en cada uno. ¿Cuántas flores hay en total?`,
    unit: { en: 'flowers', es: 'flores' },
  },
  {
    en: (g, s, name) => `${name} makes ${g} plates of fruit with ${s} strawberries on each plate. How many strawberries does ${name} use?`,
    es: (g, s, name) => `${name} prepara ${g} platos de fruta con ${s} fresas en cada plato. ¿Cuántas fresas usa?`,
    unit: { en: 'strawberries', es: 'fresas' },
  },
  {
    en: (g, s) => `A vegetable garden has ${g} rows of plants. Each row has ${s} plants. How many plants are in the garden?`,
    es: (g, s) => `Un huerto tiene ${g} hileras de plantas. Cada hilera tiene ${s} plantas. ¿Cuántas plantas hay en el huerto?`,
    unit: { en: 'plants', es: 'plantas' },
  },
  {
    en: (g, s) => `There are ${g} teams in a tournament, and each team has ${s} players. How many players are there in all?`,
    es: (g, s) => `En un torneo hay ${g} equipos y cada equipo tiene ${s} jugadores. ¿Cuántos jugadores hay en total?`,
    unit: { en: 'players', es: 'jugadores' },
  },
  {
    en: (g, s, name) => `${name} has a sheet of stickers with ${g} rows and ${s} stickers in each row. How many stickers are on the sheet?`,
    es: (g, s, name) => `${name} tiene una hoja de calcomanías con ${g} filas y ${s} calcomanías en cada fila. ¿Cuántas calcomanías hay en la hoja?`,
    unit: { en: 'stickers', es: 'calcomanías' },
  },
];

type Strategy = 'skip-count' | 'break-apart';

/** Hints for a × b where a is the fact being practised (2–5: skip-count; 6–9: 5 × b plus the rest). */
function factHint(a: number, b: number, strategy: Strategy, locale: Locale): RichText {
  const t = say(locale);
  return strategy === 'skip-count'
    ? rich(t(`Skip-count by ${b}, ${a} times.`, `Cuenta de ${b} en ${b}, ${a} veces.`))
    : rich(
        t(`Break ${a} into 5 and ${a - 5}: `, `Descompón ${a} en 5 y ${a - 5}: `),
        tex(`${a} \\times ${b} = 5 \\times ${b} + ${a - 5} \\times ${b}`),
        '.',
      );
}

function factSolutionSteps(a: number, b: number, strategy: Strategy, locale: Locale): RichText[] {
  const t = say(locale);
  if (strategy === 'skip-count') {
    return [rich(t('Skip-count: ', 'Cuenta: '), Array.from({ length: a }, (_, i) => b * (i + 1)).join(', '), '.')];
  }
  return [
    rich(t('Break it apart: ', 'Descompón: '), tex(`${a} \\times ${b} = 5 \\times ${b} + ${a - 5} \\times ${b} = ${5 * b} + ${(a - 5) * b}`), '.'),
  ];
}

function factTemplates(skill: string, factors: readonly number[], strategy: Strategy): ItemTemplate[] {
  return [
    {
      key: `${skill}/missing-factor`,
      skill,
      generate(rng, locale) {
        const a = rng.pick(factors);
        const b = rng.int(2, 10);
        const boxFirst = rng.chance(0.5);
        const p = a * b;
        const t = say(locale);
        const equation = boxFirst ? `\\square \\times ${a} = ${p}` : `${a} \\times \\square = ${p}`;
        const multiples = Array.from({ length: b }, (_, i) => a * (i + 1));
        return {
          prompt: rich(t('What number goes in the box? ', '¿Qué número va en el cuadro? '), tex(equation)),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(b) },
          hints: [
            rich(t(`Think: ${a} times what number makes ${p}?`, `Piensa: ¿${a} por qué número da ${p}?`)),
            rich(t('You can also divide: ', 'También puedes dividir: '), tex(`${p} \\div ${a} = \\square`), '.'),
            rich(t(`Skip-count by ${a} until you reach ${p}, and count how many numbers you said.`,
              `Cuenta de ${a} en ${a} hasta llegar a ${p} y fíjate cuántos números dijiste.`)),
          ],
          solution: [
            rich(t('Skip-count by ', 'Cuenta de '), a, t(': ', ` en ${a}: `), multiples.join(', '), '.'),
            rich(t(`That is ${b} numbers, so `, `Son ${b} números, así que `), tex(`${a} \\times ${b} = ${p}`), '.'),
            rich(t('The missing number is ', 'El número que falta es '), tex(b), '.'),
          ],
        };
      },
    },
    {
      key: `${skill}/equal-groups`,
      skill,
      generate(rng, locale) {
        const fact = rng.pick(factors);
        const other = rng.int(2, 10);
        const factIsGroups = rng.chance(0.5);
        const groups = factIsGroups ? fact : other;
        const size = factIsGroups ? other : fact;
        const context = rng.pick(EQUAL_GROUPS);
        const name = rng.pick(NAMES);
        const p = groups * size;
        const t = say(locale);
        return {
          prompt: rich(context[locale](groups, size, name)),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(p) },
          hints: [
            rich(t(`There are ${groups} equal groups with ${size} in each group.`, `Hay ${groups} grupos iguales con ${size} en cada grupo.`)),
            rich(t('Multiply the number of groups by the number in each group: ', 'Multiplica el número de grupos por la cantidad en cada grupo: '), tex(`${groups} \\times ${size}`), '.'),
            factHint(fact, other, strategy, locale),
          ],
          solution: [
            rich(t(`${groups} groups of ${size} is `, `${groups} grupos de ${size} es `), tex(`${groups} \\times ${size}`), '.'),
            ...factSolutionSteps(fact, other, strategy, locale),
            rich(tex(`${groups} \\times ${size} = ${p}`), t(`, so there are ${p} ${context.unit.en}.`, `, así que hay ${p} ${context.unit.es}.`)),
          ],
        };
      },
    },
  ];
}

const DIVISION_CONTEXTS: {
  en: (n: number, d: number, name: string) => string;
  es: (n: number, d: number, name: string) => string;
  /** The answer sentence, given the quotient. */
  answer: Record<Locale, (q: number) => string>;
  sharing: boolean;
}[] = [
  {
    en: (n, d, name) => `${name} shares ${n} stickers equally among ${d} friends. How many stickers does each friend get?`,
    es: (n, d, name) => `${name} reparte ${n} calcomanías en partes iguales entre ${d} amigos. ¿Cuántas calcomanías recibe cada amigo?`,
    answer: { en: (q) => `Each friend gets ${q} stickers.`, es: (q) => `Cada amigo recibe ${q} calcomanías.` },
    sharing: true,
  },
  {
    en: (n, d) => `There are ${n} books to put on ${d} shelves, with the same number on each shelf. How many books go on each shelf?`,
    es: (n, d) => `Hay ${n} libros para acomodar en ${d} repisas, con la misma cantidad en cada repisa. ¿Cuántos libros van en cada repisa?`,
    answer: { en: (q) => `Each shelf gets ${q} books.`, es: (q) => `En cada repisa van ${q} libros.` },
    sharing: true,
  },
  {
    en: (n, d) => `${n} apples are shared equally among ${d} baskets. How many apples are in each basket?`,
    es: (n, d) => `Se reparten ${n} manzanas en partes iguales en ${d} canastas. ¿Cuántas manzanas hay en cada canasta?`,
    answer: { en: (q) => `Each basket has ${q} apples.`, es: (q) => `Cada canasta tiene ${q} manzanas.` },
    sharing: true,
  },
  {
    en: (n, d) => `${n} students get into teams of ${d}. How many teams are there?`,
    es: (n, d) => `${n} estudiantes forman equipos de ${d}. ¿Cuántos equipos hay?`,
    answer: { en: (q) => `There are ${q} teams.`, es: (q) => `Hay ${q} equipos.` },
    sharing: false,
  },
  {
    en: (n, d, name) => `${name} puts ${n} cookies into bags, ${d} cookies in each bag. How many bags does ${name} fill?`,
    es: (n, d, name) => `${name} pone ${n} galletas en bolsas, ${d} galletas en cada bolsa. ¿Cuántas bolsas llena?`,
    answer: { en: (q) => `That fills ${q} bags.`, es: (q) => `Llena ${q} bolsas.` },
    sharing: false,
  },
  {
    en: (n, d) => `A ribbon is ${n} meters long. It is cut into pieces that are each ${d} meters long. How many pieces are there?`,
    es: (n, d) => `Un listón mide ${n} metros. Se corta en pedazos de ${d} metros cada uno. ¿Cuántos pedazos salen?`,
    answer: { en: (q) => `There are ${q} pieces.`, es: (q) => `Salen ${q} pedazos.` },
    sharing: false,
  },
];

// ---------------------------------------------------------------------------------------
// g3.unit-fractions, g3.equivalent-fractions (grade 3 denominators: 2, 3, 4, 6, 8)

const G3_DENOMINATORS = [2, 3, 4, 6, 8] as const;

const SHADED_CONTEXTS: {
  en: (a: number, b: number, name: string) => string;
  es: (a: number, b: number, name: string) => string;
  whole: Record<Locale, string>;
}[] = [
  {
    en: (a, b) => `A rectangle is divided into ${b} equal parts. ${a} of the parts ${a === 1 ? 'is' : 'are'} shaded. What fraction of the rectangle is shaded?`,
    es: (a, b) => `Un rectángulo está dividido en ${b} partes iguales. ${a === 1 ? '1 de las partes está sombreada' : `${a} de las partes están sombreadas`}. ¿Qué fracción del rectángulo está sombreada?`,
    whole: { en: 'of the rectangle', es: 'del rectángulo' },
  },
  {
    en: (a, b, name) => `A pizza is cut into ${b} equal slices. ${name} eats ${a} ${a === 1 ? 'slice' : 'slices'}. What fraction of the pizza does ${name} eat?`,
    es: (a, b, name) => `Una pizza se corta en ${b} rebanadas iguales. ${name} se come ${a} ${a === 1 ? 'rebanada' : 'rebanadas'}. ¿Qué fracción de la pizza se come?`,
    whole: { en: 'of the pizza', es: 'de la pizza' },
  },
  {
    en: (a, b) => `A garden is split into ${b} equal sections. Tomatoes grow in ${a} of the sections. What fraction of the garden has tomatoes?`,
    es: (a, b) => `Un huerto está dividido en ${b} secciones iguales. En ${a} de las secciones crecen tomates. ¿Qué fracción del huerto tiene tomates?`,
    whole: { en: 'of the garden', es: 'del huerto' },
  },
  {
    en: (a, b, name) => `${name} cuts a ribbon into ${b} equal pieces and paints ${a} of the pieces blue. What fraction of the ribbon is blue?`,
    es: (a, b, name) => `${name} corta un listón en ${b} pedazos iguales y pinta ${a} de los pedazos de azul. ¿Qué fracción del listón es azul?`,
    whole: { en: 'of the ribbon', es: 'del listón' },
  },
  {
    en: (a, b, name) => `${name} has a chocolate bar with ${b} equal pieces and gives away ${a} ${a === 1 ? 'piece' : 'pieces'}. What fraction of the bar does ${name} give away?`,
    es: (a, b, name) => `${name} tiene una barra de chocolate con ${b} pedazos iguales y regala ${a} ${a === 1 ? 'pedazo' : 'pedazos'}. ¿Qué fracción de la barra regala?`,
    whole: { en: 'of the bar', es: 'de la barra' },
  },
];

const FRACTION_NAMES: Record<number, Record<Locale, [string, string]>> = {
  // [one part, many parts]
  2: { en: ['half', 'halves'], es: ['medio', 'medios'] },
  3: { en: ['third', 'thirds'], es: ['tercio', 'tercios'] },
  4: { en: ['fourth', 'fourths'], es: ['cuarto', 'cuartos'] },
  6: { en: ['sixth', 'sixths'], es: ['sexto', 'sextos'] },
  8: { en: ['eighth', 'eighths'], es: ['octavo', 'octavos'] },
};

/** Fractions a/b and a·k/(b·k) with both denominators in the grade 3 set. */
const EQUIVALENT_PAIRS: [number, number][] = [[2, 4], [2, 6], [2, 8], [3, 6], [4, 8]];

/** Side lengths that can close a polygon (the longest is shorter than the others together). */
function polygonSides(rng: Rng, count: number, min: number, max: number): number[] {
  for (;;) {
    const lengths = Array.from({ length: count }, () => rng.int(min, max));
    const longest = Math.max(...lengths);
    if (2 * longest < lengths.reduce((s, x) => s + x, 0)) return lengths;
  }
}

// ---------------------------------------------------------------------------------------

export const grade3: SkillModule = {
  skills: [
    {
      code: 'g3.round-10-100',
      standard: '3.NBT.A.1',
      grade: 3,
      domain: 'place-value',
      name: { en: 'Round to the nearest 10 or 100', es: 'Redondear a la decena o centena más cercana' },
      prerequisites: [],
    },
    {
      code: 'g3.add-sub-1000',
      standard: '3.NBT.A.2',
      grade: 3,
      domain: 'place-value',
      name: { en: 'Add and subtract within 1000', es: 'Sumar y restar hasta 1000' },
      prerequisites: [],
    },
    {
      code: 'g3.mult-facts-2-5',
      standard: '3.OA.C.7',
      grade: 3,
      domain: 'multiplication',
      name: { en: 'Multiplication facts with 2, 3, 4 and 5', es: 'Tablas de multiplicar del 2, 3, 4 y 5' },
      prerequisites: [],
    },
    {
      code: 'g3.mult-facts-6-9',
      standard: '3.OA.C.7',
      grade: 3,
      domain: 'multiplication',
      name: { en: 'Multiplication facts with 6, 7, 8 and 9', es: 'Tablas de multiplicar del 6, 7, 8 y 9' },
      prerequisites: ['g3.mult-facts-2-5'],
    },
    {
      code: 'g3.division-facts',
      standard: '3.OA.C.7',
      grade: 3,
      domain: 'multiplication',
      name: { en: 'Division facts', es: 'Divisiones básicas' },
      prerequisites: ['g3.mult-facts-2-5'],
    },
    {
      code: 'g3.unit-fractions',
      standard: '3.NF.A.1',
      grade: 3,
      domain: 'fractions',
      name: { en: 'Understand fractions as equal parts', es: 'Entender las fracciones como partes iguales' },
      prerequisites: [],
    },
    {
      code: 'g3.equivalent-fractions',
      standard: '3.NF.A.3',
      grade: 3,
      domain: 'fractions',
      name: { en: 'Equivalent fractions', es: 'Fracciones equivalentes' },
      prerequisites: ['g3.unit-fractions'],
    },
    {
      code: 'g3.rectangle-area',
      standard: '3.MD.C.7',
      grade: 3,
      domain: 'geometry',
      name: { en: 'Area of rectangles', es: 'Área de rectángulos' },
      prerequisites: ['g3.mult-facts-2-5'],
    },
    {
      code: 'g3.perimeter',
      standard: '3.MD.D.8',
      grade: 3,
      domain: 'geometry',
      name: { en: 'Perimeter of polygons', es: 'Perímetro de polígonos' },
      prerequisites: ['g3.add-sub-1000'],
    },
  ],
  templates: [
    // -- g3.round-10-100 ------------------------------------------------------------------
    {
      key: 'g3.round-10-100/round',
      skill: 'g3.round-10-100',
      generate(rng, locale) {
        const place = rng.pick([10, 100] as const);
        const n = numberToRound(rng, place);
        const t = say(locale);
        const { answer, hints, solution } = roundingSteps(n, place, locale);
        return {
          prompt: rich(t('Round ', 'Redondea '), n, t(` to the nearest ${PLACE_NAMES[place].en}.`, ` a la ${PLACE_NAMES[place].es} más cercana.`)),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(answer) },
          hints,
          solution,
        };
      },
    },
    {
      key: 'g3.round-10-100/estimate',
      skill: 'g3.round-10-100',
      generate(rng, locale) {
        const place = rng.pick([10, 100] as const);
        const n = numberToRound(rng, place);
        const context = rng.pick(ROUNDING_CONTEXTS);
        const name = rng.pick(NAMES);
        const t = say(locale);
        const { answer, hints, solution } = roundingSteps(n, place, locale);
        return {
          prompt: rich(
            context[locale](n, name),
            t(` Round ${n} to the nearest ${PLACE_NAMES[place].en}.`, ` Redondea ${n} a la ${PLACE_NAMES[place].es} más cercana.`),
          ),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(answer) },
          hints,
          solution,
        };
      },
    },
    {
      key: 'g3.round-10-100/which-rounds',
      skill: 'g3.round-10-100',
      generate(rng, locale) {
        const place = rng.pick([10, 100] as const);
        const half = place / 2;
        const target = place === 10 ? 10 * rng.int(11, 99) : 100 * rng.int(2, 9);
        // Rounds to target: target − half … target + half − 1 (not target itself).
        let offset = rng.int(-half, half - 2);
        if (offset >= 0) offset += 1;
        const correct = target + offset;
        const below = target - rng.int(half + 1, place - 1);
        const above = target + rng.int(half, place - 1);
        const t = say(locale);
        const { choices, correct: ids } = choicesFrom(rng, [
          { content: rich(tex(correct)), correct: true },
          { content: rich(tex(below)), correct: false },
          { content: rich(tex(above)), correct: false },
        ]);
        const placeName = PLACE_NAMES[place][locale];
        const round = (n: number) => Math.round(n / place) * place;
        return {
          prompt: rich(
            t('Which number rounds to ', '¿Qué número se redondea a '),
            tex(target),
            t(` when you round to the nearest ${placeName}?`, ` al redondear a la ${placeName} más cercana?`),
          ),
          choices,
          answer: { kind: 'choice', correct: ids },
          hints: [
            rich(t('Round each choice to the nearest ', 'Redondea cada opción a la '), placeName, t('.', ' más cercana.')),
            rich(
              t('A number rounds to ', 'Un número se redondea a '),
              tex(target),
              t(' if it is closer to ', ' si está más cerca de '),
              tex(target),
              t(' than to ', ' que de '),
              tex(target - place),
              t(' or ', ' o de '),
              tex(num(target + place, locale)),
              '.',
            ),
            rich(
              t('The numbers from ', 'Los números del '),
              tex(target - half),
              t(' to ', ' al '),
              tex(target + half - 1),
              t(' round to ', ' se redondean a '),
              tex(target),
              '.',
            ),
          ],
          solution: [
            rich(tex(below), t(' rounds to ', ' se redondea a '), tex(round(below)), '.'),
            rich(tex(above), t(' rounds to ', ' se redondea a '), tex(num(round(above), locale)), '.'),
            rich(tex(correct), t(' rounds to ', ' se redondea a '), tex(target), t(', so the answer is ', ', así que la respuesta es '), tex(correct), '.'),
          ],
        };
      },
    },

    // -- g3.add-sub-1000 ------------------------------------------------------------------
    {
      key: 'g3.add-sub-1000/compute',
      skill: 'g3.add-sub-1000',
      generate(rng, locale) {
        const { a, b, op } = addSubNumbers(rng);
        const t = say(locale);
        const { result, hints, solution } = placeValueSteps(a, b, op, locale);
        return {
          prompt: rich(t('What is ', '¿Cuánto es '), tex(`${a} ${op} ${b}`), '?'),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(result) },
          hints,
          solution,
        };
      },
    },
    {
      key: 'g3.add-sub-1000/word',
      skill: 'g3.add-sub-1000',
      generate(rng, locale) {
        const { a, b, op } = addSubNumbers(rng);
        const context = rng.pick(op === '+' ? ADD_CONTEXTS : SUBTRACT_CONTEXTS);
        const name = rng.pick(NAMES);
        const t = say(locale);
        const { result, hints, solution } = placeValueSteps(a, b, op, locale);
        return {
          prompt: rich(context[locale](a, b, name)),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(result) },
          hints: [
            rich(
              op === '+'
                ? t('The question puts two amounts together, so add: ', 'La pregunta junta dos cantidades, así que suma: ')
                : t('The question takes one amount away from another, so subtract: ', 'La pregunta quita una cantidad de otra, así que resta: '),
              tex(`${a} ${op} ${b}`),
              '.',
            ),
            ...hints.slice(1),
          ],
          solution: [
            rich(t('Write the calculation: ', 'Escribe la operación: '), tex(`${a} ${op} ${b}`), '.'),
            ...solution.slice(0, -1),
            rich(...solution[solution.length - 1]!, ' ', t(`The answer is ${result} ${context.unit.en}.`, `La respuesta es ${result} ${context.unit.es}.`)),
          ],
        };
      },
    },

    // -- g3.mult-facts-2-5 ----------------------------------------------------------------
    {
      key: 'g3.mult-facts-2-5/product',
      skill: 'g3.mult-facts-2-5',
      generate(rng, locale) {
        const a = rng.int(2, 5);
        const b = rng.int(2, 10);
        const product = a * b;
        const en = locale === 'en';
        return {
          prompt: rich(en ? 'What is ' : '¿Cuánto es ', tex(`${a} \\times ${b}`), '?'),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(product) },
          hints: [
            rich(en ? `Think of ${a} groups of ${b}.` : `Piensa en ${a} grupos de ${b}.`),
            rich(en ? 'Skip-count by ' : 'Cuenta de ', b, en ? `, ${a} times.` : ` en ${b}, ${a} veces.`),
          ],
          solution: [
            rich(tex(`${a} \\times ${b}`), en ? ` means ${a} groups of ${b}.` : ` significa ${a} grupos de ${b}.`),
            rich(en ? 'Skip-count: ' : 'Cuenta: ', Array.from({ length: a }, (_, i) => b * (i + 1)).join(', '), '.'),
            rich(en ? 'So ' : 'Así que ', tex(`${a} \\times ${b} = ${product}`), '.'),
          ],
        };
      },
    },
    ...factTemplates('g3.mult-facts-2-5', [2, 3, 4, 5], 'skip-count'),

    // -- g3.mult-facts-6-9 ----------------------------------------------------------------
    {
      key: 'g3.mult-facts-6-9/product',
      skill: 'g3.mult-facts-6-9',
      generate(rng, locale) {
        const a = rng.int(6, 9);
        const b = rng.int(2, 10);
        const swap = rng.chance(0.5);
        const product = a * b;
        const shown = swap ? `${b} \\times ${a}` : `${a} \\times ${b}`;
        const t = say(locale);
        return {
          prompt: rich(t('What is ', '¿Cuánto es '), tex(shown), '?'),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(product) },
          hints: [
            rich(t(`Think of ${a} groups of ${b}.`, `Piensa en ${a} grupos de ${b}.`)),
            factHint(a, b, 'break-apart', locale),
            rich(tex(`5 \\times ${b} = ${5 * b}`), t(`. Now find `, '. Ahora calcula '), tex(`${a - 5} \\times ${b}`), t(' and add.', ' y suma.')),
          ],
          solution: [
            rich(tex(shown), t(` is the same as ${a} groups of ${b}.`, ` es lo mismo que ${a} grupos de ${b}.`)),
            ...factSolutionSteps(a, b, 'break-apart', locale),
            rich(tex(`${5 * b} + ${(a - 5) * b} = ${product}`), t(', so ', ', así que '), tex(`${shown} = ${product}`), '.'),
          ],
        };
      },
    },
    ...factTemplates('g3.mult-facts-6-9', [6, 7, 8, 9], 'break-apart'),

    // -- g3.division-facts ----------------------------------------------------------------
    {
      key: 'g3.division-facts/quotient',
      skill: 'g3.division-facts',
      generate(rng, locale) {
        const d = rng.int(2, 9);
        const q = rng.int(2, 10);
        const n = d * q;
        const t = say(locale);
        return {
          prompt: rich(t('What is ', '¿Cuánto es '), tex(`${n} \\div ${d}`), '?'),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(q) },
          hints: [
            rich(t('Think of the multiplication fact: ', 'Piensa en la multiplicación: '), tex(`${d} \\times \\square = ${n}`), '.'),
            rich(t(`Skip-count by ${d} until you reach ${n}.`, `Cuenta de ${d} en ${d} hasta llegar a ${n}.`)),
            rich(t(`Count how many numbers you said while skip-counting by ${d}.`, `Cuenta cuántos números dijiste al contar de ${d} en ${d}.`)),
          ],
          solution: [
            rich(t('Skip-count by ', 'Cuenta de '), d, t(': ', ` en ${d}: `), Array.from({ length: q }, (_, i) => d * (i + 1)).join(', '), '.'),
            rich(t(`That is ${q} numbers, so `, `Son ${q} números, así que `), tex(`${d} \\times ${q} = ${n}`), '.'),
            rich(t('So ', 'Entonces '), tex(`${n} \\div ${d} = ${q}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g3.division-facts/word',
      skill: 'g3.division-facts',
      generate(rng, locale) {
        const d = rng.int(2, 9);
        const q = rng.int(2, 10);
        const context = rng.pick(DIVISION_CONTEXTS);
        const name = rng.pick(NAMES);
        const n = d * q;
        const t = say(locale);
        return {
          prompt: rich(context[locale](n, d, name)),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(q) },
          hints: [
            rich(
              context.sharing
                ? t(`${n} things are split into ${d} equal groups.`, `Se reparten ${n} cosas en ${d} grupos iguales.`)
                : t(`${n} things are put in groups of ${d}.`, `Se acomodan ${n} cosas en grupos de ${d}.`),
              t(' Divide: ', ' Divide: '),
              tex(`${n} \\div ${d}`),
              '.',
            ),
            rich(t('Use a multiplication fact: ', 'Usa una multiplicación: '), tex(`${d} \\times \\square = ${n}`), '.'),
          ],
          solution: [
            rich(t('Divide: ', 'Divide: '), tex(`${n} \\div ${d}`), '.'),
            rich(t('Because ', 'Como '), tex(`${d} \\times ${q} = ${n}`), t(', we know ', ', sabemos que '), tex(`${n} \\div ${d} = ${q}`), '.'),
            rich(context.answer[locale](q)),
          ],
        };
      },
    },
    {
      key: 'g3.division-facts/missing-dividend',
      skill: 'g3.division-facts',
      generate(rng, locale) {
        const d = rng.int(2, 9);
        const q = rng.int(2, 10);
        const n = d * q;
        const t = say(locale);
        return {
          prompt: rich(t('What number goes in the box? ', '¿Qué número va en el cuadro? '), tex(`\\square \\div ${d} = ${q}`)),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(n) },
          hints: [
            rich(t(`Which number can be split into ${d} equal groups of ${q}?`, `¿Qué número se puede repartir en ${d} grupos iguales de ${q}?`)),
            rich(t('Division undoes multiplication: the missing number is ', 'La división deshace la multiplicación: el número que falta es '), tex(`${d} \\times ${q}`), '.'),
          ],
          solution: [
            rich(t('If ', 'Si '), tex(`\\square \\div ${d} = ${q}`), t(', then ', ', entonces '), tex(`\\square = ${d} \\times ${q}`), '.'),
            rich(tex(`${d} \\times ${q} = ${n}`), '.'),
            rich(t('Check: ', 'Comprueba: '), tex(`${n} \\div ${d} = ${q}`), t(`. The missing number is ${n}.`, `. El número que falta es ${n}.`)),
          ],
        };
      },
    },

    // -- g3.unit-fractions ----------------------------------------------------------------
    {
      key: 'g3.unit-fractions/parts-of-whole',
      skill: 'g3.unit-fractions',
      generate(rng, locale) {
        const b = rng.pick(G3_DENOMINATORS);
        const a = rng.int(1, b - 1);
        const context = rng.pick(SHADED_CONTEXTS);
        const name = rng.pick(NAMES);
        const t = say(locale);
        const [one, many] = FRACTION_NAMES[b]![locale];
        return {
          prompt: rich(context[locale](a, b, name)),
          answerFormat: aFraction(locale),
          answer: { kind: 'number', value: `${a}/${b}` },
          hints: [
            rich(t(`The whole is split into ${b} equal parts. That number is the denominator (the bottom number).`,
              `El entero está dividido en ${b} partes iguales. Ese número es el denominador (el número de abajo).`)),
            rich(t('Each part is ', 'Cada parte es '), tex(frac(1, b)), t(` ${context.whole.en}, one ${one}. How many parts are counted?`, ` ${context.whole.es}: un ${one}. ¿Cuántas partes se cuentan?`)),
          ],
          solution: [
            rich(t(`There are ${b} equal parts, so each part is `, `Hay ${b} partes iguales, así que cada parte es `), tex(frac(1, b)), '.'),
            rich(
              a === 1 ? t('1 part is counted: one ', 'Se cuenta 1 parte: un ') : t(`${a} parts are counted: ${a} `, `Se cuentan ${a} partes: ${a} `),
              a === 1 ? one : many,
              '.',
            ),
            rich(t('The fraction is ', 'La fracción es '), tex(frac(a, b)), '.'),
          ],
        };
      },
    },
    {
      key: 'g3.unit-fractions/count-unit-fractions',
      skill: 'g3.unit-fractions',
      generate(rng, locale) {
        const b = rng.pick(G3_DENOMINATORS);
        // Proper fractions, and 2/2 or 3/2 for halves.
        const a = rng.int(2, b === 2 ? 3 : b - 1);
        const cooking = rng.chance(0.5);
        const name = rng.pick(NAMES);
        const t = say(locale);
        const [, many] = FRACTION_NAMES[b]![locale];
        const prompt = cooking
          ? rich(
              t('A recipe needs ', 'Una receta lleva '),
              tex(frac(a, b)),
              t(` ${a > b ? 'cups' : 'cup'} of rice. ${name} only has a `, ` de taza de arroz. ${name} solo tiene una taza medidora de `),
              tex(frac(1, b)),
              t(` measuring cup. How many times must ${name} fill it?`, '. ¿Cuántas veces tiene que llenarla?'),
            )
          : rich(t('How many copies of ', '¿Cuántas veces hay que juntar '), tex(frac(1, b)), t(' make ', ' para formar '), tex(frac(a, b)), '?');
        return {
          prompt,
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(a) },
          hints: [
            rich(tex(frac(1, b)), t(` is one ${FRACTION_NAMES[b]!.en[0]}.`, ` es un ${FRACTION_NAMES[b]!.es[0]}.`)),
            rich(tex(frac(a, b)), t(` means ${a} ${many}: the numerator tells how many.`, ` significa ${a} ${many}: el numerador dice cuántos.`)),
          ],
          solution: [
            rich(tex(frac(a, b)), t(` is ${a} parts of size `, ` son ${a} partes de tamaño `), tex(frac(1, b)), '.'),
            rich(tex(`${Array.from({ length: a }, () => frac(1, b)).join(' + ')} = ${frac(a, b)}`)),
            rich(t(`So it takes ${a}.`, `Así que se necesitan ${a}.`)),
          ],
        };
      },
    },
    {
      key: 'g3.unit-fractions/compare-unit',
      skill: 'g3.unit-fractions',
      generate(rng, locale) {
        const [m, n] = rng.shuffle(G3_DENOMINATORS).slice(0, 2) as [number, number];
        const askGreater = rng.chance(0.5);
        const greater = Math.min(m, n);
        const smaller = Math.max(m, n);
        const answerDen = askGreater ? greater : smaller;
        const t = say(locale);
        const { choices, correct } = choicesFrom(rng, [
          { content: rich(tex(frac(1, m))), correct: m === answerDen },
          { content: rich(tex(frac(1, n))), correct: n === answerDen },
        ]);
        return {
          prompt: rich(askGreater ? t('Which fraction is greater?', '¿Qué fracción es mayor?') : t('Which fraction is smaller?', '¿Qué fracción es menor?')),
          choices,
          answer: { kind: 'choice', correct },
          hints: [
            rich(t('Both fractions are one part of the same whole. Which one has bigger parts?', 'Las dos fracciones son una parte del mismo entero. ¿Cuál tiene partes más grandes?')),
            rich(t('When a whole is cut into more equal parts, each part is smaller.', 'Cuando un entero se corta en más partes iguales, cada parte es más pequeña.')),
          ],
          solution: [
            rich(tex(frac(1, smaller)), t(` is one of ${smaller} equal parts; `, ` es una de ${smaller} partes iguales; `), tex(frac(1, greater)), t(` is one of ${greater}.`, ` es una de ${greater}.`)),
            rich(t(`Cutting into ${smaller} parts makes smaller pieces, so `, `Al cortar en ${smaller} partes los pedazos son más pequeños, así que `), tex(`${frac(1, greater)} > ${frac(1, smaller)}`), '.'),
            rich(t('The answer is ', 'La respuesta es '), tex(frac(1, answerDen)), '.'),
          ],
        };
      },
    },

    // -- g3.equivalent-fractions ----------------------------------------------------------
    {
      key: 'g3.equivalent-fractions/missing-numerator',
      skill: 'g3.equivalent-fractions',
      generate(rng, locale) {
        const [b, big] = rng.pick(EQUIVALENT_PAIRS);
        const k = big / b;
        // Proper or improper, never a whole number.
        let a = rng.int(1, 2 * b - 2);
        if (a >= b) a += 1;
        const scaleUp = rng.chance(0.5);
        const [knownNum, knownDen, unknownDen] = scaleUp ? [a, b, big] : [a * k, big, b];
        const answer = scaleUp ? a * k : a;
        const t = say(locale);
        const op = scaleUp ? t('multiplied', 'multiplicó') : t('divided', 'dividió');
        const sym = scaleUp ? '\\times' : '\\div';
        return {
          prompt: rich(t('What number goes in the box? ', '¿Qué número va en el cuadro? '), tex(`${frac(knownNum, knownDen)} = \\frac{\\square}{${unknownDen}}`)),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(answer) },
          hints: [
            rich(
              t('Equivalent fractions name the same amount. Compare the denominators ', 'Las fracciones equivalentes representan la misma cantidad. Compara los denominadores '),
              tex(knownDen),
              t(' and ', ' y '),
              tex(unknownDen),
              '.',
            ),
            rich(t(`The denominator was ${op} by ${k}: `, `El denominador se ${op} ${scaleUp ? 'por' : 'entre'} ${k}: `), tex(`${knownDen} ${sym} ${k} = ${unknownDen}`), '.'),
            rich(t('Do the same to the numerator ', 'Haz lo mismo con el numerador '), tex(knownNum), '.'),
          ],
          solution: [
            rich(t(`The denominator is ${op} by ${k}: `, `El denominador se ${scaleUp ? 'multiplica por' : 'divide entre'} ${k}: `), tex(`${knownDen} ${sym} ${k} = ${unknownDen}`), '.'),
            rich(t('Do the same to the numerator: ', 'Haz lo mismo con el numerador: '), tex(`${knownNum} ${sym} ${k} = ${answer}`), '.'),
            rich(tex(`${frac(knownNum, knownDen)} = ${frac(answer, unknownDen)}`), t(`, so the missing number is ${answer}.`, `, así que el número que falta es ${answer}.`)),
          ],
        };
      },
    },
    {
      key: 'g3.equivalent-fractions/which-equivalent',
      skill: 'g3.equivalent-fractions',
      generate(rng, locale) {
        const [b, big] = rng.pick(EQUIVALENT_PAIRS);
        const k = big / b;
        const a = rng.int(1, b - 1);
        const c = a * k;
        const scaleUp = rng.chance(0.5);
        const [shownNum, shownDen] = scaleUp ? [a, b] : [c, big];
        const [rightNum, rightDen] = scaleUp ? [c, big] : [a, b];
        // Common mistakes: adding the same number to top and bottom, a numerator off by one,
        // keeping the numerator, taking the complement.
        const candidates: [number, number][] = [
          [a + (big - b), big],
          [c + 1, big],
          [c - 1, big],
          [a, big],
          [big - c, big],
          [a + 1, b],
          [a - 1, b],
          [b - a, b],
        ];
        const seen = new Set<string>();
        const distractors = rng.shuffle(candidates).filter(([p, q]) => {
          const key = `${p}/${q}`;
          if (p <= 0 || p >= q || p * b === a * q || seen.has(key)) return false;
          seen.add(key);
          return true;
        });
        const t = say(locale);
        const { choices, correct } = choicesFrom(rng, [
          { content: rich(tex(frac(rightNum, rightDen))), correct: true },
          ...distractors.slice(0, 2).map(([p, q]) => ({ content: rich(tex(frac(p, q))), correct: false })),
        ]);
        const verb = scaleUp ? t('Multiply', 'Multiplica') : t('Divide', 'Divide');
        const sym = scaleUp ? '\\times' : '\\div';
        return {
          prompt: rich(t('Which fraction is equivalent to ', '¿Qué fracción es equivalente a '), tex(frac(shownNum, shownDen)), '?'),
          choices,
          answer: { kind: 'choice', correct },
          hints: [
            rich(t('Equivalent fractions show the same amount of the whole.', 'Las fracciones equivalentes muestran la misma parte del entero.')),
            rich(verb, t(' the numerator and the denominator by the same number.', ` el numerador y el denominador ${scaleUp ? 'por' : 'entre'} el mismo número.`)),
            rich(t(`Try ${scaleUp ? 'multiplying' : 'dividing'} both by `, `Prueba ${scaleUp ? 'multiplicar' : 'dividir'} los dos ${scaleUp ? 'por' : 'entre'} `), tex(k), '.'),
          ],
          solution: [
            rich(verb, t(' the numerator and denominator of ', ' el numerador y el denominador de '), tex(frac(shownNum, shownDen)), t(' by ', scaleUp ? ' por ' : ' entre '), tex(k), '.'),
            rich(tex(`\\frac{${shownNum} ${sym} ${k}}{${shownDen} ${sym} ${k}} = ${frac(rightNum, rightDen)}`)),
            rich(t('The equivalent fraction is ', 'La fracción equivalente es '), tex(frac(rightNum, rightDen)), '.'),
          ],
        };
      },
    },
    {
      key: 'g3.equivalent-fractions/whole-as-fraction',
      skill: 'g3.equivalent-fractions',
      generate(rng, locale) {
        const w = rng.int(2, 6);
        const b = rng.pick(G3_DENOMINATORS);
        const answer = w * b;
        const t = say(locale);
        const [one, many] = FRACTION_NAMES[b]![locale];
        return {
          prompt: rich(t('What number goes in the box? ', '¿Qué número va en el cuadro? '), tex(`${w} = \\frac{\\square}{${b}}`)),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(answer) },
          hints: [
            rich(t(`One whole is ${b} ${many}: `, `Un entero son ${b} ${many}: `), tex(`1 = ${frac(b, b)}`), '.'),
            rich(t(`How many ${many} are in ${w} wholes?`, `¿Cuántos ${many} hay en ${w} enteros?`)),
            rich(t(`Each whole adds ${b} more ${many}.`, `Cada entero agrega ${b} ${many} más.`)),
          ],
          solution: [
            rich(t(`Each whole has ${b} ${many} (a ${one} is `, `Cada entero tiene ${b} ${many} (un ${one} es `), tex(frac(1, b)), ').'),
            rich(t(`${w} wholes have `, `${w} enteros tienen `), tex(`${w} \\times ${b} = ${answer}`), ` ${many}.`),
            rich(t('So ', 'Así que '), tex(`${w} = ${frac(answer, b)}`), t(`; the missing number is ${answer}.`, `; el número que falta es ${answer}.`)),
          ],
        };
      },
    },

    // -- g3.rectangle-area ----------------------------------------------------------------
    {
      key: 'g3.rectangle-area/side-lengths',
      skill: 'g3.rectangle-area',
      generate(rng, locale) {
        const l = rng.int(3, 10);
        const w = rng.int(2, l);
        const unit = rng.pick(['cm', 'm'] as const);
        const area = l * w;
        const t = say(locale);
        return {
          prompt:
            l === w
              ? rich(t('A square has sides that are ', 'Un cuadrado tiene lados de '), tex(len(l, unit)), t(' long. What is its area?', '. ¿Cuál es su área?'))
              : rich(
                  t('A rectangle is ', 'Un rectángulo mide '),
                  tex(len(l, unit)),
                  t(' long and ', ' de largo y '),
                  tex(len(w, unit)),
                  t(' wide. What is its area?', ' de ancho. ¿Cuál es su área?'),
                ),
          answerFormat: areaFormat(unit, locale),
          answer: { kind: 'number', value: String(area), unit: `${unit}^2` },
          hints: [
            rich(t('Area counts the unit squares that cover the shape.', 'El área cuenta los cuadrados de una unidad que cubren la figura.')),
            rich(t(`The squares fit in ${w} rows of ${l}.`, `Los cuadrados forman ${w} filas de ${l}.`)),
            rich(t('Multiply the length by the width: ', 'Multiplica el largo por el ancho: '), tex(`${l} \\times ${w}`), '.'),
          ],
          solution: [
            rich(t('Area of a rectangle = length × width.', 'Área de un rectángulo = largo × ancho.')),
            rich(tex(`${l} \\times ${w} = ${area}`), '.'),
            rich(t('The area is ', 'El área es '), tex(sq(area, unit)), '.'),
          ],
        };
      },
    },
    {
      key: 'g3.rectangle-area/word',
      skill: 'g3.rectangle-area',
      generate(rng, locale) {
        const l = rng.int(3, 10);
        const w = rng.int(2, l - 1);
        const kind = rng.int(0, 3);
        const name = rng.pick(NAMES);
        const area = l * w;
        const t = say(locale);
        const unit: LengthUnit = kind === 3 ? 'cm' : 'm';
        const prompts: [string, string][] = [
          [`${name}'s family is putting a new rug in a room. The rug is a rectangle ${l} meters long and ${w} meters wide. How many square meters of floor does it cover?`,
            `La familia de ${name} pone un tapete nuevo en un cuarto. El tapete es un rectángulo de ${l} metros de largo y ${w} metros de ancho. ¿Cuántos metros cuadrados de piso cubre?`],
          [`A school garden is a rectangle ${l} meters long and ${w} meters wide. What is the area of the garden?`,
            `El huerto de una escuela es un rectángulo de ${l} metros de largo y ${w} metros de ancho. ¿Cuál es el área del huerto?`],
          [`A patio is covered with square tiles that are 1 meter on each side. There are ${w} rows with ${l} tiles in each row. What is the area of the patio?`,
            `Un patio está cubierto con baldosas cuadradas de 1 metro por lado. Hay ${w} filas con ${l} baldosas en cada fila. ¿Cuál es el área del patio?`],
          [`${name} draws a rectangle on grid paper. It is ${l} centimeters long and ${w} centimeters wide. What is its area?`,
            `${name} dibuja un rectángulo en papel cuadriculado. Mide ${l} centímetros de largo y ${w} centímetros de ancho. ¿Cuál es su área?`],
        ];
        return {
          prompt: rich(prompts[kind]![locale === 'en' ? 0 : 1]),
          answerFormat: areaFormat(unit, locale),
          answer: { kind: 'number', value: String(area), unit: `${unit}^2` },
          hints: [
            rich(t('The area is the number of unit squares that cover the rectangle.', 'El área es la cantidad de cuadrados de una unidad que cubren el rectángulo.')),
            rich(t(`Think of ${w} rows of ${l} squares.`, `Piensa en ${w} filas de ${l} cuadrados.`)),
            rich(t('Multiply: ', 'Multiplica: '), tex(`${l} \\times ${w}`), '.'),
          ],
          solution: [
            rich(t('Area = length × width.', 'Área = largo × ancho.')),
            rich(tex(`${l} \\times ${w} = ${area}`), '.'),
            rich(t('The area is ', 'El área es '), tex(sq(area, unit)), '.'),
          ],
        };
      },
    },
    {
      key: 'g3.rectangle-area/missing-side',
      skill: 'g3.rectangle-area',
      generate(rng, locale) {
        const known = rng.int(2, 9);
        const missing = rng.int(2, 10);
        const unit = rng.pick(['cm', 'm'] as const);
        const knowWidth = rng.chance(0.5);
        const area = known * missing;
        const t = say(locale);
        return {
          prompt: rich(
            t('A rectangle has an area of ', 'Un rectángulo tiene un área de '),
            tex(sq(area, unit)),
            knowWidth ? t('. Its width is ', '. Su ancho mide ') : t('. Its length is ', '. Su largo mide '),
            tex(len(known, unit)),
            knowWidth ? t('. What is its length?', '. ¿Cuánto mide su largo?') : t('. What is its width?', '. ¿Cuánto mide su ancho?'),
          ),
          answerFormat: lengthFormat(unit, locale),
          answer: { kind: 'number', value: String(missing), unit },
          hints: [
            rich(t('Area = length × width, so ', 'Área = largo × ancho, así que '), tex(`${known} \\times \\square = ${area}`), '.'),
            rich(t('Find the missing factor by dividing: ', 'Encuentra el factor que falta dividiendo: '), tex(`${area} \\div ${known}`), '.'),
          ],
          solution: [
            rich(t('The area is one side times the other: ', 'El área es un lado por el otro: '), tex(`${known} \\times \\square = ${area}`), '.'),
            rich(tex(`${area} \\div ${known} = ${missing}`), t(', because ', ', porque '), tex(`${known} \\times ${missing} = ${area}`), '.'),
            rich(
              knowWidth ? t('The length is ', 'El largo mide ') : t('The width is ', 'El ancho mide '),
              tex(len(missing, unit)),
              '.',
            ),
          ],
        };
      },
    },

    // -- g3.perimeter ---------------------------------------------------------------------
    {
      key: 'g3.perimeter/rectangle',
      skill: 'g3.perimeter',
      generate(rng, locale) {
        const l = rng.int(3, 25);
        const w = rng.int(2, l - 1);
        const unit = rng.pick(['cm', 'm'] as const);
        const context = rng.int(0, 2);
        const name = rng.pick(NAMES);
        const p = 2 * (l + w);
        const t = say(locale);
        const prompts: [string, string][] = [
          ['A rectangle is ', 'Un rectángulo mide '],
          [`${name} puts a ribbon around the edge of a rectangular photo. The photo is `, `${name} pone un listón alrededor de una foto rectangular. La foto mide `],
          ['A farmer builds a fence around a rectangular field. The field is ', 'Un agricultor pone una cerca alrededor de un terreno rectangular. El terreno mide '],
        ];
        const questions: [string, string][] = [
          [' wide. What is its perimeter?', ' de ancho. ¿Cuál es su perímetro?'],
          [' wide. How long must the ribbon be?', ' de ancho. ¿Cuánto debe medir el listón?'],
          [' wide. How long is the fence?', ' de ancho. ¿Cuánto mide la cerca?'],
        ];
        const lu = context === 2 ? 'm' : context === 1 ? 'cm' : unit;
        const pick = (pair: [string, string]) => pair[locale === 'en' ? 0 : 1];
        return {
          prompt: rich(pick(prompts[context]!), tex(len(l, lu)), t(' long and ', ' de largo y '), tex(len(w, lu)), pick(questions[context]!)),
          answerFormat: lengthFormat(lu, locale),
          answer: { kind: 'number', value: String(p), unit: lu },
          hints: [
            rich(t('The perimeter is the distance all the way around the shape.', 'El perímetro es la distancia alrededor de toda la figura.')),
            rich(t('A rectangle has two sides of each length: ', 'Un rectángulo tiene dos lados de cada medida: '), tex(`${l} + ${w} + ${l} + ${w}`), '.'),
            rich(t('Add one length and one width: ', 'Suma un largo y un ancho: '), tex(`${l} + ${w} = ${l + w}`), t(', then double it.', ', y luego duplícalo.')),
          ],
          solution: [
            rich(t('Add all four sides: ', 'Suma los cuatro lados: '), tex(`${l} + ${w} + ${l} + ${w}`), '.'),
            rich(tex(`${l} + ${w} = ${l + w}`), t(' and ', ' y '), tex(`${l + w} + ${l + w} = ${p}`), '.'),
            rich(t('The perimeter is ', 'El perímetro es '), tex(len(p, lu)), '.'),
          ],
        };
      },
    },
    {
      key: 'g3.perimeter/polygon',
      skill: 'g3.perimeter',
      generate(rng, locale) {
        const sides = rng.int(3, 6);
        const lengths = polygonSides(rng, sides, 2, 30);
        const unit = rng.pick(['cm', 'm'] as const);
        const p = lengths.reduce((s, x) => s + x, 0);
        const t = say(locale);
        const shape: Record<number, [string, string]> = {
          3: ['triangle', 'Un triángulo'],
          4: ['quadrilateral', 'Un cuadrilátero'],
          5: ['pentagon', 'Un pentágono'],
          6: ['hexagon', 'Un hexágono'],
        };
        const [enShape, esShape] = shape[sides]!;
        const partial = lengths.slice(1).reduce<{ sum: number; steps: string[] }>(
          (acc, x) => ({ sum: acc.sum + x, steps: [...acc.steps, `${acc.sum} + ${x} = ${acc.sum + x}`] }),
          { sum: lengths[0]!, steps: [] },
        );
        return {
          prompt: rich(
            t(`A ${enShape} has sides of `, `${esShape} tiene lados de `),
            ...texList(lengths.map((x) => len(x, unit)), locale),
            t('. What is its perimeter?', '. ¿Cuál es su perímetro?'),
          ),
          answerFormat: lengthFormat(unit, locale),
          answer: { kind: 'number', value: String(p), unit },
          hints: [
            rich(t('The perimeter is the total length of all the sides.', 'El perímetro es la suma de las medidas de todos los lados.')),
            rich(t(`Add the ${sides} side lengths: `, `Suma las ${sides} medidas: `), tex(lengths.join(' + ')), '.'),
          ],
          solution: [
            rich(t('Add the sides: ', 'Suma los lados: '), tex(lengths.join(' + ')), '.'),
            rich(t('Add one at a time: ', 'Suma uno por uno: '), tex(partial.steps.join(',\\ ')), '.'),
            rich(t('The perimeter is ', 'El perímetro es '), tex(len(p, unit)), '.'),
          ],
        };
      },
    },
    {
      key: 'g3.perimeter/missing-side',
      skill: 'g3.perimeter',
      generate(rng, locale) {
        const sides = rng.int(3, 5);
        const lengths = polygonSides(rng, sides, 3, 40);
        const unit = rng.pick(['cm', 'm'] as const);
        const p = lengths.reduce((s, x) => s + x, 0);
        const missing = lengths[sides - 1]!;
        const known = lengths.slice(0, -1);
        const knownSum = p - missing;
        const t = say(locale);
        const shape = sides === 3 ? t('A triangle', 'Un triángulo') : sides === 4 ? t('A quadrilateral', 'Un cuadrilátero') : t('A pentagon', 'Un pentágono');
        const count = [t('Two', 'Dos'), t('Three', 'Tres'), t('Four', 'Cuatro')][sides - 3]!;
        const last = [t('third', 'tercer'), t('fourth', 'cuarto'), t('fifth', 'quinto')][sides - 3]!;
        return {
          prompt: rich(
            shape,
            t(' has a perimeter of ', ' tiene un perímetro de '),
            tex(len(p, unit)),
            t(`. ${count} of its sides are `, `. ${count} de sus lados miden `),
            ...texList(known.map((x) => len(x, unit)), locale),
            t(`. How long is the ${last} side?`, `. ¿Cuánto mide el ${last} lado?`),
          ),
          answerFormat: lengthFormat(unit, locale),
          answer: { kind: 'number', value: String(missing), unit },
          hints: [
            rich(t('The perimeter is all the sides added together, including the missing one.', 'El perímetro es la suma de todos los lados, incluido el que falta.')),
            rich(t('Add the sides you know: ', 'Suma los lados que conoces: '), tex(`${known.join(' + ')} = ${knownSum}`), '.'),
            rich(t('The missing side is what is left: ', 'El lado que falta es lo que sobra: '), tex(`${p} - ${knownSum}`), '.'),
          ],
          solution: [
            rich(t('Add the known sides: ', 'Suma los lados conocidos: '), tex(`${known.join(' + ')} = ${knownSum}`), '.'),
            rich(t('Subtract from the perimeter: ', 'Réstalo del perímetro: '), tex(`${p} - ${knownSum} = ${missing}`), '.'),
            rich(t('The missing side is ', 'El lado que falta mide '), tex(len(missing, unit)), '.'),
          ],
        };
      },
    },
  ],
};
