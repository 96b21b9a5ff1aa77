// Reading the expected values out of an AnswerSpec. A spec that does not read is a content
// bug: these throw an Error naming the value (generation and import tests catch it), unlike
// student input, which never throws.
import type { MathNode } from 'mathjs';
import { foldUnicode, parseMath, toExpr, type Expr } from './math-input';
import { readNumber, type NumberReading } from './number-answer';

/** Spec numbers are written for mathjs ("0.5", "3/4", "-12"), or as a mixed number "1 1/2". */
export function specNumber(value: string): NumberReading {
  try {
    const [reading] = readNumber(foldUnicode(value), 'en');
    if (reading) return reading;
  } catch {
    // fall through to the content error
  }
  throw new Error(`Answer spec value "${value}" is not a number (expected e.g. "0.5", "3/4", "-12")`);
}

/** Parsed spec expressions: the same item is checked again and again. Bounded, oldest out. */
const expressions = new Map<string, { node: MathNode; expr: Expr }>();

export function specExpression(value: string, variables: readonly string[]): { node: MathNode; expr: Expr } {
  const key = `${variables.join(',')}|${value}`;
  const cached = expressions.get(key);
  if (cached) return cached;
  let parsed: { node: MathNode; expr: Expr };
  try {
    const node = parseMath(foldUnicode(value));
    parsed = { node, expr: toExpr(node, variables) };
  } catch {
    throw new Error(`Answer spec expression "${value}" does not parse with variables [${variables.join(', ')}]`);
  }
  expressions.set(key, parsed);
  if (expressions.size > 2000) expressions.delete(expressions.keys().next().value as string);
  return parsed;
}

/**
 * "x = 3", "3 = x" or "3" → "3". The variable matches case-insensitively ("X = 3"), but no
 * other name does: "y = 3" for an x item is null (unreadable), as is "x = 3 = 3".
 */
export function solutionBody(text: string, variable: string): string | null {
  const sides = text.split('=').map((s) => s.trim());
  if (sides.length === 1) return sides[0] ?? null;
  if (sides.length !== 2) return null;
  const isVariable = (s: string | undefined) => s !== undefined && s.toLowerCase() === variable.toLowerCase();
  if (isVariable(sides[0]) && !isVariable(sides[1])) return sides[1] ?? null;
  if (isVariable(sides[1]) && !isVariable(sides[0])) return sides[0] ?? null;
  return null;
}

export function specSolution(value: string, variable: string): NumberReading {
  const body = solutionBody(foldUnicode(value), variable);
  if (body === null) throw new Error(`Answer spec solution "${value}" is not "${variable} = <number>" or a number`);
  return specNumber(body);
}
