// Grade 5 built-in math skills: decimal place value to thousandths, adding, subtracting and
// multiplying decimals, adding unlike fractions, multiplying fractions, order of operations,
// volume of rectangular prisms.
// Every template draws all its numbers from rng before looking at the locale, so the English
// and Spanish items for one seed ask the same question. Decimal arithmetic is done on scaled
// integers (hundredths, thousandths), never on floats.
import type { Choice, Locale, Rng, RichText, Segment, SkillModule } from '../item';
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

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number): number => (a / gcd(a, b)) * b;
const frac = (a: number, b: number): string => `\\frac{${a}}{${b}}`;

/** n/d as a whole or mixed number when it is at least 1 (TeX). */
function mixed(n: number, d: number): string {
  if (n % d === 0) return String(n / d);
  if (n < d) return frac(n, d);
  return `${Math.floor(n / d)}${frac(n % d, d)}`;
}

/** n/d in lowest terms. */
function reduce(n: number, d: number): [number, number] {
  const g = gcd(n, d);
  return [n / g, d / g];
}

/** The exact answer string for n/d in lowest terms: "3/4", "7/2", or "3". */
function simplestValue(n: number, d: number): string {
  const [rn, rd] = reduce(n, d);
  return rd === 1 ? String(rn) : `${rn}/${rd}`;
}

/** A scaled integer (e.g. 237 hundredths) as a decimal without trailing zeros: "2.37", "0.4", "3". */
function decimal(scaled: number, places: number): string {
  const factor = 10 ** places;
  const whole = Math.floor(scaled / factor);
  const rest = String(scaled % factor).padStart(places, '0').replace(/0+$/, '');
  return rest === '' ? String(whole) : `${whole}.${rest}`;
}

/** A scaled integer with exactly `places` decimals ("4.50"), for lining up decimal points. */
function padded(scaled: number, places: number): string {
  const factor = 10 ** places;
  return `${Math.floor(scaled / factor)}.${String(scaled % factor).padStart(places, '0')}`;
}

/** Decimal places a scaled integer really needs (237 hundredths → 2, 240 hundredths → 1). */
function placesOf(scaled: number, places: number): number {
  const shown = decimal(scaled, places);
  return shown.includes('.') ? shown.split('.')[1]!.length : 0;
}

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
const aDecimal = (locale: Locale): RichText => rich(say(locale)('A decimal number, like 2.45', 'Un número decimal, como 2.45'));
const simplestFormat = (locale: Locale): RichText =>
  rich(say(locale)('A fraction or mixed number in simplest form, like 5/6 or 1 1/2', 'Una fracción o número mixto en su mínima expresión, como 5/6 o 1 1/2'));
const SIMPLEST: Record<Locale, string> = {
  en: ' Give your answer in simplest form.',
  es: ' Escribe el resultado en su mínima expresión.',
};

type Unit = 'cm' | 'm' | 'km' | 'kg' | 'L';
const UNIT_NAMES: Record<Unit, Record<Locale, string>> = {
  cm: { en: 'centimeters', es: 'centímetros' },
  m: { en: 'meters', es: 'metros' },
  km: { en: 'kilometers', es: 'kilómetros' },
  kg: { en: 'kilograms', es: 'kilogramos' },
  L: { en: 'liters', es: 'litros' },
};
const measure = (n: string | number, unit: Unit, power = ''): string => `${n}\\text{ ${unit}}${power}`;
const unitFormat = (unit: Unit, locale: Locale, kind: 'decimal' | 'fraction' | 'whole', power: '' | '^2' | '^3' = ''): RichText => {
  const t = say(locale);
  const what = { decimal: t('A decimal number of ', 'Un número decimal de '), fraction: t('A fraction in simplest form, in ', 'Una fracción en su mínima expresión, en '), whole: t('A number of ', 'Un número de ') }[kind];
  const unitName =
    power === '^2' ? t(`square ${UNIT_NAMES[unit].en}`, `${UNIT_NAMES[unit].es} cuadrados`) : power === '^3' ? t(`cubic ${UNIT_NAMES[unit].en}`, `${UNIT_NAMES[unit].es} cúbicos`) : UNIT_NAMES[unit][locale];
  return rich(what, unitName, ' (', tex(`\\text{${unit}}${power}`), ')');
};

// ---------------------------------------------------------------------------------------
// g5.decimal-place-value

/** Place names by power of ten (1 = tens … −3 = thousandths), with the Spanish article. */
const PLACE: Record<number, Record<Locale, string>> = {
  1: { en: 'tens', es: 'las decenas' },
  0: { en: 'ones', es: 'las unidades' },
  [-1]: { en: 'tenths', es: 'los décimos' },
  [-2]: { en: 'hundredths', es: 'los centésimos' },
  [-3]: { en: 'thousandths', es: 'los milésimos' },
};

/** The TeX value of one unit of a place: 10, 1, 0.1, 0.01, 0.001. */
const placeUnit = (power: number): string => (power >= 0 ? String(10 ** power) : decimal(1, -power));

/** Digits of a number given in thousandths, by power (1 … −3). */
function decimalDigits(thousandths: number): Record<number, number> {
  const s = String(thousandths).padStart(5, '0');
  return { 1: Number(s[0]), 0: Number(s[1]), [-1]: Number(s[2]), [-2]: Number(s[3]), [-3]: Number(s[4]) };
}

/** A number below 100 with three decimals (in thousandths), last digit never 0. */
function threePlaceNumber(rng: Rng, zeroChance: number): number {
  const digit = () => (rng.chance(zeroChance) ? 0 : rng.int(1, 9));
  const tens = rng.chance(0.5) ? rng.int(1, 9) : 0;
  return Number(`${tens}${rng.int(0, 9)}${digit()}${digit()}${rng.int(1, 9)}`);
}

// ---------------------------------------------------------------------------------------
// g5.add-sub-decimals

/** Two operands in hundredths; each shows one or two decimal places. */
function decimalOperands(rng: Rng, op: '+' | '-', max: number): [number, number] {
  const operand = (lo: number, hi: number) => {
    const x = rng.int(lo, hi);
    // One decimal place (a multiple of 10 hundredths) or two, never a whole number.
    if (rng.chance(0.4)) return x % 100 < 10 ? x - (x % 10) + 10 : x - (x % 10);
    return x % 10 === 0 ? x + 1 : x;
  };
  const a = operand(op === '-' ? 200 : 100, max);
  const b = operand(10, op === '-' ? a - 20 : max);
  return [a, b];
}

function decimalAddSteps(a: number, b: number, op: '+' | '-', locale: Locale): { hints: RichText[]; solution: RichText[]; result: number } {
  const t = say(locale);
  const result = op === '+' ? a + b : a - b;
  const [sa, sb] = [decimal(a, 2), decimal(b, 2)];
  const [pa, pb] = [padded(a, 2), padded(b, 2)];
  const needsZero = placesOf(a, 2) !== 2 || placesOf(b, 2) !== 2;
  const verb = op === '+' ? t('Add', 'Suma') : t('Subtract', 'Resta');
  return {
    result,
    hints: [
      rich(t('Line up the decimal points: ones under ones, tenths under tenths, hundredths under hundredths.', 'Alinea los puntos decimales: unidades bajo unidades, décimos bajo décimos, centésimos bajo centésimos.')),
      needsZero
        ? rich(t('Write both numbers with two decimal places: ', 'Escribe los dos números con dos decimales: '), tex(`${pa} ${op} ${pb}`), '.')
        : rich(t(`${verb} place by place, starting with the hundredths, and regroup when needed.`, `${verb} posición por posición, empezando por los centésimos, y reagrupa cuando haga falta.`)),
      rich(t('Think of them as hundredths: ', 'Piénsalos como centésimos: '), tex(`${num(a, locale)} ${op} ${num(b, locale)}`), t(' hundredths.', ' centésimos.')),
    ],
    solution: [
      rich(t('Line up the decimal points, with two decimal places each: ', 'Alinea los puntos decimales, con dos decimales cada número: '), tex(`${pa} ${op} ${pb}`), '.'),
      rich(t(`${verb} as whole numbers of hundredths: `, `${verb} como números enteros de centésimos: `), tex(`${num(a, locale)} ${op} ${num(b, locale)} = ${num(result, locale)}`), '.'),
      rich(t('Put the decimal point back two places from the right: ', 'Vuelve a poner el punto decimal dos lugares desde la derecha: '), tex(`${sa} ${op} ${sb} = ${decimal(result, 2)}`), '.'),
    ],
  };
}

