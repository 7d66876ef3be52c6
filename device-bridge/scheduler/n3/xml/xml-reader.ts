// A strict, namespace-aware XML reader for SOAP answers, on saxes (a maintained,
// conformant streaming parser): elements are named by namespace URI + local
// name (never by prefix), only the predefined entities and character references
// are known, and a DOCTYPE is refused (no entity definitions, no external
// fetches: a hostile hub cannot blow up the bridge). Malformed input is a value,
// never an exception; the error says where, never quotes the input (it may hold
// a patient's data).
import { SaxesParser, type SaxesTagNS } from 'saxes';
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

interface Building {
  readonly ns: string;
  readonly local: string;
  readonly attributes: XmlAttribute[];
  readonly children: XmlElement[];
  text: string;
}

/** Thrown inside the parser's callbacks to stop at the first problem; never leaves this module. */
class Stop extends Error {}

/** Parses a whole document into its root element, or says (without quoting the input) what is wrong. */
export function parseXml(source: string, limits: XmlLimits = DEFAULT_LIMITS): Result<XmlElement, string> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: Building[] = [];
  let root: XmlElement | null = null;
  let elements = 0;
  let problem: string | null = null;
  const stop = (what: string): never => {
    problem ??= `malformed XML at offset ${parser.position}: ${what}`;
    throw new Stop(what);
  };

  // saxes reports the error text with line and column; only the kind is kept (it can echo names, never data).
  parser.on('error', (error) => stop(error.message.replace(/^.*?:\d+:\d+: /, '').replace(/["'].*$/, '').trim() || 'not well-formed'));
  parser.on('doctype', () => stop('DOCTYPE and declarations are not accepted'));
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (++elements > limits.maxElements) stop('too many elements');
    if (stack.length >= limits.maxDepth) stop('nested too deep');
    const attributes: XmlAttribute[] = [];
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.uri === XMLNS_NS || attribute.name === 'xmlns') continue;
      attributes.push({ ns: attribute.uri, local: attribute.local, value: attribute.value });
    }
    stack.push({ ns: tag.uri, local: tag.local, attributes, children: [], text: '' });
  });
  const addText = (text: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const top = stack.pop();
    if (!top) return stop('an end tag without its start tag');
    const done: XmlElement = { ns: top.ns, local: top.local, attributes: top.attributes, children: top.children, text: top.text };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(done);
    else root = done;
  });

  try {
    parser.write(source).close();
  } catch (error) {
    if (!(error instanceof Stop) && problem === null) problem = 'malformed XML: not well-formed';
  }
  if (problem !== null) return err(problem);
  if (stack.length > 0) return err('malformed XML: the document ends inside an element');
  if (!root) return err('malformed XML: no root element');
  return ok(root);
}
