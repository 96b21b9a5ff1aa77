// Grade 4 built-in math skills: place value to one million, multi-digit multiplication,
// division with remainders, comparing and adding fractions, fractions times whole numbers,
// decimal notation for tenths and hundredths, area and perimeter problems.
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

/** A whole number in TeX with thousands grouped (English 1{,}000; Spanish groups from 10 000 on, with a thin space). */
function num(n: number, locale: Locale): string {
  const digits = String(n);
  if (n < 1000 || (locale === 'es' && n < 10000)) return digits;
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'en' ? '{,}' : '\\,');
}

/** A whole number in running text (English 1,000; Spanish 10 000 with a no-break space). */
function numText(n: number, locale: Locale): string {
  const digits = String(n);
  if (n < 1000 || (locale === 'es' && n < 10000)) return digits;
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'en' ? ',' : '\u00a0');
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number): number => (a / gcd(a, b)) * b;
const frac = (a: number, b: number): string => `\\frac{${a}}{${b}}`;

/** n/d as a whole or mixed number when it is at least 1 (TeX). */
function mixed(n: number, d: number): string {
  if (n % d === 0) return String(n / d);
  if (n < d) return frac(n, d);
  return `${Math.floor(n / d)}${frac(n % d, d)}`;
}

/** The exact answer string for n/d: a whole number when it divides, otherwise "n/d". */
const fractionValue = (n: number, d: number): string => (n % d === 0 ? String(n / d) : `${n}/${d}`);

/** "a, b and c" with each item as TeX, for spreading into rich(). */
function texList(items: string[], locale: Locale): (string | Segment)[] {
  return items.flatMap((item, i) => [...(i === 0 ? [] : [i === items.length - 1 ? say(locale)(' and ', ' y ') : ', ']), tex(item)]);
}

/** Shuffles the options with rng and labels them a, b, c… in display order. */
function choicesFrom(rng: Rng, options: { content: RichText; correct: boolean }[]): { choices: Choice[]; correct: string[] } {
  const shuffled = rng.shuffle(options);
  const choices = shuffled.map((o, i) => ({ id: String.fromCharCode(97 + i), content: o.content }));
  return { choices, correct: choices.filter((_, i) => shuffled[i]!.correct).map((c) => c.id) };
}

const wholeNumber = (locale: Locale): RichText => rich(say(locale)('A whole number', 'Un número entero'));
const aFraction = (locale: Locale): RichText => rich(say(locale)('A fraction, like 7/4, or a mixed number, like 1 3/4', 'Una fracción, como 7/4, o un número mixto, como 1 3/4'));
const aDecimal = (locale: Locale): RichText => rich(say(locale)('A decimal number, like 0.5', 'Un número decimal, como 0.5'));

type Unit = 'cm' | 'm' | 'km' | 'L';
const UNIT_NAMES: Record<Unit, Record<Locale, string>> = {
  cm: { en: 'centimeters', es: 'centímetros' },
  m: { en: 'meters', es: 'metros' },
  km: { en: 'kilometers', es: 'kilómetros' },
  L: { en: 'liters', es: 'litros' },
};
const AREA_NAMES: Record<'cm' | 'm', Record<Locale, string>> = {
  cm: { en: 'square centimeters', es: 'centímetros cuadrados' },
  m: { en: 'square meters', es: 'metros cuadrados' },
};
const measure = (n: string | number, unit: Unit): string => `${n}\\text{ ${unit}}`;
const unitFormat = (unit: Unit, locale: Locale, what = say(locale)('A number of ', 'Un número de ')): RichText =>
  rich(what, UNIT_NAMES[unit][locale], ' (', tex(`\\text{${unit}}`), ')');
const fractionIn = (unit: Unit, locale: Locale): RichText =>
  rich(say(locale)('A fraction or mixed number of ', 'Una fracción o número mixto de '), UNIT_NAMES[unit][locale], ' (', tex(`\\text{${unit}}`), ')');
const areaFormat = (unit: 'cm' | 'm', locale: Locale): RichText =>
  rich(say(locale)('A number of ', 'Un número de '), AREA_NAMES[unit][locale], ' (', tex(`\\text{${unit}}^2`), ')');

// ---------------------------------------------------------------------------------------
// g4.place-value-millions (4.NBT.A.2 stays within 1,000,000: six-digit numbers)

/** Place names by power of ten: [singular, plural]. */
const PLACES: Record<Locale, [string, string][]> = {
  en: [
    ['one', 'ones'], ['ten', 'tens'], ['hundred', 'hundreds'], ['thousand', 'thousands'],
    ['ten thousand', 'ten thousands'], ['hundred thousand', 'hundred thousands'],
  ],
  es: [
    ['unidad', 'unidades'], ['decena', 'decenas'], ['centena', 'centenas'], ['unidad de millar', 'unidades de millar'],
    ['decena de millar', 'decenas de millar'], ['centena de millar', 'centenas de millar'],
  ],
};
const placeName = (power: number, locale: Locale, count = 2): string => PLACES[locale][power]![count === 1 ? 0 : 1]!;

/** Digits of a six-digit number, index = power of ten. */
const digitsOf = (n: number): number[] => String(n).split('').reverse().map(Number);

/** A six-digit number with a few zero digits (never the leading one). */
function sixDigitNumber(rng: Rng, zeroChance: number): number {
  const digits = [rng.int(1, 9), ...Array.from({ length: 5 }, () => (rng.chance(zeroChance) ? 0 : rng.int(1, 9)))];
  return Number(digits.join(''));
}

/** The number in TeX with the digit at `power` underlined. */
function underlined(n: number, power: number, locale: Locale): string {
  const digits = String(n).split('');
  return digits
    .map((d, i) => {
      const p = digits.length - 1 - i;
      const sep = i > 0 && p % 3 === 2 && (locale === 'en' || n >= 10000) ? (locale === 'en' ? '{,}' : '\\,') : '';
      return sep + (p === power ? `\\underline{${d}}` : d);
    })
    .join('');
}

// ---------------------------------------------------------------------------------------
// g4.multiply-multi-digit

/** Non-zero place-value parts, largest first: 3472 → [3000, 400, 70, 2]. */
const parts = (n: number): number[] =>
  digitsOf(n)
    .map((d, p) => d * 10 ** p)
    .filter((x) => x > 0)
    .reverse();

function partialProductSteps(a: number, b: number, locale: Locale): { hints: RichText[]; solution: RichText[] } {
  const t = say(locale);
  const p = a * b;
  if (a < 100) {
    // Two-digit by two-digit: area model with four partial products.
    const [a1, a2] = parts(a) as [number, number];
    const [b1, b2] = parts(b) as [number, number];
    const products = [a1 * b1, a1 * b2, a2 * b1, a2 * b2];
    return {
      hints: [
        rich(t('Break both numbers into tens and ones: ', 'Descompón los dos números en decenas y unidades: '), tex(`${a} = ${a1} + ${a2}`), t(' and ', ' y '), tex(`${b} = ${b1} + ${b2}`), '.'),
        rich(t('Multiply each part of one number by each part of the other (four products).', 'Multiplica cada parte de un número por cada parte del otro (cuatro productos).')),
        rich(t('The first product is ', 'El primer producto es '), tex(`${a1} \\times ${b1} = ${num(a1 * b1, locale)}`), t('. Find the other three and add.', '. Calcula los otros tres y suma.')),
      ],
      solution: [
        rich(t('Break apart: ', 'Descompón: '), tex(`${a} \\times ${b} = (${a1} + ${a2}) \\times (${b1} + ${b2})`), '.'),
        rich(t('Partial products: ', 'Productos parciales: '), tex(`${a1} \\times ${b1} = ${num(products[0]!, locale)},\\ ${a1} \\times ${b2} = ${products[1]},\\ ${a2} \\times ${b1} = ${products[2]},\\ ${a2} \\times ${b2} = ${products[3]}`), '.'),
        rich(t('Add them: ', 'Súmalos: '), tex(`${products.map((x) => num(x, locale)).join(' + ')} = ${num(p, locale)}`), '.'),
        rich(t('So ', 'Así que '), tex(`${a} \\times ${b} = ${num(p, locale)}`), '.'),
      ],
    };
  }
  const pieces = parts(a);
  const products = pieces.map((x) => x * b);
  return {
    hints: [
      rich(t('Break ', 'Descompón '), tex(num(a, locale)), t(' by place value: ', ' según el valor posicional: '), tex(pieces.map((x) => num(x, locale)).join(' + ')), '.'),
      rich(t('Multiply each part by ', 'Multiplica cada parte por '), tex(b), t(', then add the products.', ' y luego suma los productos.')),
      rich(t('The first product is ', 'El primer producto es '), tex(`${num(pieces[0]!, locale)} \\times ${b} = ${num(products[0]!, locale)}`), '.'),
    ],
    solution: [
      rich(t('Break apart: ', 'Descompón: '), tex(`${num(a, locale)} = ${pieces.map((x) => num(x, locale)).join(' + ')}`), '.'),
      rich(t('Multiply each part by ', 'Multiplica cada parte por '), tex(b), ': ', tex(pieces.map((x, i) => `${num(x, locale)} \\times ${b} = ${num(products[i]!, locale)}`).join(',\\ ')), '.'),
      rich(t('Add: ', 'Suma: '), tex(`${products.map((x) => num(x, locale)).join(' + ')} = ${num(p, locale)}`), '.'),
      rich(t('So ', 'Así que '), tex(`${num(a, locale)} \\times ${b} = ${num(p, locale)}`), '.'),
    ],
  };
}

