// A strict, namespace-aware XML reader for SOAP answers: elements are named by
// namespace URI + local name (never by prefix), entities are the five
// predefined ones and character references only, and a DOCTYPE is refused
// (no entity expansion, no external fetches: a hostile hub cannot blow up the
// bridge). Malformed input is a value, never an exception.
//
// Why not a library: no maintained XML parser is among this repository's
// dependencies (package.json); this module is the one seam to replace when one
// is added: everything else reads XmlElement.
import { err, ok, type Result } from '../../../contract/result';

export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface XmlAttribute {
  readonly ns: string;
  readonly local: string;
  readonly value: string;
}

export interface XmlElement {
  /** Namespace URI, '' when none. */
  readonly ns: string;
  readonly local: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlElement[];
  /** The element's own character data (CDATA included), children's left out. */
  readonly text: string;
}

export interface XmlLimits {
  /** Deepest nesting accepted. */
  readonly maxDepth: number;
  /** Most elements accepted in one document. */
  readonly maxElements: number;
}

const DEFAULT_LIMITS: XmlLimits = { maxDepth: 64, maxElements: 200_000 };

const NAME = /^[A-Za-z_\u00C0-\uFFEF][\w.\-\u00B7\u00C0-\uFFEF]*(?::[A-Za-z_\u00C0-\uFFEF][\w.\-\u00B7\u00C0-\uFFEF]*)?$/;
const START_TAG = /<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

interface Building {
  readonly qname: string;
  readonly ns: string;
  readonly local: string;
  readonly attributes: XmlAttribute[];
  readonly children: XmlElement[];
  text: string;
  readonly scope: ReadonlyMap<string, string>;
}

/** Decodes entity and character references; null when one is unknown or invalid. */
function decode(raw: string): string | null {
  if (!raw.includes('&')) return raw;
  let bad = false;
  const out = raw.replace(/&([^;&\s]{0,10});?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) {
      bad = true;
      return '';
    }
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) {
        bad = true;
        return '';
      }
      return String.fromCodePoint(code);
    }
    const v = PREDEFINED[ref];
    if (v === undefined) bad = true;
    return v ?? '';
  });
  return bad ? null : out;
}

function splitQName(qname: string): [prefix: string, local: string] {
  const i = qname.indexOf(':');
  return i < 0 ? ['', qname] : [qname.slice(0, i), qname.slice(i + 1)];
}

/** Parses a whole document into its root element, or says (without quoting the input) what is wrong. */
export function parseXml(source: string, limits: XmlLimits = DEFAULT_LIMITS): Result<XmlElement, string> {
  const stack: Building[] = [];
  let root: XmlElement | null = null;
  let elements = 0;
  let i = 0;
  const n = source.length;
  const fail = (what: string) => err(`malformed XML at offset ${i}: ${what}`);

  while (i < n) {
    const lt = source.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const raw = source.slice(i, textEnd);
      const top = stack[stack.length - 1];
      if (!top) {
        if (raw.trim() !== '') return fail('text outside the root element');
      } else {
        const decoded = decode(raw);
        if (decoded === null) return fail('unknown or broken entity reference');
        top.text += decoded;
      }
      i = textEnd;
      continue;
    }
    // at '<'
    if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i + 4);
      if (end < 0) return fail('unterminated comment');
      i = end + 3;
    } else if (source.startsWith('<![CDATA[', i)) {
      const end = source.indexOf(']]>', i + 9);
      const top = stack[stack.length - 1];
      if (end < 0 || !top) return fail('CDATA outside an element or unterminated');
      top.text += source.slice(i + 9, end);
      i = end + 3;
    } else if (source.startsWith('<?', i)) {
      const end = source.indexOf('?>', i + 2);
      if (end < 0) return fail('unterminated processing instruction');
      i = end + 2;
    } else if (source.startsWith('<!', i)) {
      return fail('DOCTYPE and declarations are not accepted');
    } else if (source.startsWith('</', i)) {
      const end = source.indexOf('>', i + 2);
      if (end < 0) return fail('unterminated end tag');
      const qname = source.slice(i + 2, end).trim();
      const top = stack.pop();
      if (!top || top.qname !== qname) return fail('end tag does not match its start tag');
      const done: XmlElement = { ns: top.ns, local: top.local, attributes: top.attributes, children: top.children, text: top.text };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(done);
      else root = done;
      i = end + 1;
    } else {
      if (root) return fail('a second root element');
      // A start tag: name, attributes, then '>' or '/>'.
      START_TAG.lastIndex = i;
      const tag = START_TAG.exec(source);
      if (!tag) return fail('broken start tag');
      const qname = tag[1]!;
      if (!NAME.test(qname)) return fail('invalid element name');
      if (++elements > limits.maxElements) return fail('too many elements');
      if (stack.length >= limits.maxDepth) return fail('nested too deep');
      const rawAttrs: [string, string][] = [];
      const attrRe = /([^\s=/>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;
      for (let m = attrRe.exec(tag[2] ?? ''); m; m = attrRe.exec(tag[2] ?? '')) {
        const value = decode(m[2] ?? m[3] ?? '');
        if (value === null) return fail('unknown or broken entity reference in an attribute');
        if (rawAttrs.some(([name]) => name === m![1])) return fail('a repeated attribute');
        rawAttrs.push([m[1]!, value]);
      }
      const parentScope = stack[stack.length - 1]?.scope ?? new Map([['xml', XML_NS]]);
      let scope: Map<string, string> | ReadonlyMap<string, string> = parentScope;
      for (const [name, value] of rawAttrs) {
        if (name === 'xmlns' || name.startsWith('xmlns:')) {
          if (scope === parentScope) scope = new Map(parentScope);
          (scope as Map<string, string>).set(name === 'xmlns' ? '' : name.slice(6), value);
        }
      }
      const [prefix, local] = splitQName(qname);
      const ns = scope.get(prefix);
      if (ns === undefined && prefix !== '') return fail('an unbound namespace prefix');
      const attributes: XmlAttribute[] = [];
      for (const [name, value] of rawAttrs) {
        if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
        const [p, l] = splitQName(name);
        const ans = p === '' ? '' : scope.get(p);
        if (ans === undefined) return fail('an unbound attribute prefix');
        attributes.push({ ns: ans, local: l, value });
      }
      const building: Building = { qname, ns: ns ?? '', local, attributes, children: [], text: '', scope };
      i += tag[0].length;
      if (tag[3] === '/') {
        const done: XmlElement = { ns: building.ns, local, attributes, children: [], text: '' };
        const parent = stack[stack.length - 1];
        if (parent) parent.children.push(done);
        else root = done;
      } else {
        stack.push(building);
      }
    }
  }
  if (stack.length > 0) return err('malformed XML: the document ends inside an element');
  if (!root) return err('malformed XML: no root element');
  return ok(root);
}
