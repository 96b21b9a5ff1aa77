// Grade 6 math item bank: ratios and rates, percent, dividing fractions, integers,
// expressions and equations, triangle area, measures of center.
// The small exact-arithmetic and formatting helpers at the top are shared with grade7.ts
// and grade8.ts. Every number is computed with integers (money in cents, decimals as
// scaled integers, fractions as reduced n/d), so no float artefact ever reaches a student.
import type { Choice, Locale, RichText, Rng, Segment, SkillModule } from '../item';
import { rich, tex } from '../rich';

// ---------------------------------------------------------------------------------------
// Shared helpers (grades 6–8)
// ---------------------------------------------------------------------------------------

export type Bi = Record<Locale, string>;

/** Picks the string for the locale: t('What is', '¿Cuánto es'). */
export const say =
  (locale: Locale) =>
  (en: string, es: string): string =>
    locale === 'en' ? en : es;

/** Replaces {key} placeholders. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** Student names that read naturally in both English and Spanish. */
export const NAMES = ['Ana', 'Luis', 'Sofía', 'Mateo', 'Maya', 'Diego', 'Camila', 'Omar', 'Valeria', 'Sam', 'Jada', 'Leo'] as const;

/** Variable letters that mathjs reads as plain symbols (not units such as m, s, t, g, h, l, b, nor constants e, i). */
export const VARIABLES = ['x', 'y', 'n', 'a', 'k', 'p', 'w', 'z', 'c', 'r'] as const;

export function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** A reduced fraction with a positive denominator. */
export interface Fraction {
  n: number;
  d: number;
}

export function fraction(n: number, d: number): Fraction {
  if (d === 0 || !Number.isInteger(n) || !Number.isInteger(d)) throw new RangeError(`bad fraction ${n}/${d}`);
  const g = gcd(n, d) || 1;
  const s = d < 0 ? -1 : 1;
  return { n: (s * n) / g + 0, d: (s * d) / g };
}

/** mathjs-parsable value: "3/4", "-5/2", "7". */
export const fracValue = (f: Fraction): string => (f.d === 1 ? String(f.n) : `${f.n}/${f.d}`);

/** TeX: "\frac{3}{4}", "-\frac{5}{2}", "7". */
export const fracTex = (f: Fraction): string =>
  f.d === 1 ? String(f.n) : `${f.n < 0 ? '-' : ''}\\frac{${Math.abs(f.n)}}{${f.d}}`;

/** TeX as a mixed number when improper: "2\frac{1}{4}". */
export function mixedTex(f: Fraction): string {
  const a = Math.abs(f.n);
  if (f.d === 1 || a < f.d) return fracTex(f);
  const whole = Math.floor(a / f.d);
  const rest = a % f.d;
  return `${f.n < 0 ? '-' : ''}${whole}${rest === 0 ? '' : `\\frac{${rest}}{${f.d}}`}`;
}

/** An exact decimal from a scaled integer: decimal(1950, 2) → "19.5", decimal(-5, 1) → "-0.5". */
export function decimal(scaled: number, places: number): string {
  if (!Number.isInteger(scaled)) throw new RangeError(`decimal() needs an integer, got ${scaled}`);
  const p = 10 ** places;
  const a = Math.abs(scaled);
  const digits = String(a % p)
    .padStart(places, '0')
    .replace(/0+$/, '');
  return `${scaled < 0 ? '-' : ''}${Math.floor(a / p)}${digits ? `.${digits}` : ''}`;
}