/** Either up to four digits × one digit or two digits × two digits (no multiples of 10). */
function multiplicationNumbers(rng: Rng): [number, number] {
  const noTens = (min: number, max: number) => {
    const n = rng.int(min, max);
    return n % 10 === 0 ? n + 1 : n;
  };
  switch (rng.int(0, 2)) {
    case 0:
      return [noTens(101, 998), rng.int(3, 9)];
    case 1:
      return [noTens(1001, 9998), rng.int(2, 9)];
    default:
      return [noTens(12, 98), noTens(12, 98)];
  }
}

const MULTIPLY_CONTEXTS: {
  en: (a: string, b: string, name: string) => string;
  es: (a: string, b: string, name: string) => string;
  unit: Record<Locale, string>;
  /** Largest realistic first factor. */
  max: number;
}[] = [
  {
    max: 200,
    en: (a, b) => `A school orders ${b} boxes of pencils. Each box has ${a} pencils. How many pencils does the school order?`,
    es: (a, b) => `Una escuela pide ${b} cajas de lápices. Cada caja tiene ${a} lápices. ¿Cuántos lápices pide la escuela?`,
    unit: { en: 'pencils', es: 'lápices' },
  },
  {
    max: 99,
    en: (a, b) => `A theater has ${b} rows with ${a} seats in each row. How many seats does it have?`,
    es: (a, b) => `Un teatro tiene ${b} filas con ${a} butacas en cada fila. ¿Cuántas butacas tiene?`,
    unit: { en: 'seats', es: 'butacas' },
  },
  {
    max: 9999,
    en: (a, b) => `A machine fills ${a} bottles every hour. How many bottles does it fill in ${b} hours?`,
    es: (a, b) => `Una máquina llena ${a} botellas cada hora. ¿Cuántas botellas llena en ${b} horas?`,
    unit: { en: 'bottles', es: 'botellas' },
  },
  {
    max: 400,
    en: (a, b, name) => `${name} reads ${a} pages each week. How many pages does ${name} read in ${b} weeks?`,
    es: (a, b, name) => `${name} lee ${a} páginas cada semana. ¿Cuántas páginas lee en ${b} semanas?`,
    unit: { en: 'pages', es: 'páginas' },
  },
  {
    max: 999,
    en: (a, b) => `A train travels ${a} kilometers every day. How many kilometers does it travel in ${b} days?`,
    es: (a, b) => `Un tren recorre ${a} kilómetros cada día. ¿Cuántos kilómetros recorre en ${b} días?`,
    unit: { en: 'kilometers', es: 'kilómetros' },
  },
  {
    max: 999,
    en: (a, b) => `A farm packs ${a} eggs into each crate. How many eggs are in ${b} crates?`,
    es: (a, b) => `Una granja empaca ${a} huevos en cada caja. ¿Cuántos huevos hay en ${b} cajas?`,
    unit: { en: 'eggs', es: 'huevos' },
  },
  {
    max: 9999,
    en: (a, b) => `Each section of a stadium has ${a} seats. How many seats are in ${b} sections?`,
    es: (a, b) => `Cada sección de un estadio tiene ${a} asientos. ¿Cuántos asientos hay en ${b} secciones?`,
    unit: { en: 'seats', es: 'asientos' },
  },
  {
    max: 9999,
    en: (a, b) => `A factory makes ${a} toys each day. How many toys does it make in ${b} days?`,
    es: (a, b) => `Una fábrica hace ${a} juguetes cada día. ¿Cuántos juguetes hace en ${b} días?`,
    unit: { en: 'toys', es: 'juguetes' },
  },
];

// ---------------------------------------------------------------------------------------
// g4.divide-remainders

/** Partial quotients place by place: 157 ÷ 6 → 6 × 20 = 120, 157 − 120 = 37; 6 × 6 = 36, 37 − 36 = 1. */
function partialQuotientSteps(n: number, d: number, locale: Locale): RichText[] {
  const t = say(locale);
  const q = Math.floor(n / d);
  const steps: RichText[] = [];
  let left = n;
  for (const chunk of parts(q)) {
    const taken = chunk * d;
    steps.push(rich(tex(`${d} \\times ${num(chunk, locale)} = ${num(taken, locale)}`), t(' and ', ' y '), tex(`${num(left, locale)} - ${num(taken, locale)} = ${num(left - taken, locale)}`), '.'));
    left -= taken;
  }
  return steps;
}

/** n = d·q + r with a one-digit divisor and a dividend of at most four digits. */
function divisionNumbers(rng: Rng, withRemainder: boolean): { n: number; d: number; q: number; r: number } {
  const d = rng.int(3, 9);
  const q = rng.pick([rng.int(11, 99), rng.int(101, 999)]);
  const r = withRemainder ? rng.int(1, d - 1) : 0;
  return { n: d * q + r, d, q, r };
}

const REMAINDER_CONTEXTS: {
  /** How the remainder changes the answer: one more group, drop it, or the remainder itself. */
  kind: 'round-up' | 'drop' | 'left-over';
  en: (n: number, d: number, name: string) => string;
  es: (n: number, d: number, name: string) => string;
  answer: Record<Locale, (x: number) => string>;
}[] = [
  {
    kind: 'round-up',
    en: (n, d) => `${n} students are going on a field trip. Each van holds ${d} students. How many vans are needed so that every student has a seat?`,
    es: (n, d) => `${n} estudiantes van de excursión. En cada camioneta caben ${d} estudiantes. ¿Cuántas camionetas se necesitan para que todos tengan lugar?`,
    answer: { en: (x) => `${x} vans are needed.`, es: (x) => `Se necesitan ${x} camionetas.` },
  },
  {
    kind: 'round-up',
    en: (n, d, name) => `${name} is putting ${n} photos in an album. Each page holds ${d} photos. How many pages does ${name} need for all the photos?`,
    es: (n, d, name) => `${name} pone ${n} fotos en un álbum. En cada página caben ${d} fotos. ¿Cuántas páginas necesita para todas las fotos?`,
    answer: { en: (x) => `${x} pages are needed.`, es: (x) => `Se necesitan ${x} páginas.` },
  },
  {
    kind: 'drop',
    en: (n, d) => `A bakery has ${n} muffins. It packs them in boxes of ${d}. How many boxes can it fill completely?`,
    es: (n, d) => `Una panadería tiene ${n} panecillos. Los empaca en cajas de ${d}. ¿Cuántas cajas puede llenar por completo?`,
    answer: { en: (x) => `It can fill ${x} boxes.`, es: (x) => `Puede llenar ${x} cajas.` },
  },
  {
    kind: 'drop',
    en: (n, d, name) => `${name} has ${n} centimeters of ribbon and cuts pieces that are ${d} centimeters long. How many whole pieces can ${name} cut?`,
    es: (n, d, name) => `${name} tiene ${n} centímetros de listón y corta pedazos de ${d} centímetros. ¿Cuántos pedazos completos puede cortar?`,
    answer: { en: (x) => `You can cut ${x} whole pieces.`, es: (x) => `Puede cortar ${x} pedazos completos.` },
  },
  {
    kind: 'left-over',
    en: (n, d) => `${n} apples are shared equally among ${d} classes. Each class gets as many as possible. How many apples are left over?`,
    es: (n, d) => `Se reparten ${n} manzanas en partes iguales entre ${d} grupos. Cada grupo recibe todas las que se pueda. ¿Cuántas manzanas sobran?`,
    answer: { en: (x) => `${x} ${x === 1 ? 'apple is' : 'apples are'} left over.`, es: (x) => (x === 1 ? 'Sobra 1 manzana.' : `Sobran ${x} manzanas.`) },
  },
  {
    kind: 'left-over',
    en: (n, d, name) => `${name} puts ${n} marbles into bags of ${d}. How many marbles are left over after filling as many bags as possible?`,
    es: (n, d, name) => `${name} pone ${n} canicas en bolsas de ${d}. Después de llenar todas las bolsas que puede, ¿cuántas canicas sobran?`,
    answer: { en: (x) => `${x} ${x === 1 ? 'marble is' : 'marbles are'} left over.`, es: (x) => (x === 1 ? 'Sobra 1 canica.' : `Sobran ${x} canicas.`) },
  },
];

