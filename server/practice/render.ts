// RichText → RenderedText: TeX runs become MathML (KaTeX, server-side). MathML only: no
// KaTeX CSS or fonts to ship, screen readers read it, and Chromium renders MathML Core.
import katex from 'katex';
import type { RenderedSegment, RenderedText } from '../http/contract';
import type { RichText } from './content/item';

// KaTeX draws a command it refuses (\href, \url, \includegraphics with trust: false) in
// errorColor instead of throwing. A colour no author would pick lets us notice and throw.
const REFUSED_COLOR = '#cc0001';

const OPTIONS: katex.KatexOptions = {
  output: 'mathml',
  throwOnError: true,
  // Content bugs (unknown Unicode in math mode, \htmlId & co.) fail tests instead of rendering.
  strict: 'error',
  // No links, ids, classes, styles or images from TeX, ever.
  trust: false,
  errorColor: REFUSED_COLOR,
  maxExpand: 1000,
  maxSize: 10,
};

/** Rendered TeX by source. The same few hundred TeX strings repeat across items and hints. */
const cache = new Map<string, string>();
export const CACHE_LIMIT = 5000;

/** TeX → MathML markup (a <span class="katex"><math …>). Throws an Error naming the TeX. */
export function renderTex(tex: string): string {
  const hit = cache.get(tex);
  if (hit !== undefined) {
    // Refresh recency: a Map iterates in insertion order, so the first key is the stalest.
    cache.delete(tex);
    cache.set(tex, hit);
    return hit;
  }
  let markup: string;
  try {
    markup = katex.renderToString(tex, OPTIONS);
  } catch (error) {
    throw new Error(`Cannot render TeX ${JSON.stringify(tex)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (markup.includes(`mathcolor="${REFUSED_COLOR}"`)) throw new Error(`Cannot render TeX ${JSON.stringify(tex)}: it uses a command that is not allowed`);
  cache.set(tex, markup);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return markup;
}

export function renderRichText(text: RichText): RenderedText {
  return text.map((segment): RenderedSegment => (segment.kind === 'text' ? { kind: 'text', text: segment.text } : { kind: 'math', tex: segment.tex, mathml: renderTex(segment.tex) }));
}

export function renderMany(texts: RichText[]): RenderedText[] {
  return texts.map(renderRichText);
}

/** For tests and the bench: how many TeX strings are cached. */
export const renderCacheSize = (): number => cache.size;