/** Money from cents, as people write it: 1250 → "12.50", 1200 → "12". */
export const money = (cents: number): string =>
  cents % 100 === 0 ? String(cents / 100) : `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
export const moneyText = (cents: number): string => `$${money(cents)}`;
export const moneyTex = (cents: number): string => `\\$${money(cents)}`;

/** An operand after an operator: negative numbers get parentheses ("5 - (-3)"). */
export const operand = (n: number | string): string => (String(n).startsWith('-') ? `(${n})` : String(n));

/**
 * A sum of terms as TeX that mathjs also parses: [[3, 'x'], [-5, '']] → "3x - 5";
 * coefficients ±1 print as "x"/"-x", zero terms are left out.
 */
export function terms(list: ReadonlyArray<readonly [number, string]>): string {
  let out = '';
  for (const [c, v] of list) {
    if (c === 0) continue;
    const abs = Math.abs(c);
    const body = v === '' ? String(abs) : abs === 1 ? v : `${abs}${v}`;
    if (out === '') out = c < 0 ? `-${body}` : body;
    else out += c < 0 ? ` - ${body}` : ` + ${body}`;
  }
  return out === '' ? '0' : out;
}

/** Choices in a shuffled order, ids "a", "b", … in display order. */
export function shuffledChoices(
  rng: Rng,
  options: ReadonlyArray<{ content: RichText; correct: boolean }>,
): { choices: Choice[]; correct: string[] } {
  const order = rng.shuffle(options.map((_, i) => i));
  const choices: Choice[] = [];
  const correct: string[] = [];
  order.forEach((index, position) => {
    const option = options[index]!;
    const id = String.fromCharCode(97 + position);
    choices.push({ id, content: option.content });
    if (option.correct) correct.push(id);
  });
  return { choices, correct };
}

/** The first `count` distinct strings of `candidates` that differ from every string in `exclude`. */
export function distinct(candidates: readonly string[], exclude: readonly string[], count: number): string[] {
  const out: string[] = [];
  for (const c of candidates) if (!exclude.includes(c) && !out.includes(c) && out.length < count) out.push(c);
  if (out.length < count) throw new Error(`not enough distinct candidates: ${candidates.join(' | ')}`);
  return out;
}

/** A comma-separated list in TeX: "12,\ 15,\ 9". */
export const listTex = (values: readonly (number | string)[]): string => values.join(',\\ ');

/** Coprime pairs (p, q), p ≠ q, both in [lo, hi]. */
export function coprimePairs(lo: number, hi: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let p = lo; p <= hi; p++) for (let q = lo; q <= hi; q++) if (p !== q && gcd(p, q) === 1) out.push([p, q]);
  return out;
}

/** n distinct integers from [lo, hi], in rng order. */
export function distinctInts(rng: Rng, lo: number, hi: number, n: number): number[] {
  return rng.shuffle(Array.from({ length: hi - lo + 1 }, (_, i) => lo + i)).slice(0, n);
}

/** A nonzero integer in ±[lo, hi]. */
export const signedInt = (rng: Rng, lo: number, hi: number): number => rng.int(lo, hi) * (rng.chance(0.5) ? -1 : 1);

// ---------------------------------------------------------------------------------------
// Context tables
// ---------------------------------------------------------------------------------------

const RATIO_GROUPS = [
  {
    a: { en: 'girls', es: 'niñas' },
    b: { en: 'boys', es: 'niños' },
    all: { en: 'students', es: 'estudiantes' },
    where: { en: 'In a class there are', es: 'En una clase hay' },
  },
  {
    a: { en: 'red marbles', es: 'canicas rojas' },
    b: { en: 'blue marbles', es: 'canicas azules' },
    all: { en: 'marbles', es: 'canicas' },
    where: { en: 'A bag holds', es: 'Una bolsa tiene' },
  },
  {
    a: { en: 'cats', es: 'gatos' },
    b: { en: 'dogs', es: 'perros' },
    all: { en: 'animals', es: 'animales' },
    where: { en: 'At an animal shelter there are', es: 'En un refugio de animales hay' },
  },
  {
    a: { en: 'apples', es: 'manzanas' },
    b: { en: 'oranges', es: 'naranjas' },
    all: { en: 'pieces of fruit', es: 'frutas' },
    where: { en: 'A fruit basket holds', es: 'Una canasta de frutas tiene' },
  },
  {
    a: { en: 'tulips', es: 'tulipanes' },
    b: { en: 'roses', es: 'rosas' },
    all: { en: 'flowers', es: 'flores' },
    where: { en: 'A garden has', es: 'Un jardín tiene' },
  },
] as const;

const TABLE_ROWS = [
  { a: { en: 'Flour (cups)', es: 'Harina (tazas)' }, b: { en: 'Sugar (cups)', es: 'Azúcar (tazas)' } },
  { a: { en: 'Lemons', es: 'Limones' }, b: { en: 'Water (cups)', es: 'Agua (tazas)' } },
  { a: { en: 'Red paint (cans)', es: 'Pintura roja (latas)' }, b: { en: 'White paint (cans)', es: 'Pintura blanca (latas)' } },
  { a: { en: 'Hours', es: 'Horas' }, b: { en: 'Pages read', es: 'Páginas leídas' } },
  { a: { en: 'Tickets', es: 'Boletos' }, b: { en: 'Cost (dollars)', es: 'Costo (dólares)' } },
] as const;

/** Mixtures: {A} and {B} become "3 cups of flour"; esA/esB give the Spanish gender for "¿Cuántos/Cuántas?". */
const MIXTURES = [
  {
    setup: { en: 'A recipe uses {A} for every {B}.', es: 'Una receta usa {A} por cada {B}.' },
    a: { en: 'cups of flour', es: 'tazas de harina' },
    b: { en: 'cups of milk', es: 'tazas de leche' },
    esA: 'as',
    esB: 'as',
  },
  {
    setup: { en: 'To make green paint, mix {A} with {B}.', es: 'Para hacer pintura verde, se mezclan {A} con {B}.' },
    a: { en: 'cans of blue paint', es: 'latas de pintura azul' },
    b: { en: 'cans of yellow paint', es: 'latas de pintura amarilla' },
    esA: 'as',
    esB: 'as',
  },
  {
    setup: { en: 'A fruit drink uses {A} for every {B}.', es: 'Una bebida de frutas lleva {A} por cada {B}.' },
    a: { en: 'scoops of powder', es: 'cucharadas de polvo' },
    b: { en: 'liters of water', es: 'litros de agua' },
    esA: 'as',
    esB: 'os',
  },
  {
    setup: { en: 'A trail mix uses {A} for every {B}.', es: 'Una mezcla de frutos secos lleva {A} por cada {B}.' },
    a: { en: 'cups of almonds', es: 'tazas de almendras' },
    b: { en: 'cups of raisins', es: 'tazas de pasas' },
    esA: 'as',
    esB: 'as',
  },
  {
    setup: { en: 'A lemonade recipe uses {A} for every {B}.', es: 'Una receta de limonada usa {A} por cada {B}.' },
    a: { en: 'lemons', es: 'limones' },
    b: { en: 'cups of water', es: 'tazas de agua' },
    esA: 'os',
    esB: 'as',
  },
] as const;

const PRODUCTS = [
  { one: { en: 'notebook', es: 'cuaderno' }, many: { en: 'notebooks', es: 'cuadernos' }, article: 'un', lo: 120, hi: 400 },
  { one: { en: 'granola bar', es: 'barra de granola' }, many: { en: 'granola bars', es: 'barras de granola' }, article: 'una', lo: 45, hi: 150 },
  { one: { en: 'bottle of water', es: 'botella de agua' }, many: { en: 'bottles of water', es: 'botellas de agua' }, article: 'una', lo: 60, hi: 250 },
  { one: { en: 'movie ticket', es: 'boleto de cine' }, many: { en: 'movie tickets', es: 'boletos de cine' }, article: 'un', lo: 600, hi: 1400 },
  { one: { en: 'pack of markers', es: 'paquete de marcadores' }, many: { en: 'packs of markers', es: 'paquetes de marcadores' }, article: 'un', lo: 250, hi: 800 },
] as const;

const RATES = [
  {
    text: {
      en: "{name}'s printer prints {T} pages in {n} minutes. How many pages per minute does it print?",
      es: 'La impresora de {name} imprime {T} páginas en {n} minutos. ¿Cuántas páginas por minuto imprime?',
    },
    per: { en: 'pages per minute', es: 'páginas por minuto' },
    one: { en: '1 minute', es: '1 minuto' },
    times: { en: 'minutes', es: 'minutos' },
    lo: 8,
    hi: 30,
  },
  {
    text: {
      en: 'A car travels {T} kilometers in {n} hours at a constant speed. What is its speed in kilometers per hour?',
      es: 'Un auto recorre {T} kilómetros en {n} horas a velocidad constante. ¿Cuál es su velocidad en kilómetros por hora?',
    },
    per: { en: 'kilometers per hour', es: 'kilómetros por hora' },
    one: { en: '1 hour', es: '1 hora' },
    times: { en: 'hours', es: 'horas' },
    lo: 40,
    hi: 110,
  },
  {
    text: {
      en: '{name} types {T} words in {n} minutes. How many words per minute is that?',
      es: '{name} escribe {T} palabras en {n} minutos en la computadora. ¿Cuántas palabras por minuto son?',
    },
    per: { en: 'words per minute', es: 'palabras por minuto' },
    one: { en: '1 minute', es: '1 minuto' },
    times: { en: 'minutes', es: 'minutos' },
    lo: 20,
    hi: 70,
  },
  {
    text: {
      en: 'A hose fills a tank with {T} liters of water in {n} minutes. How many liters per minute is that?',
      es: 'Una manguera llena un tanque con {T} litros de agua en {n} minutos. ¿Cuántos litros por minuto son?',
    },
    per: { en: 'liters per minute', es: 'litros por minuto' },
    one: { en: '1 minute', es: '1 minuto' },
    times: { en: 'minutes', es: 'minutos' },
    lo: 6,
    hi: 25,
  },
  {
    text: {
      en: "{name}'s heart beats {T} times in {n} minutes. How many beats per minute is that?",
      es: 'El corazón de {name} late {T} veces en {n} minutos. ¿Cuántos latidos por minuto son?',
    },
    per: { en: 'beats per minute', es: 'latidos por minuto' },
    one: { en: '1 minute', es: '1 minuto' },
    times: { en: 'minutes', es: 'minutos' },
    lo: 60,
    hi: 100,
  },
] as const;

const BULK_ITEMS = [
  { many: { en: 'juice boxes', es: 'cajitas de jugo' }, one: { en: 'box', es: 'cajita' }, article: 'una' },
  { many: { en: 'yogurt cups', es: 'yogures' }, one: { en: 'cup', es: 'yogur' }, article: 'un' },
  { many: { en: 'granola bars', es: 'barras de granola' }, one: { en: 'bar', es: 'barra' }, article: 'una' },
  { many: { en: 'pencils', es: 'lápices' }, one: { en: 'pencil', es: 'lápiz' }, article: 'un' },
] as const;

const PERCENT_STORIES = [
  {
    en: 'A class has {N} students. {p} of them walk to school. How many students walk to school?',
    es: 'Una clase tiene {N} estudiantes. El {p} de ellos camina a la escuela. ¿Cuántos estudiantes caminan a la escuela?',
  },
  {
    en: '{name} planted {N} seeds, and {p} of them sprouted. How many seeds sprouted?',
    es: '{name} sembró {N} semillas y germinó el {p} de ellas. ¿Cuántas semillas germinaron?',
  },
  {
    en: 'In a survey of {N} people, {p} said they prefer soccer. How many people prefer soccer?',
    es: 'En una encuesta a {N} personas, el {p} dijo que prefiere el fútbol. ¿Cuántas personas prefieren el fútbol?',
  },
  {
    en: 'A library has {N} new books. {p} of them are mysteries. How many of the new books are mysteries?',
    es: 'Una biblioteca tiene {N} libros nuevos. El {p} son de misterio. ¿Cuántos de los libros nuevos son de misterio?',
  },
] as const;

/** Fraction division stories; {Q} is the amount, {P} the size of one share, both quantity phrases. */
const SHARE_STORIES = [
  {
    text: {
      en: '{name} has {Q} of trail mix. Each bag holds {P}. How many bags can {name} fill?',
      es: '{name} tiene {Q} de mezcla de frutos secos. En cada bolsa caben {P}. ¿Cuántas bolsas puede llenar {name}?',
    },
    unit: { en: 'pound', es: 'libra' },
    units: { en: 'pounds', es: 'libras' },
    result: { en: 'bags', es: 'bolsas' },
  },
  {
    text: {
      en: '{name} has {Q} of ribbon and cuts it into pieces that are each {P} long. How many pieces does {name} get?',
      es: '{name} tiene {Q} de listón y lo corta en trozos de {P} cada uno. ¿Cuántos trozos obtiene {name}?',
    },
    unit: { en: 'meter', es: 'metro' },
    units: { en: 'meters', es: 'metros' },
    result: { en: 'pieces', es: 'trozos' },
  },
  {
    text: {
      en: 'A pitcher holds {Q} of water. Each glass holds {P}. How many glasses can be filled?',
      es: 'Una jarra tiene {Q} de agua. En cada vaso caben {P}. ¿Cuántos vasos se pueden llenar?',
    },
    unit: { en: 'liter', es: 'litro' },
    units: { en: 'liters', es: 'litros' },
    result: { en: 'glasses', es: 'vasos' },
  },
] as const;

const SIGNED_SITUATIONS = [
  {
    pos: { en: 'The temperature is {n} degrees above zero.', es: 'La temperatura es de {n} grados sobre cero.' },
    neg: { en: 'The temperature is {n} degrees below zero.', es: 'La temperatura es de {n} grados bajo cero.' },
    zero: { en: 'a temperature of zero degrees', es: 'una temperatura de cero grados' },
    hi: 30,
  },
  {
    pos: { en: 'A bird is flying {n} meters above sea level.', es: 'Un pájaro vuela a {n} metros sobre el nivel del mar.' },
    neg: { en: 'A submarine is {n} meters below sea level.', es: 'Un submarino está a {n} metros bajo el nivel del mar.' },
    zero: { en: 'sea level', es: 'el nivel del mar' },
    hi: 300,
  },
  {
    pos: { en: '{name} deposits ${n} into a savings account.', es: '{name} deposita ${n} en su cuenta de ahorros.' },
    neg: { en: '{name} withdraws ${n} from a savings account.', es: '{name} retira ${n} de su cuenta de ahorros.' },
    zero: { en: 'no change in the account', es: 'ningún cambio en la cuenta' },
    hi: 200,
  },
  {
    pos: { en: 'A football team gains {n} yards on a play.', es: 'Un equipo de fútbol americano gana {n} yardas en una jugada.' },
    neg: { en: 'A football team loses {n} yards on a play.', es: 'Un equipo de fútbol americano pierde {n} yardas en una jugada.' },
    zero: { en: 'no gain and no loss', es: 'no ganar ni perder yardas' },
    hi: 40,
  },
  {
    pos: { en: 'An elevator goes up {n} floors.', es: 'Un elevador sube {n} pisos.' },
    neg: { en: 'An elevator goes down {n} floors.', es: 'Un elevador baja {n} pisos.' },
    zero: { en: 'staying on the same floor', es: 'quedarse en el mismo piso' },
    hi: 20,
  },
] as const;

const DATA_STORIES = [
  { en: 'Points a basketball player scored in {k} games:', es: 'Puntos que anotó una jugadora de básquetbol en {k} partidos:', lo: 4, hi: 30 },
  { en: 'Minutes {name} spent reading on {k} days:', es: 'Minutos que {name} dedicó a leer durante {k} días:', lo: 10, hi: 60 },
  { en: "{name}'s scores on {k} quizzes:", es: 'Calificaciones de {name} en {k} pruebas cortas:', lo: 60, hi: 100 },
  { en: 'Number of students on a bus on {k} days:', es: 'Número de estudiantes en un autobús durante {k} días:', lo: 15, hi: 45 },
] as const;

const lengthUnits = ['cm', 'm'] as const;

// ---------------------------------------------------------------------------------------
// Skill-specific helpers
// ---------------------------------------------------------------------------------------

/** "\frac{3}{4} of a pound" / "2\frac{1}{4} pounds" (and Spanish), as segments for rich(). */
function quantity(f: Fraction, unit: Bi, units: Bi, locale: Locale): Segment[] {
  const t = say(locale);
  if (f.n < f.d) return rich(tex(fracTex(f)), t(` of a ${unit.en}`, ` de ${unit.es}`));
  if (f.n === f.d) return rich(tex(1), ` ${unit[locale]}`);
  return rich(tex(mixedTex(f)), ` ${units[locale]}`);
}

/** Splices segments into a template whose placeholders are {Q}, {P}, … and plain {name}-style values. */
export function richFill(text: string, parts: Record<string, Segment[]>, values: Record<string, string | number> = {}): RichText {
  const out: (string | Segment)[] = [];
  for (const piece of text.split(/(\{\w+\})/)) {
    const key = /^\{(\w+)\}$/.exec(piece)?.[1];
    if (key !== undefined && key in parts) out.push(...parts[key]!);
    else if (piece !== '') out.push(fill(piece, values));
  }
  return rich(...out);
}

const absTex = (n: number): string => `|${n}|`;

function sortedAsc(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------
// The module
// ---------------------------------------------------------------------------------------

export const grade6: SkillModule = {
  skills: [
    {
      code: 'g6.ratios',
      standard: '6.RP.A.1',
      grade: 6,
      domain: 'ratios',
      name: { en: 'Understand ratios', es: 'Comprender las razones' },
      prerequisites: ['g3.equivalent-fractions'],
    },
    {
      code: 'g6.ratio-tables',
      standard: '6.RP.A.3',
      grade: 6,
      domain: 'ratios',
      name: { en: 'Ratio tables and equivalent ratios', es: 'Tablas de razones y razones equivalentes' },
      prerequisites: ['g6.ratios'],
    },
    {
      code: 'g6.unit-rates',
      standard: '6.RP.A.2',
      grade: 6,
      domain: 'ratios',
      name: { en: 'Unit rates and unit prices', es: 'Tasas unitarias y precios unitarios' },
      prerequisites: ['g6.ratios', 'g4.divide-remainders'],
    },
    {
      code: 'g6.percent-of-number',
      standard: '6.RP.A.3c',
      grade: 6,
      domain: 'percent',
      name: { en: 'Percent of a number', es: 'Porcentaje de una cantidad' },
      prerequisites: ['g6.ratio-tables', 'g5.multiply-decimals'],
    },
    {
      code: 'g6.divide-fractions',
      standard: '6.NS.A.1',
      grade: 6,
      domain: 'fractions',
      name: { en: 'Divide fractions', es: 'División de fracciones' },
      prerequisites: ['g5.multiply-fractions'],
    },
    {
      code: 'g6.integers-opposites',
      standard: '6.NS.C.6',
      grade: 6,
      domain: 'integers',
      name: { en: 'Integers and opposites', es: 'Números enteros y opuestos' },
      prerequisites: [],
    },
    {
      code: 'g6.absolute-value-compare',
      standard: '6.NS.C.7',
      grade: 6,
      domain: 'integers',
      name: { en: 'Absolute value and comparing integers', es: 'Valor absoluto y comparación de números enteros' },
      prerequisites: ['g6.integers-opposites'],
    },
    {
      code: 'g6.evaluate-expressions',
      standard: '6.EE.A.2',
      grade: 6,
      domain: 'expressions',
      name: { en: 'Evaluate expressions', es: 'Evaluar expresiones' },
      prerequisites: ['g5.order-of-operations'],
    },
    {
      code: 'g6.distributive-property',
      standard: '6.EE.A.3',
      grade: 6,
      domain: 'expressions',
      name: { en: 'The distributive property', es: 'La propiedad distributiva' },
      prerequisites: ['g6.evaluate-expressions'],
    },
    {
      code: 'g6.one-step-equations',
      standard: '6.EE.B.7',
      grade: 6,
      domain: 'equations',
      name: { en: 'One-step equations', es: 'Ecuaciones de un paso' },
      prerequisites: ['g6.evaluate-expressions'],
    },
    {
      code: 'g6.triangle-area',
      standard: '6.G.A.1',
      grade: 6,
      domain: 'geometry',
      name: { en: 'Area of triangles', es: 'Área de triángulos' },
      prerequisites: ['g4.area-perimeter-problems'],
    },
    {
      code: 'g6.mean-median-mode',
      standard: '6.SP.B.5',
      grade: 6,
      domain: 'statistics',
      name: { en: 'Mean, median and mode', es: 'Media, mediana y moda' },
      prerequisites: ['g5.add-sub-decimals'],
    },
  ],
  templates: [
    // ---------------------------------------------------------------- g6.ratios
    {
      key: 'g6.ratios/write-ratio',
      skill: 'g6.ratios',
      generate(rng, locale) {
        const t = say(locale);
        const ctx = rng.pick(RATIO_GROUPS);
        const [p, q] = rng.pick(coprimePairs(2, 9));
        const k = rng.int(2, 6);
        const x = k * p;
        const y = k * q;
        const mode = rng.pick(['a-b', 'b-a', 'a-all'] as const);
        const first = mode === 'b-a' ? ctx.b : ctx.a;
        const second = mode === 'a-b' ? ctx.b : mode === 'b-a' ? ctx.a : ctx.all;
        const top = mode === 'b-a' ? y : x;
        const bottom = mode === 'a-b' ? y : mode === 'b-a' ? x : x + y;
        const g = gcd(top, bottom);
        const f = fraction(top, bottom);
        const ofWhat =
          mode === 'a-all'
            ? t(`${first.en} to all the ${second.en}`, `${first.es} al total de ${second.es}`)
            : t(`${first.en} to ${second.en}`, `${first.es} a ${second.es}`);
        return {
          prompt: rich(
            t(
              `${ctx.where.en} ${x} ${ctx.a.en} and ${y} ${ctx.b.en}. Write the ratio of ${ofWhat} as a fraction in simplest form.`,
              `${ctx.where.es} ${x} ${ctx.a.es} y ${y} ${ctx.b.es}. Escribe la razón de ${ofWhat} como una fracción en su mínima expresión.`,
            ),
          ),
          answerFormat: rich(t('A fraction in simplest form, like 2/3', 'Una fracción en su mínima expresión, como 2/3')),
          answer: { kind: 'number', value: fracValue(f), requireSimplestFraction: true },
          hints: [
            mode === 'a-all'
              ? rich(t(`First find the total number of ${second.en} by adding the two groups.`, `Primero encuentra el total de ${second.es} sumando los dos grupos.`))
              : rich(
                  t(
                    `The ratio of ${first.en} to ${second.en} puts the number of ${first.en} on top and the number of ${second.en} on the bottom.`,
                    `La razón de ${first.es} a ${second.es} lleva el número de ${first.es} arriba y el número de ${second.es} abajo.`,
                  ),
                ),
            rich(
              t('Write the fraction ', 'Escribe la fracción '),
              tex(`\\frac{${top}}{${bottom}}`),
              t(
                ', then divide the top and bottom by their greatest common factor.',
                ' y luego divide el numerador y el denominador entre su máximo común divisor.',
              ),
            ),
            rich(t('The greatest common factor of ', 'El máximo común divisor de '), tex(top), t(' and ', ' y '), tex(bottom), t(' is ', ' es '), tex(g), '.'),
          ],
          solution: [
            ...(mode === 'a-all'
              ? [rich(t(`Total ${second.en}: `, `Total de ${second.es}: `), tex(`${x} + ${y} = ${x + y}`), '.')]
              : []),
            rich(t(`The ratio of ${ofWhat} is `, `La razón de ${ofWhat} es `), tex(`\\frac{${top}}{${bottom}}`), '.'),
            rich(
              t('Divide the numerator and denominator by ', 'Divide el numerador y el denominador entre '),
              tex(g),
              ': ',
              tex(`\\frac{${top} \\div ${g}}{${bottom} \\div ${g}} = ${fracTex(f)}`),
              '.',
            ),
            rich(t('The ratio is ', 'La razón es '), tex(fracTex(f)), t(', also written ', ', que también se escribe '), tex(`${f.n}:${f.d}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g6.ratios/equivalent-choice',
      skill: 'g6.ratios',
      generate(rng, locale) {
        const t = say(locale);
        const [p, q] = rng.pick(coprimePairs(1, 9));
        const k0 = rng.int(1, 4);
        const k1 = rng.pick([1, 2, 3, 4, 5, 6].filter((k) => k !== k0));
        const a = k0 * p;
        const b = k0 * q;
        const s = rng.int(1, 5);
        const correct = `${k1 * p}:${k1 * q}`;
        const wrong = distinct(
          [`${a + s}:${b + s}`, `${k1 * q}:${k1 * p}`, `${k1 * p}:${k1 * q + 1}`, `${k1 * p + 1}:${k1 * q}`, `${a + s + 1}:${b + s + 1}`, `${b}:${a}`],
          [correct, `${a}:${b}`],
          3,
        );
        const { choices, correct: ids } = shuffledChoices(rng, [
          { content: rich(tex(correct)), correct: true },
          ...wrong.map((w) => ({ content: rich(tex(w)), correct: false })),
        ]);
        return {
          prompt: rich(t('Which ratio is equivalent to ', '¿Qué razón es equivalente a '), tex(`${a}:${b}`), '?'),
          choices,
          answerFormat: rich(t('Choose one answer', 'Elige una respuesta')),
          answer: { kind: 'choice', correct: ids },
          hints: [
            rich(
              t(
                'Equivalent ratios come from multiplying (or dividing) both numbers by the same number.',
                'Las razones equivalentes se obtienen al multiplicar (o dividir) los dos números por el mismo número.',
              ),
            ),
            rich(
              t(
                'Adding the same number to both parts does not give an equivalent ratio, and the order of the numbers matters.',
                'Sumar el mismo número a las dos partes no da una razón equivalente, y el orden de los números importa.',
              ),
            ),
            rich(
              t('Write ', 'Escribe '),
              tex(`${a}:${b}`),
              t(' in simplest form, then check which choice simplifies to the same ratio.', ' en su forma más simple y revisa qué opción se simplifica a la misma razón.'),
            ),
          ],
          solution: [
            k0 > 1
              ? rich(t('Divide both numbers by ', 'Divide los dos números entre '), tex(k0), ': ', tex(`${a}:${b} = ${p}:${q}`), '.')
              : rich(tex(`${a}:${b}`), t(' is already in simplest form.', ' ya está en su forma más simple.')),
            rich(
              t('Multiply both numbers of ', 'Multiplica los dos números de '),
              tex(`${p}:${q}`),
              t(' by ', ' por '),
              tex(k1),
              ': ',
              tex(`${p} \\times ${k1} = ${k1 * p}`),
              t(' and ', ' y '),
              tex(`${q} \\times ${k1} = ${k1 * q}`),
              '.',
            ),
            rich(t('So ', 'Así que '), tex(`${a}:${b}`), t(' is equivalent to ', ' es equivalente a '), tex(correct), '.'),
          ],
        };
      },
    },

    // ---------------------------------------------------------------- g6.ratio-tables
    {
      key: 'g6.ratio-tables/missing-value',
      skill: 'g6.ratio-tables',
      generate(rng, locale) {
        const t = say(locale);
        const rows = rng.pick(TABLE_ROWS);
        const p = rng.int(1, 6);
        const q = rng.pick([2, 3, 4, 5, 6, 7, 8, 9, 10, 12].filter((v) => v !== p));
        const multipliers = [1, ...sortedAsc(distinctInts(rng, 2, 10, 3))];
        const column = rng.int(1, 3);
        const missingTop = rng.chance(0.5);
        const m = multipliers[column]!;
        const answer = missingTop ? m * p : m * q;
        const known = missingTop ? m * q : m * p;
        const knownBase = missingTop ? q : p;
        const otherBase = missingTop ? p : q;
        const cell = (base: number, isTop: boolean, i: number): string =>
          i === column && isTop === missingTop ? '\\square' : String(base * multipliers[i]!);
        const row = (label: string, base: number, isTop: boolean): string =>
          `\\text{${label}} & ${multipliers.map((_, i) => cell(base, isTop, i)).join(' & ')} \\\\ \\hline`;
        const table = `\\begin{array}{|l|c|c|c|c|}\\hline ${row(rows.a[locale], p, true)} ${row(rows.b[locale], q, false)} \\end{array}`;
        return {
          prompt: rich(
            t('The table shows equivalent ratios. What number belongs in the box?', 'La tabla muestra razones equivalentes. ¿Qué número va en el recuadro?'),
            ' ',
            tex(table),
          ),
          answerFormat: rich(t('A whole number', 'Un número entero')),
          answer: { kind: 'number', value: String(answer) },
          hints: [
            rich(
              t(
                'In a ratio table, every column is the first column multiplied by the same number.',
                'En una tabla de razones, cada columna es la primera columna multiplicada por un mismo número.',
              ),
            ),
            rich(
              t('In the column with the box, the other value is ', 'En la columna del recuadro, el otro valor es '),
              tex(known),
              t('. What do you multiply ', '. ¿Por qué número multiplicas '),
              tex(knownBase),
              t(' by to get ', ' para obtener '),
              tex(known),
              '?',
            ),
            rich(
              t('That column is ', 'Esa columna es '),
              tex(m),
              t(' times the first column, so multiply ', ' veces la primera columna, así que multiplica '),
              tex(otherBase),
              t(' by the same number.', ' por ese mismo número.'),
            ),
          ],
          solution: [
            rich(t('The first column gives the ratio ', 'La primera columna da la razón '), tex(`${p}:${q}`), '.'),
            rich(t('In the column with the box, ', 'En la columna del recuadro, '), tex(`${known} = ${knownBase} \\times ${m}`), '.'),
            rich(t('So the missing value is ', 'Entonces el valor que falta es '), tex(`${otherBase} \\times ${m} = ${answer}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g6.ratio-tables/word-problem',
      skill: 'g6.ratio-tables',
      generate(rng, locale) {
        const t = say(locale);
        const ctx = rng.pick(MIXTURES);
        const [r, s] = rng.pick(coprimePairs(1, 9));
        const k = r === 1 || s === 1 ? 2 : rng.int(1, 2);
        const askA = rng.chance(0.5);
        const m = rng.pick([2, 3, 4, 5, 6, 7, 8, 9].filter((v) => v !== k));
        const a = k * r;
        const b = k * s;
        // The given quantity is m times its simplest-form part; the answer is m times the other part.
        const given = askA ? m * s : m * r;
        const answer = askA ? m * r : m * s;
        const askNoun = askA ? ctx.a : ctx.b;
        const givenNoun = askA ? ctx.b : ctx.a;
        const askGender = askA ? ctx.esA : ctx.esB;
        const givenSimple = askA ? s : r;
        const askSimple = askA ? r : s;
        const setup = fill(ctx.setup[locale], { A: `${a} ${ctx.a[locale]}`, B: `${b} ${ctx.b[locale]}` });
        return {
          prompt: rich(
            setup,
            ' ',
            t(
              `How many ${askNoun.en} are needed for ${given} ${givenNoun.en}?`,
              `¿Cuánt${askGender} ${askNoun.es} se necesitan para ${given} ${givenNoun.es}?`,
            ),
          ),
          answerFormat: rich(t('A whole number', 'Un número entero')),
          answer: { kind: 'number', value: String(answer) },
          hints: [
            rich(
              t('Make a ratio table that starts with ', 'Haz una tabla de razones que empiece con '),
              tex(a),
              ` ${ctx.a[locale]}`,
              t(' and ', ' y '),
              tex(b),
              ` ${ctx.b[locale]}.`,
            ),
            k > 1
              ? rich(t('Simplify the ratio first: ', 'Primero simplifica la razón: '), tex(`${a}:${b} = ${r}:${s}`), '.')
              : rich(t('Think: what number times ', 'Piensa: ¿qué número por '), tex(givenSimple), t(' gives ', ' da '), tex(given), '?'),
            rich(
              t(
                'Multiply both quantities in the ratio by the same number.',
                'Multiplica las dos cantidades de la razón por el mismo número.',
              ),
            ),
          ],
          solution: [
            rich(
              t('The ratio is ', 'La razón es '),
              tex(k > 1 ? `${a}:${b} = ${r}:${s}` : `${a}:${b}`),
              t(` (${ctx.a.en} to ${ctx.b.en}).`, ` (${ctx.a.es} a ${ctx.b.es}).`),
            ),
            rich(tex(`${given} = ${givenSimple} \\times ${m}`), t(', so multiply both parts by ', ', así que multiplica las dos partes por '), tex(m), '.'),
            rich(tex(`${askSimple} \\times ${m} = ${answer}`), t(`, so ${answer} ${askNoun.en} are needed.`, `, así que se necesitan ${answer} ${askNoun.es}.`)),
          ],
        };
      },
    },

    // ---------------------------------------------------------------- g6.unit-rates
    {
      key: 'g6.unit-rates/unit-price',
      skill: 'g6.unit-rates',
      generate(rng, locale) {
        const t = say(locale);
        const product = rng.pick(PRODUCTS);
        const unit = 5 * rng.int(product.lo / 5, product.hi / 5);
        const qty = rng.int(3, 8);
        const total = unit * qty;
        return {
          prompt: rich(
            t(
              `At a store, ${qty} ${product.many.en} cost ${moneyText(total)}. Each ${product.one.en} costs the same amount. How much does one ${product.one.en} cost?`,
              `En una tienda, ${qty} ${product.many.es} cuestan ${moneyText(total)}. Cada ${product.one.es} cuesta lo mismo. ¿Cuánto cuesta ${product.article} ${product.one.es}?`,
            ),
          ),
          answerFormat: rich(t('An amount in dollars, like 2.75', 'Una cantidad en dólares, como 2.75')),
          answer: { kind: 'number', value: decimal(unit, 2), unit: '$' },
          hints: [
            rich(t('A unit price is the cost of 1 item.', 'Un precio unitario es el costo de 1 artículo.')),
            rich(t('Divide the total cost by the number of items: ', 'Divide el costo total entre el número de artículos: '), tex(`${moneyTex(total)} \\div ${qty}`), '.'),
            rich(
              t('It can help to think in cents: ', 'Puede ayudar pensar en centavos: '),
              tex(moneyTex(total)),
              t(' is ', ' son '),
              tex(total),
              t(' cents.', ' centavos.'),
            ),
          ],
          solution: [
            rich(t('Price of one = total cost ÷ number of items.', 'Precio de uno = costo total ÷ número de artículos.')),
            rich(tex(`${moneyTex(total)} \\div ${qty} = ${moneyTex(unit)}`), '.'),
            rich(t(`One ${product.one.en} costs `, `${product.article === 'un' ? 'Un' : 'Una'} ${product.one.es} cuesta `), tex(moneyTex(unit)), '.'),
          ],
        };
      },
    },
    {
      key: 'g6.unit-rates/rate',
      skill: 'g6.unit-rates',
      generate(rng, locale) {
        const t = say(locale);
        const ctx = rng.pick(RATES);
        const name = rng.pick(NAMES);
        const rate = rng.int(ctx.lo, ctx.hi);
        const n = rng.int(2, 9);
        const total = rate * n;
        return {
          prompt: rich(fill(ctx.text[locale], { name, T: total, n })),
          answerFormat: rich(t('A whole number', 'Un número entero')),
          answer: { kind: 'number', value: String(rate) },
          hints: [
            rich(t(`A unit rate tells how much for ${ctx.one.en}.`, `Una tasa unitaria dice cuánto corresponde a ${ctx.one.es}.`)),
            rich(
              t('Divide the total, ', 'Divide el total, '),
              tex(total),
              t(`, by the number of ${ctx.times.en}, `, `, entre el número de ${ctx.times.es}, `),
              tex(n),
              '.',
            ),
          ],
          solution: [
            rich(t('Unit rate = total ÷ time.', 'Tasa unitaria = total ÷ tiempo.')),
            rich(tex(`${total} \\div ${n} = ${rate}`), '.'),
            rich(t('The rate is ', 'La tasa es de '), tex(rate), ` ${ctx.per[locale]}.`),
          ],
        };
      },
    },
    {
      key: 'g6.unit-rates/better-buy',
      skill: 'g6.unit-rates',
      generate(rng, locale) {
        const t = say(locale);
        const item = rng.pick(BULK_ITEMS);
        const [n1, n2] = distinctInts(rng, 2, 12, 2) as [number, number];
        const [u1, u2] = distinctInts(rng, 8, 60, 2).map((v) => v * 5) as [number, number];
        const total1 = n1 * u1;
        const total2 = n2 * u2;
        const aBetter = u1 < u2;
        const storeA = t('Store A', 'La tienda A');
        const storeB = t('Store B', 'La tienda B');
        const { choices, correct } = shuffledChoices(rng, [
          { content: rich(storeA), correct: aBetter },
          { content: rich(storeB), correct: !aBetter },
          { content: rich(t(`Both have the same price per ${item.one.en}`, `Las dos tienen el mismo precio por ${item.one.es}`)), correct: false },
        ]);
        const [low, high] = aBetter ? [u1, u2] : [u2, u1];
        return {
          prompt: rich(
            t(
              `Store A sells ${n1} ${item.many.en} for ${moneyText(total1)}. Store B sells ${n2} ${item.many.en} for ${moneyText(total2)}. Which store has the better buy (the lower price per ${item.one.en})?`,
              `La tienda A vende ${n1} ${item.many.es} por ${moneyText(total1)}. La tienda B vende ${n2} ${item.many.es} por ${moneyText(total2)}. ¿Qué tienda tiene la mejor oferta (el precio más bajo por ${item.one.es})?`,
            ),
          ),
          choices,
          answerFormat: rich(t('Choose one answer', 'Elige una respuesta')),
          answer: { kind: 'choice', correct },
          hints: [
            rich(t(`Find the unit price (the price of one ${item.one.en}) at each store.`, `Encuentra el precio unitario (el precio de ${item.article} ${item.one.es}) en cada tienda.`)),
            rich(
              t('Store A: ', 'Tienda A: '),
              tex(`${moneyTex(total1)} \\div ${n1}`),
              t('. Store B: ', '. Tienda B: '),
              tex(`${moneyTex(total2)} \\div ${n2}`),
              '.',
            ),
            rich(t('The better buy is the store with the lower unit price.', 'La mejor oferta es la de la tienda con el precio unitario más bajo.')),
          ],
          solution: [
            rich(t('Store A: ', 'Tienda A: '), tex(`${moneyTex(total1)} \\div ${n1} = ${moneyTex(u1)}`), t(` per ${item.one.en}.`, ` por ${item.one.es}.`)),
            rich(t('Store B: ', 'Tienda B: '), tex(`${moneyTex(total2)} \\div ${n2} = ${moneyTex(u2)}`), t(` per ${item.one.en}.`, ` por ${item.one.es}.`)),
            rich(
              tex(`${moneyTex(low)} < ${moneyTex(high)}`),
              t(`, so Store ${aBetter ? 'A' : 'B'} has the better buy.`, `, así que la tienda ${aBetter ? 'A' : 'B'} tiene la mejor oferta.`),
            ),
          ],
        };
      },
    },

    // ---------------------------------------------------------------- g6.percent-of-number
    {
      key: 'g6.percent-of-number/compute',
      skill: 'g6.percent-of-number',
      generate(rng, locale) {
        const t = say(locale);
        const story = rng.chance(0.5);
        const p = 5 * rng.int(1, 19);
        // Stories count whole things: a multiple of 20 times a multiple of 5 is a whole percent-of.
        const n = story ? 20 * rng.int(1, 15) : 4 * rng.int(3, 50);
        const ctx = rng.pick(PERCENT_STORIES);
        const name = rng.pick(NAMES);
        const result = decimal(p * n, 2);
        const tenth = decimal(n * 10, 2);
        return {
          prompt: story
            ? rich(fill(ctx[locale], { N: n, p: `${p}%`, name }))
            : rich(t('What is ', '¿Cuánto es el '), tex(`${p}\\%`), t(' of ', ' de '), tex(n), '?'),
          answerFormat: rich(story ? t('A whole number', 'Un número entero') : t('A number, like 12 or 4.5', 'Un número, como 12 o 4.5')),
          answer: { kind: 'number', value: result },
          hints: [
            rich(t('Percent means "out of 100": ', 'Por ciento significa "de cada 100": '), tex(`${p}\\% = \\frac{${p}}{100}`), '.'),
            rich(t('Multiply: ', 'Multiplica: '), tex(`\\frac{${p}}{100} \\times ${n}`), '.'),
            rich(
              t('Or find 10% first: ', 'O encuentra primero el 10%: '),
              tex(`${n} \\div 10 = ${tenth}`),
              t(`, then build ${p}% from it.`, ` y a partir de ahí arma el ${p}%.`),
            ),
          ],
          solution: [
            rich(tex(`${p}\\% = \\frac{${p}}{100}`), '.'),
            rich(tex(`\\frac{${p}}{100} \\times ${n} = \\frac{${p * n}}{100} = ${result}`), '.'),
            rich(tex(`${p}\\%`), t(' of ', ' de '), tex(n), t(' is ', ' es '), tex(result), '.'),
          ],
        };
      },
    },
    {
      key: 'g6.percent-of-number/find-whole',
      skill: 'g6.percent-of-number',
      generate(rng, locale) {
        const t = say(locale);
        const whole = 20 * rng.int(1, 20);
        const p = 5 * rng.int(1, 19);
        const part = (p * whole) / 100;
        const g = gcd(p, 100);
        return {
          prompt:
            locale === 'en'
              ? rich(tex(part), ' is ', tex(`${p}\\%`), ' of what number?')
              : rich('¿De qué número es ', tex(part), ' el ', tex(`${p}\\%`), '?'),
          answerFormat: rich(t('A whole number', 'Un número entero')),
          answer: { kind: 'number', value: String(whole) },
          hints: [
            rich(t('Call the unknown number ', 'Llama '), tex('w'), t(': ', ' al número desconocido: '), tex(`\\frac{${p}}{100} \\times w = ${part}`), '.'),
            rich(
              t('Simplify the percent: ', 'Simplifica el porcentaje: '),
              tex(`\\frac{${p}}{100} = \\frac{${p / g}}{${100 / g}}`),
              t(`. So ${p / g} parts out of ${100 / g} make `, `. Así, ${p / g} partes de ${100 / g} forman `),
              tex(part),
              '.',
            ),
            rich(t('Find the size of 1 part, then multiply by ', 'Encuentra el tamaño de 1 parte y multiplica por '), tex(100 / g), '.'),
          ],
          solution: [
            rich(tex(`\\frac{${p}}{100} \\times w = ${part}`), t(', and ', ', y '), tex(`\\frac{${p}}{100} = \\frac{${p / g}}{${100 / g}}`), '.'),
            rich(t('One part: ', 'Una parte: '), tex(`${part} \\div ${p / g} = ${part / (p / g)}`), '.'),
            rich(t('The whole: ', 'El total: '), tex(`${part / (p / g)} \\times ${100 / g} = ${whole}`), '.'),
            rich(tex(part), t(' is ', ' es el '), tex(`${p}\\%`), t(' of ', ' de '), tex(whole), '.'),
          ],
        };
      },
    },
    {
      key: 'g6.percent-of-number/find-percent',
      skill: 'g6.percent-of-number',
      generate(rng, locale) {
        const t = say(locale);
        const whole = rng.pick([4, 5, 10, 20, 25, 40, 50, 80, 200, 300, 400, 500]);
        const step = 100 / gcd(whole, 100);
        const p = step * rng.int(1, Math.floor(99 / step));
        const part = (p * whole) / 100;
        return {
          prompt: rich(t('What percent of ', '¿Qué porcentaje de '), tex(whole), t(' is ', ' es '), tex(part), '?'),
          answerFormat: rich(t('A percent, like 35%', 'Un porcentaje, como 35%')),
          answer: { kind: 'number', value: String(p), unit: '%' },
          hints: [
            rich(t('Write the part over the whole: ', 'Escribe la parte sobre el total: '), tex(`\\frac{${part}}{${whole}}`), '.'),
            rich(t('Find an equivalent fraction with denominator 100.', 'Encuentra una fracción equivalente con denominador 100.')),
            rich(t('Or multiply the fraction by 100 to get the percent.', 'O multiplica la fracción por 100 para obtener el porcentaje.')),
          ],
          solution: [
            rich(t('Part over whole: ', 'Parte sobre total: '), tex(`\\frac{${part}}{${whole}}`), '.'),
            rich(tex(`\\frac{${part}}{${whole}} \\times 100 = ${p}`), '.'),
            rich(tex(part), t(' is ', ' es el '), tex(`${p}\\%`), t(' of ', ' de '), tex(whole), '.'),
          ],
        };
      },
    },

    // ---------------------------------------------------------------- g6.divide-fractions
    {
      key: 'g6.divide-fractions/compute',
      skill: 'g6.divide-fractions',
      generate(rng, locale) {
        const t = say(locale);
        const mode = rng.pick(['frac-frac', 'frac-frac', 'whole-frac', 'frac-whole'] as const);
        const properFraction = (): Fraction => {
          const d = rng.int(2, 12);
          return fraction(rng.int(1, d - 1), d);
        };
        const left: Fraction = mode === 'whole-frac' ? fraction(rng.int(2, 9), 1) : properFraction();
        const right: Fraction = mode === 'frac-whole' ? fraction(rng.int(2, 9), 1) : properFraction();
        const raw = { n: left.n * right.d, d: left.d * right.n };
        const result = fraction(raw.n, raw.d);
        const leftTex = left.d === 1 ? `\\frac{${left.n}}{1}` : fracTex(left);
        return {
          prompt: rich(t('Divide. Write your answer in simplest form: ', 'Divide. Escribe tu respuesta en su mínima expresión: '), tex(`${fracTex(left)} \\div ${fracTex(right)}`)),
          answerFormat: rich(
            t(
              'A fraction in simplest form (improper fractions are fine) or a whole number',
              'Una fracción en su mínima expresión (se aceptan fracciones impropias) o un número entero',
            ),
          ),
          answer: { kind: 'number', value: fracValue(result), requireSimplestFraction: true },
          hints: [
            rich(t('Dividing by a number is the same as multiplying by its reciprocal.', 'Dividir entre un número es lo mismo que multiplicar por su recíproco.')),
            rich(t('The reciprocal of ', 'El recíproco de '), tex(fracTex(right)), t(' is ', ' es '), tex(`\\frac{${right.d}}{${right.n}}`), '.'),
            rich(t('Multiply the numerators and the denominators, then simplify.', 'Multiplica los numeradores y los denominadores, y después simplifica.')),
          ],
          solution: [
            rich(tex(`${fracTex(left)} \\div ${fracTex(right)} = ${leftTex} \\times \\frac{${right.d}}{${right.n}}`), '.'),
            rich(tex(`= \\frac{${left.n} \\times ${right.d}}{${left.d} \\times ${right.n}} = \\frac{${raw.n}}{${raw.d}}`), '.'),
            rich(t('In simplest form: ', 'En su mínima expresión: '), tex(fracTex(result)), '.'),
          ],
        };
      },
    },
    {
      key: 'g6.divide-fractions/word-problem',
      skill: 'g6.divide-fractions',
      generate(rng, locale) {
        const t = say(locale);
        const story = rng.pick(SHARE_STORIES);
        const name = rng.pick(NAMES);
        const q = rng.int(2, 10);
        const share = fraction(rng.int(1, q - 1), q);
        const count = rng.int(2, 12);
        const amount = fraction(count * share.n, share.d);
        const amountImproper = amount.d === 1 ? `\\frac{${amount.n}}{1}` : `\\frac{${amount.n}}{${amount.d}}`;
        const product = { n: amount.n * share.d, d: amount.d * share.n };
        return {
          prompt: richFill(
            story.text[locale],
            { Q: quantity(amount, story.unit, story.units, locale), P: quantity(share, story.unit, story.units, locale) },
            { name },
          ),
          answerFormat: rich(t('A whole number', 'Un número entero')),
          answer: { kind: 'number', value: String(count) },
          hints: [
            rich(
              t('You want to know how many groups of ', 'Quieres saber cuántos grupos de '),
              tex(fracTex(share)),
              t(' fit into ', ' caben en '),
              tex(mixedTex(amount)),
              t(', so divide.', ', así que divide.'),
            ),
            rich(t('Write the division: ', 'Escribe la división: '), tex(`${mixedTex(amount)} \\div ${fracTex(share)}`), '.'),
            rich(t('Multiply by the reciprocal of ', 'Multiplica por el recíproco de '), tex(fracTex(share)), t(', which is ', ', que es '), tex(`\\frac{${share.d}}{${share.n}}`), '.'),
          ],
          solution: [
            rich(
              t('Divide the amount by the size of one share: ', 'Divide la cantidad entre el tamaño de una porción: '),
              tex(`${mixedTex(amount)} \\div ${fracTex(share)}`),
              '.',
            ),
            rich(tex(`${amountImproper} \\times \\frac{${share.d}}{${share.n}} = \\frac{${product.n}}{${product.d}} = ${count}`), '.'),
            rich(t(`The answer is ${count} ${story.result.en}.`, `La respuesta es ${count} ${story.result.es}.`)),
          ],
        };
      },
    },
    {
      key: 'g6.divide-fractions/missing-factor',
      skill: 'g6.divide-fractions',
      generate(rng, locale) {
        const t = say(locale);
        const xd = rng.int(2, 9);
        let x = fraction(rng.int(1, 2 * xd), xd);
        if (x.d === 1) x = fraction(x.n * 2 + 1, 2);
        const fd = rng.int(2, 9);
        const factor = fraction(rng.int(1, fd - 1), fd);
        const product = fraction(x.n * factor.n, x.d * factor.d);
        const factorFirst = rng.chance(0.5);
        const equation = factorFirst ? `${fracTex(factor)} \\times \\square = ${fracTex(product)}` : `\\square \\times ${fracTex(factor)} = ${fracTex(product)}`;
        const raw = { n: product.n * factor.d, d: product.d * factor.n };
        return {
          prompt: rich(
            t('What number goes in the box? Write it as a fraction in simplest form.', '¿Qué número va en el recuadro? Escríbelo como una fracción en su mínima expresión.'),
            ' ',
            tex(equation),
          ),
          answerFormat: rich(t('A fraction in simplest form, like 5/4', 'Una fracción en su mínima expresión, como 5/4')),
          answer: { kind: 'number', value: fracValue(x), requireSimplestFraction: true },
          hints: [
            rich(t('Multiplication and division undo each other.', 'La multiplicación y la división son operaciones inversas.')),
            rich(t('The missing factor is ', 'El factor que falta es '), tex(`${fracTex(product)} \\div ${fracTex(factor)}`), '.'),
            rich(t('Multiply by the reciprocal of ', 'Multiplica por el recíproco de '), tex(fracTex(factor)), t(', then simplify.', ' y luego simplifica.')),
          ],
          solution: [
            rich(t('Missing factor = ', 'Factor que falta = '), tex(`${fracTex(product)} \\div ${fracTex(factor)}`), '.'),
            rich(
              tex(
                `${product.d === 1 ? `\\frac{${product.n}}{1}` : fracTex(product)} \\times \\frac{${factor.d}}{${factor.n}} = \\frac{${raw.n}}{${raw.d}}`,
              ),
              '.',
            ),
            rich(t('In simplest form, the missing number is ', 'En su mínima expresión, el número que falta es '), tex(fracTex(x)), '.'),
          ],
        };
      },
    },

    // ---------------------------------------------------------------- g6.integers-opposites
    {
      key: 'g6.integers-opposites/opposite',
      skill: 'g6.integers-opposites',
      generate(rng, locale) {
        const t = say(locale);
        const size = rng.int(1, 60);
        const mode = rng.pick(['opposite', 'negate', 'double'] as const);
        // "-(-7)" reads naturally; "-(7)" does not, so the negate form always wraps a negative number.
        const n = mode === 'negate' || rng.chance(0.5) ? -size : size;
        const answer = mode === 'double' ? n : -n;
        const side = (v: number): string => (v < 0 ? t('left', 'izquierda') : t('right', 'derecha'));
        const prompt =
          mode === 'opposite'
            ? rich(t('What is the opposite of ', '¿Cuál es el opuesto de '), tex(n), '?')
            : mode === 'negate'
              ? rich(t('What is the value of ', '¿Cuál es el valor de '), tex(`-(${n})`), '?')
              : rich(t('What is the opposite of the opposite of ', '¿Cuál es el opuesto del opuesto de '), tex(n), '?');
        return {
          prompt,
          answerFormat: rich(t('An integer, like -4', 'Un número entero, como -4')),
          answer: { kind: 'number', value: String(answer) },
          hints: [
            rich(
              t(
                'Opposites are the same distance from 0 on the number line, on opposite sides of 0.',
                'Los opuestos están a la misma distancia del 0 en la recta numérica, en lados opuestos del 0.',
              ),
            ),
            mode === 'negate'
              ? rich(t('A minus sign in front of a number means "the opposite of" that number.', 'Un signo menos delante de un número significa "el opuesto de" ese número.'))
              : rich(tex(n), t(` is ${Math.abs(n)} units to the ${side(n)} of 0.`, ` está a ${Math.abs(n)} unidades a la ${side(n)} del 0.`)),
            ...(mode === 'double'
              ? [rich(t('Taking the opposite twice brings you back to where you started.', 'Tomar el opuesto dos veces te regresa al punto de partida.'))]
              : []),
          ],
          solution: [
            rich(tex(n), t(` is ${Math.abs(n)} units to the ${side(n)} of 0.`, ` está a ${Math.abs(n)} unidades a la ${side(n)} del 0.`)),
            rich(t('Its opposite is ', 'Su opuesto es '), tex(-n), t(`, ${Math.abs(n)} units to the ${side(-n)} of 0.`, `, a ${Math.abs(n)} unidades a la ${side(-n)} del 0.`)),
            ...(mode === 'double' ? [rich(t('The opposite of ', 'El opuesto de '), tex(-n), t(' is ', ' es '), tex(n), '.')] : []),
            rich(t('The answer is ', 'La respuesta es '), tex(answer), '.'),
          ],
        };
      },
    },
    {
      key: 'g6.integers-opposites/real-world',
      skill: 'g6.integers-opposites',
      generate(rng, locale) {
        const t = say(locale);
        const ctx = rng.pick(SIGNED_SITUATIONS);
        const name = rng.pick(NAMES);
        const size = rng.int(2, ctx.hi);
        const positive = rng.chance(0.5);
        const opposite = rng.chance(0.4);
        const value = positive ? size : -size;
        const answer = opposite ? -value : value;
        const situation = fill((positive ? ctx.pos : ctx.neg)[locale], { n: size, name });
        return {
          prompt: rich(
            situation,
            ' ',
            opposite
              ? t('Write an integer that represents the opposite of this situation.', 'Escribe un número entero que represente la situación opuesta.')
              : t('Write an integer that represents this situation.', 'Escribe un número entero que represente esta situación.'),
          ),
          answerFormat: rich(t('An integer, like -4', 'Un número entero, como -4')),
          answer: { kind: 'number', value: String(answer) },
          hints: [
            rich(t(`Here 0 stands for ${ctx.zero.en}.`, `Aquí el 0 representa ${ctx.zero.es}.`)),
            rich(
              t(
                'Above zero, gains, deposits and going up are positive; below zero, losses, withdrawals and going down are negative.',
                'Sobre cero, ganar, depositar y subir son positivos; bajo cero, perder, retirar y bajar son negativos.',
              ),
            ),
            ...(opposite
              ? [rich(t('The opposite situation has the same size but the other sign.', 'La situación opuesta tiene el mismo tamaño pero el signo contrario.'))]
              : []),
          ],
          solution: [
            rich(t(`0 stands for ${ctx.zero.en}.`, `El 0 representa ${ctx.zero.es}.`)),
            rich(t('The situation is ', 'La situación es '), tex(value), t(positive ? ' (positive).' : ' (negative).', positive ? ' (positiva).' : ' (negativa).')),
            ...(opposite ? [rich(t('The opposite situation is ', 'La situación opuesta es '), tex(`-(${value}) = ${answer}`), '.')] : []),
            rich(t('The integer is ', 'El número entero es '), tex(answer), '.'),
          ],
        };
      },
    },
    {
      key: 'g6.integers-opposites/opposite-pair',
      skill: 'g6.integers-opposites',
      generate(rng, locale) {
        const t = say(locale);
        const m = rng.int(2, 30);
        const k = rng.int(1, 3);
        const pair = (a: string, b: string): RichText => rich(tex(a), t(' and ', ' y '), tex(b));
        const negFirst = rng.chance(0.5);
        const candidates: Array<[string, string]> = rng.shuffle([
          [String(m), `\\frac{1}{${m}}`],
          [String(-m), String(-m)],
          [String(m), String(-(m + k))],
          [String(-m), `-\\frac{1}{${m}}`],
          [String(m + k), String(m)],
        ]);
        const wrong = candidates.slice(0, 3);
        const right: [string, string] = negFirst ? [String(-m), String(m)] : [String(m), String(-m)];
        const { choices, correct } = shuffledChoices(rng, [
          { content: pair(...right), correct: true },
          ...wrong.map((w) => ({ content: pair(...w), correct: false })),
        ]);
        return {
          prompt: rich(t('Which pair of numbers are opposites?', '¿Qué par de números son opuestos?')),
          choices,
          answerFormat: rich(t('Choose one answer', 'Elige una respuesta')),
          answer: { kind: 'choice', correct },
          hints: [
            rich(
              t(
                'Opposites are the same distance from 0 on the number line, on opposite sides of 0.',
                'Los opuestos están a la misma distancia del 0 en la recta numérica, en lados opuestos del 0.',
              ),
            ),
            rich(t('One number of the pair must be positive and the other negative.', 'Un número del par debe ser positivo y el otro negativo.')),
            rich(t('Both numbers must have the same absolute value.', 'Los dos números deben tener el mismo valor absoluto.')),
          ],
          solution: [
            rich(t('Opposites have the same distance from 0 and different signs.', 'Los opuestos tienen la misma distancia al 0 y signos diferentes.')),
            rich(tex(m), t(' and ', ' y '), tex(-m), t(` are both ${m} units from 0, on opposite sides.`, ` están los dos a ${m} unidades del 0, en lados opuestos.`)),
            rich(t('The opposites are ', 'Los opuestos son '), tex(right[0]), t(' and ', ' y '), tex(right[1]), '.'),
          ],
        };
      },
    },

    // ---------------------------------------------------------------- g6.absolute-value-compare
    {
      key: 'g6.absolute-value-compare/compare',
      skill: 'g6.absolute-value-compare',
      generate(rng, locale) {
        const t = say(locale);
        const mode = rng.pick(['plain', 'plain', 'abs-both', 'abs-one'] as const);
        let a = -rng.int(1, 20);
        let b = signedInt(rng, 1, 20);
        if (mode === 'plain' && b === a) b = a + rng.int(1, 9);
        if (mode === 'abs-both' && rng.chance(0.25)) b = -a;
        if (rng.chance(0.5)) [a, b] = [b, a];
        const absLeft = mode !== 'plain';
        const absRight = mode === 'abs-both';
        const lv = absLeft ? Math.abs(a) : a;
        const rv = absRight ? Math.abs(b) : b;
        const lt = absLeft ? absTex(a) : String(a);
        const rt = absRight ? absTex(b) : String(b);
        const symbol = lv < rv ? '<' : lv > rv ? '>' : '=';
        const { choices, correct } = shuffledChoices(
          rng,
          ['<', '>', '='].map((s) => ({ content: rich(tex(s)), correct: s === symbol })),
        );
        return {
          prompt: rich(t('Which symbol makes the statement true?', '¿Qué símbolo hace que el enunciado sea verdadero?'), ' ', tex(`${lt} \\;\\square\\; ${rt}`)),
          choices,
          answerFormat: rich(t('Choose one symbol', 'Elige un símbolo')),
          answer: { kind: 'choice', correct },
          hints: [
            absLeft
              ? rich(
                  t(
                    'The absolute value of a number is its distance from 0, so it is never negative. Find each value first.',
                    'El valor absoluto de un número es su distancia al 0, así que nunca es negativo. Primero encuentra cada valor.',
                  ),
                )
              : rich(t('On a number line, the number farther to the right is greater.', 'En la recta numérica, el número que está más a la derecha es mayor.')),
            rich(
              t(
                'Every negative number is less than every positive number; of two negative numbers, the one closer to 0 is greater.',
                'Todo número negativo es menor que todo número positivo; de dos números negativos, el más cercano al 0 es mayor.',
              ),
            ),
          ],
          solution: [
            ...(absLeft || absRight
              ? [
                  rich(
                    ...(absLeft ? [tex(`${lt} = ${lv}`)] : []),
                    ...(absLeft && absRight ? [t(' and ', ' y ')] : []),
                    ...(absRight ? [tex(`${rt} = ${rv}`)] : []),
                    '.',
                  ),
                ]
              : []),
            rich(
              t('Compare ', 'Compara '),
              tex(lv),
              t(' and ', ' y '),
              tex(rv),
              ': ',
              symbol === '='
                ? t('they are equal.', 'son iguales.')
                : t(
                    `${lv} is to the ${symbol === '<' ? 'left' : 'right'} of ${rv} on the number line.`,
                    `${lv} está a la ${symbol === '<' ? 'izquierda' : 'derecha'} de ${rv} en la recta numérica.`,
                  ),
            ),
            rich(t('So ', 'Así que '), tex(`${lt} ${symbol} ${rt}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g6.absolute-value-compare/evaluate',
      skill: 'g6.absolute-value-compare',
      generate(rng, locale) {
        const t = say(locale);
        const mode = rng.pick(['single', 'sum', 'difference', 'negated'] as const);
        const a = -rng.int(2, 60);
        let b = signedInt(rng, 1, 40);
        if (mode === 'difference' && Math.abs(b) >= Math.abs(a)) b = Math.sign(b) * rng.int(1, Math.abs(a) - 1);
        const expr =
          mode === 'single' ? absTex(a) : mode === 'sum' ? `${absTex(a)} + ${absTex(b)}` : mode === 'difference' ? `${absTex(a)} - ${absTex(b)}` : `-${absTex(a)}`;
        const steps =
          mode === 'single' ? String(-a) : mode === 'sum' ? `${-a} + ${Math.abs(b)}` : mode === 'difference' ? `${-a} - ${Math.abs(b)}` : `-${-a}`;
        const answer = mode === 'single' ? -a : mode === 'sum' ? -a + Math.abs(b) : mode === 'difference' ? -a - Math.abs(b) : a;
        return {
          prompt: rich(t('Evaluate ', 'Evalúa '), tex(expr), '.'),
          answerFormat: rich(t('An integer', 'Un número entero')),
          answer: { kind: 'number', value: String(answer) },
          hints: [
            rich(t('The absolute value of a number is its distance from 0.', 'El valor absoluto de un número es su distancia al 0.')),
            rich(tex(`${absTex(a)}`), t(' is the distance from ', ' es la distancia de '), tex(a), t(' to 0.', ' al 0.')),
            ...(mode === 'negated'
              ? [rich(t('The minus sign outside the bars is applied after finding the absolute value.', 'El signo menos fuera de las barras se aplica después de encontrar el valor absoluto.'))]
              : mode === 'single'
                ? []
                : [rich(t('Find each absolute value first, then do the operation.', 'Encuentra primero cada valor absoluto y luego haz la operación.'))]),
          ],
          solution: [
            rich(tex(`${absTex(a)} = ${-a}`), ...(mode === 'sum' || mode === 'difference' ? [t(' and ', ' y '), tex(`${absTex(b)} = ${Math.abs(b)}`)] : []), '.'),
            rich(tex(`${expr} = ${steps}${mode === 'single' || mode === 'negated' ? '' : ` = ${answer}`}`), '.'),
            rich(t('The value is ', 'El valor es '), tex(answer), '.'),
          ],
        };
      },
    },
    {
      key: 'g6.absolute-value-compare/order',
      skill: 'g6.absolute-value-compare',
      generate(rng, locale) {
        const t = say(locale);
        const sizes = distinctInts(rng, 1, 15, 4);
        const negatives = rng.int(2, 3);
        const values = sizes.map((v, i) => (i < negatives ? -v : v));
        const shuffled = rng.shuffle(values);
        const asc = sortedAsc(values);
        // Never show the numbers already in order.
        const shown = listTex(shuffled) === listTex(asc) ? [...shuffled.slice(1), shuffled[0]!] : shuffled;
        const byAbs = [...values].sort((x, y) => Math.abs(x) - Math.abs(y));
        const negByAbs = [...asc.filter((v) => v < 0).reverse(), ...asc.filter((v) => v > 0)];
        const key = (list: readonly number[]): string => listTex(list);
        const correct = key(asc);
        const wrong = distinct(
          [key([...asc].reverse()), key(byAbs), key(negByAbs), key([...byAbs].reverse()), key(shown), key(rng.shuffle(values)), key(rng.shuffle(values))],
          [correct],
          3,
        );
        const { choices, correct: ids } = shuffledChoices(rng, [
          { content: rich(tex(correct)), correct: true },
          ...wrong.map((w) => ({ content: rich(tex(w)), correct: false })),
        ]);
        return {
          prompt: rich(t('Which list shows these numbers from least to greatest? ', '¿Qué lista muestra estos números de menor a mayor? '), tex(key(shown))),
          choices,
          answerFormat: rich(t('Choose one answer', 'Elige una respuesta')),
          answer: { kind: 'choice', correct: ids },
          hints: [
            rich(t('Negative numbers are less than positive numbers.', 'Los números negativos son menores que los positivos.')),
            rich(
              t(
                'Of two negative numbers, the one farther from 0 is less: ',
                'De dos números negativos, el que está más lejos del 0 es menor: ',
              ),
              tex('-9 < -2'),
              '.',
            ),
            rich(t('Picture the numbers on a number line and read them from left to right.', 'Imagina los números en una recta numérica y léelos de izquierda a derecha.')),
          ],
          solution: [
            rich(t('The negative numbers, from farthest to closest to 0: ', 'Los negativos, del más lejano al más cercano al 0: '), tex(listTex(asc.filter((v) => v < 0))), '.'),
            rich(t('Then the positive numbers, from least to greatest: ', 'Luego los positivos, de menor a mayor: '), tex(listTex(asc.filter((v) => v > 0))), '.'),
            rich(t('From least to greatest: ', 'De menor a mayor: '), tex(correct), '.'),
          ],
        };
      },
    },

    // ---------------------------------------------------------------- g6.evaluate-expressions
    {
      key: 'g6.evaluate-expressions/linear',
      skill: 'g6.evaluate-expressions',
      generate(rng, locale) {
        const t = say(locale);
        const [v, w] = rng.shuffle(VARIABLES).slice(0, 2) as [string, string];
        const mode = rng.pick(['plus', 'minus', 'two'] as const);
        const a = rng.int(2, 9);
        const x = rng.int(2, 12);
        const c = mode === 'two' ? rng.int(2, 9) : mode === 'minus' ? rng.int(1, a * x - 1) : rng.int(1, 20);
        const y = rng.int(2, 10);
        const expr = mode === 'plus' ? `${a}${v} + ${c}` : mode === 'minus' ? `${a}${v} - ${c}` : `${a}${v} + ${c}${w}`;
        const substituted = mode === 'plus' ? `${a} \\cdot ${x} + ${c}` : mode === 'minus' ? `${a} \\cdot ${x} - ${c}` : `${a} \\cdot ${x} + ${c} \\cdot ${y}`;
        const products = mode === 'two' ? `${a * x} + ${c * y}` : mode === 'plus' ? `${a * x} + ${c}` : `${a * x} - ${c}`;
        const answer = mode === 'plus' ? a * x + c : mode === 'minus' ? a * x - c : a * x + c * y;
        return {
          prompt: rich(
            t('Evaluate ', 'Evalúa '),
            tex(expr),
            t(' when ', ' cuando '),
            tex(`${v} = ${x}`),
            ...(mode === 'two' ? [t(' and ', ' y '), tex(`${w} = ${y}`)] : []),
            '.',
          ),
          answerFormat: rich(t('A whole number', 'Un número entero')),
          answer: { kind: 'number', value: String(answer) },
          hints: [
            rich(t('Replace each variable with its value.', 'Sustituye cada variable por su valor.')),
            rich(tex(`${a}${v}`), t(' means ', ' significa '), tex(`${a} \\cdot ${v}`), '.'),
            rich(t('Multiply before you add or subtract.', 'Multiplica antes de sumar o restar.')),
          ],
          solution: [
            rich(t('Substitute: ', 'Sustituye: '), tex(substituted), '.'),
            rich(t('Multiply: ', 'Multiplica: '), tex(products), '.'),
            rich(tex(`${products} = ${answer}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g6.evaluate-expressions/order-of-operations',
      skill: 'g6.evaluate-expressions',
      generate(rng, locale) {
        const t = say(locale);
        const v = rng.pick(VARIABLES);
        const mode = rng.pick(['square-plus', 'times-paren', 'fraction', 'cube', 'coef-square'] as const);
        let expr: string;
        let substituted: string;
        let middle: string;
        let answer: number;
        let x: number;
        if (mode === 'square-plus') {
          x = rng.int(2, 12);
          const b = rng.int(1, 30);
          expr = `${v}^{2} + ${b}`;
          substituted = `${x}^{2} + ${b}`;
          middle = `${x * x} + ${b}`;
          answer = x * x + b;
        } else if (mode === 'times-paren') {
          const a = rng.int(2, 9);
          const b = rng.int(1, 10);
          x = b + rng.int(1, 10);
          expr = `${a}(${v} - ${b})`;
          substituted = `${a}(${x} - ${b})`;
          middle = `${a} \\cdot ${x - b}`;
          answer = a * (x - b);
        } else if (mode === 'fraction') {
          const a = rng.int(2, 9);
          const b = rng.int(1, 20);
          x = a * rng.int(2, 12);
          expr = `\\frac{${v}}{${a}} + ${b}`;
          substituted = `\\frac{${x}}{${a}} + ${b}`;
          middle = `${x / a} + ${b}`;
          answer = x / a + b;
        } else if (mode === 'cube') {
          x = rng.int(2, 5);
          const b = rng.int(1, x ** 3 - 1);
          expr = `${v}^{3} - ${b}`;
          substituted = `${x}^{3} - ${b}`;
          middle = `${x ** 3} - ${b}`;
          answer = x ** 3 - b;
        } else {
          const a = rng.int(2, 6);
          x = rng.int(2, 9);
          expr = `${a}${v}^{2}`;
          substituted = `${a} \\cdot ${x}^{2}`;
          middle = `${a} \\cdot ${x * x}`;
          answer = a * x * x;
        }
        return {
          prompt: rich(t('Evaluate ', 'Evalúa '), tex(expr), t(' when ', ' cuando '), tex(`${v} = ${x}`), '.'),
          answerFormat: rich(t('A whole number', 'Un número entero')),
          answer: { kind: 'number', value: String(answer) },
          hints: [
            rich(t('Replace ', 'Sustituye '), tex(v), t(' with ', ' por '), tex(x), '.'),
            rich(
              t(
                'Order of operations: parentheses, then exponents, then multiplication and division, then addition and subtraction.',
                'Orden de las operaciones: paréntesis, luego exponentes, luego multiplicación y división, y al final suma y resta.',
              ),
            ),
            ...(mode === 'square-plus' || mode === 'coef-square' || mode === 'cube'
              ? [rich(tex(`${x}^{${mode === 'cube' ? 3 : 2}}`), t(' means ', ' significa '), tex(Array(mode === 'cube' ? 3 : 2).fill(x).join(' \\cdot ')), '.')]
              : []),
          ],
          solution: [
            rich(t('Substitute: ', 'Sustituye: '), tex(substituted), '.'),
            rich(tex(`= ${middle}`), '.'),
            rich(tex(`= ${answer}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g6.evaluate-expressions/formula',
      skill: 'g6.evaluate-expressions',
      generate(rng, locale) {
        const t = say(locale);
        const mode = rng.pick(['gym', 'cube', 'distance'] as const);
        if (mode === 'gym') {
          const fee = 5 * rng.int(2, 10);
          const rate = 5 * rng.int(2, 8);
          const n = rng.int(2, 12);
          const answer = fee + rate * n;
          return {
            prompt: rich(
              t(
                `A gym charges a $${fee} sign-up fee plus $${rate} per month. The total cost in dollars for `,
                `Un gimnasio cobra $${fee} de inscripción más $${rate} al mes. El costo total en dólares por `,
              ),
              tex('n'),
              t(' months is ', ' meses es '),
              tex(`C = ${fee} + ${rate}n`),
              t('. Find the total cost when ', '. Encuentra el costo total cuando '),
              tex(`n = ${n}`),
              '.',
            ),
            answerFormat: rich(t('An amount in dollars', 'Una cantidad en dólares')),
            answer: { kind: 'number', value: String(answer), unit: '$' },
            hints: [
              rich(t('Substitute ', 'Sustituye '), tex(`n = ${n}`), t(' into the formula.', ' en la fórmula.')),
              rich(t('Multiply ', 'Multiplica '), tex(`${rate} \\cdot ${n}`), t(' before adding the fee.', ' antes de sumar la inscripción.')),
            ],
            solution: [
              rich(tex(`C = ${fee} + ${rate} \\cdot ${n}`), '.'),
              rich(tex(`C = ${fee} + ${rate * n} = ${answer}`), '.'),
              rich(t('The total cost is ', 'El costo total es '), tex(`\\$${answer}`), '.'),
            ],
          };
        }
        if (mode === 'cube') {
          const s = rng.int(2, 12);
          const answer = 6 * s * s;
          return {
            prompt: rich(
              t('The surface area of a cube with edges of length ', 'El área de la superficie de un cubo con aristas de longitud '),
              tex('s'),
              t(' is ', ' es '),
              tex('S = 6s^{2}'),
              t('. Find the surface area when ', '. Encuentra el área de la superficie cuando '),
              tex(`s = ${s}`),
              ' cm.',
            ),
            answerFormat: rich(t('A number in ', 'Un número en '), tex('\\text{cm}^2')),
            answer: { kind: 'number', value: String(answer), unit: 'cm^2' },
            hints: [
              rich(t('Substitute ', 'Sustituye '), tex(`s = ${s}`), '.'),
              rich(t('Square first: ', 'Primero eleva al cuadrado: '), tex(`${s}^{2} = ${s} \\cdot ${s}`), t(', then multiply by 6.', ' y luego multiplica por 6.')),
            ],
            solution: [
              rich(tex(`S = 6 \\cdot ${s}^{2}`), '.'),
              rich(tex(`S = 6 \\cdot ${s * s} = ${answer}`), '.'),
              rich(t('The surface area is ', 'El área de la superficie es '), tex(`${answer}\\ \\text{cm}^2`), '.'),
            ],
          };
        }
        const r = 5 * rng.int(6, 20);
        const hours = rng.int(2, 6);
        const answer = r * hours;
        return {
          prompt: rich(
            t('The distance a car travels at a constant speed is ', 'La distancia que recorre un auto a velocidad constante es '),
            tex('d = rt'),
            t(', where ', ', donde '),
            tex('r'),
            t(' is the speed in kilometers per hour and ', ' es la velocidad en kilómetros por hora y '),
            tex('t'),
            t(' is the time in hours. Find ', ' es el tiempo en horas. Encuentra '),
            tex('d'),
            t(' when ', ' cuando '),
            tex(`r = ${r}`),
            t(' and ', ' y '),
            tex(`t = ${hours}`),
            '.',
          ),
          answerFormat: rich(t('A number of kilometers', 'Un número de kilómetros')),
          answer: { kind: 'number', value: String(answer), unit: 'km' },
          hints: [
            rich(tex('rt'), t(' means ', ' significa '), tex('r \\cdot t'), '.'),
            rich(t('Substitute both values and multiply.', 'Sustituye los dos valores y multiplica.')),
          ],
          solution: [
            rich(tex(`d = ${r} \\cdot ${hours}`), '.'),
            rich(tex(`d = ${answer}`), '.'),
            rich(t('The car travels ', 'El auto recorre '), tex(answer), t(' kilometers.', ' kilómetros.')),
          ],
        };
      },
    },

    // ---------------------------------------------------------------- g6.distributive-property
    {
      key: 'g6.distributive-property/expand',
      skill: 'g6.distributive-property',
      generate(rng, locale) {
        const t = say(locale);
        const [v, w] = rng.shuffle(VARIABLES).slice(0, 2) as [string, string];
        const a = rng.int(2, 9);
        const b = rng.int(1, 6);
        const c = rng.int(1, 12);
        const mode = rng.pick(['plus', 'minus', 'const-first', 'two-vars'] as const);
        const inner =
          mode === 'plus' ? terms([[b, v], [c, '']]) : mode === 'minus' ? terms([[b, v], [-c, '']]) : mode === 'const-first' ? terms([[c, ''], [b, v]]) : terms([[b, v], [c, w]]);
        const expanded =
          mode === 'plus'
            ? terms([[a * b, v], [a * c, '']])
            : mode === 'minus'
              ? terms([[a * b, v], [-a * c, '']])
              : mode === 'const-first'
                ? terms([[a * c, ''], [a * b, v]])
                : terms([[a * b, v], [a * c, w]]);
        const first = mode === 'const-first' ? String(c) : b === 1 ? v : `${b}${v}`;
        const second = mode === 'const-first' ? (b === 1 ? v : `${b}${v}`) : mode === 'two-vars' ? (c === 1 ? w : `${c}${w}`) : String(c);
        const op = mode === 'minus' ? '-' : '+';
        return {
          prompt: rich(
            t(
              'Use the distributive property to write an equivalent expression without parentheses: ',
              'Usa la propiedad distributiva para escribir una expresión equivalente sin paréntesis: ',
            ),
            tex(`${a}(${inner})`),
          ),
          answerFormat: rich(t('An expression, like 4x + 8', 'Una expresión, como 4x + 8')),
          answer: { kind: 'expression', value: expanded, variables: mode === 'two-vars' ? [v, w] : [v], form: 'expanded' },
          hints: [
            rich(t('Multiply ', 'Multiplica '), tex(a), t(' by each term inside the parentheses.', ' por cada término dentro de los paréntesis.')),
            rich(t('Find ', 'Calcula '), tex(`${a} \\cdot ${first}`), t(' and ', ' y '), tex(`${a} \\cdot ${second}`), '.'),
            rich(t(`Keep the ${op} sign between the two products.`, `Conserva el signo ${op} entre los dos productos.`)),
          ],
          solution: [
            rich(tex(`${a}(${inner}) = ${a} \\cdot ${first} ${op} ${a} \\cdot ${second}`), '.'),
            rich(tex(`= ${expanded}`), '.'),
            rich(t('An equivalent expression is ', 'Una expresión equivalente es '), tex(expanded), '.'),
          ],
        };
      },
    },
    {
      key: 'g6.distributive-property/factor',
      skill: 'g6.distributive-property',
      generate(rng, locale) {
        const t = say(locale);
        const v = rng.pick(VARIABLES);
        const g = rng.int(2, 9);
        const [b, c] = rng.pick(coprimePairs(1, 9));
        const constFirst = rng.chance(0.3);
        const expanded = constFirst ? terms([[g * c, ''], [g * b, v]]) : terms([[g * b, v], [g * c, '']]);
        const inner = constFirst ? terms([[c, ''], [b, v]]) : terms([[b, v], [c, '']]);
        const factored = `${g}(${inner})`;
        return {
          prompt: rich(
            t(
              'Factor out the greatest common factor to write an equivalent expression with parentheses: ',
              'Saca el máximo común divisor como factor común para escribir una expresión equivalente con paréntesis: ',
            ),
            tex(expanded),
          ),
          answerFormat: rich(t('An expression with parentheses, like 4(x + 2)', 'Una expresión con paréntesis, como 4(x + 2)')),
          answer: { kind: 'expression', value: factored, variables: [v], form: 'factored' },
          hints: [
            rich(t('Find the greatest common factor (GCF) of ', 'Encuentra el máximo común divisor (MCD) de '), tex(g * b), t(' and ', ' y '), tex(g * c), '.'),
            rich(t('Write each term as the GCF times something.', 'Escribe cada término como el MCD por algo.')),
            rich(t('Put the GCF outside the parentheses and what is left of each term inside.', 'Pon el MCD fuera de los paréntesis y lo que queda de cada término adentro.')),
          ],
          solution: [
            rich(t('The GCF of ', 'El MCD de '), tex(g * b), t(' and ', ' y '), tex(g * c), t(' is ', ' es '), tex(g), '.'),
            rich(
              tex(`${g * b}${v} = ${g} \\cdot ${b === 1 ? v : `${b}${v}`}`),
              t(' and ', ' y '),
              tex(`${g * c} = ${g} \\cdot ${c}`),
              '.',
            ),
            rich(t('So ', 'Así que '), tex(`${expanded} = ${factored}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g6.distributive-property/missing-number',
      skill: 'g6.distributive-property',
      generate(rng, locale) {
        const t = say(locale);
        const v = rng.pick(VARIABLES);
        const a = rng.int(2, 9);
        const b = rng.int(1, 5);
        const c = rng.int(1, 12);
        const mode = rng.pick(['product', 'outside', 'inside'] as const);
        const inner = terms([[b, v], [c, '']]);
        const expanded = terms([[a * b, v], [a * c, '']]);
        const bv = b === 1 ? v : `${b}${v}`;
        const equation =
          mode === 'product'
            ? `${a}(${inner}) = ${a * b}${v} + \\square`
            : mode === 'outside'
              ? `\\square(${inner}) = ${expanded}`
              : `${a}(${bv} + \\square) = ${expanded}`;
        const answer = mode === 'product' ? a * c : mode === 'outside' ? a : c;
        return {
          prompt: rich(t('What number goes in the box to make the equation true?', '¿Qué número va en el recuadro para que la igualdad sea verdadera?'), ' ', tex(equation)),
          answerFormat: rich(t('A whole number', 'Un número entero')),
          answer: { kind: 'number', value: String(answer) },
          hints: [
            rich(t('The distributive property says ', 'La propiedad distributiva dice que '), tex('a(b + c) = ab + ac'), '.'),
            mode === 'product'
              ? rich(t('Multiply ', 'Multiplica '), tex(a), t(' by the second term in the parentheses too.', ' también por el segundo término de los paréntesis.'))
              : mode === 'outside'
                ? rich(t('What number times ', '¿Qué número por '), tex(bv), t(' gives ', ' da '), tex(`${a * b}${v}`), '?')
                : rich(tex(a), t(' times the missing number must be ', ' por el número que falta debe dar '), tex(a * c), '.'),
          ],
          solution: [
            rich(tex(`${a}(${inner}) = ${a} \\cdot ${bv} + ${a} \\cdot ${c}`), '.'),
            rich(tex(`= ${expanded}`), '.'),
            rich(t('The missing number is ', 'El número que falta es '), tex(answer), '.'),
          ],
        };
      },
    },

    // ---------------------------------------------------------------- g6.one-step-equations
    {
      key: 'g6.one-step-equations/add-sub',
      skill: 'g6.one-step-equations',
      generate(rng, locale) {
        const t = say(locale);
        const v = rng.pick(VARIABLES);
        const tenths = rng.chance(0.3);
        const places = tenths ? 1 : 0;
        const sol = tenths ? rng.int(11, 199) : rng.int(1, 60);
        const a = tenths ? rng.int(11, 99) : rng.int(2, 40);
        const mode = rng.pick(['x-plus', 'plus-x', 'x-minus'] as const);
        const d = (n: number): string => decimal(n, places);
        const rhs = mode === 'x-minus' ? sol - a : sol + a;
        // x - a = b needs b > 0 to stay in grade 6 territory: swap the roles when it would not be.
        const useMinus = mode === 'x-minus' && rhs > 0;
        const eq = useMinus ? `${v} - ${d(a)} = ${d(rhs)}` : mode === 'plus-x' ? `${d(a)} + ${v} = ${d(sol + a)}` : `${v} + ${d(a)} = ${d(sol + a)}`;
        const total = useMinus ? rhs : sol + a;
        return {
          prompt: rich(t('Solve: ', 'Resuelve: '), tex(eq)),
          answerFormat: rich(t('The value of ', 'El valor de '), tex(v), t(', like ', ', como '), tex(`${v} = 5`)),
          answer: { kind: 'equation-solution', variable: v, value: d(sol) },
          hints: [
            useMinus
              ? rich(t('Undo subtracting ', 'Deshaz la resta de '), tex(d(a)), t(' by adding ', ' sumando '), tex(d(a)), t(' to both sides.', ' en los dos lados.'))
              : rich(t('Undo adding ', 'Deshaz la suma de '), tex(d(a)), t(' by subtracting ', ' restando '), tex(d(a)), t(' from both sides.', ' en los dos lados.')),
            rich(t('Whatever you do to one side, do to the other side.', 'Lo que hagas en un lado, hazlo también en el otro.')),
            rich(t('Check your answer by putting it back into the equation.', 'Comprueba tu respuesta sustituyéndola en la ecuación.')),
          ],
          solution: [
            useMinus
              ? rich(tex(`${v} - ${d(a)} + ${d(a)} = ${d(total)} + ${d(a)}`), '.')
              : rich(tex(`${mode === 'plus-x' ? `${d(a)} + ${v} - ${d(a)}` : `${v} + ${d(a)} - ${d(a)}`} = ${d(total)} - ${d(a)}`), '.'),
            rich(tex(`${v} = ${d(sol)}`), '.'),
            rich(
              t('Check: ', 'Comprobación: '),
              tex(useMinus ? `${d(sol)} - ${d(a)} = ${d(total)}` : mode === 'plus-x' ? `${d(a)} + ${d(sol)} = ${d(total)}` : `${d(sol)} + ${d(a)} = ${d(total)}`),
              '.',
            ),
          ],
        };
      },
    },
    {
      key: 'g6.one-step-equations/mult-div',
      skill: 'g6.one-step-equations',
      generate(rng, locale) {
        const t = say(locale);
        const v = rng.pick(VARIABLES);
        const mode = rng.pick(['times', 'times', 'divide', 'fraction'] as const);
        if (mode === 'times') {
          const a = rng.int(2, 12);
          const sol = rng.int(2, 15);
          return {
            prompt: rich(t('Solve: ', 'Resuelve: '), tex(`${a}${v} = ${a * sol}`)),
            answerFormat: rich(t('The value of ', 'El valor de '), tex(v), t(', like ', ', como '), tex(`${v} = 5`)),
            answer: { kind: 'equation-solution', variable: v, value: String(sol) },
            hints: [
              rich(tex(`${a}${v}`), t(' means ', ' significa '), tex(`${a} \\cdot ${v}`), '.'),
              rich(t('Undo multiplying by ', 'Deshaz la multiplicación por '), tex(a), t(' by dividing both sides by ', ' dividiendo los dos lados entre '), tex(a), '.'),
            ],
            solution: [
              rich(tex(`\\frac{${a}${v}}{${a}} = \\frac{${a * sol}}{${a}}`), '.'),
              rich(tex(`${v} = ${sol}`), '.'),
              rich(t('Check: ', 'Comprobación: '), tex(`${a} \\cdot ${sol} = ${a * sol}`), '.'),
            ],
          };
        }
        if (mode === 'divide') {
          const a = rng.int(2, 12);
          const q = rng.int(2, 15);
          return {
            prompt: rich(t('Solve: ', 'Resuelve: '), tex(`\\frac{${v}}{${a}} = ${q}`)),
            answerFormat: rich(t('The value of ', 'El valor de '), tex(v), t(', like ', ', como '), tex(`${v} = 5`)),
            answer: { kind: 'equation-solution', variable: v, value: String(a * q) },
            hints: [
              rich(tex(`\\frac{${v}}{${a}}`), t(' means ', ' significa '), tex(`${v} \\div ${a}`), '.'),
              rich(t('Undo dividing by ', 'Deshaz la división entre '), tex(a), t(' by multiplying both sides by ', ' multiplicando los dos lados por '), tex(a), '.'),
            ],
            solution: [
              rich(tex(`${a} \\cdot \\frac{${v}}{${a}} = ${a} \\cdot ${q}`), '.'),
              rich(tex(`${v} = ${a * q}`), '.'),
              rich(t('Check: ', 'Comprobación: '), tex(`${a * q} \\div ${a} = ${q}`), '.'),
            ],
          };
        }
        const [p, q] = rng.pick(coprimePairs(1, 9).filter(([n, d]) => n < d && d > 1));
        const k = rng.int(1, 8);
        const sol = q * k;
        const rhs = p * k;
        return {
          prompt: rich(t('Solve: ', 'Resuelve: '), tex(`\\frac{${p}}{${q}}${v} = ${rhs}`)),
          answerFormat: rich(t('The value of ', 'El valor de '), tex(v), t(', like ', ', como '), tex(`${v} = 5`)),
          answer: { kind: 'equation-solution', variable: v, value: String(sol) },
          hints: [
            rich(t('To undo multiplying by a fraction, multiply by its reciprocal.', 'Para deshacer la multiplicación por una fracción, multiplica por su recíproco.')),
            rich(t('Multiply both sides by ', 'Multiplica los dos lados por '), tex(`\\frac{${q}}{${p}}`), '.'),
          ],
          solution: [
            rich(tex(`\\frac{${q}}{${p}} \\cdot \\frac{${p}}{${q}}${v} = \\frac{${q}}{${p}} \\cdot ${rhs}`), '.'),
            rich(tex(`${v} = \\frac{${q * rhs}}{${p}} = ${sol}`), '.'),
            rich(t('Check: ', 'Comprobación: '), tex(`\\frac{${p}}{${q}} \\cdot ${sol} = ${rhs}`), '.'),
          ],
        };
      },
    },
    {
      key: 'g6.one-step-equations/word-problem',
      skill: 'g6.one-step-equations',
      generate(rng, locale) {
        const t = say(locale);
        const name = rng.pick(NAMES);
        const mode = rng.pick(['packs', 'savings', 'pizza'] as const);
        if (mode === 'packs') {
          const a = rng.int(2, 9);
          const each = rng.int(4, 25);
          const total = a * each;
          return {
            prompt: rich(
              t(
                `${name} bought ${a} packs of stickers. Every pack has the same number of stickers, and there are ${total} stickers in all. Solve `,
                `${name} compró ${a} paquetes de calcomanías. Todos los paquetes tienen la misma cantidad de calcomanías y en total hay ${total}. Resuelve `,
              ),
              tex(`${a}p = ${total}`),
              t(' to find ', ' para encontrar '),
              tex('p'),
              t(', the number of stickers in each pack.', ', el número de calcomanías en cada paquete.'),
            ),
            answerFormat: rich(t('The value of ', 'El valor de '), tex('p'), t(', like ', ', como '), tex('p = 5')),
            answer: { kind: 'equation-solution', variable: 'p', value: String(each) },
            hints: [
              rich(tex(`${a}p`), t(` means ${a} packs with `, ` significa ${a} paquetes con `), tex('p'), t(' stickers each.', ' calcomanías cada uno.')),
              rich(t('Divide both sides by ', 'Divide los dos lados entre '), tex(a), '.'),
            ],
            solution: [
              rich(tex(`\\frac{${a}p}{${a}} = \\frac{${total}}{${a}}`), '.'),
              rich(tex(`p = ${each}`), '.'),
              rich(t(`Each pack has ${each} stickers.`, `Cada paquete tiene ${each} calcomanías.`)),
            ],
          };
        }
        if (mode === 'savings') {
          const saved = rng.int(5, 80);
          const earned = rng.int(5, 60);
          const total = saved + earned;
          return {
            prompt: rich(
              t(`${name} had `, `${name} tenía `),
              tex('d'),
              t(
                ` dollars saved. After earning $${earned} more, ${name} has $${total}. Solve `,
                ` dólares ahorrados. Después de ganar $${earned} más, tiene $${total}. Resuelve `,
              ),
              tex(`d + ${earned} = ${total}`),
              t(' to find how much money was saved at first.', ' para encontrar cuánto dinero tenía ahorrado al principio.'),
            ),
            answerFormat: rich(t('The value of ', 'El valor de '), tex('d'), t(', like ', ', como '), tex('d = 5')),
            answer: { kind: 'equation-solution', variable: 'd', value: String(saved) },
            hints: [
              rich(t('The equation adds ', 'La ecuación suma '), tex(earned), t(' to the savings.', ' a los ahorros.')),
              rich(t('Subtract ', 'Resta '), tex(earned), t(' from both sides.', ' en los dos lados.')),
            ],
            solution: [
              rich(tex(`d + ${earned} - ${earned} = ${total} - ${earned}`), '.'),
              rich(tex(`d = ${saved}`), '.'),
              rich(t(`${name} had $${saved} saved at first.`, `${name} tenía $${saved} ahorrados al principio.`)),
            ],
          };
        }
        const a = rng.int(2, 8);
        const each = rng.int(3, 12);
        const total = a * each;
        return {
          prompt: rich(
            t(
              `A group of ${a} friends splits the cost of a pizza equally. Each one pays $${each}. Solve `,
              `Un grupo de ${a} amigos se reparte por partes iguales el costo de una pizza. Cada uno paga $${each}. Resuelve `,
            ),
            tex(`\\frac{c}{${a}} = ${each}`),
            t(' to find ', ' para encontrar '),
            tex('c'),
            t(', the total cost in dollars.', ', el costo total en dólares.'),
          ),
          answerFormat: rich(t('The value of ', 'El valor de '), tex('c'), t(', like ', ', como '), tex('c = 5')),
          answer: { kind: 'equation-solution', variable: 'c', value: String(total) },
          hints: [
            rich(tex(`\\frac{c}{${a}}`), t(` is the total cost split among ${a} friends.`, ` es el costo total repartido entre ${a} amigos.`)),
            rich(t('Multiply both sides by ', 'Multiplica los dos lados por '), tex(a), '.'),
          ],
          solution: [
            rich(tex(`${a} \\cdot \\frac{c}{${a}} = ${a} \\cdot ${each}`), '.'),
            rich(tex(`c = ${total}`), '.'),
            rich(t(`The pizza cost $${total} in total.`, `La pizza costó $${total} en total.`)),
          ],
        };
      },
    },

    // ---------------------------------------------------------------- g6.triangle-area
    {
      key: 'g6.triangle-area/base-height',
      skill: 'g6.triangle-area',
      generate(rng, locale) {
        const t = say(locale);
        const u = rng.pick(lengthUnits);
        const b = rng.int(2, 20);
        const h = rng.int(2, 20);
        const area = decimal(b * h * 5, 1);
        return {
          prompt: rich(
            t(`A triangle has a base of ${b} ${u} and a height of ${h} ${u}. What is its area?`, `Un triángulo tiene una base de ${b} ${u} y una altura de ${h} ${u}. ¿Cuál es su área?`),
          ),
          answerFormat: rich(t('A number in ', 'Un número en '), tex(`\\text{${u}}^2`), t(', like 12.5', ', como 12.5')),
          answer: { kind: 'number', value: area, unit: `${u}^2` },
          hints: [
            rich(
              t(
                'A triangle is half of a rectangle (or parallelogram) with the same base and height.',
                'Un triángulo es la mitad de un rectángulo (o paralelogramo) con la misma base y la misma altura.',
              ),
            ),
            rich(t('Use ', 'Usa '), tex('A = \\frac{1}{2}bh'), '.'),
            rich(t('Multiply the base by the height, then divide by 2.', 'Multiplica la base por la altura y luego divide entre 2.')),
          ],
          solution: [
            rich(tex('A = \\frac{1}{2}bh'), '.'),
            rich(tex(`A = \\frac{1}{2} \\cdot ${b} \\cdot ${h} = \\frac{${b * h}}{2}`), '.'),
            rich(tex(`A = ${area}\\ \\text{${u}}^2`), '.'),
          ],
        };
      },
    },
    {
      key: 'g6.triangle-area/missing-dimension',
      skill: 'g6.triangle-area',
      generate(rng, locale) {
        const t = say(locale);
        const u = rng.pick(lengthUnits);
        const b = rng.int(2, 20);
        const h = rng.int(2, 20);
        const askHeight = rng.chance(0.5);
        const area = decimal(b * h * 5, 1);
        const known = askHeight ? b : h;
        const answer = askHeight ? h : b;
        const knownName = askHeight ? t('base', 'base') : t('height', 'altura');
        const askName = askHeight ? t('height', 'altura') : t('base', 'base');
        return {
          prompt: rich(
            t(`A triangle has an area of `, `Un triángulo tiene un área de `),
            tex(`${area}\\ \\text{${u}}^2`),
            t(` and a ${knownName} of ${known} ${u}. What is its ${askName}?`, ` y una ${knownName} de ${known} ${u}. ¿Cuál es su ${askName}?`),
          ),
          answerFormat: rich(t(`A number in ${u}`, `Un número en ${u}`)),
          answer: { kind: 'number', value: String(answer), unit: u },
          hints: [
            rich(t('Start from ', 'Parte de '), tex('A = \\frac{1}{2}bh'), '.'),
            rich(
              t(`Double the area to get the product of base and height: `, `Duplica el área para obtener el producto de la base por la altura: `),
              tex(`2 \\cdot ${area} = ${b * h}`),
              '.',
            ),
            rich(t(`Divide that product by the ${knownName}.`, `Divide ese producto entre la ${knownName}.`)),
          ],
          solution: [
            rich(tex(`${area} = \\frac{1}{2} \\cdot ${askHeight ? `${b} \\cdot h` : `b \\cdot ${h}`}`), '.'),
            rich(tex(`${b * h} = ${askHeight ? `${b}h` : `${h}b`}`), '.'),
            rich(tex(`${askHeight ? 'h' : 'b'} = ${b * h} \\div ${known} = ${answer}`), '.'),
            rich(t(`The ${askName} is ${answer} ${u}.`, `La ${askName} es de ${answer} ${u}.`)),
          ],
        };
      },
    },
    {
      key: 'g6.triangle-area/right-triangle',
      skill: 'g6.triangle-area',
      generate(rng, locale) {
        const t = say(locale);
        const u = rng.pick(lengthUnits);
        const [p, q, r] = rng.pick([
          [3, 4, 5],
          [5, 12, 13],
          [8, 15, 17],
          [7, 24, 25],
        ] as const);
        const k = rng.int(1, p === 3 ? 6 : 2);
        const legs = [p * k, q * k];
        const hyp = r * k;
        const sides = rng.shuffle([...legs, hyp]);
        const area = (legs[0]! * legs[1]!) / 2;
        return {
          prompt: rich(
            t(
              `A right triangle has sides of ${sides[0]} ${u}, ${sides[1]} ${u} and ${sides[2]} ${u}. What is its area?`,
              `Un triángulo rectángulo tiene lados de ${sides[0]} ${u}, ${sides[1]} ${u} y ${sides[2]} ${u}. ¿Cuál es su área?`,
            ),
          ),
          answerFormat: rich(t('A number in ', 'Un número en '), tex(`\\text{${u}}^2`)),
          answer: { kind: 'number', value: String(area), unit: `${u}^2` },
          hints: [
            rich(
              t(
                'In a right triangle, the two shorter sides (the legs) meet at the right angle, so one can be the base and the other the height.',
                'En un triángulo rectángulo, los dos lados más cortos (los catetos) forman el ángulo recto, así que uno puede ser la base y el otro la altura.',
              ),
            ),
            rich(t('The longest side is not the height.', 'El lado más largo no es la altura.')),
            rich(t('Use ', 'Usa '), tex('A = \\frac{1}{2}bh'), t(' with the two legs.', ' con los dos catetos.')),
          ],
          solution: [
            rich(t('The legs are ', 'Los catetos miden '), tex(`${legs[0]}\\ \\text{${u}}`), t(' and ', ' y '), tex(`${legs[1]}\\ \\text{${u}}`), '.'),
            rich(tex(`A = \\frac{1}{2} \\cdot ${legs[0]} \\cdot ${legs[1]} = \\frac{${legs[0]! * legs[1]!}}{2}`), '.'),
            rich(tex(`A = ${area}\\ \\text{${u}}^2`), '.'),
          ],
        };
      },
    },

    // ---------------------------------------------------------------- g6.mean-median-mode
    {
      key: 'g6.mean-median-mode/mean',
      skill: 'g6.mean-median-mode',
      generate(rng, locale) {
        const t = say(locale);
        const ctx = rng.pick(DATA_STORIES);
        const name = rng.pick(NAMES);
        const k = rng.int(4, 7);
        const values = Array.from({ length: k }, () => rng.int(ctx.lo + k, ctx.hi - k));
        const remainder = values.reduce((s, v) => s + v, 0) % k;
        const last = values[k - 1]!;
        values[k - 1] = last - remainder >= ctx.lo ? last - remainder : last + (k - remainder);
        const sum = values.reduce((s, v) => s + v, 0);
        const mean = sum / k;
        return {
          prompt: rich(fill(ctx[locale], { name, k }), ' ', tex(listTex(values)), t('. What is the mean?', '. ¿Cuál es la media?')),
          answerFormat: rich(t('A number', 'Un número')),
          answer: { kind: 'number', value: String(mean) },
          hints: [
            rich(t('The mean is the sum of the values divided by how many values there are.', 'La media es la suma de los valores dividida entre el número de valores.')),
            rich(t(`Add the ${k} values.`, `Suma los ${k} valores.`)),
            rich(t('Divide the sum by ', 'Divide la suma entre '), tex(k), '.'),
          ],
          solution: [
            rich(t('Sum: ', 'Suma: '), tex(`${values.join(' + ')} = ${sum}`), '.'),
            rich(t(`There are ${k} values: `, `Hay ${k} valores: `), tex(`${sum} \\div ${k} = ${mean}`), '.'),
            rich(t('The mean is ', 'La media es '), tex(mean), '.'),
          ],
        };
      },
    },
    {
      key: 'g6.mean-median-mode/median',
      skill: 'g6.mean-median-mode',
      generate(rng, locale) {
        const t = say(locale);
        const ctx = rng.pick(DATA_STORIES);
        const name = rng.pick(NAMES);
        const k = rng.int(5, 8);
        const values = Array.from({ length: k }, () => rng.int(ctx.lo, ctx.hi));
        const sorted = sortedAsc(values);
        const odd = k % 2 === 1;
        const lo = sorted[Math.floor((k - 1) / 2)]!;
        const hi = sorted[Math.floor(k / 2)]!;
        const median = decimal((lo + hi) * 5, 1);
        return {
          prompt: rich(fill(ctx[locale], { name, k }), ' ', tex(listTex(values)), t('. What is the median?', '. ¿Cuál es la mediana?')),
          answerFormat: rich(t('A number, like 14 or 14.5', 'Un número, como 14 o 14.5')),
          answer: { kind: 'number', value: median },
          hints: [
            rich(t('First put the values in order from least to greatest.', 'Primero ordena los valores de menor a mayor.')),
            rich(t('The median is the middle value.', 'La mediana es el valor del centro.')),
            odd
              ? rich(t(`With ${k} values, the middle one is value number ${(k + 1) / 2}.`, `Con ${k} valores, el del centro es el valor número ${(k + 1) / 2}.`))
              : rich(
                  t(
                    `With ${k} values there are two middle values; the median is halfway between them.`,
                    `Con ${k} valores hay dos valores en el centro; la mediana está a la mitad entre ellos.`,
                  ),
                ),
          ],
          solution: [
            rich(t('In order: ', 'En orden: '), tex(listTex(sorted)), '.'),
            odd
              ? rich(t('The middle value is ', 'El valor del centro es '), tex(lo), '.')
              : rich(t('The two middle values are ', 'Los dos valores del centro son '), tex(lo), t(' and ', ' y '), tex(hi), ': ', tex(`\\frac{${lo} + ${hi}}{2} = ${median}`), '.'),
            rich(t('The median is ', 'La mediana es '), tex(median), '.'),
          ],
        };
      },
    },
    {
      key: 'g6.mean-median-mode/mode',
      skill: 'g6.mean-median-mode',
      generate(rng, locale) {
        const t = say(locale);
        const ctx = rng.pick(DATA_STORIES);
        const name = rng.pick(NAMES);
        const others = rng.int(3, 5);
        const picked = distinctInts(rng, ctx.lo, ctx.hi, others + 1);
        const mode = picked[0]!;
        const rest = picked.slice(1);
        const twice = rest[0]!;
        const values = rng.shuffle([mode, mode, mode, twice, twice, ...rest.slice(1)]);
        const k = values.length;
        return {
          prompt: rich(fill(ctx[locale], { name, k }), ' ', tex(listTex(values)), t('. What is the mode?', '. ¿Cuál es la moda?')),
          answerFormat: rich(t('A number', 'Un número')),
          answer: { kind: 'number', value: String(mode) },
          hints: [
            rich(t('The mode is the value that appears most often.', 'La moda es el valor que aparece más veces.')),
            rich(t('Put the values in order so equal values sit next to each other.', 'Ordena los valores para que los iguales queden juntos.')),
            rich(t('Count how many times each value appears.', 'Cuenta cuántas veces aparece cada valor.')),
          ],
          solution: [
            rich(t('In order: ', 'En orden: '), tex(listTex(sortedAsc(values))), '.'),
            rich(tex(mode), t(' appears 3 times; ', ' aparece 3 veces; '), tex(twice), t(' appears 2 times; every other value appears once.', ' aparece 2 veces; cada uno de los demás aparece una vez.')),
            rich(t('The mode is ', 'La moda es '), tex(mode), '.'),
          ],
        };
      },
    },
  ],
};
