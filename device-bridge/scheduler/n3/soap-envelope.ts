// The HubService's SOAP 1.1 envelope (the README's "N3 HubService" section sums
// up the wire): requests are built from data with escaping, answers are read by
// namespace and local name.
// Shared by the adapter and the emulator, so both speak exactly one dialect.
import { err, ok, type Result } from '../../contract/result';
import { child, children, path, textOf } from './xml/xml-query';
import { parseXml, type XmlElement } from './xml/xml-reader';
import { el, writeXml, XSI_NS, type XmlNode } from './xml/xml-writer';

export const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** Operations and their arguments. */
export const TEMPURI = 'http://tempuri.org/';
/** Data contracts (`pat`, results); some types live in sub-namespaces of it. */
export const DC_NS = 'http://schemas.datacontract.org/2004/07/HubService2';
export const ARRAYS_NS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';

/** Any data-contract namespace of the hub (HubService2 and its sub-namespaces such as HubService2.ContractsClasses…). */
export const DC = (ns: string): boolean => ns === DC_NS || ns.startsWith(`${DC_NS}.`);

export const soapAction = (operation: string) => `"http://tempuri.org/IHubService/${operation}"`;

/** An argument of an operation (namespace tempuri.org). */
export const arg = (local: string, content: readonly XmlNode[] | string | number | null) => el(TEMPURI, local, content);
/** A member of a data contract such as `pat`. */
export const member = (local: string, content: readonly XmlNode[] | string | number | null) => el(DC_NS, local, content);

export function requestEnvelope(operation: string, args: readonly XmlNode[]): string {
  const envelope = el(SOAP_NS, 'Envelope', [el(SOAP_NS, 'Body', [el(TEMPURI, operation, args)])]);
  return writeXml(envelope, new Map([[SOAP_NS, 's'], [TEMPURI, 'tns'], [DC_NS, 'a'], [XSI_NS, 'i'], [ARRAYS_NS, 'b']]));
}

/** One entry of a result's ErrorList. */
export interface HubError {
  readonly id: string | null;
  /** The hub's own text: for the log (after redaction), never for a patient's screen. */
  readonly description: string;
}

export type HubFailure =
  | { readonly kind: 'unavailable'; readonly cause: string }
  /** `Success=false` with an ErrorList: a business refusal, HTTP 200. */
  | { readonly kind: 'refused'; readonly errors: readonly HubError[] };

/** The SOAP body's first element, or why there is none; a Fault is reported by its code only (its text may echo a request). */
export function answerBody(xml: string): Result<XmlElement, HubFailure> {
  const parsed = parseXml(xml);
  if (!parsed.ok) return err({ kind: 'unavailable', cause: parsed.error });
  const envelope = parsed.value;
  if (envelope.ns !== SOAP_NS || envelope.local !== 'Envelope') return err({ kind: 'unavailable', cause: 'malformed answer: not a SOAP 1.1 envelope' });
  const first = child(envelope, SOAP_NS, 'Body')?.children[0];
  if (!first) return err({ kind: 'unavailable', cause: 'malformed answer: empty SOAP body' });
  if (first.ns === SOAP_NS && first.local === 'Fault') {
    const code = textOf(first, '', 'faultcode') ?? textOf(first, SOAP_NS, 'faultcode') ?? 'unknown';
    return err({ kind: 'unavailable', cause: `SOAP fault ${code.replace(/[^\w:.-]/g, '').slice(0, 60)}` });
  }
  return ok(first);
}

/** The `<Op>Result` of an answer, after its Success/ErrorList are read. */
export function operationResult(xml: string, operation: string): Result<XmlElement, HubFailure> {
  const body = answerBody(xml);
  if (!body.ok) return body;
  if (body.value.ns !== TEMPURI || body.value.local !== `${operation}Response`) {
    return err({ kind: 'unavailable', cause: `malformed answer: expected ${operation}Response` });
  }
  const result = child(body.value, TEMPURI, `${operation}Result`);
  if (!result) return err({ kind: 'unavailable', cause: `malformed answer: no ${operation}Result` });
  const success = textOf(result, DC, 'Success');
  const errors = children(child(result, DC, 'ErrorList'), DC, 'Error').map((e) => ({
    id: textOf(e, DC, 'IdError', 'ErrorId'),
    description: textOf(e, DC, 'ErrorDescription', 'ErrorDescr') ?? '',
  }));
  if (success === 'false' || (success === null && errors.length > 0)) return err({ kind: 'refused', errors });
  if (success !== 'true') return err({ kind: 'unavailable', cause: `malformed answer: ${operation}Result has no Success` });
  return ok(result);
}

export { child, children, path, textOf };
