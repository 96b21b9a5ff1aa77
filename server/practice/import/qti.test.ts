// QTI 3.0 / 2.1 items → ItemContent, and the XML safety limits (no database).
import fs from 'node:fs';
import path from 'node:path';
import { parseQtiItem } from './qti';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../../test/fixtures/import', name), 'utf8');
const codes = (r: ReturnType<typeof parseQtiItem>) => (r.ok ? [] : r.errors.map((e) => e.code));

/** A minimal QTI 3.0 text-entry item around a body and response declaration. */
function qti3(body: string, opts: { decl?: string; root?: string; after?: string } = {}): string {
  return `<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="t1" ${opts.root ?? ''}>
  ${opts.decl ?? '<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="string"><qti-correct-response><qti-value>7</qti-value></qti-correct-response></qti-response-declaration>'}
  <qti-item-body>${body}</qti-item-body>${opts.after ?? ''}
</qti-assessment-item>`;
}
const entry = '<qti-text-entry-interaction response-identifier="RESPONSE"/>';

describe('QTI 3.0', () => {
  it('reads a choice item: prompt, MathML as TeX, choices, hints from HINT feedback, solution from modal feedback', () => {
    const r = parseQtiItem(fixture('qti3-choice.xml'), { source: 'qti3-choice.xml' });
    expect(r).toEqual({
      ok: true,
      version: 'qti3',
      item: {
        source: 'qti3-choice.xml',
        externalId: 'ratio-table-1',
        skill: 'g6.ratios',
        content: {
          prompt: [
            { kind: 'text', text: 'A recipe uses 3 cups of flour for every 2 cups of sugar & nothing else.\nHow much flour goes with ' },
            { kind: 'math', tex: '\\frac{1}{2}' },
            { kind: 'text', text: ' cup of sugar?\nChoose one answer.' },
          ],
          choices: [
            { id: 'A', content: [{ kind: 'text', text: '1/2 cup' }] },
            { id: 'B', content: [{ kind: 'text', text: '3/4 cup' }] },
            { id: 'C', content: [{ kind: 'text', text: '1 cup' }] },
            { id: 'D', content: [{ kind: 'text', text: '1 1/2 cups (<- a lot)' }] },
          ],
          answer: { kind: 'choice', correct: ['B'] },
          hints: [
            [{ kind: 'text', text: 'Flour and sugar stay in the ratio 3 : 2.' }],
            [{ kind: 'text', text: 'Half a cup of sugar is 2 ÷ 4. Divide the flour by 4 too.' }],
          ],
          solution: [[{ kind: 'text', text: '3 ÷ 4 = 3/4 cup of flour.' }]],
        },
      },
    });
  });

  it('reads a text entry: the blank in the prompt, numeric answers become a number answer, marked solution only', () => {
    const r = parseQtiItem(fixture('qti3-text-entry.xml'), { source: 'te.xml', expect: 'qti3' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.item.skill).toBeNull();
    expect(r.item.content).toEqual({
      prompt: [{ kind: 'text', text: 'There are 4 bags with 5 apples in each bag.\n4 × 5 = ____ apples' }],
      answer: { kind: 'number', value: '20' },
      hints: [[{ kind: 'text', text: 'Count by fives: 5, 10, …' }]],
      solution: [[{ kind: 'text', text: '5 + 5 + 5 + 5 = 20.' }]],
    });
  });

  it('keeps different numbers, or words, as text answers', () => {
    const decl = `<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="string">
      <qti-correct-response><qti-value>3</qti-value></qti-correct-response>
      <qti-mapping><qti-map-entry map-key="4" mapped-value="1"/><qti-map-entry map-key="Seven" mapped-value="1" case-sensitive="true"/></qti-mapping>
    </qti-response-declaration>`;
    const r = parseQtiItem(qti3(`<p>Name a number: ${entry}</p>`, { decl }), { source: 'x' });
    expect(r.ok && r.item.content.answer).toEqual({ kind: 'text', accepted: ['3', '4', 'Seven'] });
    // Case-sensitive only when every credited map entry says so.
    const strict = parseQtiItem(qti3(`<p>${entry}</p>`, { decl: decl.replace('map-key="4" mapped-value="1"', 'map-key="Four" mapped-value="1" case-sensitive="true"') }), { source: 'x' });
    expect(strict.ok && strict.item.content.answer).toEqual({ kind: 'text', accepted: ['3', 'Four', 'Seven'], caseSensitive: true });
  });

  it('finds the skill in a label token "skill:CODE"', () => {
    const r = parseQtiItem(qti3(`<p>${entry}</p>`, { root: 'label="unit-2; skill:g3.mult-facts-2-5"' }), { source: 'x' });
    expect(r.ok && r.item.skill).toBe('g3.mult-facts-2-5');
  });

  it('turns MathML into TeX: a TeX annotation wins, the K-8 subset is converted, alttext is the fallback', () => {
    const annotated = '<math><semantics><mrow><mi>x</mi></mrow><annotation encoding="application/x-tex">x^{2}+1</annotation></semantics></math>';
    const converted = '<math><msup><mi>x</mi><mn>2</mn></msup><mo>×</mo><msqrt><mn>9</mn></msqrt><mo>−</mo><mfenced><mn>1</mn><mn>2</mn></mfenced></math>';
    const alt = '<math alttext="a 2 by 2 table"><mtable><mtr><mtd><mn>1</mn></mtd></mtr></mtable></math>';
    const r = parseQtiItem(qti3(`<p>${annotated} ${converted} ${alt} x<sup>3</sup> ${entry}</p>`), { source: 'x' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.item.content.prompt).toEqual([
      { kind: 'math', tex: 'x^{2}+1' },
      { kind: 'text', text: ' ' },
      { kind: 'math', tex: '{x}^{2}\\times \\sqrt{9}-\\left(1,2\\right)' },
      { kind: 'text', text: ' a 2 by 2 table x' },
      { kind: 'math', tex: '{}^{3}' },
      { kind: 'text', text: ' ____' },
    ]);
  });

  it('rejects MathML it cannot convert, naming the element', () => {
    const r = parseQtiItem(qti3(`<p><math><munder><mo>∑</mo><mi>i</mi></munder></math> ${entry}</p>`), { source: 'x' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatchObject({ item: 'x', code: 'unsupported_math', path: 'qti-item-body/p/math' });
    expect(!r.ok && r.errors[0]!.message).toContain('<munder>');
  });

  it('reports every problem of an item at once', () => {
    const r = parseQtiItem(fixture('qti3-invalid.xml'), { source: 'qti3-invalid.xml' });
    expect(codes(r)).toEqual(['unsupported_interaction', 'unsupported_content', 'unknown_choice']);
    expect(!r.ok && r.errors.every((e) => e.item === 'qti3-invalid.xml')).toBe(true);
  });

  it('rejects items Trellis cannot represent', () => {
    expect(codes(parseQtiItem(qti3('<p>No interaction.</p>'), { source: 'x' }))).toEqual(['no_interaction']);
    expect(codes(parseQtiItem(qti3(`<p>${entry} ${entry}</p>`), { source: 'x' }))).toEqual(['multiple_interactions']);
    expect(codes(parseQtiItem(qti3(`<p>${entry}</p><script>alert(1)</script>`), { source: 'x' }))).toEqual(['unsupported_content']);
    const integer = '<qti-response-declaration identifier="RESPONSE" base-type="integer"><qti-correct-response><qti-value>seven</qti-value></qti-correct-response></qti-response-declaration>';
    expect(codes(parseQtiItem(qti3(`<p>${entry}</p>`, { decl: integer }), { source: 'x' }))).toEqual(['not_a_number']);
    const noDecl = '<qti-outcome-declaration identifier="SCORE" base-type="float"/>';
    expect(codes(parseQtiItem(qti3(`<p>${entry}</p>`, { decl: noDecl }), { source: 'x' }))).toEqual(['missing_response_declaration']);
    const hints = Array.from({ length: 4 }, (_, i) => `<qti-feedback-block outcome-identifier="HINT" identifier="H${i}">hint ${i}</qti-feedback-block>`).join('');
    expect(codes(parseQtiItem(qti3(`<p>${entry}</p>${hints}`), { source: 'x' }))).toEqual(['too_many_hints']);
    expect(codes(parseQtiItem('<html><body/></html>', { source: 'x' }))).toEqual(['not_qti_item']);
    expect(codes(parseQtiItem(fixture('qti3-choice.xml'), { source: 'x', expect: 'qti21' }))).toEqual(['format_mismatch']);
  });
});

describe('QTI 2.1', () => {
  it('reads a multiple-response choice item; an unmarked modal feedback becomes the solution', () => {
    const r = parseQtiItem(fixture('qti21-choice.xml'), { source: 'c.xml' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.version).toBe('qti21');
    expect(r.item).toMatchObject({ externalId: 'even-products', skill: null });
    expect(r.item.content).toEqual({
      prompt: [{ kind: 'text', text: 'Which products are even? Select all that apply.' }],
      choices: [
        { id: 'a', content: [{ kind: 'text', text: '2 × 3' }] },
        { id: 'b', content: [{ kind: 'text', text: '3 × 5' }] },
        { id: 'c', content: [{ kind: 'text', text: '4 × 5' }] },
      ],
      answer: { kind: 'choice', correct: ['a', 'c'] },
      hints: [],
      solution: [[{ kind: 'text', text: 'A product is even when one of its factors is even.' }]],
    });
  });

  it('reads a text entry with mapEntry alternatives and a feedbackBlock hint', () => {
    const r = parseQtiItem(fixture('qti21-text-entry.xml'), { source: 't.xml', expect: 'qti21' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.item).toMatchObject({ externalId: 'ratio-word', skill: 'g6.ratios' });
    expect(r.item.content).toEqual({
      prompt: [{ kind: 'text', text: 'A comparison of two quantities by division, such as 3 to 2, is called a ____.' }],
      answer: { kind: 'text', accepted: ['ratio', 'a ratio'] },
      hints: [[{ kind: 'text', text: 'It starts with the letter “r”.' }]],
      solution: [],
    });
  });
});

describe('safe XML', () => {
  it('rejects billion laughs before parsing, without expanding anything', () => {
    const r = parseQtiItem(fixture('billion-laughs.xml'), { source: 'lol.xml' });
    expect(r).toEqual({ ok: false, errors: [{ item: 'lol.xml', code: 'xml_doctype', message: expect.stringContaining('DOCTYPE') }] });
  });

  it('rejects external entities (XXE) without reading files', () => {
    const r = parseQtiItem(fixture('xxe.xml'), { source: 'xxe.xml' });
    expect(codes(r)).toEqual(['xml_doctype']);
    expect(JSON.stringify(r)).not.toContain('root:');
  });

  it('decodes only the XML entities and character references', () => {
    const ok = parseQtiItem(qti3(`<p>3 &#215; 4 &lt; 13 &amp;&#x2009;more ${entry}</p>`), { source: 'x' });
    expect(ok.ok && ok.item.content.prompt).toEqual([{ kind: 'text', text: '3 × 4 < 13 &\u2009more ____' }]);
    expect(codes(parseQtiItem(qti3(`<p>a&nbsp;b ${entry}</p>`), { source: 'x' }))).toEqual(['xml_entity']);
    expect(codes(parseQtiItem(qti3(`<p>${entry}</p>`, { root: 'title="a & b"' }), { source: 'x' }))).toEqual(['xml_entity']);
  });

  it('bounds size, depth and element count', () => {
    expect(codes(parseQtiItem(fixture('too-deep.xml'), { source: 'x' }))).toEqual(['xml_too_deep']);
    const huge = qti3(`<p>${'x'.repeat(300 * 1024)} ${entry}</p>`);
    expect(parseQtiItem(huge, { source: 'big.xml' })).toMatchObject({ ok: false, errors: [{ code: 'xml_too_large', message: expect.stringContaining('256 KB') }] });
    expect(codes(parseQtiItem(qti3(`<p>${'<br/>'.repeat(6000)} ${entry}</p>`), { source: 'x' }))).toEqual(['xml_too_many_elements']);
  });

  it('reports malformed XML with its position', () => {
    const r = parseQtiItem('<qti-assessment-item identifier="a">\n<qti-item-body></qti-assessment-item>', { source: 'x' });
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'xml_malformed', message: expect.stringMatching(/^line 2, column \d+: /) });
  });
});
