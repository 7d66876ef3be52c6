// Loads the kiosk config: built-in defaults, then each given file merged over
// them in order, then one validation of the whole. Either every field is valid
// and the config is returned, or every problem is returned; never half of it.
import { readFileSync } from 'node:fs';
import { kioskConfigSchema, type KioskConfig } from '../config/kiosk-config-schema';
import { err, ok, type Result } from './result';

export interface ConfigProblem {
  /** Dotted field path (`printer.url`) or the file at fault. */
  readonly path: string;
  readonly message: string;
}

const defaultsUrl = new URL('../config/kiosk.defaults.json', import.meta.url);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `overrides` (from the command line or a test) are merged last, over every file. */
export function loadKioskConfig(files: readonly string[] = [], overrides: object = {}): Result<KioskConfig, ConfigProblem[]> {
  const layers: Json[] = [];
  const problems: ConfigProblem[] = [];
  for (const source of [defaultsUrl, ...files]) {
    const layer = readJsonFile(source);
    if (layer.ok) layers.push(layer.value);
    else problems.push(layer.error);
  }
  if (problems.length > 0) return err(problems);
  const merged = [...layers, overrides as Json].reduce<Json>((acc, layer) => deepMerge(acc, layer), {});
  return validateKioskConfig(merged);
}

export function validateKioskConfig(candidate: unknown): Result<KioskConfig, ConfigProblem[]> {
  const parsed = kioskConfigSchema.safeParse(candidate);
  if (parsed.success) return ok(parsed.data);
  return err(
    parsed.error.issues.map((issue) => {
      const path = issue.path.map(String).join('.') || '(root)';
      const got = valueAt(candidate, issue.path);
      const shown = got === undefined ? '' : ` — got ${JSON.stringify(got)}`;
      return { path, message: `${issue.message}${shown}` };
    }),
  );
}

export function formatConfigProblems(problems: readonly ConfigProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('\n');
}

function readJsonFile(source: string | URL): Result<Json, ConfigProblem> {
  const name = source instanceof URL ? source.pathname : source;
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (cause) {
    return err({ path: name, message: `cannot read the file (${(cause as NodeJS.ErrnoException).code ?? 'error'})` });
  }
  try {
    return ok(JSON.parse(text) as Json);
  } catch (cause) {
    return err({ path: name, message: `not valid JSON: ${(cause as Error).message}` });
  }
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; anything else (arrays included) is replaced whole. */
function deepMerge(base: Json, layer: Json): Json {
  if (!isObject(base) || !isObject(layer)) return layer;
  const out: { [key: string]: Json } = { ...base };
  for (const [key, value] of Object.entries(layer)) out[key] = deepMerge(out[key] ?? null, value);
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}
