// Reading FHIR searches: paged Bundles (a `next` link, or `_offset` for servers
// that give only a total), long OR lists split into chunks, and every resource
// checked with its zod slice (fhir-resources.ts). A resource that does not fit
// is a malformed answer (`unavailable`), never a crash.
import type { z } from 'zod';
import { err, ok, type Result } from '../../contract/result';
import type { SchedulerError } from '../scheduler-port';
import type { Deadline, FhirAnswer, FhirHttp } from './fhir-http';
import { bundleSchema } from './fhir-resources';

export type Outcome<T> = Result<T, SchedulerError>;
export type Unavailable = Extract<SchedulerError, { kind: 'unavailable' }>;

export const unavailable = (cause: string): Unavailable => ({ kind: 'unavailable', cause });

const PAGE_SIZE = 500;
const MAX_PAGES = 40;
/** Values per search parameter in one request, to keep URLs short. */
const CHUNK = 40;

export type SearchParams = Record<string, string | string[]>;

export async function search<T>(
  http: FhirHttp,
  d: Deadline,
  type: string,
  params: SearchParams,
  schema: z.ZodType<T>,
  options: { pages?: number } = {},
): Promise<Outcome<T[]>> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of Array.isArray(v) ? v : [v]) query.append(k, one);
  if (!query.has('_count')) query.set('_count', String(PAGE_SIZE));
  let path: string | null = `${type}?${query.toString()}`;
  const out: T[] = [];
  for (let page = 0; path && page < (options.pages ?? MAX_PAGES); page++) {
    const answer: Result<FhirAnswer, Unavailable> = await http.request(d, 'GET', path);
    if (!answer.ok) return err(answer.error);
    const bundle = bundleSchema.safeParse(answer.value.body);
    if (!bundle.success) return err(unavailable(`malformed answer: not a Bundle (GET ${type})`));
    const entries = bundle.data.entry ?? [];
    for (const entry of entries) {
      const r = schema.safeParse(entry.resource);
      if (!r.success) return err(unavailable(`malformed answer: ${issueOf(r.error)} in a ${type}`));
      out.push(r.data);
    }
    path = bundle.data.link?.find((l) => l.relation === 'next')?.url ?? null;
    // Servers that give a total but no `next` link are paged with _offset.
    if (path === null && entries.length > 0 && bundle.data.total !== undefined && out.length < bundle.data.total) {
      query.set('_offset', String(out.length));
      path = `${type}?${query.toString()}`;
    }
  }
  return ok(out);
}

/** One search per `CHUNK` values of `param` (an OR list), results merged. */
export async function searchChunked<T>(
  http: FhirHttp,
  d: Deadline,
  type: string,
  param: string,
  values: readonly string[],
  params: SearchParams,
  schema: z.ZodType<T>,
  options: { pages?: number } = {},
): Promise<Outcome<T[]>> {
  if (values.length === 0) return ok([]);
  const chunks: string[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) chunks.push(values.slice(i, i + CHUNK));
  const results = await Promise.all(chunks.map((c) => search(http, d, type, { ...params, [param]: c.join(',') }, schema, options)));
  const out: T[] = [];
  for (const r of results) {
    if (!r.ok) return r;
    out.push(...r.value);
  }
  return ok(out);
}

/** One resource read by id: null when it is gone (404, 410), with the version for If-Match. */
export async function readVersioned<T extends { meta?: { versionId?: string | undefined } | undefined }>(
  http: FhirHttp,
  d: Deadline,
  type: string,
  id: string,
  schema: z.ZodType<T>,
): Promise<Outcome<{ resource: T; version: string | null } | null>> {
  const answer = await http.request(d, 'GET', `${type}/${id}`);
  if (!answer.ok) return err(answer.error);
  if (answer.value.status === 404 || answer.value.status === 410) return ok(null);
  const parsed = parse(schema, answer.value.body, type);
  if (!parsed.ok) return parsed;
  return ok({ resource: parsed.value, version: answer.value.version ?? parsed.value.meta?.versionId ?? null });
}

export function parse<T>(schema: z.ZodType<T>, body: unknown, type: string): Outcome<T> {
  const r = schema.safeParse(body);
  return r.success ? ok(r.data) : err(unavailable(`malformed answer: ${issueOf(r.error)} in a ${type}`));
}

function issueOf(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'resource'} ${issue.message.toLowerCase()}` : 'invalid';
}
