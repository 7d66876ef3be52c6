// The one shape of a refused request (400): which field, and what it must look
// like. Every route family's error union includes it.

export interface InvalidRequest {
  readonly kind: 'invalid-request';
  /** Dotted path of the field at fault (`policyNumber`, `id`), or `body` / `host` for the request as a whole. */
  readonly field: string;
  readonly message: string;
}

export const invalidRequest = (field: string, message: string): InvalidRequest => ({ kind: 'invalid-request', field, message });

/** The first issue of a failed schema check (zod's `issues`, kept structural so this file stays zod-free). */
export function invalidRequestOf(issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[]): InvalidRequest {
  const issue = issues[0];
  return invalidRequest(issue?.path.map(String).join('.') ?? '', issue?.message ?? 'invalid');
}
