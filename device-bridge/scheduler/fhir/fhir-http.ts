// The FHIR adapter's HTTP: JSON over fetch with a bearer token, one deadline
// per port call shared by all of its requests, and every transport problem
// (refused, reset, timeout, 5xx, not JSON, credentials refused) turned into a
// typed `unavailable` with a cause that names no patient: causes carry the
// method and resource type, never a URL's query or a body.
import { err, ok, type Result } from '../../contract/result';
import type { SchedulerError } from '../scheduler-port';

export interface FhirHttpOptions {
  /** Base of the FHIR REST API, e.g. `https://fhir.clinic.local/fhir/R4/`. */
  readonly baseUrl: string;
  /** Bearer token; never logged, never part of a cause. */
  readonly token?: string | null;
}

export interface FhirAnswer {
  readonly status: number;
  /** Version from the ETag header (`W/"3"` → `3`), for If-Match. */
  readonly version: string | null;
  readonly body: unknown;
}

/** One port call's time budget: every request in it gets what is left. */
export class Deadline {
  private readonly at: number;
  constructor(readonly ms: number) {
    this.at = performance.now() + ms;
  }
  left(): number {
    return this.at - performance.now();
  }
}

type Unavailable = Extract<SchedulerError, { kind: 'unavailable' }>;
const unavailable = (cause: string): Unavailable => ({ kind: 'unavailable', cause });

/** Statuses a caller handles itself; anything else not 2xx is an outage or our bug. */
const PASSED_THROUGH = new Set([404, 409, 410, 412, 422]);

export class FhirHttp {
  private readonly base: URL;
  private readonly inFlight = new Set<AbortController>();

  constructor(private readonly options: FhirHttpOptions) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  }

  /** `path` is relative to the base (`Slot?status=free`, `Appointment/123`) or an absolute `next` link on the same server. */
  async request(
    deadline: Deadline,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Result<FhirAnswer, Unavailable>> {
    const what = `${method} ${resourceTypeOf(path)}`;
    const left = deadline.left();
    if (left <= 0) return err(unavailable(`timeout: no answer within ${deadline.ms} ms (${what})`));
    const url = new URL(path, this.base);
    if (url.origin !== this.base.origin) return err(unavailable(`refusing to follow a link to another server (${what})`));

    const headers: Record<string, string> = { accept: 'application/fhir+json, application/json', ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/fhir+json';
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.ceil(left));
    this.inFlight.add(controller);
    try {
      const response = await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? null : JSON.stringify(options.body),
        signal: controller.signal,
      });
      const text = await response.text();
      if (response.status === 401 || response.status === 403) {
        return err(unavailable(`the FHIR server refused the kiosk's credentials (${response.status}, ${what})`));
      }
      if (response.status >= 500) return err(unavailable(`FHIR server error ${response.status} (${what})`));
      if (!response.ok && !PASSED_THROUGH.has(response.status)) {
        // The server's own text is left out: it may echo a policy number or a name.
        return err(unavailable(`the FHIR server rejected the request (${response.status}, ${what})`));
      }
      let body: unknown = null;
      if (text.trim() !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          return err(unavailable(`malformed answer: not JSON (${what})`));
        }
      }
      if (response.ok && (typeof body !== 'object' || body === null)) return err(unavailable(`malformed answer: no resource (${what})`));
      return ok({ status: response.status, version: versionOf(response.headers.get('etag')), body });
    } catch (cause) {
      if (controller.signal.aborted) return err(unavailable(`timeout: no answer within ${deadline.ms} ms (${what})`));
      return err(unavailable(`cannot reach the FHIR server: ${networkCode(cause)} (${what})`));
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }

  /** Aborts every request still running (on close). */
  abortAll(): void {
    for (const c of this.inFlight) c.abort();
    this.inFlight.clear();
  }
}

function resourceTypeOf(path: string): string {
  const clean = path.replace(/^https?:\/\/[^/]+/, '').split('?')[0] ?? '';
  const parts = clean.split('/').filter(Boolean);
  const type = parts.find((p) => /^[A-Z][A-Za-z]+$/.test(p));
  return type ?? 'metadata';
}

function versionOf(etag: string | null): string | null {
  if (!etag) return null;
  const m = /"([^"]+)"/.exec(etag);
  return m ? (m[1] ?? null) : etag;
}

function networkCode(cause: unknown): string {
  const c = cause as { cause?: { code?: string }; code?: string; name?: string };
  return c.cause?.code ?? c.code ?? c.name ?? 'network error';
}
