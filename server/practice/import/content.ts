// Pieces of ItemContent built the same way by the QTI and CSV importers, and the checks
// every imported item must pass before it is stored.
import type { AnswerSpec, ItemContent, RichText, Segment } from '../content/item';
import { plainText, rich } from '../content/rich';
import { math } from '../answers/math-input';

/** A value from the upload inside an error message: quoted, escaped, and short. */
export const quoted = (value: string): string => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);

export const CONTENT_LIMITS = {
  externalId: 100,
  choiceId: 100,
  prompt: 4000,
  choice: 1000,
  choices: { min: 2, max: 10 },
  hints: 3,
  hint: 1000,
  solutionSteps: 10,
  solutionStep: 2000,
  accepted: 20,
  answer: 200,
};

/**
 * Text with optional inline TeX between \( and \) (the LaTeX/MathJax inline delimiters;
 * "$" is left alone because K-12 prompts talk about money).
 */
export function richFromText(text: string): RichText {
  const parts: (string | Segment)[] = [];
  const re = /\\\(([\s\S]*?)\\\)/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    parts.push(text.slice(last, m.index), { kind: 'math', tex: m[1]!.trim() });
    last = re.lastIndex;
  }
  parts.push(text.slice(last));
  return rich(...parts);
}

const DECIMAL = /^[+-]?(\d+(\.\d+)?|\.\d+)$/;
const FRACTION = /^[+-]?\d+\/\d+$/;

/** A number answer as mathjs reads it ("12", "-0.5", "3/4"), or null if the text is not one. */
export function numberAnswer(raw: string): string | null {
  const value = raw.trim().replace(/^\+/, '').replace(/^−/, '-');
  if (!DECIMAL.test(value) && !FRACTION.test(value)) return null;
  try {
    math.fraction(value); // rejects "3/0"
    return value;
  } catch {
    return null;
  }
}

const sameNumber = (a: string, b: string) => math.fraction(a).equals(math.fraction(b));

/**
 * Accepted answers of a text-entry item. All numeric and equal ("0.5", "1/2") → a number
 * answer, which also accepts the other equivalent forms; otherwise a text answer
 * (different numbers such as "3" or "4" are compared as text).
 */
export function answerFromAccepted(accepted: string[], caseSensitive = false): AnswerSpec {
  const numbers = accepted.map(numberAnswer);
  if (numbers.length > 0 && numbers.every((n): n is string => n !== null) && numbers.every((n) => sameNumber(n, numbers[0]!))) {
    return { kind: 'number', value: numbers[0]! };
  }
  return caseSensitive ? { kind: 'text', accepted, caseSensitive: true } : { kind: 'text', accepted };
}

export interface ContentProblem {
  path: string;
  code: string;
  message: string;
}

const tooLong = (text: RichText, max: number) => plainText(text).length > max;
const isBlank = (text: RichText) => plainText(text).trim() === '';

/** Everything the practice engine relies on: a prompt, a checkable answer, bounded sizes. */
export function checkContent(content: ItemContent): ContentProblem[] {
  const out: ContentProblem[] = [];
  const L = CONTENT_LIMITS;
  if (isBlank(content.prompt)) out.push({ path: 'prompt', code: 'missing_prompt', message: 'the item has no prompt text' });
  else if (tooLong(content.prompt, L.prompt)) out.push({ path: 'prompt', code: 'too_long', message: `the prompt is longer than ${L.prompt} characters` });

  const answer = content.answer;
  if (answer.kind === 'choice') {
    const choices = content.choices ?? [];
    if (choices.length < L.choices.min || choices.length > L.choices.max) {
      out.push({ path: 'choices', code: 'choice_count', message: `a choice item needs ${L.choices.min} to ${L.choices.max} choices (found ${choices.length})` });
    }
    const ids = new Set<string>();
    for (const choice of choices) {
      if (choice.id.length > L.choiceId) out.push({ path: 'choices', code: 'invalid_choice_id', message: `choice identifier ${quoted(choice.id)} is longer than ${L.choiceId} characters` });
      if (ids.has(choice.id)) out.push({ path: `choices.${choice.id}`, code: 'duplicate_choice', message: `two choices have the identifier ${quoted(choice.id)}` });
      ids.add(choice.id);
      if (isBlank(choice.content)) out.push({ path: `choices.${choice.id}`, code: 'empty_choice', message: `choice ${quoted(choice.id)} is empty` });
      else if (tooLong(choice.content, L.choice)) out.push({ path: `choices.${choice.id}`, code: 'too_long', message: `choice ${quoted(choice.id)} is longer than ${L.choice} characters` });
    }
    if (answer.correct.length === 0) out.push({ path: 'answer', code: 'missing_answer', message: 'no choice is marked correct' });
    for (const id of answer.correct) {
      if (!ids.has(id)) out.push({ path: 'answer', code: 'unknown_choice', message: `the correct answer ${quoted(id)} is not one of the choices` });
    }
  } else if (answer.kind === 'text') {
    if (answer.accepted.length === 0 || answer.accepted.some((a) => a.trim() === '')) {
      out.push({ path: 'answer', code: 'missing_answer', message: 'the item has no accepted answer' });
    }
    if (answer.accepted.length > L.accepted) out.push({ path: 'answer', code: 'too_many_answers', message: `more than ${L.accepted} accepted answers` });
    if (answer.accepted.some((a) => a.length > L.answer)) out.push({ path: 'answer', code: 'too_long', message: `an accepted answer is longer than ${L.answer} characters` });
  }

  if (content.hints.length > L.hints) out.push({ path: 'hints', code: 'too_many_hints', message: `at most ${L.hints} hints (found ${content.hints.length})` });
  content.hints.forEach((hint, i) => {
    if (tooLong(hint, L.hint)) out.push({ path: `hints.${i + 1}`, code: 'too_long', message: `hint ${i + 1} is longer than ${L.hint} characters` });
  });
  if (content.solution.length > L.solutionSteps) {
    out.push({ path: 'solution', code: 'too_many_steps', message: `at most ${L.solutionSteps} solution steps (found ${content.solution.length})` });
  }
  content.solution.forEach((step, i) => {
    if (tooLong(step, L.solutionStep)) out.push({ path: `solution.${i + 1}`, code: 'too_long', message: `solution step ${i + 1} is longer than ${L.solutionStep} characters` });
  });
  return out;
}

/** External ids name an item across re-imports: short, printable, trimmed. */
export function checkExternalId(id: string): string | null {
  if (id === '') return 'the item has no id';
  if (id.length > CONTENT_LIMITS.externalId) return `the id is longer than ${CONTENT_LIMITS.externalId} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(id)) return 'the id contains control characters';
  return null;
}