// ---------------------------------------------------------------------------------------
// g4 fractions (denominators 2, 3, 4, 5, 6, 8, 10, 12, 100)

const G4_DENOMINATORS = [2, 3, 4, 5, 6, 8, 10, 12] as const;

/** Two fractions with different numerators and denominators, not equal, with a friendly common denominator. */
function fractionPair(rng: Rng): [number, number, number, number] {
  for (;;) {
    const [b, d] = rng.shuffle(G4_DENOMINATORS).slice(0, 2) as [number, number];
    const a = rng.int(1, b - 1);
    const c = rng.int(1, d - 1);
    if (a !== c && a * d !== b * c && lcm(b, d) <= 24) return [a, b, c, d];
  }
}

function compareSteps(a: number, b: number, c: number, d: number, locale: Locale): { hints: RichText[]; solution: RichText[]; sign: '<' | '>' } {
  const t = say(locale);
  const m = lcm(b, d);
  const [a2, c2] = [a * (m / b), c * (m / d)];
  const sign = a2 > c2 ? '>' : '<';
  const benchmark = (a * 2 < b) !== (c * 2 < d) && a * 2 !== b && c * 2 !== d;
  // Only the fractions whose denominator is not already m need rewriting.
  const rewrites = [[a, b, a2], [c, d, c2]].filter(([, den]) => den !== m).map(([n, den, n2]) => `${frac(n!, den!)} = ${frac(n2!, m)}`);
  return {
    sign,
    hints: [
      benchmark
        ? rich(t('Compare each fraction with ', 'Compara cada fracción con '), tex(frac(1, 2)), t(': is it more or less than one half?', ': ¿es mayor o menor que un medio?'))
        : rich(t('Rewrite the fractions so they have the same denominator.', 'Escribe las fracciones con el mismo denominador.')),
      rewrites.length === 2
        ? rich(t('Use the common denominator ', 'Usa el denominador común '), tex(m), ': ', tex(rewrites[0]!), '.')
        : rich(t('Use the common denominator ', 'Usa el denominador común '), tex(m), t(', the larger denominator.', ', el denominador mayor.')),
      rewrites.length === 2
        ? rich(t('Now write ', 'Ahora escribe '), tex(frac(c, d)), t(' with denominator ', ' con denominador '), tex(m), t(' and compare the numerators.', ' y compara los numeradores.'))
        : rich(t('Notice that ', 'Fíjate que '), tex(rewrites[0]!), t('. Now compare the numerators.', '. Ahora compara los numeradores.')),
    ],
    solution: [
      rich(t('Use the common denominator ', 'Usa el denominador común '), tex(m), ': ', ...texList(rewrites, locale), '.'),
      rich(t('Compare the numerators: ', 'Compara los numeradores: '), tex(`${a2} ${sign} ${c2}`), '.'),
      rich(t('So ', 'Así que '), tex(`${frac(a, b)} ${sign} ${frac(c, d)}`), '.'),
    ],
  };
}

const COMPARE_CONTEXTS: {
  en: (n1: string, n2: string) => [string, string, string];
  es: (n1: string, n2: string) => [string, string, string];
  unit: Unit | null;
}[] = [
  // [before the first fraction, between the fractions, after the second fraction]
  {
    en: (n1, n2) => [`${n1} ran `, ` of a kilometer and ${n2} ran `, ` of a kilometer. Who ran farther?`],
    es: (n1, n2) => [`${n1} corrió `, ` de kilómetro y ${n2} corrió `, ` de kilómetro. ¿Quién corrió más?`],
    unit: 'km',
  },
  {
    en: (n1, n2) => [`${n1} drank `, ` of a liter of water and ${n2} drank `, ` of a liter. Who drank more water?`],
    es: (n1, n2) => [`${n1} tomó `, ` de litro de agua y ${n2} tomó `, ` de litro. ¿Quién tomó más agua?`],
    unit: 'L',
  },
  {
    en: (n1, n2) => [`Two pizzas are the same size. ${n1} ate `, ` of one pizza and ${n2} ate `, ` of the other. Who ate more pizza?`],
    es: (n1, n2) => [`Dos pizzas son del mismo tamaño. ${n1} se comió `, ` de una pizza y ${n2} se comió `, ` de la otra. ¿Quién comió más pizza?`],
    unit: null,
  },
  {
    en: (n1, n2) => [`${n1} painted `, ` of a fence and ${n2} painted `, ` of a fence of the same size. Who painted more?`],
    es: (n1, n2) => [`${n1} pintó `, ` de una cerca y ${n2} pintó `, ` de otra cerca del mismo tamaño. ¿Quién pintó más?`],
    unit: null,
  },
];

/** Two different names. */
function twoNames(rng: Rng): [string, string] {
  const [n1, n2] = rng.shuffle(NAMES).slice(0, 2) as [string, string];
  return [n1, n2];
}

const LIKE_DENOMINATORS = [3, 4, 5, 6, 8, 10, 12] as const;

const FRACTION_WORD: {
  op: '+' | '-';
  en: (a: Segment, b: Segment, name: string) => RichText;
  es: (a: Segment, b: Segment, name: string) => RichText;
  unit: Unit | null;
  /** The answer sentence around the result. */
  answer: Record<Locale, (f: Segment, name: string) => RichText>;
}[] = [
  {
    op: '+',
    en: (a, b, name) => rich(`${name} walked `, a, ' of a kilometer in the morning and ', b, ` of a kilometer in the afternoon. How far did ${name} walk in all?`),
    es: (a, b, name) => rich(`${name} caminó `, a, ' de kilómetro en la mañana y ', b, ' de kilómetro en la tarde. ¿Cuánto caminó en total?'),
    unit: 'km',
    answer: {
      en: (f, name) => rich(`${name} walked `, f, ' of a kilometer in all.'),
      es: (f, name) => rich(`${name} caminó `, f, ' de kilómetro en total.'),
    },
  },
  {
    op: '+',
    en: (a, b) => rich('A recipe uses ', a, ' of a cup of flour for the dough and ', b, ' of a cup for the topping. How much flour does it use?'),
    es: (a, b) => rich('Una receta usa ', a, ' de taza de harina para la masa y ', b, ' de taza para la cubierta. ¿Cuánta harina usa?'),
    unit: null,
    answer: {
      en: (f) => rich('The recipe uses ', f, ' of a cup of flour.'),
      es: (f) => rich('La receta usa ', f, ' de taza de harina.'),
    },
  },
  {
    op: '-',
    en: (a, b) => rich('A jug had ', a, ' of a liter of juice. Then ', b, ' of a liter was poured out. How much juice is left?'),
    es: (a, b) => rich('Una jarra tenía ', a, ' de litro de jugo. Luego se sirvieron ', b, ' de litro. ¿Cuánto jugo queda?'),
    unit: 'L',
    answer: {
      en: (f) => rich(f, ' of a liter of juice is left.'),
      es: (f) => rich('Lo que queda es ', f, ' de litro de jugo.'),
    },
  },
  {
    op: '-',
    en: (a, b, name) => rich(`${name} had `, a, ' of a bag of clay and used ', b, ' of the bag to make a bowl. How much of the bag is left?'),
    es: (a, b, name) => rich(`${name} tenía `, a, ' de una bolsa de plastilina y usó ', b, ' de la bolsa para hacer un tazón. ¿Cuánto de la bolsa queda?'),
    unit: null,
    answer: {
      en: (f) => rich(f, ' of the bag is left.'),
      es: (f) => rich('Lo que queda es ', f, ' de la bolsa.'),
    },
  },
];

const TIMES_WHOLE_WORD: {
  en: (n: number, f: Segment, name: string) => RichText;
  es: (n: number, f: Segment, name: string) => RichText;
  unit: Unit | null;
}[] = [
  {
    en: (n, f, name) => rich(`${name} runs `, f, ` of a kilometer every day. How many kilometers does ${name} run in ${n} days?`),
    es: (n, f, name) => rich(`${name} corre `, f, ` de kilómetro cada día. ¿Cuántos kilómetros corre en ${n} días?`),
    unit: 'km',
  },
  {
    en: (n, f) => rich('Each glass holds ', f, ` of a liter of water. How many liters do ${n} glasses hold?`),
    es: (n, f) => rich('En cada vaso caben ', f, ` de litro de agua. ¿Cuántos litros caben en ${n} vasos?`),
    unit: 'L',
  },
  {
    en: (n, f, name) => rich(`${name} needs `, f, ` of a cup of rice for one batch of soup. How many cups of rice are needed for ${n} batches?`),
    es: (n, f, name) => rich(`${name} necesita `, f, ` de taza de arroz para una olla de sopa. ¿Cuántas tazas de arroz se necesitan para ${n} ollas?`),
    unit: null,
  },
  {
    en: (n, f) => rich(`A ribbon is cut into ${n} pieces, and each piece is `, f, ' of a meter long. How many meters of ribbon is that?'),
    es: (n, f) => rich(`Un listón se corta en ${n} pedazos y cada pedazo mide `, f, ' de metro. ¿Cuántos metros de listón son?'),
    unit: 'm',
  },
];

