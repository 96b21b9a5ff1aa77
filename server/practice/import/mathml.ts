// MathML inside a QTI item becomes a TeX math segment (Trellis renders TeX with KaTeX).
// In order of preference: a TeX annotation the authoring tool left in <semantics>; a
// conversion of the presentation-MathML subset K-8 items use (numbers, operators,
// fractions, powers, roots); the `alttext` attribute as plain text. Anything else
// (tables, under/over scripts...) is rejected with the element's name, never guessed at.
import type { Segment } from '../content/item';
import { quoted } from './content';
import { elementsOf, textOf, type XmlElement } from './safe-xml';

const TEX_ENCODINGS = new Set(['application/x-tex', 'application/x-latex', 'tex', 'latex', 'text/x-tex']);

// Unicode operators KaTeX would otherwise need as commands.
const SYMBOLS: Record<string, string> = {
  '×': '\\times ', '÷': '\\div ', '−': '-', '·': '\\cdot ', '⋅': '\\cdot ', '≤': '\\le ', '≥': '\\ge ',
  '≠': '\\ne ', '±': '\\pm ', 'π': '\\pi ', '∞': '\\infty ', '…': '\\ldots ', '°': '^{\\circ}',
  '\u2061': '', // function application
  '\u2062': '', // invisible times
};

// TeX specials in document text are shown, never interpreted.
const ESCAPES: Record<string, string> = {
  '{': '\\{', '}': '\\}', $: '\\$', '#': '\\#', '%': '\\%', '&': '\\&', _: '\\_',
  '\\': '\\backslash ', '^': '\\hat{}', '~': '\\sim ',
};

const escapeTex = (text: string): string => Array.from(text, (ch) => SYMBOLS[ch] ?? ESCAPES[ch] ?? ch).join('');

class Unsupported extends Error {}

const DELIMITERS: Record<string, string> = { '(': '(', ')': ')', '[': '[', ']': ']', '{': '\\{', '}': '\\}', '|': '|', '': '.' };

function delimiter(raw: string): string {
  const tex = DELIMITERS[raw.trim()];
  if (tex === undefined) throw new Unsupported(`MathML <mfenced> with the delimiter ${quoted(raw)} is not supported`);
  return tex;
}

function convert(el: XmlElement): string {
  const kids = elementsOf(el);
  const all = () => kids.map(convert).join('');
  const arg = (i: number) => {
    const kid = kids[i];
    if (!kid) throw new Unsupported(`<${el.name}> is missing an argument`);
    return `{${convert(kid)}}`;
  };
  switch (el.name) {
    case 'math':
    case 'mrow':
    case 'mstyle':
    case 'mpadded':
    case 'merror':
      return all();
    case 'semantics':
      return kids[0] ? convert(kids[0]) : '';
    case 'annotation':
    case 'annotation-xml':
    case 'mphantom':
      return '';
    case 'mi':
    case 'mn':
    case 'mo':
      return escapeTex(textOf(el));
    case 'mtext':
    case 'ms':
      return `\\text{${escapeTex(textOf(el))}}`;
    case 'mspace':
      return '\\ ';
    case 'mfrac':
      return `\\frac${arg(0)}${arg(1)}`;
    case 'msup':
      return `${arg(0)}^${arg(1)}`;
    case 'msub':
      return `${arg(0)}_${arg(1)}`;
    case 'msubsup':
      return `${arg(0)}_${arg(1)}^${arg(2)}`;
    case 'msqrt':
      return `\\sqrt{${all()}}`;
    case 'mroot':
      return `\\sqrt[${arg(1).slice(1, -1)}]${arg(0)}`;
    case 'mfenced':
      return `\\left${delimiter(el.attrs.open ?? '(')}${kids.map(convert).join(',')}\\right${delimiter(el.attrs.close ?? ')')}`;
    default:
      throw new Unsupported(`MathML <${el.name}> is not supported; add a TeX annotation (<annotation encoding="application/x-tex">) or an alttext`);
  }
}

function texAnnotation(math: XmlElement): string | null {
  for (const semantics of elementsOf(math).filter((e) => e.name === 'semantics')) {
    for (const note of elementsOf(semantics)) {
      if (note.name === 'annotation' && TEX_ENCODINGS.has((note.attrs.encoding ?? '').toLowerCase())) return textOf(note);
    }
  }
  return null;
}

/** HTML <sup>/<sub> text in a prompt ("x<sup>2</sup>", "H<sub>2</sub>O") as a TeX script. */
export const scriptSegment = (kind: 'sup' | 'sub', text: string): Segment => ({
  kind: 'math',
  tex: `{}${kind === 'sup' ? '^' : '_'}{${escapeTex(text)}}`,
});

export type MathResult = { ok: true; segment: Segment } | { ok: false; message: string };

export function mathmlToSegment(math: XmlElement): MathResult {
  const annotated = texAnnotation(math);
  if (annotated) return { ok: true, segment: { kind: 'math', tex: annotated } };
  try {
    return { ok: true, segment: { kind: 'math', tex: convert(math).trim() } };
  } catch (err) {
    if (!(err instanceof Unsupported)) throw err;
    const alt = math.attrs.alttext?.trim();
    if (alt) return { ok: true, segment: { kind: 'text', text: alt } };
    return { ok: false, message: err.message };
  }
}