const DECIMAL_WORD: {
  op: '+' | '-';
  unit: Unit;
  /** Operands in hundredths: a is the larger one for subtraction. */
  en: (a: string, b: string, name: string) => string;
  es: (a: string, b: string, name: string) => string;
  /** The expression the story asks for, from the two shown numbers. */
  answer: Record<Locale, (x: string, name: string) => string>;
}[] = [
  {
    op: '+',
    unit: 'kg',
    en: (a, b, name) => `${name}'s backpack weighs ${a} kg. ${name} puts in a water bottle that weighs ${b} kg. How much does the backpack weigh now?`,
    es: (a, b, name) => `La mochila de ${name} pesa ${a} kg. ${name} le mete una botella de agua que pesa ${b} kg. ¿Cuánto pesa la mochila ahora?`,
    answer: { en: (x) => `The backpack weighs ${x} kg.`, es: (x) => `La mochila pesa ${x} kg.` },
  },
  {
    op: '+',
    unit: 'km',
    en: (a, b, name) => `${name} ran ${a} km on Saturday and ${b} km on Sunday. How far did ${name} run in all?`,
    es: (a, b, name) => `${name} corrió ${a} km el sábado y ${b} km el domingo. ¿Cuántos kilómetros corrió en total?`,
    answer: { en: (x, name) => `${name} ran ${x} km.`, es: (x, name) => `${name} corrió ${x} km.` },
  },
  {
    op: '+',
    unit: 'L',
    en: (a, b) => `A fish tank has ${a} L of water. ${b} L more are added. How much water is in the tank now?`,
    es: (a, b) => `Una pecera tiene ${a} L de agua. Se le agregan ${b} L más. ¿Cuánta agua hay ahora en la pecera?`,
    answer: { en: (x) => `The tank has ${x} L of water.`, es: (x) => `La pecera tiene ${x} L de agua.` },
  },
  {
    op: '-',
    unit: 'm',
    en: (a, b, name) => `A ribbon is ${a} m long. ${name} cuts off ${b} m. How long is the ribbon now?`,
    es: (a, b, name) => `Un listón mide ${a} m. ${name} corta ${b} m. ¿Cuánto mide ahora el listón?`,
    answer: { en: (x) => `The ribbon is ${x} m long.`, es: (x) => `El listón mide ${x} m.` },
  },
  {
    op: '-',
    unit: 'L',
    en: (a, b) => `A jug holds ${a} L of lemonade. The class drinks ${b} L. How much lemonade is left?`,
    es: (a, b) => `Una jarra tiene ${a} L de limonada. El grupo se toma ${b} L. ¿Cuánta limonada queda?`,
    answer: { en: (x) => `${x} L of lemonade is left.`, es: (x) => `Quedan ${x} L de limonada.` },
  },
  {
    op: '-',
    unit: 'kg',
    en: (a, b, name) => `${name}'s puppy weighs ${a} kg now. Two months ago it weighed ${b} kg. How much weight did it gain?`,
    es: (a, b, name) => `El cachorro de ${name} pesa ahora ${a} kg. Hace dos meses pesaba ${b} kg. ¿Cuánto peso aumentó?`,
    answer: { en: (x) => `The puppy gained ${x} kg.`, es: (x) => `El cachorro aumentó ${x} kg.` },
  },
];

// ---------------------------------------------------------------------------------------
// g5.multiply-decimals

function decimalMultiplySteps(x: number, xPlaces: number, y: number, yPlaces: number, locale: Locale): { hints: RichText[]; solution: RichText[]; value: string } {
  const t = say(locale);
  const places = xPlaces + yPlaces;
  const product = x * y;
  const [sx, sy] = [decimal(x, xPlaces), decimal(y, yPlaces)];
  const value = decimal(product, places);
  const placesText = (n: number) => (n === 1 ? t('1 decimal place', '1 decimal') : t(`${n} decimal places`, `${n} decimales`));
  const trailing = value !== padded(product, places);
  // A reasonableness check: an estimate when both factors are at least 1, otherwise
  // "multiplying by a number less than 1 makes it smaller".
  const xSmall = x < 10 ** xPlaces;
  const ySmall = y < 10 ** yPlaces;
  const estimate = Math.round(x / 10 ** xPlaces) * Math.round(y / 10 ** yPlaces);
  const [small, other] = xSmall ? [sx, sy] : [sy, sx];
  const check: RichText =
    xSmall || ySmall
      ? rich(t('Check: multiplying by ', 'Comprueba: multiplicar por '), tex(small), t(', which is less than 1, gives less than ', ', que es menor que 1, da menos que '), tex(other), ': ', tex(`${value} < ${other}`), '.')
      : rich(t('Check: ', 'Comprueba: '), tex(value), t(' is close to the estimate ', ' está cerca de la estimación '), tex(`${Math.round(x / 10 ** xPlaces)} \\times ${Math.round(y / 10 ** yPlaces)} = ${estimate}`), '.');
  return {
    value,
    hints: [
      rich(t('Multiply as if there were no decimal points: ', 'Multiplica como si no hubiera puntos decimales: '), tex(`${x} \\times ${y}`), '.'),
      rich(t('Count the decimal places in both factors: ', 'Cuenta los decimales de los dos factores: '), placesText(places), t(' in all.', ' en total.')),
      xSmall || ySmall
        ? rich(t('Multiplying by a number less than 1 gives a product smaller than the other factor.', 'Multiplicar por un número menor que 1 da un producto menor que el otro factor.'))
        : rich(t('Estimate to check: the answer should be close to ', 'Estima para comprobar: el resultado debe estar cerca de '), tex(`${Math.round(x / 10 ** xPlaces)} \\times ${Math.round(y / 10 ** yPlaces)}`), '.'),
    ],
    solution: [
      rich(t('Multiply the whole numbers: ', 'Multiplica los números enteros: '), tex(`${x} \\times ${y} = ${num(product, locale)}`), '.'),
      rich(
        t('The factors have ', 'Los factores tienen '),
        placesText(places),
        t(' in all, so the product has ', ' en total, así que el producto tiene '),
        placesText(places),
        ': ',
        tex(`${sx} \\times ${sy} = ${padded(product, places)}${trailing ? ` = ${value}` : ''}`),
        '.',
      ),
      check,
    ],
  };
}

/** [smallest, largest, decimal places] of a factor, as a scaled integer. */
type FactorRange = [number, number, number];

const MULTIPLY_WORD: {
  x: FactorRange;
  y: FactorRange;
  unit: Unit;
  power: '' | '^2';
  en: (x: string, y: string, name: string) => string;
  es: (x: string, y: string, name: string) => string;
}[] = [
  {
    x: [25, 299, 2],
    y: [3, 12, 0],
    unit: 'L',
    power: '',
    en: (x, y) => `Each bottle holds ${x} L of juice. How many liters are in ${y} bottles?`,
    es: (x, y) => `En cada botella caben ${x} L de jugo. ¿Cuántos litros hay en ${y} botellas?`,
  },
  {
    x: [45, 399, 2],
    y: [3, 12, 0],
    unit: 'km',
    power: '',
    en: (x, y, name) => `${name} walks ${x} km to school every day. How many kilometers is that in ${y} days?`,
    es: (x, y, name) => `${name} camina ${x} km a la escuela cada día. ¿Cuántos kilómetros son en ${y} días?`,
  },
  {
    x: [75, 299, 2],
    y: [3, 12, 0],
    unit: 'm',
    power: '',
    en: (x, y) => `A board is ${x} m long. How long are ${y} boards placed end to end?`,
    es: (x, y) => `Una tabla mide ${x} m de largo. ¿Cuánto miden ${y} tablas puestas una tras otra?`,
  },
  {
    x: [12, 59, 1],
    y: [11, 39, 1],
    unit: 'm',
    power: '^2',
    en: (x, y) => `A rectangular rug is ${x} m long and ${y} m wide. What is its area?`,
    es: (x, y) => `Un tapete rectangular mide ${x} m de largo y ${y} m de ancho. ¿Cuál es su área?`,
  },
  {
    x: [12, 59, 1],
    y: [2, 9, 1],
    unit: 'kg',
    power: '',
    en: (x, y, name) => `A bag of rice weighs ${x} kg. ${name} uses ${y} of the bag. How many kilograms of rice does ${name} use?`,
    es: (x, y, name) => `Una bolsa de arroz pesa ${x} kg. ${name} usa ${y} de la bolsa. ¿Cuántos kilogramos de arroz usa?`,
  },
];

