// Units a number answer may carry: "12 cm", "12cm", "12 cm^2", "12 cm²", "$4.50",
// "4.50 dollars", "50%", "12 centímetros". We never convert between units: an item that
// says "in cm" wants cm, so "0.12 m" is 'wrong-unit' (the feedback names the real problem).
import { foldUnicode, math } from './math-input';

/** Spelled-out names (en/es, accents stripped, lower case) → the symbol items use. */
const NAMES: Record<string, string> = {};
const name = (symbol: string, ...words: string[]) => words.forEach((w) => (NAMES[w] = symbol));
name('$', 'dollar', 'dollars', 'dolar', 'dolares', 'usd');
name('¢', 'cent', 'cents', 'centavo', 'centavos');
name('%', 'percent', 'pct', 'por ciento', 'porciento');
name('°', 'deg', 'degree', 'degrees', 'grado', 'grados');
name('mm', 'millimeter', 'millimeters', 'millimetre', 'millimetres', 'milimetro', 'milimetros');
name('cm', 'centimeter', 'centimeters', 'centimetre', 'centimetres', 'centimetro', 'centimetros');
name('m', 'meter', 'meters', 'metre', 'metres', 'metro', 'metros');
name('km', 'kilometer', 'kilometers', 'kilometre', 'kilometres', 'kilometro', 'kilometros');
name('in', 'inch', 'inches', 'pulgada', 'pulgadas');
name('ft', 'foot', 'feet', 'pie', 'pies');
name('yd', 'yard', 'yards', 'yarda', 'yardas');
name('mi', 'mile', 'miles', 'milla', 'millas');
name('g', 'gram', 'grams', 'gramo', 'gramos');
name('kg', 'kilogram', 'kilograms', 'kilogramo', 'kilogramos');
name('l', 'liter', 'liters', 'litre', 'litres', 'litro', 'litros');
name('ml', 'milliliter', 'milliliters', 'millilitre', 'millilitres', 'mililitro', 'mililitros');
name('oz', 'ounce', 'ounces', 'onza', 'onzas');
name('lb', 'lbs', 'pound', 'pounds', 'libra', 'libras');
name('s', 'sec', 'second', 'seconds', 'segundo', 'segundos');
name('min', 'minute', 'minutes', 'minuto', 'minutos');
name('h', 'hr', 'hour', 'hours', 'hora', 'horas');

const SYMBOLS = new Set(Object.values(NAMES));

const stripAccents = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');

/**
 * One spelling per unit: lower case (K-8 never needs m vs M), names to symbols, and
 * "cm2" / "cm ^ 2" → "cm^2".
 */
export function canonicalUnit(unit: string): string {
  const m = /^(.+?)\.?(?:\s*\^\s*([0-9])|([23]))?$/u.exec(foldUnicode(unit));
  const base = stripAccents((m?.[1] ?? unit).toLowerCase());
  const power = m?.[2] ?? m?.[3];
  const symbol = NAMES[base] ?? base;
  return power && power !== '1' ? `${symbol}^${power}` : symbol;
}

/** A unit we know of (so a mismatch is 'wrong-unit' rather than 'unreadable'). */
function isKnownUnit(canonical: string): boolean {
  const base = canonical.split('^')[0] ?? '';
  if (SYMBOLS.has(base)) return true;
  try {
    return math.Unit.isValuelessUnit(base);
  } catch {
    return false;
  }
}

export interface UnitSplit {
  /** The number part, unit removed. */
  body: string;
  /** The unit as given, canonical; null when the answer has none. */
  unit: string | null;
}

const TRAILING = /^(.*?[0-9.)])\s*(%|¢|°|\$|por ciento|\p{L}[\p{L}.]*(?:\s*\^\s*[0-9]|[23])?)$/u;

/** Splits "$4.50", "12 cm²" (already folded to "12 cm^2"), "50 %" into number and unit. */
export function splitUnit(text: string): UnitSplit | null {
  let body = text;
  let unit: string | null = null;
  const dollar = /^([+-]?)\s*\$\s*(.*)$/.exec(body);
  if (dollar) {
    body = (dollar[1] ?? '') + (dollar[2] ?? '');
    unit = '$';
  }
  const trailing = TRAILING.exec(body);
  if (trailing) {
    const given = canonicalUnit(trailing[2] ?? '');
    if (unit !== null && given !== unit) return null; // "$4 cm"
    body = (trailing[1] ?? '').trim();
    unit = given;
  }
  return { body, unit };
}

/**
 * Omitting the unit is fine; the expected unit (any spelling) is fine; another known unit
 * is 'wrong-unit'; an unknown word, or any unit on an item without one, is 'unreadable'.
 */
export function unitVerdict(expected: string | undefined, given: string | null): 'ok' | 'wrong-unit' | 'unreadable' {
  if (given === null) return 'ok';
  if (expected === undefined) return 'unreadable';
  if (canonicalUnit(expected) === given) return 'ok';
  return isKnownUnit(given) ? 'wrong-unit' : 'unreadable';
}
