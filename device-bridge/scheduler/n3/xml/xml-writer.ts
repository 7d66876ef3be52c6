// Builds XML from data, never from strings: every text and attribute value is
// escaped here, and characters XML 1.0 cannot carry are dropped, so a patient's
// name or a typed number can never change the document's structure.
export interface XmlNode {
  readonly ns: string;
  readonly local: string;
  /** Child elements, or text, or null for an `xsi:nil` element. */
  readonly content: readonly XmlNode[] | string | null;
}

export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** An element: children, text (numbers are written as decimals), or null (nil). */
export function el(ns: string, local: string, content: readonly XmlNode[] | string | number | null = []): XmlNode {
  return { ns, local, content: typeof content === 'number' ? String(content) : content };
}

// Tab, LF, CR and everything from U+0020 except surrogates (paired ones are kept) and U+FFFE/U+FFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDBFF\uDC00-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXmlText(value: string): string {
  return value
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

const LOCAL_NAME = /^[A-Za-z_][\w.-]*$/;

/**
 * Serializes `root` with a prefix per namespace declared on the root, in the
 * order the namespaces are met (`prefixes` names them; others get n0, n1, …).
 */
export function writeXml(root: XmlNode, prefixes: ReadonlyMap<string, string> = new Map()): string {
  const assigned = new Map<string, string>();
  let nilUsed = false;
  const collect = (node: XmlNode): void => {
    if (!LOCAL_NAME.test(node.local)) throw new TypeError(`writeXml: not an element name: ${node.local}`);
    if (!assigned.has(node.ns)) assigned.set(node.ns, prefixes.get(node.ns) ?? `n${assigned.size}`);
    if (node.content === null) nilUsed = true;
    else if (typeof node.content !== 'string') node.content.forEach(collect);
  };
  collect(root);
  if (nilUsed && !assigned.has(XSI_NS)) assigned.set(XSI_NS, prefixes.get(XSI_NS) ?? 'i');
  // A namespace given the prefix '' is the default namespace (then no element may be in no namespace).
  const qname = (node: XmlNode) => {
    const p = node.ns === '' ? '' : assigned.get(node.ns)!;
    return p === '' ? node.local : `${p}:${node.local}`;
  };
  const declarations = [...assigned]
    .filter(([ns]) => ns !== '')
    .map(([ns, p]) => (p === '' ? ` xmlns="${escapeXmlText(ns)}"` : ` xmlns:${p}="${escapeXmlText(ns)}"`))
    .join('');
  const write = (node: XmlNode, top: boolean): string => {
    const open = `${qname(node)}${top ? declarations : ''}`;
    if (node.content === null) return `<${open} ${assigned.get(XSI_NS)}:nil="true"/>`;
    if (typeof node.content === 'string') return `<${open}>${escapeXmlText(node.content)}</${qname(node)}>`;
    if (node.content.length === 0) return `<${open}/>`;
    return `<${open}>${node.content.map((c) => write(c, false)).join('')}</${qname(node)}>`;
  };
  return `<?xml version="1.0" encoding="utf-8"?>${write(root, true)}`;
}