/** A factor in its range, never ending in a zero decimal digit. */
function factor(rng: Rng, [lo, hi, places]: FactorRange): number {
  const x = rng.int(lo, hi);
  return places > 0 && x % 10 === 0 ? x + 1 : x;
}

// ---------------------------------------------------------------------------------------
// g5.add-unlike-fractions, g5.multiply-fractions

const G5_DENOMINATORS = [2, 3, 4, 5, 6, 8, 10, 12] as const;

/** a/b and c/d with different denominators and a common denominator of at most 24. */
function unlikePair(rng: Rng, op: '+' | '-'): [number, number, number, number] {
  for (;;) {
    const [b, d] = rng.shuffle(G5_DENOMINATORS).slice(0, 2) as [number, number];
    const a = rng.int(1, b - 1);
    const c = rng.int(1, d - 1);
    const m = lcm(b, d);
    const n = op === '+' ? a * (m / b) + c * (m / d) : a * (m / b) - c * (m / d);
    if (m <= 24 && n > 0 && n % m !== 0 && gcd(a, b) === 1 && gcd(c, d) === 1) return [a, b, c, d];
  }
}

/** Steps for a/b ± c/d (either may be improper), ending in simplest form. */
function unlikeSteps(a: number, b: number, c: number, d: number, op: '+' | '-', locale: Locale): { hints: RichText[]; solution: RichText[]; value: string; answerTex: string } {
  const t = say(locale);
  const m = lcm(b, d);
  const [a2, c2] = [a * (m / b), c * (m / d)];
  const n = op === '+' ? a2 + c2 : a2 - c2;
  const [rn, rd] = reduce(n, m);
  const g = n / rn;
  const rewrites = [[a, b, a2], [c, d, c2]].filter(([, den]) => den !== m).map(([x, den, x2]) => `${frac(x!, den!)} = ${frac(x2!, m)}`);
  const solution: RichText[] = [
    rich(t('Use the common denominator ', 'Usa el denominador común '), tex(m), ': ', ...texList(rewrites, locale), '.'),
    rich(op === '+' ? t('Add the numerators: ', 'Suma los numeradores: ') : t('Subtract the numerators: ', 'Resta los numeradores: '), tex(`${frac(a2, m)} ${op} ${frac(c2, m)} = ${frac(n, m)}`), '.'),
  ];
  if (g > 1) solution.push(rich(t('Simplify by dividing the numerator and denominator by ', 'Simplifica dividiendo el numerador y el denominador entre '), tex(g), ': ', tex(`${frac(n, m)} = ${frac(rn, rd)}`), '.'));
  const answerTex = rn > rd ? `${frac(rn, rd)} = ${mixed(rn, rd)}` : frac(rn, rd);
  solution.push(rich(t('The answer is ', 'El resultado es '), tex(answerTex), '.'));
  return {
    answerTex,
    value: simplestValue(n, m),
    hints: [
      rich(t('The denominators are different. Find a common denominator: a multiple of both ', 'Los denominadores son distintos. Busca un denominador común: un múltiplo de '), tex(b), t(' and ', ' y de '), tex(d), '.'),
      rich(t('Use ', 'Usa '), tex(m), ': ', ...texList(rewrites, locale), '.'),
      rich(
        op === '+' ? t('Add the numerators ', 'Suma los numeradores ') : t('Subtract the numerators ', 'Resta los numeradores '),
        tex(`${a2} ${op} ${c2}`),
        t(', keep the denominator ', ', deja el denominador '),
        tex(m),
        t(', then simplify if you can.', ' y luego simplifica si se puede.'),
      ),
    ],
    solution,
  };
}

const FRACTION_SUM_WORD: {
  op: '+' | '-';
  unit: Unit | null;
  en: (x: Segment, y: Segment, name: string) => RichText;
  es: (x: Segment, y: Segment, name: string) => RichText;
}[] = [
  {
    op: '+',
    unit: 'km',
    en: (x, y, name) => rich(`${name} walked `, x, ' km to the park and then ', y, ' km to the library. How far did ', `${name} walk in all?`),
    es: (x, y, name) => rich(`${name} caminó `, x, ' km hasta el parque y luego ', y, ' km hasta la biblioteca. ¿Cuánto caminó en total?'),
  },
  {
    op: '+',
    unit: null,
    en: (x, y, name) => rich(`${name} spent `, x, ' of an hour reading and ', y, ' of an hour drawing. What fraction of an hour is that in all?'),
    es: (x, y, name) => rich(`${name} pasó `, x, ' de hora leyendo y ', y, ' de hora dibujando. ¿Qué fracción de hora es en total?'),
  },
  {
    op: '+',
    unit: null,
    en: (x, y) => rich('A class painted ', x, ' of a wall on Monday and ', y, ' of the wall on Tuesday. What fraction of the wall has been painted?'),
    es: (x, y) => rich('Un grupo pintó ', x, ' de una pared el lunes y ', y, ' de la pared el martes. ¿Qué fracción de la pared ya está pintada?'),
  },
  {
    op: '-',
    unit: 'L',
    en: (x, y) => rich('A pitcher holds ', x, ' L of juice. ', y, ' L is poured into a glass. How much juice is left in the pitcher?'),
    es: (x, y) => rich('Una jarra tiene ', x, ' L de jugo. Se sirven ', y, ' L en un vaso. ¿Cuánto jugo queda en la jarra?'),
  },
  {
    op: '-',
    unit: 'm',
    en: (x, y, name) => rich(`${name} has a piece of wood `, x, ' m long and cuts off ', y, ' m. How long is the piece that is left?'),
    es: (x, y, name) => rich(`${name} tiene un trozo de madera de `, x, ' m y corta ', y, ' m. ¿Cuánto mide el trozo que queda?'),
  },
];

/** A proper fraction in lowest terms with denominator 2–8 (10 and 12 make unwieldy products). */
function properFraction(rng: Rng): [number, number] {
  const d = rng.pick([2, 3, 4, 5, 6, 8] as const);
  let n = rng.int(1, d - 1);
  while (gcd(n, d) !== 1) n -= 1;
  return [n, d];
}

const FRACTION_PRODUCT_WORD: {
  en: (x: Segment, y: Segment, name: string) => RichText;
  es: (x: Segment, y: Segment, name: string) => RichText;
}[] = [
  {
    en: (x, y, name) => rich(`${name} has `, x, ' of a pizza left and eats ', y, ' of it. What fraction of the whole pizza does ', `${name} eat?`),
    es: (x, y, name) => rich(`A ${name} le queda `, x, ' de una pizza y se come ', y, ' de eso. ¿Qué fracción de la pizza entera se come?'),
  },
  {
    en: (x, y, name) => rich('A recipe needs ', x, ` of a cup of sugar. ${name} makes `, y, ' of the recipe. How many cups of sugar does ', `${name} need?`),
    es: (x, y, name) => rich('Una receta lleva ', x, ` de taza de azúcar. ${name} prepara `, y, ' de la receta. ¿Cuántas tazas de azúcar necesita?'),
  },
  {
    en: (x, y) => rich('Flowers are planted in ', x, ' of a garden. Roses fill ', y, ' of the flower part. What fraction of the whole garden has roses?'),
    es: (x, y) => rich('En ', x, ' de un jardín hay flores. Las rosas ocupan ', y, ' de la parte con flores. ¿Qué fracción de todo el jardín tiene rosas?'),
  },
];

// ---------------------------------------------------------------------------------------
// g5.order-of-operations

interface Evaluation {
  tex: string;
  value: number;
  /** [what to do, the TeX of that step]. */
  steps: [Record<Locale, string>, string][];
}

