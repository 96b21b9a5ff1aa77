import { Fragment, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { RenderedText } from '../../../../server/http/contract';
import { useT } from '../../i18n/I18nProvider';

/** Text with math from the server: text runs as React text, math runs as the server's MathML. */
export function RichText({ text }: { text: RenderedText }) {
  return (
    <>
      {text.map((segment, index) =>
        segment.kind === 'text' ? (
          <Fragment key={index}>{segment.text}</Fragment>
        ) : (
          <MathRun key={index} mathml={segment.mathml} />
        ),
      )}
    </>
  );
}

/**
 * One math run. If it is wider than the frame (long equations at 320px) it scrolls inside its
 * own box instead of the page, and then becomes focusable and named so keyboard users can
 * scroll it too.
 */
function MathRun({ mathml }: { mathml: string }) {
  const t = useT();
  const box = useRef<HTMLSpanElement>(null);
  const [overflows, setOverflows] = useState(false);

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setOverflows(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(element);
    return () => observer?.disconnect();
  }, [mathml]);

  return (
    <span
      ref={box}
      className="math"
      {...(overflows ? { tabIndex: 0, role: 'group', 'aria-label': t('practice.mathScroll') } : {})}
      // The only raw HTML in the app, and safe: `mathml` is KaTeX's MathML output, made on the
      // server from TeX in Trellis's item templates or a teacher's imported items, never from
      // student input. KaTeX escapes every text node and attribute it emits, and with its
      // default `trust: false` it refuses \href, \url, \includegraphics and \html* commands,
      // so the string holds MathML elements only: no script, no event handlers, no links.
      dangerouslySetInnerHTML={{ __html: mathml }}
    />
  );
}

/**
 * The text as one plain line, math written linearly ("2/4", "x^2", "√(2)"). For accessible
 * names: name computation (and axe) can't read MathML, so a choice that is only a fraction
 * would otherwise have no name, or "2 4".
 */
export function plainText(text: RenderedText): string {
  return text
    .map((segment) => (segment.kind === 'text' ? segment.text : mathText(segment.mathml)))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

function mathText(mathml: string): string {
  // A <template> parses without rendering, loading or running anything.
  const template = document.createElement('template');
  template.innerHTML = mathml;
  const math = template.content.querySelector('math');
  return math ? linear(math) : (template.content.textContent ?? '');
}

const SPACED_OPERATORS = new Set(['=', '+', '−', '-', '×', '÷', '<', '>', '≤', '≥', '≠', '±']);

function linear(node: Element): string {
  const kids = Array.from(node.children);
  const part = (index: number) => {
    const child = kids[index];
    const text = child ? linear(child).trim() : '';
    // "(x+1)/2", but "10/4" without brackets.
    return /^[\w.,]+$/u.test(text) ? text : `(${text})`;
  };
  switch (node.localName) {
    case 'annotation':
    case 'annotation-xml':
      return '';
    case 'semantics':
      return kids[0] ? linear(kids[0]) : '';
    case 'mfrac':
      return `${part(0)}/${part(1)}`;
    case 'msup':
      return `${part(0)}^${part(1)}`;
    case 'msqrt':
      return `√(${kids.map(linear).join('').trim()})`;
    case 'mroot':
      return `${part(1)}√${part(0)}`;
    case 'mo': {
      const op = (node.textContent ?? '').trim();
      return SPACED_OPERATORS.has(op) ? ` ${op} ` : op;
    }
    case 'mi':
    case 'mn':
    case 'mtext':
    case 'ms':
      return node.textContent ?? '';
    case 'mspace':
      return ' ';
    default:
      return kids.map(linear).join('');
  }
}

/**
 * Puts a node (usually RichText) into a translated sentence, e.g. "Type {format}." with a
 * MathML answer format. The catalogs keep the placeholder, so word order stays per language.
 */
export function Fill({ template, slots }: { template: string; slots: Record<string, ReactNode> }) {
  const parts = template.split(/\{(\w+)\}/);
  return (
    <>
      {parts.map((part, index) =>
        // split() with a capture group puts placeholder names at the odd indexes.
        index % 2 === 1 ? (
          <Fragment key={index}>{part in slots ? slots[part] : `{${part}}`}</Fragment>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}
