// One QTI assessment item (3.0 or 2.1) → ItemContent. Trellis conventions (docs/item-import.md):
//   version  root <qti-assessment-item> = QTI 3.0, <assessmentItem> = QTI 2.1 (2.2 reads the same).
//   id       the item's `identifier`.
//   skill    the item's `label` containing a token "skill:CODE" (label is valid QTI in both
//            versions); the upload may also give one per file or a default.
//   items    exactly one choice or text-entry interaction (an end-attempt "hint" button is ignored).
//   prompt   the item body as plain text: markup dropped, paragraphs become line breaks, the
//            text entry becomes "____", MathML becomes TeX (see mathml.ts). Images, media and
//            scripts are rejected: Trellis stores no files from QTI yet.
//   hints    feedback blocks/inlines (or modal feedback) whose outcome identifier starts with
//            "HINT" or whose class has "trellis-hint", in document order, at most 3.
//   solution feedback marked outcome "SOLUTION" or class "trellis-solution"; if none, every
//            other modal feedback (one solution step each).
//   answers  choice: the correct response (or positively mapped identifiers). Text entry: the
//            correct response plus every positively mapped key; all numeric and equal → a
//            number answer; otherwise text, compared case-insensitively unless every mapped
//            key says case-sensitive.
import type { AnswerSpec, Choice, ItemContent, RichText, Segment } from '../content/item';
import { rich } from '../content/rich';
import { answerFromAccepted, checkContent, checkExternalId, numberAnswer, quoted } from './content';
import { mathmlToSegment, scriptSegment } from './mathml';
import { childNamed, childrenNamed, findAll, parseSafeXml, textOf, type XmlElement, type XmlNode } from './safe-xml';
import type { ImportError, ParsedItem } from './types';

export type QtiVersion = 'qti3' | 'qti21';

/** Element and attribute names: QTI 3.0 kebab-cases QTI 2.1's camelCase and adds a "qti-" prefix. */
interface Vocabulary {
  item: string;
  responseDeclaration: string;
  correctResponse: string;
  value: string;
  mapping: string;
  mapEntry: string;
  mapKey: string;
  mappedValue: string;
  caseSensitive: string;
  templateDeclaration: string;
  body: string;
  choiceInteraction: string;
  simpleChoice: string;
  textEntryInteraction: string;
  endAttemptInteraction: string;
  prompt: string;
  modalFeedback: string;
  feedback: Set<string>;
  rubricBlock: string;
  responseIdentifier: string;
  outcomeIdentifier: string;
  baseType: string;
  isInteraction(name: string): boolean;
}

const VOCABULARY: Record<QtiVersion, Vocabulary> = {
  qti3: {
    item: 'qti-assessment-item',
    responseDeclaration: 'qti-response-declaration',
    correctResponse: 'qti-correct-response',
    value: 'qti-value',
    mapping: 'qti-mapping',
    mapEntry: 'qti-map-entry',
    mapKey: 'map-key',
    mappedValue: 'mapped-value',
    caseSensitive: 'case-sensitive',
    templateDeclaration: 'qti-template-declaration',
    body: 'qti-item-body',
    choiceInteraction: 'qti-choice-interaction',
    simpleChoice: 'qti-simple-choice',
    textEntryInteraction: 'qti-text-entry-interaction',
    endAttemptInteraction: 'qti-end-attempt-interaction',
    prompt: 'qti-prompt',
    modalFeedback: 'qti-modal-feedback',
    feedback: new Set(['qti-feedback-block', 'qti-feedback-inline']),
    rubricBlock: 'qti-rubric-block',
    responseIdentifier: 'response-identifier',
    outcomeIdentifier: 'outcome-identifier',
    baseType: 'base-type',
    isInteraction: (name) => name.startsWith('qti-') && name.endsWith('-interaction'),
  },
  qti21: {
    item: 'assessmentItem',
    responseDeclaration: 'responseDeclaration',
    correctResponse: 'correctResponse',
    value: 'value',
    mapping: 'mapping',
    mapEntry: 'mapEntry',
    mapKey: 'mapKey',
    mappedValue: 'mappedValue',
    caseSensitive: 'caseSensitive',
    templateDeclaration: 'templateDeclaration',
    body: 'itemBody',
    choiceInteraction: 'choiceInteraction',
    simpleChoice: 'simpleChoice',
    textEntryInteraction: 'textEntryInteraction',
    endAttemptInteraction: 'endAttemptInteraction',
    prompt: 'prompt',
    modalFeedback: 'modalFeedback',
    feedback: new Set(['feedbackBlock', 'feedbackInline']),
    rubricBlock: 'rubricBlock',
    responseIdentifier: 'responseIdentifier',
    outcomeIdentifier: 'outcomeIdentifier',
    baseType: 'baseType',
    isInteraction: (name) => /^[a-z][A-Za-z]*Interaction$/.test(name),
  },
};