const PARENS = { en: 'Parentheses first: ', es: 'Primero los paréntesis: ' };
const BRACKETS = { en: 'Then the brackets: ', es: 'Luego los corchetes: ' };
const BRACES = { en: 'Then the braces: ', es: 'Luego las llaves: ' };
const MULTIPLY = { en: 'Multiply: ', es: 'Multiplica: ' };
const MULTIPLY_FIRST = { en: 'Multiply before adding or subtracting: ', es: 'Multiplica antes de sumar o restar: ' };
const LEFT_TO_RIGHT = { en: 'Add and subtract from left to right: ', es: 'Suma y resta de izquierda a derecha: ' };
const DIVIDE = { en: 'Divide: ', es: 'Divide: ' };
const SUBTRACT = { en: 'Subtract: ', es: 'Resta: ' };
const ADD = { en: 'Add: ', es: 'Suma: ' };

/** One of seven expression shapes with whole-number values at every step. */
function orderExpression(rng: Rng): Evaluation {
  const shape = rng.int(0, 6);
  switch (shape) {
    case 0: {
      const [a, b, c] = [rng.int(2, 20), rng.int(2, 9), rng.int(2, 9)];
      return {
        tex: `${a} + ${b} \\times ${c}`,
        value: a + b * c,
        steps: [[MULTIPLY_FIRST, `${b} \\times ${c} = ${b * c}`], [ADD, `${a} + ${b * c} = ${a + b * c}`]],
      };
    }
    case 1: {
      const [a, b, c] = [rng.int(2, 12), rng.int(2, 12), rng.int(2, 9)];
      return {
        tex: `(${a} + ${b}) \\times ${c}`,
        value: (a + b) * c,
        steps: [[PARENS, `${a} + ${b} = ${a + b}`], [MULTIPLY, `${a + b} \\times ${c} = ${(a + b) * c}`]],
      };
    }
    case 2: {
      const c = rng.int(1, 8);
      const b = c + rng.int(2, 9);
      const [a, d] = [rng.int(2, 9), rng.int(1, 20)];
      const inner = b - c;
      return {
        tex: `${a} \\times (${b} - ${c}) + ${d}`,
        value: a * inner + d,
        steps: [[PARENS, `${b} - ${c} = ${inner}`], [MULTIPLY, `${a} \\times ${inner} = ${a * inner}`], [ADD, `${a * inner} + ${d} = ${a * inner + d}`]],
      };
    }
    case 3: {
      const [a, b, c] = [rng.int(2, 9), rng.int(2, 9), rng.int(2, 6)];
      const inner = (a + b) * c;
      const d = rng.int(1, inner - 1);
      return {
        tex: `[(${a} + ${b}) \\times ${c}] - ${d}`,
        value: inner - d,
        steps: [[PARENS, `${a} + ${b} = ${a + b}`], [BRACKETS, `${a + b} \\times ${c} = ${inner}`], [SUBTRACT, `${inner} - ${d} = ${inner - d}`]],
      };
    }
    case 4: {
      const d = rng.int(1, 6);
      const c = d + rng.int(1, 8);
      const [a, b] = [rng.int(2, 9), rng.int(2, 12)];
      const inner = b + (c - d);
      return {
        tex: `${a} \\times [${b} + (${c} - ${d})]`,
        value: a * inner,
        steps: [[PARENS, `${c} - ${d} = ${c - d}`], [BRACKETS, `${b} + ${c - d} = ${inner}`], [MULTIPLY, `${a} \\times ${inner} = ${a * inner}`]],
      };
    }
    case 5: {
      // (a × b − c) ÷ d with a whole quotient.
      const d = rng.int(2, 9);
      for (;;) {
        const [a, b] = [rng.int(3, 12), rng.int(3, 12)];
        const q = rng.int(2, 12);
        const c = a * b - d * q;
        if (c > 0) {
          return {
            tex: `(${a} \\times ${b} - ${c}) \\div ${d}`,
            value: q,
            steps: [[{ en: 'Inside the parentheses, multiply first: ', es: 'Dentro de los paréntesis, primero multiplica: ' }, `${a} \\times ${b} = ${a * b}`], [SUBTRACT, `${a * b} - ${c} = ${d * q}`], [DIVIDE, `${d * q} \\div ${d} = ${q}`]],
          };
        }
      }
    }
    default: {
      // {[a × (b + c)] − d} ÷ e with a whole quotient.
      const e = rng.int(2, 5);
      for (;;) {
        const [a, b, c] = [rng.int(2, 6), rng.int(1, 9), rng.int(1, 9)];
        const q = rng.int(2, 9);
        const inner = a * (b + c);
        const d = inner - e * q;
        if (d > 0) {
          return {
            tex: `\\{[${a} \\times (${b} + ${c})] - ${d}\\} \\div ${e}`,
            value: q,
            steps: [[PARENS, `${b} + ${c} = ${b + c}`], [BRACKETS, `${a} \\times ${b + c} = ${inner}`], [BRACES, `${inner} - ${d} = ${e * q}`], [DIVIDE, `${e * q} \\div ${e} = ${q}`]],
          };
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// g5.volume

const VOLUME_UNITS = ['cm', 'm'] as const;
const volumeName = (unit: 'cm' | 'm', locale: Locale): string => say(locale)(`cubic ${UNIT_NAMES[unit].en}`, `${UNIT_NAMES[unit].es} cúbicos`);

// ---------------------------------------------------------------------------------------

export const grade5: SkillModule = {
  skills: [
    {
      code: 'g5.decimal-place-value',
      standard: '5.NBT.A.3',
      grade: 5,
      domain: 'decimals',
      name: { en: 'Decimal place value to thousandths', es: 'Valor posicional de decimales hasta los milésimos' },
      prerequisites: ['g4.decimal-notation'],
    },
    {
      code: 'g5.add-sub-decimals',
      standard: '5.NBT.B.7',
      grade: 5,
      domain: 'decimals',
      name: { en: 'Add and subtract decimals', es: 'Sumar y restar decimales' },
      prerequisites: ['g5.decimal-place-value'],
    },
    {
      code: 'g5.multiply-decimals',
      standard: '5.NBT.B.7',
      grade: 5,
      domain: 'decimals',
      name: { en: 'Multiply decimals', es: 'Multiplicar decimales' },
      prerequisites: ['g5.add-sub-decimals', 'g4.multiply-multi-digit'],
    },
    {
      code: 'g5.add-unlike-fractions',
      standard: '5.NF.A.1',
      grade: 5,
      domain: 'fractions',
      name: { en: 'Add and subtract fractions with unlike denominators', es: 'Sumar y restar fracciones con distinto denominador' },
      prerequisites: ['g4.add-like-fractions'],
    },
    {
      code: 'g5.multiply-fractions',
      standard: '5.NF.B.4',
      grade: 5,
      domain: 'fractions',
      name: { en: 'Multiply fractions', es: 'Multiplicar fracciones' },
      prerequisites: ['g4.fraction-times-whole'],
    },
    {
      code: 'g5.order-of-operations',
      standard: '5.OA.A.1',
      grade: 5,
      domain: 'expressions',
      name: { en: 'Order of operations with parentheses and brackets', es: 'Jerarquía de operaciones con paréntesis y corchetes' },
      prerequisites: ['g4.multiply-multi-digit'],
    },
    {
      code: 'g5.volume',
      standard: '5.MD.C.5',
      grade: 5,
      domain: 'geometry',
      name: { en: 'Volume of rectangular prisms', es: 'Volumen de prismas rectangulares' },
      prerequisites: ['g3.rectangle-area'],
    },
  ],
  templates: [
    // -- g5.decimal-place-value -----------------------------------------------------------
    {
      key: 'g5.decimal-place-value/digit-value',
      skill: 'g5.decimal-place-value',
      generate(rng, locale) {
        const n = threePlaceNumber(rng, 0.15);
        const digits = decimalDigits(n);
        const power = rng.pick([1, 0, -1, -2, -3, -1, -2, -3].filter((p) => digits[p] !== 0));
        const d = digits[power]!;
        const value = power >= 0 ? String(d * 10 ** power) : decimal(d, -power);
        const shown = decimal(n, 3)
          .split('')
          .map((ch, i, all) => {
            const point = all.indexOf('.');
            const p = i < point ? point - 1 - i : point - i;
            return i !== point && p === power ? `\\underline{${ch}}` : ch;
          })
          .join('');
        const t = say(locale);
        return {
          prompt: rich(t('What is the value of the underlined digit in ', '¿Cuál es el valor del dígito subrayado en '), tex(shown), '?'),
          answerFormat: rich(t('A number, like 0.4 or 30', 'Un número, como 0.4 o 30')),
          answer: { kind: 'number', value },
          hints: [
            rich(t('After the decimal point the places are tenths, hundredths and thousandths.', 'Después del punto decimal las posiciones son décimos, centésimos y milésimos.')),
            rich(t(`The underlined ${d} is in the ${PLACE[power]!.en} place.`, `El ${d} subrayado está en la posición de ${PLACE[power]!.es}.`)),
            rich(t('Multiply the digit by the value of its place, ', 'Multiplica el dígito por el valor de su posición, '), tex(placeUnit(power)), '.'),
          ],
          solution: [
            rich(t(`The underlined ${d} is in the ${PLACE[power]!.en} place.`, `El ${d} subrayado está en la posición de ${PLACE[power]!.es}.`)),
            rich(t('Its value is ', 'Su valor es '), tex(`${d} \\times ${placeUnit(power)} = ${value}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g5.decimal-place-value/expanded-form',
      skill: 'g5.decimal-place-value',
      generate(rng, locale) {
        const n = threePlaceNumber(rng, 0.3);
        const digits = decimalDigits(n);
        const fractionForm = rng.chance(0.5);
        const powers = [1, 0, -1, -2, -3].filter((p) => digits[p] !== 0);
        const zeros = [0, -1, -2].filter((p) => digits[p] === 0 && (p < 0 || digits[1] !== 0));
        const unit = (p: number) => (p >= 0 ? String(10 ** p) : fractionForm ? frac(1, 10 ** -p) : decimal(1, -p));
        const value = decimal(n, 3);
        const t = say(locale);
        return {
          prompt: rich(t('Write this number as a decimal: ', 'Escribe este número como decimal: '), tex(powers.map((p) => `${digits[p]} \\times ${unit(p)}`).join(' + '))),
          answerFormat: aDecimal(locale),
          answer: { kind: 'number', value, acceptEquivalentForms: false },
          hints: [
            rich(t('Each product gives the digit for one place.', 'Cada producto da el dígito de una posición.')),
            rich(
              tex(unit(-1)),
              t(' is tenths (1st place after the point), ', ' son décimos (1.er lugar después del punto), '),
              tex(unit(-2)),
              t(' hundredths (2nd place) and ', ' centésimos (2.º lugar) y '),
              tex(unit(-3)),
              t(' thousandths (3rd place).', ' milésimos (3.er lugar).'),
            ),
            zeros.length > 0
              ? rich(t(`There are no ${zeros.map((p) => PLACE[p]!.en).join(' or ')}, so write 0 there.`, `No hay ${zeros.map((p) => PLACE[p]!.es.replace(/^(los|las) /, '')).join(' ni ')}, así que escribe 0 en ${zeros.length === 1 ? 'ese lugar' : 'esos lugares'}.`))
              : rich(t('Every place from the ', 'Todas las posiciones, desde '), t(PLACE[powers[0]!]!.en, PLACE[powers[0]!]!.es), t(' to the thousandths has a digit.', ' hasta los milésimos, tienen un dígito.')),
          ],
          solution: [
            rich(t('Place by place: ', 'Posición por posición: '), [1, 0, -1, -2, -3].filter((p) => p <= powers[0]! || p === 0).map((p) => `${t(PLACE[p]!.en, PLACE[p]!.es.replace(/^(los|las) /, ''))} ${digits[p]}`).join(', '), '.'),
            rich(t('The number is ', 'El número es '), tex(value), '.'),
          ],
        };
      },
    },
    {
      key: 'g5.decimal-place-value/compare',
      skill: 'g5.decimal-place-value',
      generate(rng, locale) {
        // Same whole part, one, two and three decimal places, close together: "longer is
        // larger" is the misconception this targets.
        const w = rng.chance(0.3) ? 0 : rng.int(1, 9);
        const a = rng.int(1, 8);
        let k = rng.int(-9, 9);
        if (k === 0) k = 1;
        let j = rng.int(-99, 99);
        if (j % 10 === 0) j += 1;
        const values = [w * 1000 + a * 100, w * 1000 + (10 * a + k) * 10, w * 1000 + 100 * a + j];
        const askGreatest = rng.chance(0.5);
        const sorted = [...values].sort((x, y) => y - x);
        const target = askGreatest ? sorted[0]! : sorted[2]!;
        const t = say(locale);
        const { choices, correct } = choicesFrom(rng, values.map((v) => ({ content: rich(tex(decimal(v, 3))), correct: v === target })));
        return {
          prompt: rich(askGreatest ? t('Which number is the greatest?', '¿Qué número es el mayor?') : t('Which number is the least?', '¿Qué número es el menor?')),
          choices,
          answer: { kind: 'choice', correct },
          hints: [
            rich(t('A number with more digits after the decimal point is not always greater. Compare place by place from the left.', 'Un número con más cifras después del punto no siempre es mayor. Compara posición por posición desde la izquierda.')),
            rich(t('Write them all with three decimal places: ', 'Escríbelos todos con tres decimales: '), ...texList(values.map((v) => padded(v, 3)), locale), '.'),
          ],
          solution: [
            rich(t('With three decimal places each: ', 'Con tres decimales cada uno: '), ...texList(values.map((v) => padded(v, 3)), locale), '.'),
            rich(t('From greatest to least: ', 'De mayor a menor: '), tex(sorted.map((v) => decimal(v, 3)).join(' > ')), '.'),
            rich(askGreatest ? t('The greatest is ', 'El mayor es ') : t('The least is ', 'El menor es '), tex(decimal(target, 3)), '.'),
          ],
        };
      },
    },

    // -- g5.add-sub-decimals --------------------------------------------------------------
    {
      key: 'g5.add-sub-decimals/compute',
      skill: 'g5.add-sub-decimals',
      generate(rng, locale) {
        const op = rng.pick(['+', '-'] as const);
        const [a, b] = decimalOperands(rng, op, 4999);
        const t = say(locale);
        const { result, hints, solution } = decimalAddSteps(a, b, op, locale);
        return {
          prompt: rich(t('What is ', '¿Cuánto es '), tex(`${decimal(a, 2)} ${op} ${decimal(b, 2)}`), '?'),
          answerFormat: aDecimal(locale),
          answer: { kind: 'number', value: decimal(result, 2) },
          hints,
          solution,
        };
      },
    },
    {
      key: 'g5.add-sub-decimals/word',
      skill: 'g5.add-sub-decimals',
      generate(rng, locale) {
        const context = rng.pick(DECIMAL_WORD);
        const name = rng.pick(NAMES);
        const [a, b] = decimalOperands(rng, context.op, 2000);
        const t = say(locale);
        const { result, hints, solution } = decimalAddSteps(a, b, context.op, locale);
        return {
          prompt: rich(context[locale](decimal(a, 2), decimal(b, 2), name)),
          answerFormat: unitFormat(context.unit, locale, 'decimal'),
          answer: { kind: 'number', value: decimal(result, 2), unit: context.unit },
          hints: [
            rich(
              context.op === '+' ? t('The amounts are put together, so add: ', 'Las cantidades se juntan, así que suma: ') : t('Find the difference, so subtract: ', 'Busca la diferencia, así que resta: '),
              tex(`${decimal(a, 2)} ${context.op} ${decimal(b, 2)}`),
              '.',
            ),
            ...hints.slice(1),
          ],
          solution: [...solution, rich(context.answer[locale](decimal(result, 2), name))],
        };
      },
    },

    // -- g5.multiply-decimals -------------------------------------------------------------
    {
      key: 'g5.multiply-decimals/decimal-by-whole',
      skill: 'g5.multiply-decimals',
      generate(rng, locale) {
        const places = rng.pick([1, 2] as const);
        let x = places === 1 ? rng.int(2, 99) : rng.int(11, 999);
        if (x % 10 === 0) x += 1;
        const w = rng.int(2, 9);
        const swap = rng.chance(0.3);
        const t = say(locale);
        const { hints, solution, value } = decimalMultiplySteps(x, places, w, 0, locale);
        const shown = swap ? `${w} \\times ${decimal(x, places)}` : `${decimal(x, places)} \\times ${w}`;
        return {
          prompt: rich(t('What is ', '¿Cuánto es '), tex(shown), '?'),
          answerFormat: aDecimal(locale),
          answer: { kind: 'number', value },
          hints,
          solution,
        };
      },
    },
    {
      key: 'g5.multiply-decimals/decimal-by-decimal',
      skill: 'g5.multiply-decimals',
      generate(rng, locale) {
        let x = rng.int(2, 99);
        let y = rng.int(2, 49);
        if (x % 10 === 0) x += 1;
        if (y % 10 === 0) y += 1;
        const t = say(locale);
        const { hints, solution, value } = decimalMultiplySteps(x, 1, y, 1, locale);
        return {
          prompt: rich(t('What is ', '¿Cuánto es '), tex(`${decimal(x, 1)} \\times ${decimal(y, 1)}`), '?'),
          answerFormat: aDecimal(locale),
          answer: { kind: 'number', value },
          hints,
          solution,
        };
      },
    },
    {
      key: 'g5.multiply-decimals/word',
      skill: 'g5.multiply-decimals',
      generate(rng, locale) {
        const context = rng.pick(MULTIPLY_WORD);
        const name = rng.pick(NAMES);
        const t = say(locale);
        const [x, y] = [factor(rng, context.x), factor(rng, context.y)];
        const [xPlaces, yPlaces] = [context.x[2], context.y[2]];
        const { hints, solution, value } = decimalMultiplySteps(x, xPlaces, y, yPlaces, locale);
        return {
          prompt: rich(context[locale](decimal(x, xPlaces), decimal(y, yPlaces), name)),
          answerFormat: unitFormat(context.unit, locale, 'decimal', context.power),
          answer: { kind: 'number', value, unit: `${context.unit}${context.power}` },
          hints: [
            rich(t('Multiply: ', 'Multiplica: '), tex(`${decimal(x, xPlaces)} \\times ${decimal(y, yPlaces)}`), '.'),
            ...hints.slice(0, 2),
          ],
          solution: [...solution.slice(0, 2), rich(t('The answer is ', 'La respuesta es '), tex(measure(value, context.unit, context.power)), '.')],
        };
      },
    },

    // -- g5.add-unlike-fractions ----------------------------------------------------------
    {
      key: 'g5.add-unlike-fractions/compute',
      skill: 'g5.add-unlike-fractions',
      generate(rng, locale) {
        const op = rng.pick(['+', '-'] as const);
        const [a, b, c, d] = unlikePair(rng, op);
        const t = say(locale);
        const { hints, solution, value } = unlikeSteps(a, b, c, d, op, locale);
        return {
          prompt: rich(t('What is ', '¿Cuánto es '), tex(`${frac(a, b)} ${op} ${frac(c, d)}`), '?', SIMPLEST[locale]),
          answerFormat: simplestFormat(locale),
          answer: { kind: 'number', value, requireSimplestFraction: true },
          hints,
          solution,
        };
      },
    },
    {
      key: 'g5.add-unlike-fractions/mixed-numbers',
      skill: 'g5.add-unlike-fractions',
      generate(rng, locale) {
        const op = rng.pick(['+', '-'] as const);
        let [a, b, c, d] = unlikePair(rng, '+');
        while (a * d === b * c) [a, b, c, d] = unlikePair(rng, '+');
        let w1 = rng.int(1, 5);
        let w2 = rng.int(1, 4);
        if (op === '-' && w1 <= w2) [w1, w2] = [w2 + 1, w1];
        const t = say(locale);
        const [n1, n2] = [w1 * b + a, w2 * d + c];
        const { hints, solution, value } = unlikeSteps(n1, b, n2, d, op, locale);
        return {
          prompt: rich(t('What is ', '¿Cuánto es '), tex(`${w1}${frac(a, b)} ${op} ${w2}${frac(c, d)}`), '?', SIMPLEST[locale]),
          answerFormat: simplestFormat(locale),
          answer: { kind: 'number', value, requireSimplestFraction: true },
          hints: [
            rich(t('Write each mixed number as a fraction: ', 'Escribe cada número mixto como fracción: '), tex(`${w1}${frac(a, b)} = ${frac(n1, b)}`), t(' and ', ' y '), tex(`${w2}${frac(c, d)} = ${frac(n2, d)}`), '.'),
            ...hints.slice(1),
          ],
          solution: [
            rich(t('Write as fractions: ', 'Escribe como fracciones: '), tex(`${w1}${frac(a, b)} = ${frac(n1, b)}`), t(' and ', ' y '), tex(`${w2}${frac(c, d)} = ${frac(n2, d)}`), '.'),
            ...solution,
          ],
        };
      },
    },
    {
      key: 'g5.add-unlike-fractions/word',
      skill: 'g5.add-unlike-fractions',
      generate(rng, locale) {
        const context = rng.pick(FRACTION_SUM_WORD);
        const name = rng.pick(NAMES);
        // Parts of one wall or one hour stay below one whole.
        let [a, b, c, d] = unlikePair(rng, context.op);
        while (context.unit === null && a * d + c * b >= b * d) [a, b, c, d] = unlikePair(rng, context.op);
        const op = context.op;
        const t = say(locale);
        const { hints, solution, value, answerTex } = unlikeSteps(a, b, c, d, op, locale);
        return {
          prompt: rich(...context[locale](tex(frac(a, b)), tex(frac(c, d)), name), SIMPLEST[locale]),
          answerFormat: context.unit ? unitFormat(context.unit, locale, 'fraction') : simplestFormat(locale),
          answer: { kind: 'number', value, requireSimplestFraction: true, ...(context.unit ? { unit: context.unit } : {}) },
          hints: [
            rich(op === '+' ? t('Put the two amounts together: ', 'Junta las dos cantidades: ') : t('Take the second amount away: ', 'Quita la segunda cantidad: '), tex(`${frac(a, b)} ${op} ${frac(c, d)}`), '.'),
            ...hints.slice(1),
          ],
          solution: [
            rich(t('Calculate ', 'Calcula '), tex(`${frac(a, b)} ${op} ${frac(c, d)}`), '.'),
            ...solution.slice(0, -1),
            rich(t('The answer is ', 'La respuesta es '), tex(context.unit ? `${answerTex}\\text{ ${context.unit}}` : answerTex), '.'),
          ],
        };
      },
    },

    // -- g5.multiply-fractions ------------------------------------------------------------
    {
      key: 'g5.multiply-fractions/compute',
      skill: 'g5.multiply-fractions',
      generate(rng, locale) {
        const b = rng.pick(G5_DENOMINATORS);
        const d = rng.pick(G5_DENOMINATORS);
        const a = rng.int(1, b - 1);
        const c = rng.int(1, d - 1);
        const wholeFactor = rng.chance(0.25);
        const w = rng.int(2, 12);
        const t = say(locale);
        // Either a/b × c/d or w × a/b (5.NF.B.4a), which is w/1 × a/b.
        const [n, m] = wholeFactor ? [w * a, b] : [a * c, b * d];
        const [rn, rd] = reduce(n, m);
        const shown = wholeFactor ? `${w} \\times ${frac(a, b)}` : `${frac(a, b)} \\times ${frac(c, d)}`;
        const product = wholeFactor ? `\\frac{${w} \\times ${a}}{${b}}` : `\\frac{${a} \\times ${c}}{${b} \\times ${d}}`;
        const done = rd === 1 ? String(rn) : rn > rd ? `${frac(rn, rd)} = ${mixed(rn, rd)}` : frac(rn, rd);
        return {
          prompt: rich(t('What is ', '¿Cuánto es '), tex(shown), '?', SIMPLEST[locale]),
          answerFormat: rd === 1 || rn > rd ? rich(t('A whole number, fraction or mixed number in simplest form', 'Un número entero, fracción o número mixto en su mínima expresión')) : simplestFormat(locale),
          answer: { kind: 'number', value: simplestValue(n, m), requireSimplestFraction: true },
          hints: [
            wholeFactor
              ? rich(t('Write the whole number as a fraction: ', 'Escribe el número entero como fracción: '), tex(`${w} = ${frac(w, 1)}`), '.')
              : rich(t('Multiply the numerators together and the denominators together.', 'Multiplica los numeradores entre sí y los denominadores entre sí.')),
            rich(tex(`${shown} = ${product}`), '.'),
            rich(t('Then simplify: divide the numerator and denominator by their greatest common factor.', 'Luego simplifica: divide el numerador y el denominador entre su máximo común divisor.')),
          ],
          solution: [
            rich(t('Multiply: ', 'Multiplica: '), tex(`${shown} = ${product} = ${frac(n, m)}`), '.'),
            ...(n !== rn ? [rich(t('Simplify by dividing by ', 'Simplifica dividiendo entre '), tex(n / rn), ': ', tex(`${frac(n, m)} = ${rd === 1 ? rn : frac(rn, rd)}`), '.')] : []),
            rich(t('The answer is ', 'El resultado es '), tex(done), '.'),
          ],
        };
      },
    },
    {
      key: 'g5.multiply-fractions/area',
      skill: 'g5.multiply-fractions',
      generate(rng, locale) {
        const [a, b] = properFraction(rng);
        const [c, d] = properFraction(rng);
        const thing = rng.int(0, 2);
        const t = say(locale);
        const [n, m] = [a * c, b * d];
        const [rn, rd] = reduce(n, m);
        const things: [string, string][] = [
          ['A rectangular tile', 'Una baldosa rectangular'],
          ['A rectangular tablecloth', 'Un mantel rectangular'],
          ['A rectangular garden bed', 'Un arriate rectangular'],
        ];
        return {
          prompt: rich(
            things[thing]![locale === 'en' ? 0 : 1],
            t(' is ', ' mide '),
            tex(measure(frac(a, b), 'm')),
            t(' long and ', ' de largo y '),
            tex(measure(frac(c, d), 'm')),
            t(' wide. What is its area?', ' de ancho. ¿Cuál es su área?'),
            SIMPLEST[locale],
          ),
          answerFormat: unitFormat('m', locale, 'fraction', '^2'),
          answer: { kind: 'number', value: simplestValue(n, m), requireSimplestFraction: true, unit: 'm^2' },
          hints: [
            rich(t('Area = length × width, also for fractional side lengths.', 'Área = largo × ancho, también cuando los lados son fracciones.')),
            rich(t('Multiply the numerators and the denominators: ', 'Multiplica los numeradores y los denominadores: '), tex(`${frac(a, b)} \\times ${frac(c, d)} = \\frac{${a} \\times ${c}}{${b} \\times ${d}}`), '.'),
            rich(t('Simplify the product if you can.', 'Simplifica el producto si se puede.')),
          ],
          solution: [
            rich(t('Area = length × width: ', 'Área = largo × ancho: '), tex(`${frac(a, b)} \\times ${frac(c, d)} = ${frac(n, m)}`), '.'),
            ...(n !== rn ? [rich(t('Simplify by dividing by ', 'Simplifica dividiendo entre '), tex(n / rn), ': ', tex(`${frac(n, m)} = ${frac(rn, rd)}`), '.')] : []),
            rich(t('The area is ', 'El área es '), tex(measure(frac(rn, rd), 'm', '^2')), '.'),
          ],
        };
      },
    },
    {
      key: 'g5.multiply-fractions/word',
      skill: 'g5.multiply-fractions',
      generate(rng, locale) {
        const context = rng.pick(FRACTION_PRODUCT_WORD);
        const name = rng.pick(NAMES);
        const [a, b] = properFraction(rng);
        const [c, d] = properFraction(rng);
        const t = say(locale);
        const [n, m] = [a * c, b * d];
        const [rn, rd] = reduce(n, m);
        return {
          prompt: rich(...context[locale](tex(frac(a, b)), tex(frac(c, d)), name), SIMPLEST[locale]),
          answerFormat: simplestFormat(locale),
          answer: { kind: 'number', value: simplestValue(n, m), requireSimplestFraction: true },
          hints: [
            rich(t('"Of" means multiply: find ', '"De" significa multiplicar: calcula '), tex(`${frac(c, d)} \\times ${frac(a, b)}`), '.'),
            rich(t('Multiply the numerators and the denominators: ', 'Multiplica los numeradores y los denominadores: '), tex(`\\frac{${c} \\times ${a}}{${d} \\times ${b}}`), '.'),
            rich(t('Simplify the product if you can.', 'Simplifica el producto si se puede.')),
          ],
          solution: [
            rich(tex(`${frac(c, d)} \\times ${frac(a, b)} = \\frac{${c} \\times ${a}}{${d} \\times ${b}} = ${frac(n, m)}`), '.'),
            ...(n !== rn ? [rich(t('Simplify by dividing by ', 'Simplifica dividiendo entre '), tex(n / rn), ': ', tex(`${frac(n, m)} = ${frac(rn, rd)}`), '.')] : []),
            rich(t('The answer is ', 'La respuesta es '), tex(frac(rn, rd)), '.'),
          ],
        };
      },
    },

    // -- g5.order-of-operations -----------------------------------------------------------
    {
      key: 'g5.order-of-operations/evaluate',
      skill: 'g5.order-of-operations',
      generate(rng, locale) {
        const expression = orderExpression(rng);
        const t = say(locale);
        const [first] = expression.steps[0]!;
        return {
          prompt: rich(t('Evaluate ', 'Calcula el valor de '), tex(expression.tex), '.'),
          answerFormat: wholeNumber(locale),
          answer: { kind: 'number', value: String(expression.value) },
          hints: [
            rich(t('Work inside grouping symbols first: parentheses, then brackets, then braces.', 'Resuelve primero lo que está dentro de los signos de agrupación: paréntesis, luego corchetes y luego llaves.')),
            rich(t('Then multiply and divide from left to right, and last add and subtract from left to right.', 'Después multiplica y divide de izquierda a derecha y, al final, suma y resta de izquierda a derecha.')),
            rich(first[locale], tex(expression.steps[0]![1].split(' = ')[0]!), '.'),
          ],
          solution: [
            ...expression.steps.map(([what, step]) => rich(what[locale], tex(step), '.')),
            rich(t('So ', 'Así que '), tex(`${expression.tex} = ${expression.value}`), '.'),
          ].slice(-5),
        };
      },
    },
    {
      key: 'g5.order-of-operations/which-expression',
      skill: 'g5.order-of-operations',
      generate(rng, locale) {
        let a = 0;
        let b = 0;
        let c = 0;
        let d = 0;
        let values: number[] = [];
        do {
          [a, b, c] = [rng.int(2, 9), rng.int(2, 9), rng.int(3, 9)];
          d = rng.int(1, c - 1);
          values = [(a + b) * c - d, a + b * (c - d), a + b * c - d];
        } while (new Set(values).size < 3);
        const texts = [`(${a} + ${b}) \\times ${c} - ${d}`, `${a} + ${b} \\times (${c} - ${d})`, `${a} + ${b} \\times ${c} - ${d}`];
        const target = rng.int(0, 2);
        const t = say(locale);
        const { choices, correct } = choicesFrom(rng, texts.map((x, i) => ({ content: rich(tex(x)), correct: i === target })));
        const work = [
          `(${a} + ${b}) \\times ${c} - ${d} = ${a + b} \\times ${c} - ${d} = ${(a + b) * c} - ${d} = ${values[0]}`,
          `${a} + ${b} \\times (${c} - ${d}) = ${a} + ${b} \\times ${c - d} = ${a} + ${b * (c - d)} = ${values[1]}`,
          `${a} + ${b} \\times ${c} - ${d} = ${a} + ${b * c} - ${d} = ${values[2]}`,
        ];
        return {
          prompt: rich(t('Which expression has a value of ', '¿Qué expresión tiene un valor de '), tex(values[target]!), '?'),
          choices,
          answer: { kind: 'choice', correct },
          hints: [
            rich(t('The numbers and operations are the same; only the parentheses change what is done first.', 'Los números y las operaciones son los mismos; solo los paréntesis cambian qué se hace primero.')),
            rich(t('Evaluate each expression: parentheses first, then multiplication, then addition and subtraction from left to right.', 'Calcula cada expresión: primero los paréntesis, luego la multiplicación y después sumas y restas de izquierda a derecha.')),
            rich(t('Without parentheses, ', 'Sin paréntesis, '), tex(`${b} \\times ${c}`), t(' is done before the addition and the subtraction.', ' se hace antes de la suma y la resta.')),
          ],
          solution: [
            ...work.map((w) => rich(tex(w))),
            rich(t('The expression equal to ', 'La expresión que vale '), tex(values[target]!), t(' is ', ' es '), tex(texts[target]!), '.'),
          ],
        };
      },
    },

    // -- g5.volume ------------------------------------------------------------------------
    {
      key: 'g5.volume/prism',
      skill: 'g5.volume',
      generate(rng, locale) {
        const [l, w, tall] = [rng.int(3, 15), rng.int(2, 10), rng.int(2, 12)];
        const thing = rng.int(0, 2);
        const t = say(locale);
        // Boxes and fish tanks in centimeters; a storage room in meters (and only 2–4 m tall).
        const u: 'cm' | 'm' = thing === 2 ? 'm' : 'cm';
        const h = thing === 2 ? 2 + (tall % 3) : tall;
        const base = l * w;
        const volume = base * h;
        const things: [string, string][] = [
          ['A box', 'Una caja'],
          ['A fish tank', 'Una pecera'],
          ['A storage room', 'Un cuarto de almacenamiento'],
        ];
        return {
          prompt: rich(
            things[thing]![locale === 'en' ? 0 : 1],
            t(' shaped like a rectangular prism is ', ' con forma de prisma rectangular mide '),
            tex(measure(l, u)),
            t(' long, ', ' de largo, '),
            tex(measure(w, u)),
            t(' wide and ', ' de ancho y '),
            tex(measure(h, u)),
            t(' tall. What is its volume?', ' de alto. ¿Cuál es su volumen?'),
          ),
          answerFormat: unitFormat(u, locale, 'whole', '^3'),
          answer: { kind: 'number', value: String(volume), unit: `${u}^3` },
          hints: [
            rich(t('Volume = length × width × height.', 'Volumen = largo × ancho × alto.')),
            rich(t('Find the area of the base first: ', 'Primero calcula el área de la base: '), tex(`${l} \\times ${w}`), '.'),
            rich(t('Then multiply the area of the base by the height, ', 'Luego multiplica el área de la base por la altura, '), tex(h), '.'),
          ],
          solution: [
            rich(t('Area of the base: ', 'Área de la base: '), tex(`${l} \\times ${w} = ${base}`), '.'),
            rich(t('Times the height: ', 'Por la altura: '), tex(`${base} \\times ${h} = ${num(volume, locale)}`), '.'),
            rich(t('The volume is ', 'El volumen es '), tex(measure(num(volume, locale), u, '^3')), '.'),
          ],
        };
      },
    },
    {
      key: 'g5.volume/unit-cubes',
      skill: 'g5.volume',
      generate(rng, locale) {
        const [rows, perRow, layers] = [rng.int(2, 9), rng.int(2, 9), rng.int(2, 8)];
        const name = rng.pick(NAMES);
        const t = say(locale);
        const layer = rows * perRow;
        const volume = layer * layers;
        return {
          prompt: rich(
            t(`${name} fills a box with centimeter cubes, with no gaps. The bottom layer has ${rows} rows of ${perRow} cubes, and there are ${layers} layers. What is the volume of the box?`,
              `${name} llena una caja con cubos de 1 centímetro, sin dejar huecos. La capa de abajo tiene ${rows} filas de ${perRow} cubos y hay ${layers} capas. ¿Cuál es el volumen de la caja?`),
          ),
          answerFormat: unitFormat('cm', locale, 'whole', '^3'),
          answer: { kind: 'number', value: String(volume), unit: 'cm^3' },
          hints: [
            rich(t('Each centimeter cube has a volume of ', 'Cada cubo de 1 centímetro tiene un volumen de '), tex(measure(1, 'cm', '^3')), t(', so count the cubes.', ', así que cuenta los cubos.')),
            rich(t('Cubes in one layer: ', 'Cubos en una capa: '), tex(`${rows} \\times ${perRow}`), '.'),
            rich(t('Multiply the cubes in one layer by the number of layers.', 'Multiplica los cubos de una capa por el número de capas.')),
          ],
          solution: [
            rich(t('One layer has ', 'Una capa tiene '), tex(`${rows} \\times ${perRow} = ${layer}`), t(' cubes.', ' cubos.')),
            rich(tex(`${layer} \\times ${layers} = ${volume}`), t(' cubes in all.', ' cubos en total.')),
            rich(t('The volume is ', 'El volumen es '), tex(measure(volume, 'cm', '^3')), '.'),
          ],
        };
      },
    },
    {
      key: 'g5.volume/missing-dimension',
      skill: 'g5.volume',
      generate(rng, locale) {
        const [l, w, h] = [rng.int(3, 12), rng.int(2, 10), rng.int(2, 12)];
        const unit = rng.pick(VOLUME_UNITS);
        const t = say(locale);
        const base = l * w;
        const volume = base * h;
        return {
          prompt: rich(
            t('A rectangular prism has a volume of ', 'Un prisma rectangular tiene un volumen de '),
            tex(measure(num(volume, locale), unit, '^3')),
            t('. Its base is ', '. Su base mide '),
            tex(measure(l, unit)),
            t(' by ', ' por '),
            tex(measure(w, unit)),
            t('. How tall is it?', '. ¿Cuánto mide de alto?'),
          ),
          answerFormat: unitFormat(unit, locale, 'whole'),
          answer: { kind: 'number', value: String(h), unit },
          hints: [
            rich(t('Volume = area of the base × height.', 'Volumen = área de la base × altura.')),
            rich(t('The area of the base is ', 'El área de la base es '), tex(`${l} \\times ${w} = ${base}`), '.'),
            rich(t('Find the missing factor: ', 'Encuentra el factor que falta: '), tex(`${base} \\times \\square = ${num(volume, locale)}`), '.'),
          ],
          solution: [
            rich(t('Area of the base: ', 'Área de la base: '), tex(`${l} \\times ${w} = ${base}`), '.'),
            rich(t('Divide the volume by the area of the base: ', 'Divide el volumen entre el área de la base: '), tex(`${num(volume, locale)} \\div ${base} = ${h}`), '.'),
            rich(t('The height is ', 'La altura es '), tex(measure(h, unit)), '.'),
          ],
        };
      },
    },
    {
      key: 'g5.volume/composite',
      skill: 'g5.volume',
      generate(rng, locale) {
        const first = [rng.int(4, 12), rng.int(2, 8), rng.int(2, 8)] as const;
        const second = [rng.int(2, 10), rng.int(2, 8), rng.int(2, 8)] as const;
        const unit = rng.pick(VOLUME_UNITS);
        const t = say(locale);
        const v1 = first[0] * first[1] * first[2];
        const v2 = second[0] * second[1] * second[2];
        const dims = (d: readonly [number, number, number]) => d.map((x) => measure(x, unit)).join(' \\times ');
        return {
          prompt: rich(
            t('A solid figure is made of two rectangular prisms that do not overlap. One measures ', 'Un cuerpo geométrico está formado por dos prismas rectangulares que no se superponen. Uno mide '),
            tex(dims(first)),
            t(' and the other measures ', ' y el otro mide '),
            tex(dims(second)),
            t('. What is the total volume?', '. ¿Cuál es el volumen total?'),
          ),
          answerFormat: unitFormat(unit, locale, 'whole', '^3'),
          answer: { kind: 'number', value: String(v1 + v2), unit: `${unit}^3` },
          hints: [
            rich(t('Find the volume of each prism, then add them.', 'Calcula el volumen de cada prisma y luego súmalos.')),
            rich(t('The first prism: ', 'El primer prisma: '), tex(`${first.join(' \\times ')} = ${v1}`), '.'),
            rich(t('Now find the volume of the second prism: ', 'Ahora calcula el volumen del segundo prisma: '), tex(second.join(' \\times ')), '.'),
          ],
          solution: [
            rich(t('First prism: ', 'Primer prisma: '), tex(`${first.join(' \\times ')} = ${v1}`), '.'),
            rich(t('Second prism: ', 'Segundo prisma: '), tex(`${second.join(' \\times ')} = ${v2}`), '.'),
            rich(t('Total: ', 'Total: '), tex(`${v1} + ${v2} = ${num(v1 + v2, locale)}`), t('. The volume is ', '. El volumen es '), tex(measure(num(v1 + v2, locale), unit, '^3')), '.'),
          ],
        };
      },
    },
  ],
};
