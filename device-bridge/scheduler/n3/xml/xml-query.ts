// Reading parsed XML by namespace URI and local name, tolerant the way a hub
// needs: a name may be given in several spellings, `xsi:nil` reads as null,
// unknown elements are simply not asked for.
import type { XmlElement } from './xml-reader';
import { XSI_NS } from './xml-writer';

/** Which namespaces a lookup accepts: one URI, or a test (e.g. a data-contract family). */
export type NsMatch = string | ((ns: string) => boolean);

const nsMatches = (match: NsMatch, ns: string) => (typeof match === 'string' ? match === ns : match(ns));

export function isNil(e: XmlElement): boolean {
  return e.attributes.some((a) => a.ns === XSI_NS && a.local === 'nil' && a.value.trim() === 'true');
}

/** The first child with one of the local names in the namespace. */
export function child(parent: XmlElement | null | undefined, ns: NsMatch, ...names: string[]): XmlElement | null {
  if (!parent) return null;
  return parent.children.find((c) => names.includes(c.local) && nsMatches(ns, c.ns)) ?? null;
}

/** Every child with one of the local names in the namespace. */
export function children(parent: XmlElement | null | undefined, ns: NsMatch, ...names: string[]): XmlElement[] {
  if (!parent) return [];
  return parent.children.filter((c) => names.includes(c.local) && nsMatches(ns, c.ns));
}

/** A path of children, each step with its spellings. */
export function path(parent: XmlElement | null | undefined, ns: NsMatch, ...steps: (string | string[])[]): XmlElement | null {
  let at: XmlElement | null = parent ?? null;
  for (const step of steps) at = child(at, ns, ...(typeof step === 'string' ? [step] : step));
  return at;
}

/** Trimmed text of a child, or null when it is absent, nil or empty. */
export function textOf(parent: XmlElement | null | undefined, ns: NsMatch, ...names: string[]): string | null {
  const c = child(parent, ns, ...names);
  if (!c || isNil(c)) return null;
  const t = c.text.trim();
  return t === '' ? null : t;
}
