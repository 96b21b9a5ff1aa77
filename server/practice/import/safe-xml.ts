// Parses untrusted XML (teacher uploads) into a small element tree, refusing anything that
// could make parsing expensive or reach outside the document. DTDs are rejected before the
// parser sees the text (no external entities, no entity expansion, so billion-laughs and
// XXE fail in one linear scan); only the five XML entities and numeric character
// references are decoded, by us; size, depth and element count are bounded.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  kind: 'element';
  /** Local name: namespace prefixes are dropped (m:math → math). */
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | { kind: 'text'; text: string };

export const XML_LIMITS = { bytes: 256 * 1024, depth: 48, elements: 5_000 };

export type XmlProblemCode = 'xml_too_large' | 'xml_doctype' | 'xml_malformed' | 'xml_too_deep' | 'xml_too_many_elements' | 'xml_entity';
export type SafeXml = { ok: true; root: XmlElement } | { ok: false; code: XmlProblemCode; message: string };

const parser = new XMLParser({
  preserveOrder: true, // mixed content ("What is <b>3</b> × 4?") must keep its order
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: true,
  processEntities: false, // we decode the predefined entities ourselves, nothing else
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: true,
  cdataPropName: '#cdata', // CDATA text must not be entity-decoded
  maxNestedTags: XML_LIMITS.depth,
});

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9._-]{0,30});|&/g;

/** Decodes entity references; an unknown named entity or a bare "&" is an error, not text. */
export function decodeEntities(raw: string): { ok: true; text: string } | { ok: false; message: string } {
  let bad: string | null = null;
  const text = raw.replace(REFERENCE, (match, ref: string | undefined) => {
    if (ref === undefined) {
      bad ??= 'a bare "&" must be written as &amp;';
      return match;
    }
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const allowed = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff));
      if (!allowed) bad ??= `&${ref}; is not a character XML allows`;
      return allowed ? String.fromCodePoint(cp) : match;
    }
    const value = PREDEFINED[ref];
    if (value === undefined) bad ??= `&${ref}; is not an XML entity (documents may not declare entities; write the character or &#NNNN; instead)`;
    return value ?? match;
  });
  return bad ? { ok: false, message: bad } : { ok: true, text };
}

/** Cheap checks on the raw text, before any parser runs. */
function precheck(xml: string): SafeXml | null {
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > XML_LIMITS.bytes) {
    return { ok: false, code: 'xml_too_large', message: `the item is ${Math.ceil(bytes / 1024)} KB; the limit is ${XML_LIMITS.bytes / 1024} KB` };
  }
  // Any markup declaration other than a comment or CDATA section: DOCTYPE, ENTITY, ELEMENT...
  // Checked everywhere (even inside comments): refusing too much is safe here.
  if (/<!(?!--|\[CDATA\[)/.test(xml)) {
    return { ok: false, code: 'xml_doctype', message: 'DOCTYPE and entity declarations are not allowed in imported items' };
  }
  // Each element needs at least one "<"; this bounds the work before parsing.
  let tags = 0;
  for (let i = xml.indexOf('<'); i !== -1; i = xml.indexOf('<', i + 1)) {
    if (++tags > XML_LIMITS.elements * 2 + 16) {
      return { ok: false, code: 'xml_too_many_elements', message: `more than ${XML_LIMITS.elements} elements` };
    }
  }
  return null;
}

type FxpNode = Record<string, unknown>;

class Converter {
  elements = 0;
  problem: SafeXml | null = null;

  fail(code: XmlProblemCode, message: string): void {
    this.problem ??= { ok: false, code, message };
  }

  nodes(list: FxpNode[], depth: number): XmlNode[] {
    const out: XmlNode[] = [];
    for (const node of list) {
      if (this.problem) return out;
      if ('#text' in node) {
        const decoded = decodeEntities(String(node['#text']));
        if (!decoded.ok) this.fail('xml_entity', decoded.message);
        else if (decoded.text) out.push({ kind: 'text', text: decoded.text });
        continue;
      }
      if ('#cdata' in node) {
        const parts = node['#cdata'] as FxpNode[];
        out.push({ kind: 'text', text: parts.map((p) => String(p['#text'] ?? '')).join('') });
        continue;
      }
      const name = Object.keys(node).find((k) => k !== ':@');
      if (!name) continue;
      if (++this.elements > XML_LIMITS.elements) {
        this.fail('xml_too_many_elements', `more than ${XML_LIMITS.elements} elements`);
        return out;
      }
      if (depth > XML_LIMITS.depth) {
        this.fail('xml_too_deep', `elements nest more than ${XML_LIMITS.depth} deep`);
        return out;
      }
      const attrs: Record<string, string> = Object.create(null);
      for (const [key, value] of Object.entries((node[':@'] as Record<string, unknown> | undefined) ?? {})) {
        if (value === true) {
          attrs[key] = 'true';
          continue;
        }
        const decoded = decodeEntities(String(value));
        if (!decoded.ok) this.fail('xml_entity', `attribute ${key}: ${decoded.message}`);
        else attrs[key] = decoded.text;
      }
      out.push({ kind: 'element', name, attrs, children: this.nodes(node[name] as FxpNode[], depth + 1) });
    }
    return out;
  }
}

export function parseSafeXml(xml: string): SafeXml {
  const early = precheck(xml);
  if (early) return early;
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: true });
  if (valid !== true) {
    return { ok: false, code: 'xml_malformed', message: `line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}` };
  }
  let parsed: FxpNode[];
  try {
    parsed = parser.parse(xml) as FxpNode[];
  } catch (err) {
    const message = (err as Error).message;
    if (/nested/i.test(message)) return { ok: false, code: 'xml_too_deep', message: `elements nest more than ${XML_LIMITS.depth} deep` };
    return { ok: false, code: 'xml_malformed', message };
  }
  const converter = new Converter();
  const top = converter.nodes(parsed, 1);
  if (converter.problem) return converter.problem;
  const roots = top.filter((n): n is XmlElement => n.kind === 'element');
  if (roots.length !== 1 || top.some((n) => n.kind === 'text' && n.text.trim() !== '')) {
    return { ok: false, code: 'xml_malformed', message: 'a document must have exactly one root element' };
  }
  return { ok: true, root: roots[0]! };
}

// Tree helpers for the importers.
export const elementsOf = (el: XmlElement): XmlElement[] => el.children.filter((c): c is XmlElement => c.kind === 'element');
export const childNamed = (el: XmlElement, name: string): XmlElement | undefined => elementsOf(el).find((c) => c.name === name);
export const childrenNamed = (el: XmlElement, name: string): XmlElement[] => elementsOf(el).filter((c) => c.name === name);

/** Every descendant element (document order) for which match is true; does not descend into matches. */
export function findAll(el: XmlElement, match: (e: XmlElement) => boolean): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of elementsOf(el)) {
    if (match(child)) out.push(child);
    else out.push(...findAll(child, match));
  }
  return out;
}

/** Concatenated text of an element, whitespace collapsed. */
export const textOf = (el: XmlElement): string =>
  el.children
    .map((c) => (c.kind === 'text' ? c.text : textOf(c)))
    .join('')
    .replace(/[ \t\r\n]+/g, ' ')
    .trim();