const ROOTS: Record<string, QtiVersion> = { 'qti-assessment-item': 'qti3', assessmentItem: 'qti21' };
const VERSION_NAMES: Record<QtiVersion, string> = { qti3: 'QTI 3.0', qti21: 'QTI 2.1' };

const BLOCKS = new Set([
  'p', 'div', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'thead', 'tbody',
  'tfoot', 'tr', 'caption', 'section', 'article', 'aside', 'header', 'footer', 'figure', 'figcaption', 'dl', 'dt', 'dd',
  'hr', 'address', 'qti-prompt', 'prompt', 'qti-content-body',
]);
// Content Trellis cannot carry over from a QTI file: it would leave the prompt incomplete.
const UNSUPPORTED = new Set(['img', 'object', 'embed', 'iframe', 'video', 'audio', 'picture', 'svg', 'canvas', 'script', 'style', 'input', 'form', 'include']);
const BLANK = '____';

interface Problem {
  path: string;
  code: string;
  message: string;
}

type FeedbackRole = 'hint' | 'solution' | null;

function feedbackRole(el: XmlElement, v: Vocabulary): FeedbackRole {
  const classes = (el.attrs.class ?? '').split(/\s+/);
  const outcome = (el.attrs[v.outcomeIdentifier] ?? '').toUpperCase();
  if (classes.includes('trellis-hint') || outcome.startsWith('HINT')) return 'hint';
  if (classes.includes('trellis-solution') || outcome === 'SOLUTION') return 'solution';
  return null;
}

/** Flattens QTI/XHTML content to RichText, recording what it cannot carry. */
class RichTextBuilder {
  private parts: (string | Segment)[] = [];

  constructor(
    private readonly v: Vocabulary,
    private readonly problems: Problem[],
  ) {}

  static build(v: Vocabulary, problems: Problem[], nodes: XmlNode[], path: string): RichText {
    const builder = new RichTextBuilder(v, problems);
    builder.walk(nodes, path);
    return builder.result();
  }

  private walk(nodes: XmlNode[], path: string): void {
    for (const node of nodes) {
      // Only XML whitespace collapses; a no-break or thin space is the author's choice.
      if (node.kind === 'text') this.parts.push(node.text.replace(/[ \t\r\n]+/g, ' '));
      else this.element(node, `${path}/${node.name}`);
    }
  }

  private element(el: XmlElement, path: string): void {
    const v = this.v;
    if (v.feedback.has(el.name) || el.name === v.modalFeedback || el.name === v.rubricBlock) return; // hints/solution, or not for students
    if (el.name === 'math') {
      const math = mathmlToSegment(el);
      if (math.ok) this.parts.push(math.segment);
      else this.problems.push({ path, code: 'unsupported_math', message: math.message });
      return;
    }
    if (el.name === v.textEntryInteraction) return void this.parts.push(BLANK);
    if (el.name === v.choiceInteraction) {
      const prompt = childNamed(el, v.prompt);
      if (prompt) this.element(prompt, `${path}/${prompt.name}`);
      return;
    }
    if (v.isInteraction(el.name)) return; // reported once by the caller
    if (UNSUPPORTED.has(el.name)) {
      this.problems.push({ path, code: 'unsupported_content', message: `<${el.name}> cannot be imported (Trellis stores no images, media or scripts from QTI files)` });
      return;
    }
    if (el.name === 'br') return void this.parts.push('\n');
    if (el.name === 'sup' || el.name === 'sub') return void this.parts.push(scriptSegment(el.name, textOf(el)));
    const block = BLOCKS.has(el.name);
    const cell = el.name === 'td' || el.name === 'th';
    if (block) this.parts.push('\n');
    if (cell) this.parts.push(' ');
    this.walk(el.children, path);
    if (block) this.parts.push('\n');
    if (cell) this.parts.push(' ');
  }