// ---------------------------------------------------------------------------------------
// g4.decimal-notation

/** A scaled integer (e.g. 237 hundredths) as a decimal string without trailing zeros: "2.37", "0.4", "3". */
function decimal(scaled: number, places: number): string {
  const factor = 10 ** places;
  const whole = Math.floor(scaled / factor);
  const rest = String(scaled % factor).padStart(places, '0').replace(/0+$/, '');
  return rest === '' ? String(whole) : `${whole}.${rest}`;
}

// ---------------------------------------------------------------------------------------

export const grade4: SkillModule = {
  skills: [
    {
      code: 'g4.place-value-millions',
      standard: '4.NBT.A.2',
      grade: 4,
      domain: 'place-value',
      name: { en: 'Place value up to one million', es: 'Valor posicional hasta un millón' },
      prerequisites: [],
    },
    {
      code: 'g4.multiply-multi-digit',
      standard: '4.NBT.B.5',
      grade: 4,
      domain: 'multiplication',
      name: { en: 'Multiply multi-digit numbers', es: 'Multiplicar números de varias cifras' },
      prerequisites: ['g3.mult-facts-6-9'],
    },
    {
      code: 'g4.divide-remainders',
      standard: '4.NBT.B.6',
      grade: 4,
      domain: 'multiplication',
      name: { en: 'Divide with remainders', es: 'Dividir con residuo' },
      prerequisites: ['g3.division-facts'],
    },
    {
      code: 'g4.compare-fractions',
      standard: '4.NF.A.2',
      grade: 4,
      domain: 'fractions',
      name: { en: 'Compare fractions', es: 'Comparar fracciones' },
      prerequisites: ['g3.equivalent-fractions'],
    },
    {
      code: 'g4.add-like-fractions',
      standard: '4.NF.B.3',
      grade: 4,
      domain: 'fractions',
      name: { en: 'Add and subtract fractions with like denominators', es: 'Sumar y restar fracciones con el mismo denominador' },
      prerequisites: ['g3.equivalent-fractions'],
    },
    {
      code: 'g4.fraction-times-whole',
      standard: '4.NF.B.4',
      grade: 4,
      domain: 'fractions',
      name: { en: 'Multiply a fraction by a whole number', es: 'Multiplicar una fracción por un número entero' },
      prerequisites: ['g4.add-like-fractions', 'g3.mult-facts-6-9'],
    },
    {
      code: 'g4.decimal-notation',
      standard: '4.NF.C.6',
      grade: 4,
      domain: 'decimals',
      name: { en: 'Decimal notation for tenths and hundredths', es: 'Escribir décimos y centésimos como decimales' },
      prerequisites: ['g3.equivalent-fractions'],
    },
    {
      code: 'g4.area-perimeter-problems',
      standard: '4.MD.A.3',
      grade: 4,
      domain: 'geometry',
      name: { en: 'Area and perimeter problems', es: 'Problemas de área y perímetro' },
      prerequisites: ['g3.rectangle-area', 'g3.perimeter'],
    },
  ],
  templates: [
    // -- g4.place-value-millions ----------------------------------------------------------
    {
      key: 'g4.place-value-millions/digit-value',
      skill: 'g4.place-value-millions',
      generate(rng, locale) {
        const n = sixDigitNumber(rng, 0.15);
        const digits = digitsOf(n);
        const power = rng.pick([1, 2, 3, 4, 5].filter((p) => digits[p] !== 0));
        const d = digits[power]!;
        const value = d * 10 ** power;
        const t = say(locale);
        return {
          prompt: rich(t('What is the value of the underlined digit in ', '¿Cuál es el valor del dígito subrayado en '), tex(underlined(n, power, locale)), '?'),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(value) },
          hints: [
            rich(t('Name the places from the right: ones, tens, hundreds, thousands, ten thousands, hundred thousands.', 'Nombra las posiciones desde la derecha: unidades, decenas, centenas, unidades de millar, decenas de millar, centenas de millar.')),
            rich(t(`The underlined ${d} is in the ${placeName(power, locale)} place.`, `El ${d} subrayado está en la posición de las ${placeName(power, locale)}.`)),
            rich(t('Multiply the digit by the value of its place, ', 'Multiplica el dígito por el valor de su posición, '), tex(num(10 ** power, locale)), '.'),
          ],
          solution: [
            rich(t(`The underlined ${d} is in the ${placeName(power, locale)} place.`, `El ${d} subrayado está en la posición de las ${placeName(power, locale)}.`)),
            rich(t('Its value is ', 'Su valor es '), tex(`${d} \\times ${num(10 ** power, locale)} = ${num(value, locale)}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g4.place-value-millions/standard-form',
      skill: 'g4.place-value-millions',
      generate(rng, locale) {
        const n = sixDigitNumber(rng, 0.3);
        const unitForm = rng.chance(0.5);
        const digits = digitsOf(n);
        const present = [5, 4, 3, 2, 1, 0].filter((p) => digits[p] !== 0);
        const zeros = [5, 4, 3, 2, 1, 0].filter((p) => digits[p] === 0);
        const t = say(locale);
        const units = present.map((p) => `${digits[p]} ${placeName(p, locale, digits[p])}`);
        const unitList = units.length === 1 ? units[0]! : `${units.slice(0, -1).join(', ')}${t(' and ', ' y ')}${units[units.length - 1]}`;
        return {
          prompt: unitForm
            ? rich(t(`What number has ${unitList}?`, `¿Qué número tiene ${unitList}?`))
            : rich(t('Write this number in standard form: ', 'Escribe este número en forma estándar: '), tex(present.map((p) => num(digits[p]! * 10 ** p, locale)).join(' + '))),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(n) },
          hints: [
            rich(t('Each part gives one digit. The number has six places, from hundred thousands down to ones.', 'Cada parte da un dígito. El número tiene seis posiciones, desde las centenas de millar hasta las unidades.')),
            zeros.length > 0
              ? rich(t(`There are no ${zeros.map((p) => placeName(p, locale)).join(' or ')}, so write 0 in ${zeros.length === 1 ? 'that place' : 'those places'}.`,
                  `No hay ${zeros.map((p) => placeName(p, locale)).join(' ni ')}, así que escribe 0 en ${zeros.length === 1 ? 'esa posición' : 'esas posiciones'}.`))
              : rich(t('Every place has a digit, so no zeros are needed.', 'Todas las posiciones tienen un dígito, así que no hace falta ningún 0.')),
            rich(t(`The number starts with ${digits[5]} in the hundred thousands place.`, `El número empieza con ${digits[5]} en las centenas de millar.`)),
          ],
          solution: [
            rich(
              t('Place by place: ', 'Posición por posición: '),
              [5, 4, 3, 2, 1, 0].map((p) => `${placeName(p, locale)} ${digits[p]}`).join(', '),
              '.',
            ),
            rich(t('The number is ', 'El número es '), tex(num(n, locale)), '.'),
          ],
        };
      },
    },
    {
      key: 'g4.place-value-millions/compare',
      skill: 'g4.place-value-millions',
      generate(rng, locale) {
        const base = sixDigitNumber(rng, 0.15);
        const askGreatest = rng.chance(0.5);
        // Variants that share the leading digits: change one digit, or swap two neighbours.
        const numbers = new Set<number>([base]);
        while (numbers.size < 3) {
          const digits = String(base).split('').map(Number);
          const i = rng.int(1, 5);
          if (rng.chance(0.5) && i < 5) [digits[i], digits[i + 1]] = [digits[i + 1]!, digits[i]!];
          else digits[i] = (digits[i]! + rng.int(1, 9)) % 10;
          numbers.add(Number(digits.join('')));
        }
        const values = [...numbers];
        const sorted = [...values].sort((x, y) => y - x);
        const target = askGreatest ? sorted[0]! : sorted[2]!;
        const t = say(locale);
        const { choices, correct } = choicesFrom(rng, values.map((v) => ({ content: rich(tex(num(v, locale))), correct: v === target })));
        return {
          prompt: rich(askGreatest ? t('Which number is the greatest?', '¿Qué número es el mayor?') : t('Which number is the least?', '¿Qué número es el menor?')),
          choices,
          answer: { kind: 'choice', correct },
          hints: [
            rich(t('Compare the digits place by place, starting from the left.', 'Compara los dígitos posición por posición, empezando por la izquierda.')),
            rich(t('Skip the places where all the digits are the same. The first place where they differ decides.', 'Salta las posiciones donde todos los dígitos son iguales. La primera posición donde son distintos decide.')),
          ],
          solution: [
            rich(t('Compare from the left, place by place.', 'Compara desde la izquierda, posición por posición.')),
            rich(t('From greatest to least: ', 'De mayor a menor: '), tex(sorted.map((v) => num(v, locale)).join(' > ')), '.'),
            rich(askGreatest ? t('The greatest is ', 'El mayor es ') : t('The least is ', 'El menor es '), tex(num(target, locale)), '.'),
          ],
        };
      },
    },

    // -- g4.multiply-multi-digit ----------------------------------------------------------
    {
      key: 'g4.multiply-multi-digit/compute',
      skill: 'g4.multiply-multi-digit',
      generate(rng, locale) {
        const [a, b] = multiplicationNumbers(rng);
        const t = say(locale);
        return {
          prompt: rich(t('What is ', '¿Cuánto es '), tex(`${num(a, locale)} \\times ${b}`), '?'),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(a * b) },
          ...partialProductSteps(a, b, locale),
        };
      },
    },
    {
      key: 'g4.multiply-multi-digit/word',
      skill: 'g4.multiply-multi-digit',
      generate(rng, locale) {
        const [a, b] = multiplicationNumbers(rng);
        const context = rng.pick(MULTIPLY_CONTEXTS.filter((c) => a <= c.max));
        const name = rng.pick(NAMES);
        const t = say(locale);
        const p = a * b;
        const { hints, solution } = partialProductSteps(a, b, locale);
        return {
          prompt: rich(context[locale](numText(a, locale), String(b), name)),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(p) },
          hints: [rich(t('Equal groups: multiply ', 'Grupos iguales: multiplica '), tex(`${num(a, locale)} \\times ${b}`), '.'), ...hints.slice(0, 2)],
          solution: [
            rich(t('Multiply: ', 'Multiplica: '), tex(`${num(a, locale)} \\times ${b}`), '.'),
            ...solution.slice(0, -1),
            rich(t(`The answer is ${numText(p, locale)} ${context.unit.en}.`, `La respuesta es ${numText(p, locale)} ${context.unit.es}.`)),
          ],
        };
      },
    },

    // -- g4.divide-remainders -------------------------------------------------------------
    {
      key: 'g4.divide-remainders/remainder',
      skill: 'g4.divide-remainders',
      generate(rng, locale) {
        const { n, d, q, r } = divisionNumbers(rng, true);
        const t = say(locale);
        const steps = partialQuotientSteps(n, d, locale);
        const first = parts(q)[0]!;
        return {
          prompt: rich(t('What is the remainder when ', '¿Cuál es el residuo al dividir '), tex(num(n, locale)), t(' is divided by ', ' entre '), tex(d), '?'),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(r) },
          hints: [
            rich(t(`Find how many groups of ${d} fit into `, `Busca cuántos grupos de ${d} caben en `), tex(num(n, locale)), t('. What is left over is the remainder.', '. Lo que sobra es el residuo.')),
            rich(t('Take away big groups first: start with ', 'Quita primero grupos grandes: empieza con '), tex(`${d} \\times ${num(first, locale)} = ${num(d * first, locale)}`), '.'),
            rich(t(`The remainder must be less than ${d}.`, `El residuo tiene que ser menor que ${d}.`)),
          ],
          solution: [
            ...steps,
            rich(
              t('The quotient is ', 'El cociente es '),
              tex(parts(q).map((x) => num(x, locale)).join(' + ') + (parts(q).length > 1 ? ` = ${q}` : '')),
              t(` and ${r} ${r === 1 ? 'is' : 'are'} left over, so the remainder is ${r}: `, ` y ${r === 1 ? 'sobra' : 'sobran'} ${r}, así que el residuo es ${r}: `),
              tex(`${num(n, locale)} = ${d} \\times ${q} + ${r}`),
              '.',
            ),
          ],
        };
      },
    },
    {
      key: 'g4.divide-remainders/quotient',
      skill: 'g4.divide-remainders',
      generate(rng, locale) {
        const { n, d, q } = divisionNumbers(rng, false);
        const t = say(locale);
        const first = parts(q)[0]!;
        return {
          prompt: rich(t('What is ', '¿Cuánto es '), tex(`${num(n, locale)} \\div ${d}`), '?'),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(q) },
          hints: [
            rich(t(`Think: how many groups of ${d} are in `, `Piensa: ¿cuántos grupos de ${d} hay en `), tex(num(n, locale)), t('?', '?')),
            rich(t('Take away big groups first: start with ', 'Quita primero grupos grandes: empieza con '), tex(`${d} \\times ${num(first, locale)} = ${num(d * first, locale)}`), '.'),
            rich(t('Keep taking away groups until nothing is left, then add up the groups.', 'Sigue quitando grupos hasta que no quede nada y luego suma los grupos.')),
          ],
          solution: [
            ...partialQuotientSteps(n, d, locale),
            rich(
              t('Add the groups: ', 'Suma los grupos: '),
              tex(parts(q).map((x) => num(x, locale)).join(' + ') + (parts(q).length > 1 ? ` = ${q}` : '')),
              t(', so ', ', así que '),
              tex(`${num(n, locale)} \\div ${d} = ${q}`),
              '.',
            ),
          ],
        };
      },
    },
    {
      key: 'g4.divide-remainders/interpret',
      skill: 'g4.divide-remainders',
      generate(rng, locale) {
        const d = rng.int(3, 9);
        const q = rng.int(4, 40);
        const r = rng.int(1, d - 1);
        const n = d * q + r;
        const context = rng.pick(REMAINDER_CONTEXTS);
        const name = rng.pick(NAMES);
        const t = say(locale);
        const answer = context.kind === 'round-up' ? q + 1 : context.kind === 'drop' ? q : r;
        const meaning =
          context.kind === 'round-up'
            ? t(`What is left over (${r}) still needs a place, so one more is needed: `, `Lo que sobra (${r}) también necesita lugar, así que hace falta uno más: `)
            : context.kind === 'drop'
              ? t(`What is left over (${r}) is not enough for another full one, so the answer is the quotient: `, `Lo que sobra (${r}) no alcanza para completar otro, así que la respuesta es el cociente: `)
              : t('The question asks what is left over, so the answer is the remainder: ', 'La pregunta es cuánto sobra, así que la respuesta es el residuo: ');
        return {
          prompt: rich(context[locale](n, d, name)),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(answer) },
          hints: [
            rich(t('Divide: ', 'Divide: '), tex(`${n} \\div ${d}`), t('. Find the quotient and the remainder.', '. Encuentra el cociente y el residuo.')),
            rich(tex(`${d} \\times ${q} = ${d * q}`), t(`, and ${n} is ${r} more than that.`, `, y ${n} es ${r} más que eso.`)),
            rich(t('Think about what the remainder means in the story.', 'Piensa qué significa el residuo en el problema.')),
          ],
          solution: [
            rich(tex(`${n} \\div ${d} = ${q}`), t(` with a remainder of ${r}, because `, ` con residuo ${r}, porque `), tex(`${d} \\times ${q} + ${r} = ${n}`), '.'),
            rich(meaning, tex(answer), '.'),
            rich(context.answer[locale](answer)),
          ],
        };
      },
    },

    // -- g4.compare-fractions -------------------------------------------------------------
    {
      key: 'g4.compare-fractions/symbol',
      skill: 'g4.compare-fractions',
      generate(rng, locale) {
        const [a, b, c, d] = fractionPair(rng);
        const t = say(locale);
        const { sign, hints, solution } = compareSteps(a, b, c, d, locale);
        // The three symbols stay in their usual order; "=" is never right (the fractions differ).
        const symbols = ['<', '=', '>'] as const;
        const choices = symbols.map((s, i) => ({ id: String.fromCharCode(97 + i), content: rich(tex(s)) }));
        return {
          prompt: rich(t('Which symbol makes this true? ', '¿Qué símbolo hace verdadera la comparación? '), tex(`${frac(a, b)} \\;\\square\\; ${frac(c, d)}`)),
          choices,
          answer: { kind: 'choice', correct: [choices[symbols.indexOf(sign)]!.id] },
          hints,
          solution,
        };
      },
    },
    {
      key: 'g4.compare-fractions/which-greater',
      skill: 'g4.compare-fractions',
      generate(rng, locale) {
        const [a, b, c, d] = fractionPair(rng);
        const askGreater = rng.chance(0.5);
        const t = say(locale);
        const { sign, hints, solution } = compareSteps(a, b, c, d, locale);
        const firstWins = (sign === '>') === askGreater;
        const { choices, correct } = choicesFrom(rng, [
          { content: rich(tex(frac(a, b))), correct: firstWins },
          { content: rich(tex(frac(c, d))), correct: !firstWins },
        ]);
        const winner = firstWins ? frac(a, b) : frac(c, d);
        return {
          prompt: rich(askGreater ? t('Which fraction is greater?', '¿Qué fracción es mayor?') : t('Which fraction is smaller?', '¿Qué fracción es menor?')),
          choices,
          answer: { kind: 'choice', correct },
          hints,
          solution: [
            ...solution,
            rich(askGreater ? t('The greater fraction is ', 'La fracción mayor es ') : t('The smaller fraction is ', 'La fracción menor es '), tex(winner), '.'),
          ],
        };
      },
    },
    {
      key: 'g4.compare-fractions/word',
      skill: 'g4.compare-fractions',
      generate(rng, locale) {
        const [a, b, c, d] = fractionPair(rng);
        const [n1, n2] = twoNames(rng);
        const context = rng.pick(COMPARE_CONTEXTS);
        const t = say(locale);
        const { sign, hints, solution } = compareSteps(a, b, c, d, locale);
        const { choices, correct } = choicesFrom(rng, [
          { content: rich(n1), correct: sign === '>' },
          { content: rich(n2), correct: sign === '<' },
        ]);
        const [before, between, after] = context[locale](n1, n2);
        return {
          prompt: rich(before, tex(frac(a, b)), between, tex(frac(c, d)), after),
          choices,
          answer: { kind: 'choice', correct },
          hints,
          solution: [...solution, rich(t(`${sign === '>' ? n1 : n2} has the greater amount.`, `${sign === '>' ? n1 : n2} tiene la cantidad mayor.`))],
        };
      },
    },

    // -- g4.add-like-fractions ------------------------------------------------------------
    {
      key: 'g4.add-like-fractions/compute',
      skill: 'g4.add-like-fractions',
      generate(rng, locale) {
        const d = rng.pick(LIKE_DENOMINATORS);
        const op = rng.pick(['+', '-'] as const);
        let a = rng.int(1, d - 1);
        let b = rng.int(1, d - 1);
        if (op === '-' && a === b) a = a === d - 1 ? a - 1 : a + 1;
        if (op === '-' && a < b) [a, b] = [b, a];
        const n = op === '+' ? a + b : a - b;
        const t = say(locale);
        return {
          prompt: rich(t('What is ', '¿Cuánto es '), tex(`${frac(a, d)} ${op} ${frac(b, d)}`), '?'),
          answerFormat: aFraction(locale),
          answer: { kind: 'number', value: fractionValue(n, d) },
          hints: [
            rich(t('Both fractions have the same denominator, so the denominator stays ', 'Las dos fracciones tienen el mismo denominador, así que el denominador sigue siendo '), tex(d), '.'),
            rich(op === '+' ? t('Add the numerators: ', 'Suma los numeradores: ') : t('Subtract the numerators: ', 'Resta los numeradores: '), tex(`${a} ${op} ${b}`), '.'),
          ],
          solution: [
            rich(t('Keep the denominator and ', 'Deja el denominador igual y '), op === '+' ? t('add', 'suma') : t('subtract', 'resta'), t(' the numerators: ', ' los numeradores: '), tex(`${frac(a, d)} ${op} ${frac(b, d)} = \\frac{${a} ${op} ${b}}{${d}}`), '.'),
            rich(tex(`\\frac{${a} ${op} ${b}}{${d}} = ${frac(n, d)}${n >= d ? ` = ${mixed(n, d)}` : ''}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g4.add-like-fractions/mixed-numbers',
      skill: 'g4.add-like-fractions',
      generate(rng, locale) {
        const d = rng.pick(LIKE_DENOMINATORS);
        const op = rng.pick(['+', '-'] as const);
        let w1 = rng.int(1, 6);
        let w2 = rng.int(1, 5);
        const a = rng.int(1, d - 1);
        let b = rng.int(1, d - 1);
        if (b === a) b = a === d - 1 ? 1 : a + 1;
        if (op === '-' && w1 <= w2) [w1, w2] = [w2 + 1, w1];
        const first = w1 * d + a;
        const second = w2 * d + b;
        const n = op === '+' ? first + second : first - second;
        const t = say(locale);
        return {
          prompt: rich(t('What is ', '¿Cuánto es '), tex(`${w1}${frac(a, d)} ${op} ${w2}${frac(b, d)}`), '?'),
          answerFormat: aFraction(locale),
          answer: { kind: 'number', value: fractionValue(n, d) },
          hints: [
            rich(op === '+' ? t('Add the whole numbers and the fractions separately.', 'Suma por separado los enteros y las fracciones.') : t('Subtract the whole numbers and the fractions separately.', 'Resta por separado los enteros y las fracciones.')),
            op === '+'
              ? rich(t('If the fractions add up to ', 'Si las fracciones suman '), tex(frac(d, d)), t(' or more, that makes another whole.', ' o más, eso forma otro entero.'))
              : rich(t('If the first fraction is smaller than the second, trade 1 whole for ', 'Si la primera fracción es menor que la segunda, cambia 1 entero por '), tex(frac(d, d)), '.'),
            rich(t('Or change both to fractions: ', 'O convierte los dos en fracciones: '), tex(`${w1}${frac(a, d)} = ${frac(first, d)}`), t(' and ', ' y '), tex(`${w2}${frac(b, d)} = ${frac(second, d)}`), '.'),
          ],
          solution: [
            rich(t('Write both as fractions: ', 'Escribe los dos como fracciones: '), tex(`${w1}${frac(a, d)} = ${frac(first, d)}`), t(' and ', ' y '), tex(`${w2}${frac(b, d)} = ${frac(second, d)}`), '.'),
            rich(tex(`${frac(first, d)} ${op} ${frac(second, d)} = ${frac(n, d)}`), '.'),
            rich(n % d === 0 ? t('As a whole number: ', 'Como número entero: ') : t('As a mixed number: ', 'Como número mixto: '), tex(`${frac(n, d)} = ${mixed(n, d)}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g4.add-like-fractions/word',
      skill: 'g4.add-like-fractions',
      generate(rng, locale) {
        const d = rng.pick(LIKE_DENOMINATORS);
        const context = rng.pick(FRACTION_WORD);
        const name = rng.pick(NAMES);
        let a: number;
        let b: number;
        if (context.op === '+') {
          a = rng.int(1, d - 2);
          b = rng.int(1, d - 1 - a);
        } else {
          a = rng.int(2, d - 1);
          b = rng.int(1, a - 1);
        }
        const n = context.op === '+' ? a + b : a - b;
        const t = say(locale);
        const [first, second] = [`\\frac{${a}}{${d}}`, `\\frac{${b}}{${d}}`];
        return {
          prompt: context[locale](tex(first), tex(second), name),
          answerFormat: context.unit ? fractionIn(context.unit, locale) : rich(t('A fraction, like 3/4', 'Una fracción, como 3/4')),
          answer: { kind: 'number', value: fractionValue(n, d), ...(context.unit ? { unit: context.unit } : {}) },
          hints: [
            rich(context.op === '+' ? t('The amounts are put together, so add: ', 'Las cantidades se juntan, así que suma: ') : t('An amount is taken away, so subtract: ', 'Se quita una cantidad, así que resta: '), tex(`${first} ${context.op} ${second}`), '.'),
            rich(t('The denominators are the same, so work with the numerators: ', 'Los denominadores son iguales, así que opera con los numeradores: '), tex(`${a} ${context.op} ${b}`), '.'),
          ],
          solution: [
            rich(tex(`${first} ${context.op} ${second} = \\frac{${a} ${context.op} ${b}}{${d}} = ${frac(n, d)}`), '.'),
            context.answer[locale](tex(frac(n, d)), name),
          ],
        };
      },
    },

    // -- g4.fraction-times-whole ----------------------------------------------------------
    {
      key: 'g4.fraction-times-whole/compute',
      skill: 'g4.fraction-times-whole',
      generate(rng, locale) {
        const n = rng.int(2, 9);
        const b = rng.pick(G4_DENOMINATORS);
        const a = rng.int(1, b - 1);
        const t = say(locale);
        const p = n * a;
        return {
          prompt: rich(t('What is ', '¿Cuánto es '), tex(`${n} \\times ${frac(a, b)}`), '?'),
          answerFormat: aFraction(locale),
          answer: { kind: 'number', value: fractionValue(p, b) },
          hints: [
            rich(tex(`${n} \\times ${frac(a, b)}`), t(' means ', ' significa '), tex(n), t(' groups of ', ' grupos de '), tex(frac(a, b)), '.'),
            rich(t('Multiply the numerator by ', 'Multiplica el numerador por '), tex(n), t('; the denominator stays ', '; el denominador sigue siendo '), tex(b), '.'),
          ],
          solution: [
            rich(tex(`${n} \\times ${frac(a, b)} = \\frac{${n} \\times ${a}}{${b}} = ${frac(p, b)}`), '.'),
            rich(t('So ', 'Así que '), tex(`${n} \\times ${frac(a, b)} = ${frac(p, b)}${p >= b ? ` = ${mixed(p, b)}` : ''}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g4.fraction-times-whole/word',
      skill: 'g4.fraction-times-whole',
      generate(rng, locale) {
        const n = rng.int(2, 9);
        const b = rng.pick([2, 3, 4, 5, 6, 8, 10] as const);
        const a = rng.int(1, b - 1);
        const context = rng.pick(TIMES_WHOLE_WORD);
        const name = rng.pick(NAMES);
        const t = say(locale);
        const p = n * a;
        return {
          prompt: context[locale](n, tex(frac(a, b)), name),
          answerFormat: context.unit ? fractionIn(context.unit, locale) : aFraction(locale),
          answer: { kind: 'number', value: fractionValue(p, b), ...(context.unit ? { unit: context.unit } : {}) },
          hints: [
            rich(t('The same amount repeats ', 'La misma cantidad se repite '), tex(n), t(' times, so multiply: ', ' veces, así que multiplica: '), tex(`${n} \\times ${frac(a, b)}`), '.'),
            rich(t('Multiply the numerator by ', 'Multiplica el numerador por '), tex(n), t(' and keep the denominator.', ' y deja el denominador igual.')),
          ],
          solution: [
            rich(t('Multiply: ', 'Multiplica: '), tex(`${n} \\times ${frac(a, b)} = \\frac{${n} \\times ${a}}{${b}} = ${frac(p, b)}`), '.'),
            rich(t('The answer is ', 'La respuesta es '), tex(`${frac(p, b)}${p >= b ? ` = ${mixed(p, b)}` : ''}`), context.unit ? ' ' : '', context.unit ? tex(`\\text{${context.unit}}`) : '', '.'),
          ],
        };
      },
    },
    {
      key: 'g4.fraction-times-whole/unit-fraction-multiple',
      skill: 'g4.fraction-times-whole',
      generate(rng, locale) {
        // Never 1/b = □ × 1/b: the numerator is at least 2.
        const b = rng.pick(G4_DENOMINATORS.filter((d) => d > 2));
        const n = rng.int(2, 9);
        const a = rng.int(2, b - 1);
        const wholeTimesFraction = rng.chance(0.5);
        const t = say(locale);
        // Either a/b = □ × 1/b, or n × a/b = □ × 1/b.
        const total = wholeTimesFraction ? n * a : a;
        const example = total === 2 || a === 2 ? 3 : 2;
        const left = wholeTimesFraction ? `${n} \\times ${frac(a, b)}` : frac(a, b);
        return {
          prompt: rich(t('What number goes in the box? ', '¿Qué número va en el cuadro? '), tex(`${left} = \\square \\times ${frac(1, b)}`)),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(total) },
          hints: [
            rich(t('A fraction is a number of unit fractions, for example ', 'Una fracción es una cantidad de fracciones unitarias, por ejemplo '), tex(`${frac(example, b)} = ${example} \\times ${frac(1, b)}`), '.'),
            wholeTimesFraction
              ? rich(tex(frac(a, b)), t(' is ', ' es '), tex(`${a} \\times ${frac(1, b)}`), t('. How many ', '. ¿Cuántos '), tex(frac(1, b)), t(` are in ${n} groups?`, ` hay en ${n} grupos?`))
              : rich(t('Count the pieces of size ', 'Cuenta los pedazos de tamaño '), tex(frac(1, b)), t(' in ', ' en '), tex(frac(a, b)), t(': the numerator tells you.', ': el numerador te lo dice.')),
          ],
          solution: wholeTimesFraction
            ? [
                rich(tex(`${frac(a, b)} = ${a} \\times ${frac(1, b)}`), '.'),
                rich(tex(`${n} \\times ${frac(a, b)} = ${n} \\times ${a} \\times ${frac(1, b)} = ${total} \\times ${frac(1, b)}`), '.'),
                rich(t('The missing number is ', 'El número que falta es '), tex(total), '.'),
              ]
            : [
                rich(tex(frac(a, b)), t(` is ${a} pieces of size `, ` son ${a} pedazos de tamaño `), tex(frac(1, b)), '.'),
                rich(t('So ', 'Así que '), tex(`${frac(a, b)} = ${a} \\times ${frac(1, b)}`), t(`; the missing number is ${a}.`, `; el número que falta es ${a}.`)),
              ],
        };
      },
    },

    // -- g4.decimal-notation --------------------------------------------------------------
    {
      key: 'g4.decimal-notation/fraction-to-decimal',
      skill: 'g4.decimal-notation',
      generate(rng, locale) {
        const hundredths = rng.chance(0.6);
        const den = hundredths ? 100 : 10;
        const a = hundredths ? rng.pick([rng.int(1, 9), rng.int(11, 99)]) : rng.int(1, 9);
        const w = rng.chance(0.4) ? rng.int(1, 9) : 0;
        const fixed = a % 10 === 0 && hundredths ? a + 1 : a;
        const scaled = w * den + fixed;
        const places = hundredths ? 2 : 1;
        const value = decimal(scaled, places);
        const t = say(locale);
        const shown = w > 0 ? `${w}${frac(fixed, den)}` : frac(fixed, den);
        const placeWord = hundredths ? t('hundredths', 'centésimos') : t('tenths', 'décimos');
        return {
          prompt: rich(t('Write ', 'Escribe '), tex(shown), t(' as a decimal.', ' como número decimal.')),
          answerFormat: aDecimal(locale),
          answer: { kind: 'number', value, acceptEquivalentForms: false },
          hints: [
            rich(t(`The denominator is ${den}, so the fraction counts ${placeWord}.`, `El denominador es ${den}, así que la fracción cuenta ${placeWord}.`)),
            rich(
              hundredths
                ? t('Hundredths use two places after the decimal point', 'Los centésimos ocupan dos lugares después del punto decimal')
                : t('Tenths use one place after the decimal point', 'Los décimos ocupan un lugar después del punto decimal'),
              hundredths && fixed < 10 ? t(`, so ${fixed} hundredths is written with a 0 first: 0${fixed}.`, `, así que ${fixed} centésimos se escribe con un 0 delante: 0${fixed}.`) : '.',
            ),
          ],
          solution: [
            rich(tex(shown), t(` is ${w > 0 ? `${w} and ` : ''}${fixed} ${placeWord}.`, ` es ${w > 0 ? `${w} y ` : ''}${fixed} ${placeWord}.`)),
            rich(t(`Write the ${placeWord} after the decimal point: `, `Escribe los ${placeWord} después del punto decimal: `), tex(`${shown} = ${value}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g4.decimal-notation/decimal-to-fraction',
      skill: 'g4.decimal-notation',
      generate(rng, locale) {
        // 0.45 = □/100, 0.7 = □/10, or 0.7 = □/100 (tenths as hundredths).
        const kind = rng.int(0, 2);
        const digits = kind === 0 ? rng.int(11, 99) : rng.int(1, 9);
        const w = rng.chance(0.3) ? rng.int(1, 5) : 0;
        const fixed = kind === 0 && digits % 10 === 0 ? digits + 1 : digits;
        const places = kind === 0 ? 2 : 1;
        const den = kind === 1 ? 10 : 100;
        const shown = decimal(w * 10 ** places + fixed, places);
        const answer = kind === 2 ? fixed * 10 : fixed;
        const t = say(locale);
        const whole = w > 0 ? `${w}` : '';
        return {
          prompt: rich(t('What number goes in the box? ', '¿Qué número va en el cuadro? '), tex(`${shown} = ${whole}\\frac{\\square}{${den}}`)),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(answer) },
          hints: [
            rich(
              places === 2
                ? t('The first place after the decimal point is tenths; the second is hundredths.', 'El primer lugar después del punto decimal son los décimos; el segundo, los centésimos.')
                : t('The place right after the decimal point is tenths.', 'El lugar justo después del punto decimal son los décimos.'),
            ),
            kind === 2
              ? rich(t('One tenth is the same as ten hundredths: ', 'Un décimo es lo mismo que diez centésimos: '), tex(`${frac(1, 10)} = ${frac(10, 100)}`), '.')
              : rich(t(`Read the digits after the decimal point as ${den === 10 ? 'tenths' : 'hundredths'}.`, `Lee las cifras después del punto decimal como ${den === 10 ? 'décimos' : 'centésimos'}.`)),
          ],
          solution: [
            rich(tex(shown), t(` has ${fixed} ${places === 2 ? 'hundredths' : 'tenths'} after the decimal point: `, ` tiene ${fixed} ${places === 2 ? 'centésimos' : 'décimos'} después del punto decimal: `), tex(`${shown} = ${whole}${frac(fixed, places === 2 ? 100 : 10)}`), '.'),
            ...(kind === 2 ? [rich(t('Multiply the numerator and denominator by 10: ', 'Multiplica el numerador y el denominador por 10: '), tex(`${frac(fixed, 10)} = ${frac(answer, 100)}`), '.')] : []),
            rich(t(`The missing number is ${answer}.`, `El número que falta es ${answer}.`)),
          ],
        };
      },
    },

    // -- g4.area-perimeter-problems -------------------------------------------------------
    {
      key: 'g4.area-perimeter-problems/missing-side-area',
      skill: 'g4.area-perimeter-problems',
      generate(rng, locale) {
        const width = rng.int(3, 12);
        const length = rng.int(width + 1, 25);
        const thing = rng.int(0, 2);
        const area = width * length;
        const t = say(locale);
        const things: [string, string][] = [
          ['A rectangular room', 'Un cuarto rectangular'],
          ['A rectangular garden', 'Un huerto rectangular'],
          ['A rectangular card', 'Una tarjeta rectangular'],
        ];
        const u = thing === 2 ? 'cm' : 'm';
        return {
          prompt: rich(
            things[thing]![locale === 'en' ? 0 : 1],
            t(' has an area of ', ' tiene un área de '),
            tex(`${area}\\text{ ${u}}^2`),
            t(' and a width of ', ' y un ancho de '),
            tex(measure(width, u)),
            t('. What is its length?', '. ¿Cuánto mide de largo?'),
          ),
          answerFormat: unitFormat(u, locale),
          answer: { kind: 'number', value: String(length), unit: u },
          hints: [
            rich(t('Area = length × width, so ', 'Área = largo × ancho, así que '), tex(`\\square \\times ${width} = ${area}`), '.'),
            rich(t('Find the missing factor by dividing: ', 'Encuentra el factor que falta dividiendo: '), tex(`${area} \\div ${width}`), '.'),
          ],
          solution: [
            rich(t('Area = length × width: ', 'Área = largo × ancho: '), tex(`\\square \\times ${width} = ${area}`), '.'),
            rich(tex(`${area} \\div ${width} = ${length}`), t(', because ', ', porque '), tex(`${length} \\times ${width} = ${area}`), '.'),
            rich(t('The length is ', 'El largo mide '), tex(measure(length, u)), '.'),
          ],
        };
      },
    },
    {
      key: 'g4.area-perimeter-problems/missing-side-perimeter',
      skill: 'g4.area-perimeter-problems',
      generate(rng, locale) {
        const width = rng.int(3, 30);
        const length = rng.int(width + 1, 60);
        const askWidth = rng.chance(0.5);
        const name = rng.pick(NAMES);
        const perimeter = 2 * (width + length);
        const known = askWidth ? length : width;
        const missing = askWidth ? width : length;
        const t = say(locale);
        return {
          prompt: rich(
            t(`${name} put a fence around a rectangular garden. The fence is `, `${name} puso una cerca alrededor de un huerto rectangular. La cerca mide `),
            tex(measure(perimeter, 'm')),
            t(' long, and the garden is ', ' y el huerto mide '),
            tex(measure(known, 'm')),
            askWidth ? t(' long. How wide is the garden?', ' de largo. ¿Cuánto mide de ancho?') : t(' wide. How long is the garden?', ' de ancho. ¿Cuánto mide de largo?'),
          ),
          answerFormat: unitFormat('m', locale),
          answer: { kind: 'number', value: String(missing), unit: 'm' },
          hints: [
            rich(t('The fence goes all the way around, so its length is the perimeter: ', 'La cerca rodea todo el huerto, así que su medida es el perímetro: '), tex(`2 \\times (\\text{${t('length', 'largo')}} + \\text{${t('width', 'ancho')}})`), '.'),
            rich(t('Half the perimeter is one length plus one width: ', 'La mitad del perímetro es un largo más un ancho: '), tex(`${perimeter} \\div 2 = ${perimeter / 2}`), '.'),
            rich(t('Subtract the side you know from ', 'Resta el lado que conoces de '), tex(perimeter / 2), '.'),
          ],
          solution: [
            rich(t('Half the perimeter is one length plus one width: ', 'La mitad del perímetro es un largo más un ancho: '), tex(`${perimeter} \\div 2 = ${perimeter / 2}`), '.'),
            rich(tex(`${perimeter / 2} - ${known} = ${missing}`), '.'),
            rich(t('The garden is ', 'El huerto mide '), tex(measure(missing, 'm')), askWidth ? t(' wide.', ' de ancho.') : t(' long.', ' de largo.')),
          ],
        };
      },
    },
    {
      key: 'g4.area-perimeter-problems/area-or-perimeter',
      skill: 'g4.area-perimeter-problems',
      generate(rng, locale) {
        const width = rng.int(4, 20);
        const length = rng.int(width + 1, 35);
        const askArea = rng.chance(0.5);
        const situation = rng.int(0, 3);
        const name = rng.pick(NAMES);
        const t = say(locale);
        const area = width * length;
        const perimeter = 2 * (width + length);
        const situations: Record<Locale, [string, string, string]>[] = [
          {
            en: [`A school playground is a rectangle ${length} m long and ${width} m wide. `, 'How many square meters of rubber mats are needed to cover it?', 'How many meters of fence are needed to go around it?'],
            es: [`El patio de juegos de una escuela es un rectángulo de ${length} m de largo y ${width} m de ancho. `, '¿Cuántos metros cuadrados de tapete de hule se necesitan para cubrirlo?', '¿Cuántos metros de cerca se necesitan para rodearlo?'],
          },
          {
            en: [`The floor of a school gym is a rectangle ${length} m long and ${width} m wide. `, 'How many square meters of floor need to be varnished?', 'How many meters of tape are needed to mark the edge of the floor?'],
            es: [`El piso del gimnasio de una escuela es un rectángulo de ${length} m de largo y ${width} m de ancho. `, '¿Cuántos metros cuadrados de piso hay que barnizar?', '¿Cuántos metros de cinta se necesitan para marcar el borde del piso?'],
          },
          {
            en: [`${name}'s family is planting grass in a rectangular yard ${length} m long and ${width} m wide. `, 'How many square meters of grass do they need?', 'How many meters of edging go around the yard?'],
            es: [`La familia de ${name} va a sembrar pasto en un jardín rectangular de ${length} m de largo y ${width} m de ancho. `, '¿Cuántos metros cuadrados de pasto necesita?', '¿Cuántos metros de borde van alrededor del jardín?'],
          },
          {
            en: [`A community garden is a rectangle ${length} m long and ${width} m wide. `, 'How many square meters of soil does it have for planting?', 'How many meters of rope are needed to go around it?'],
            es: [`Un huerto comunitario es un rectángulo de ${length} m de largo y ${width} m de ancho. `, '¿Cuántos metros cuadrados de tierra tiene para sembrar?', '¿Cuántos metros de cuerda se necesitan para rodearlo?'],
          },
        ];
        const [setup, areaQ, perimeterQ] = situations[situation]![locale];
        return {
          prompt: rich(setup, askArea ? areaQ : perimeterQ),
          answerFormat: askArea ? areaFormat('m', locale) : unitFormat('m', locale),
          answer: askArea ? { kind: 'number', value: String(area), unit: 'm^2' } : { kind: 'number', value: String(perimeter), unit: 'm' },
          hints: [
            askArea
              ? rich(t('Covering a surface is about area: the space inside the rectangle.', 'Cubrir una superficie tiene que ver con el área: el espacio dentro del rectángulo.'))
              : rich(t('Going around the edge is about perimeter: the distance around the rectangle.', 'Rodear el borde tiene que ver con el perímetro: la distancia alrededor del rectángulo.')),
            askArea
              ? rich(t('Area = length × width: ', 'Área = largo × ancho: '), tex(`${length} \\times ${width}`), '.')
              : rich(t('Perimeter = 2 × (length + width): ', 'Perímetro = 2 × (largo + ancho): '), tex(`2 \\times (${length} + ${width})`), '.'),
          ],
          solution: askArea
            ? [
                rich(t('The question is about covering the surface, so find the area.', 'La pregunta es sobre cubrir la superficie, así que calcula el área.')),
                rich(tex(`${length} \\times ${width} = ${area}`), '.'),
                rich(t('The answer is ', 'La respuesta es '), tex(`${area}\\text{ m}^2`), '.'),
              ]
            : [
                rich(t('The question is about going around the edge, so find the perimeter.', 'La pregunta es sobre rodear el borde, así que calcula el perímetro.')),
                rich(tex(`2 \\times (${length} + ${width}) = 2 \\times ${length + width} = ${perimeter}`), '.'),
                rich(t('The answer is ', 'La respuesta es '), tex(measure(perimeter, 'm')), '.'),
              ],
        };
      },
    },
  ],
};
