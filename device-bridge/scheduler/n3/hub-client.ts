// One HubService call over HTTP(S): the request built from data, a deadline,
// an answer size cap, and every transport or server failure as a typed
// `unavailable` whose cause names what failed, never what was sent.
import { err, type Result } from '../../contract/result';
import { arg, operationResult, requestEnvelope, soapAction, type HubFailure } from './soap-envelope';
import type { XmlElement } from './xml/xml-reader';
import type { XmlNode } from './xml/xml-writer';

export interface HubClientOptions {
  /** `https://hub.example/HubService.svc` */
  readonly baseUrl: string;
  /** The integrator's key: sent in every call, never logged. */
  readonly guid: string;
  /** Longest one HTTP exchange may take (the resilience wrapper bounds the port call as a whole). */
  readonly timeoutMs: number;
  /** Answers longer than this are abandoned as unavailable. */
  readonly maxAnswerBytes?: number;
  /** Counts every call, for the hub-calls-per-booking figure. */
  readonly onCall?: (operation: string) => void;
}

export const DEFAULT_MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** Operations the hub takes without `guid` (CheckIn in the clients seen). */
const WITHOUT_GUID = new Set(['CheckIn']);

export class HubClient {
  constructor(private readonly options: HubClientOptions) {}

  /** Calls `operation` with `args` (after `guid`); answers its `<Op>Result` when Success is true. */
  async call(operation: string, args: readonly XmlNode[]): Promise<Result<XmlElement, HubFailure>> {
    this.options.onCall?.(operation);
    const body = requestEnvelope(operation, WITHOUT_GUID.has(operation) ? args : [arg('guid', this.options.guid), ...args]);
    let response: Response;
    try {
      response = await fetch(this.options.baseUrl, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: soapAction(operation) },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (cause) {
      return err({ kind: 'unavailable', cause: `${operation}: ${transportCause(cause)}` });
    }
    const text = await readCapped(response, this.options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES);
    if (!text.ok) return err({ kind: 'unavailable', cause: `${operation}: ${text.error}` });
    const result = operationResult(text.value, operation);
    if (!response.ok) {
      // WCF answers a fault with HTTP 500: report the status and, when there is one, the fault's code.
      const fault = !result.ok && result.error.kind === 'unavailable' && result.error.cause.startsWith('SOAP fault') ? ` ${result.error.cause}` : '';
      return err({ kind: 'unavailable', cause: `${operation}: HTTP ${response.status}${fault}` });
    }
    if (!result.ok && result.error.kind === 'unavailable') return err({ kind: 'unavailable', cause: `${operation}: ${result.error.cause}` });
    return result;
  }
}

function transportCause(cause: unknown): string {
  const e = cause as { name?: string; cause?: { code?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  return `cannot reach the hub (${e?.cause?.code ?? e?.name ?? 'error'})`;
}

async function readCapped(response: Response, maxBytes: number): Promise<Result<string, string>> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return err(`answer too large (${declared} bytes, limit ${maxBytes})`);
  }
  const reader = response.body?.getReader();
  if (!reader) return { ok: true, value: '' };
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return err(`answer too large (over ${maxBytes} bytes)`);
      }
      chunks.push(value);
    }
  } catch (cause) {
    const e = cause as { name?: string };
    return err(e?.name === 'TimeoutError' || e?.name === 'AbortError' ? 'timeout while reading the answer' : 'connection dropped mid-answer');
  }
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return err('malformed answer: not UTF-8');
  }
}
