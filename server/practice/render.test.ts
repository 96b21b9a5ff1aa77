import type { RichText } from './content/item';
import { CACHE_LIMIT, renderCacheSize, renderMany, renderRichText, renderTex } from './render';

/** Every real tag and attribute in the markup (KaTeX escapes "<" and '"' inside text and values). */
function structure(markup: string): { tags: string[]; attributes: string[] } {
  const tags = [...markup.matchAll(/<([a-zA-Z][\w:-]*)([^>]*)>/g)];
  return {
    tags: tags.map((t) => (t[1] ?? '').toLowerCase()),
    attributes: tags.flatMap((t) => [...(t[2] ?? '').matchAll(/\s([\w:-]+)\s*=/g)].map((a) => (a[1] ?? '').toLowerCase())),
  };
}

const MATHML_TAGS = new Set(['span', 'math', 'semantics', 'annotation', 'mrow', 'mi', 'mn', 'mo', 'mtext', 'mspace', 'mfrac', 'msup', 'msub', 'msubsup', 'mover', 'munder', 'msqrt', 'mroot', 'mstyle', 'mpadded']);
const SAFE_ATTRIBUTES = new Set(['class', 'xmlns', 'encoding', 'mathvariant', 'mathcolor', 'accent', 'accentunder', 'lspace', 'rspace', 'stretchy', 'fence', 'separator', 'width', 'height', 'depth', 'linethickness', 'scriptlevel', 'displaystyle', 'form', 'minsize', 'maxsize', 'movablelimits', 'symmetric', 'largeop']);

function expectSafe(markup: string) {
  const { tags, attributes } = structure(markup);
  for (const tag of tags) expect(MATHML_TAGS).toContain(tag);
  for (const attribute of attributes) expect(SAFE_ATTRIBUTES).toContain(attribute);
  expect(markup).not.toMatch(/href|javascript:/i);
}

describe('renderRichText', () => {
  it('keeps text runs and renders math runs to MathML', () => {
    const text: RichText = [
      { kind: 'text', text: 'Simplify ' },
      { kind: 'math', tex: '\\frac{2}{4}' },
      { kind: 'text', text: '.' },
    ];
    const [before, math, after] = renderRichText(text);
    expect(before).toEqual({ kind: 'text', text: 'Simplify ' });
    expect(after).toEqual({ kind: 'text', text: '.' });
    expect(math).toEqual({ kind: 'math', tex: '\\frac{2}{4}', mathml: expect.stringContaining('<math') });
    const mathml = (math as { mathml: string }).mathml;
    expect(mathml).toContain('<mfrac><mn>2</mn><mn>4</mn></mfrac>');
    // MathML only: no HTML rendering (which would need KaTeX's CSS and fonts).
    expect(mathml).not.toContain('katex-html');
    expectSafe(mathml);
  });

  it('text runs are passed through untouched (the client renders them as text)', () => {
    expect(renderRichText([{ kind: 'text', text: '<b>hi</b>' }])).toEqual([{ kind: 'text', text: '<b>hi</b>' }]);
  });

  it('renderMany renders each RichText', () => {
    const out = renderMany([[{ kind: 'math', tex: 'x = 3' }], [], [{ kind: 'text', text: 'a' }]]);
    expect(out).toHaveLength(3);
    expect(out[0]?.[0]).toHaveProperty('mathml', expect.stringContaining('<mi>x</mi>'));
    expect(out[1]).toEqual([]);
  });

  it('renders the Spanish decimal comma and units as one number', () => {
    expect(renderTex('0{,}5')).toContain('<mn>0,5</mn>');
    expect(renderTex('12\\ \\mathrm{cm}^{2}')).toContain('<msup>');
  });
});

describe('hostile TeX', () => {
  it.each([
    '\\href{javascript:alert(1)}{x}',
    '\\url{javascript:alert(1)}',
    '\\includegraphics{https://evil.example/x.png}',
    '\\htmlId{x}{y}',
    '\\htmlClass{x}{y}',
    '\\htmlStyle{background:url(https://evil.example)}{y}',
    '\\htmlData{onclick=alert(1)}{y}',
    '\\frac{1}',
    '\\unknowncommand',
    '\\def\\a{\\a}\\a',
    '\\def\\x{\\x\\x}\\x',
  ])('%s is refused with an error naming the TeX', (tex) => {
    expect(() => renderTex(tex)).toThrow(`Cannot render TeX ${JSON.stringify(tex)}`);
    expect(() => renderRichText([{ kind: 'math', tex }])).toThrow(/Cannot render TeX/);
  });

  it.each(['\\text{<script>alert(1)</script>}', '\\text{" onmouseover="alert(1)}', "\\text{' onload='x}", '\\text{<img src=x onerror=alert(1)>}', '\\mathrm{<a title="x">}'])(
    '%s is escaped',
    (tex) => {
      const mathml = renderTex(tex);
      expect(mathml).toContain('<math');
      expectSafe(mathml);
    },
  );
});

describe('cache', () => {
  it('returns the identical string for the same TeX', () => {
    const first = renderTex('\\frac{3}{7}');
    const second = renderTex('\\frac{3}{7}');
    expect(second).toBe(first);
    expect(renderRichText([{ kind: 'math', tex: '\\frac{3}{7}' }])[0]).toHaveProperty('mathml', first);
  });

  it('stays bounded and keeps recently used entries', () => {
    const hot = renderTex('\\sqrt{2}');
    for (let i = 0; i < CACHE_LIMIT + 50; i++) {
      renderTex(`${i}`);
      if (i % 1000 === 0) expect(renderTex('\\sqrt{2}')).toBe(hot);
    }
    expect(renderCacheSize()).toBeLessThanOrEqual(CACHE_LIMIT);
  });
});