  /** Whitespace as a reader expects: single spaces, one line break between blocks, no edges. */
  private result(): RichText {
    const segments = rich(...this.parts).map((s) =>
      s.kind === 'text' ? { kind: 'text' as const, text: s.text.replace(/ *\n[ \n]*/g, '\n').replace(/ {2,}/g, ' ') } : s,
    );
    const first = segments[0];
    if (first?.kind === 'text') segments[0] = { kind: 'text', text: first.text.trimStart() };
    const last = segments[segments.length - 1];
    if (last?.kind === 'text') segments[segments.length - 1] = { kind: 'text', text: last.text.trimEnd() };
    return segments.filter((s) => s.kind === 'math' || s.text !== '');
  }
}

interface ResponseDeclaration {
  cardinality: string;
  baseType: string;
  correct: string[];
  /** Map entries that give credit (mapped value > 0). */
  credited: { key: string; caseSensitive: boolean }[];
}

function responseDeclarations(root: XmlElement, v: Vocabulary): Map<string, ResponseDeclaration> {
  const out = new Map<string, ResponseDeclaration>();
  for (const decl of childrenNamed(root, v.responseDeclaration)) {
    const correct = childNamed(decl, v.correctResponse);
    const mapping = childNamed(decl, v.mapping);
    out.set(decl.attrs.identifier ?? '', {
      cardinality: decl.attrs.cardinality ?? 'single',
      baseType: decl.attrs[v.baseType] ?? '',
      correct: correct ? childrenNamed(correct, v.value).map(textOf).filter((s) => s !== '') : [],
      credited: (mapping ? childrenNamed(mapping, v.mapEntry) : [])
        .filter((e) => Number(e.attrs[v.mappedValue]) > 0 && (e.attrs[v.mapKey] ?? '').trim() !== '')
        .map((e) => ({ key: e.attrs[v.mapKey]!.trim(), caseSensitive: e.attrs[v.caseSensitive] === 'true' })),
    });
  }
  return out;
}

const unique = (values: string[]) => [...new Set(values)];

function choiceAnswer(
  interaction: XmlElement,
  decl: ResponseDeclaration,
  v: Vocabulary,
  problems: Problem[],
  path: string,
): { choices: Choice[]; answer: AnswerSpec } {
  if (decl.cardinality !== 'single' && decl.cardinality !== 'multiple') {
    problems.push({ path, code: 'unsupported_cardinality', message: `a choice response with cardinality ${quoted(decl.cardinality)} cannot be imported (use single or multiple)` });
  }
  const choices = childrenNamed(interaction, v.simpleChoice).map((choice, i): Choice => {
    const id = choice.attrs.identifier ?? '';
    const where = `${path}/${v.simpleChoice}[${id || i + 1}]`;
    if (!id) problems.push({ path: where, code: 'missing_identifier', message: `choice ${i + 1} has no identifier` });
    return { id, content: RichTextBuilder.build(v, problems, choice.children, where) };
  });
  const correct = unique(decl.correct.length > 0 ? decl.correct : decl.credited.map((c) => c.key));
  if (decl.cardinality === 'single' && correct.length > 1) {
    problems.push({ path, code: 'too_many_correct', message: `cardinality is single but ${correct.length} choices are marked correct` });
  }
  return { choices, answer: { kind: 'choice', correct } };
}

function textEntryAnswer(decl: ResponseDeclaration, problems: Problem[], path: string): AnswerSpec {
  if (decl.cardinality !== 'single') {
    problems.push({ path, code: 'unsupported_cardinality', message: `a text entry with cardinality ${quoted(decl.cardinality)} cannot be imported (use single)` });
  }
  const baseType = decl.baseType || 'string';
  if (!['string', 'integer', 'float'].includes(baseType)) {
    problems.push({ path, code: 'unsupported_base_type', message: `a text entry of base type ${quoted(baseType)} cannot be imported (use string, integer or float)` });
  }
  const accepted = unique([...decl.correct, ...decl.credited.map((c) => c.key)]);
  if ((baseType === 'integer' || baseType === 'float') && accepted.some((a) => numberAnswer(a) === null)) {
    problems.push({ path, code: 'not_a_number', message: `base type ${baseType} but an accepted answer is not a number` });
  }
  const caseSensitive = decl.credited.length > 0 && decl.credited.every((c) => c.caseSensitive);
  return answerFromAccepted(accepted, caseSensitive);
}

function skillFromLabel(label: string | undefined): string | null {
  const token = (label ?? '').split(/[\s;,]+/).find((t) => t.startsWith('skill:'));
  return token ? token.slice('skill:'.length) || null : null;
}

export type QtiResult = { ok: true; version: QtiVersion; item: ParsedItem } | { ok: false; errors: ImportError[] };

