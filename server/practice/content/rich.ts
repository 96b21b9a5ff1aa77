// Small builders for RichText, so templates read like the sentence they produce:
//   rich('Solve ', tex('x + 3 = 7'), '.')
import type { RichText, Segment } from './item';

export const tex = (source: string | number): Segment => ({ kind: 'math', tex: String(source) });

/** Strings become text runs; segments pass through; adjacent text runs are merged. */
export function rich(...parts: (string | number | Segment)[]): RichText {
  const out: RichText = [];
  for (const part of parts) {
    const segment: Segment = typeof part === 'object' ? part : { kind: 'text', text: String(part) };
    const last = out[out.length - 1];
    if (segment.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + segment.text };
    else if (segment.kind === 'math' || segment.text.length > 0) out.push(segment);
  }
  return out;
}

/** Plain text of a RichText (TeX kept as written), for logs, CSV exports and tests. */
export const plainText = (text: RichText): string => text.map((s) => (s.kind === 'text' ? s.text : s.tex)).join('');