export function parseQtiItem(xml: string, opts: { source: string; expect?: QtiVersion | 'auto' }): QtiResult {
  const source = opts.source;
  const fail = (problems: Problem[]): QtiResult => ({
    ok: false,
    errors: problems.map((p) => ({ item: source, ...(p.path ? { path: p.path } : {}), code: p.code, message: p.message })),
  });

  const doc = parseSafeXml(xml);
  if (!doc.ok) return fail([{ path: '', code: doc.code, message: doc.message }]);
  const root = doc.root;
  const version = ROOTS[root.name];
  if (!version) {
    return fail([{ path: root.name, code: 'not_qti_item', message: `<${root.name}> is not a QTI assessment item (expected <qti-assessment-item> or <assessmentItem>)` }]);
  }
  if (opts.expect && opts.expect !== 'auto' && opts.expect !== version) {
    return fail([{ path: root.name, code: 'format_mismatch', message: `expected ${VERSION_NAMES[opts.expect]} but this is ${VERSION_NAMES[version]}` }]);
  }
  const v = VOCABULARY[version];
  const problems: Problem[] = [];
  const externalId = (root.attrs.identifier ?? '').trim();
  const idProblem = checkExternalId(externalId);
  if (idProblem) problems.push({ path: `${root.name}@identifier`, code: 'invalid_id', message: idProblem });
  if (childNamed(root, v.templateDeclaration)) {
    problems.push({ path: v.templateDeclaration, code: 'unsupported_feature', message: 'template (randomised) items cannot be imported' });
  }

  const body = childNamed(root, v.body);
  if (!body) return fail([...problems, { path: v.body, code: 'missing_body', message: `the item has no <${v.body}>` }]);
  const bodyPath = v.body;

  const interactions = findAll(body, (e) => v.isInteraction(e.name) && e.name !== v.endAttemptInteraction);
  for (const other of interactions.filter((e) => e.name !== v.choiceInteraction && e.name !== v.textEntryInteraction)) {
    problems.push({ path: `${bodyPath}/${other.name}`, code: 'unsupported_interaction', message: `<${other.name}> cannot be imported (only choice and text-entry items)` });
  }
  const supported = interactions.filter((e) => e.name === v.choiceInteraction || e.name === v.textEntryInteraction);
  if (interactions.length === 0) problems.push({ path: bodyPath, code: 'no_interaction', message: 'the item has no choice or text-entry interaction' });
  if (supported.length > 1) problems.push({ path: bodyPath, code: 'multiple_interactions', message: `the item has ${supported.length} interactions; Trellis items have exactly one` });

  const prompt = RichTextBuilder.build(v, problems, body.children, bodyPath);

  let choices: Choice[] | undefined;
  let answer: AnswerSpec | null = null;
  const interaction = supported[0];
  if (interaction) {
    const path = `${bodyPath}/${interaction.name}`;
    const responseId = interaction.attrs[v.responseIdentifier] ?? '';
    const decl = responseDeclarations(root, v).get(responseId);
    if (!decl) {
      problems.push({ path, code: 'missing_response_declaration', message: `no <${v.responseDeclaration}> with identifier ${quoted(responseId)}` });
    } else if (interaction.name === v.choiceInteraction) {
      ({ choices, answer } = choiceAnswer(interaction, decl, v, problems, path));
    } else {
      answer = textEntryAnswer(decl, problems, path);
    }
  }

  const modals = childrenNamed(root, v.modalFeedback);
  const feedback = [...findAll(body, (e) => v.feedback.has(e.name)), ...modals];
  const asRich = (els: XmlElement[]) =>
    els.map((el) => RichTextBuilder.build(v, problems, el.children, el.name)).filter((text) => text.length > 0);
  const hints = asRich(feedback.filter((el) => feedbackRole(el, v) === 'hint'));
  const marked = feedback.filter((el) => feedbackRole(el, v) === 'solution');
  const solution = asRich(marked.length > 0 ? marked : modals.filter((el) => feedbackRole(el, v) === null));

  if (!answer) return fail(problems);
  const content: ItemContent = { prompt, ...(choices ? { choices } : {}), answer, hints, solution };
  problems.push(...checkContent(content));
  if (problems.length > 0) return fail(problems);
  return { ok: true, version, item: { source, externalId, skill: skillFromLabel(root.attrs.label), content } };
}

/** Whether an upload is XML (QTI) rather than CSV, for format "auto". */
export const looksLikeXml = (text: string): boolean => text.replace(/^\uFEFF/, '').trimStart().startsWith('<');
