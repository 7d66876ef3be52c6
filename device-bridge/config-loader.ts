// Loads the kiosk config: built-in defaults, then each given file merged over
// them in order (fleet → site → kiosk), then one validation of the whole.
// Either every field is valid and the config is returned, or every problem is
// returned; never half of it.
//
// Files are plain JSON. A `"$comment"` key (a string or a list of strings) may
// stand in any object of any file and is dropped before merging; `"$schema"`
// at the top points an editor at config/kiosk-config.schema.json.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { kioskConfigSchema, type KioskConfig } from '../config/kiosk-config-schema';
import { err, ok, type Result } from './contract/result';
import type { ConfigProblem } from './contract/service';
import { checkJsonLayerText } from './config-json-check';

export type { ConfigProblem };

const defaultsUrl = new URL('../config/kiosk.defaults.json', import.meta.url);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The annotation keys a config file may carry; they never reach the schema. */
export const COMMENT_KEY = '$comment';
export const SCHEMA_KEY = '$schema';

/**
 * Keys whose value is (or would be) a secret: a value under them is never
 * echoed in a problem message, so a PIN or token typed into a config by
 * mistake does not end up on a terminal or in a ticket to IT.
 */
const SECRET_KEY = /(pin|token|password|passwd|secret|credential|apikey|api_key)$/i;

/** `overrides` (from the command line or a test) are merged last, over every file. */
export function loadKioskConfig(files: readonly string[] = [], overrides: object = {}): Result<KioskConfig, ConfigProblem[]> {
  const merged = mergeConfigLayers(files, overrides);
  if (!merged.ok) return merged;
  return validateKioskConfig(merged.value);
}

/** The defaults with every file merged over them (comments dropped), not yet validated. */
export function mergeConfigLayers(files: readonly string[] = [], overrides: object = {}): Result<Json, ConfigProblem[]> {
  const layers: Json[] = [];
  const problems: ConfigProblem[] = [];
  for (const source of [defaultsUrl, ...files]) {
    const layer = readJsonFile(source);
    if (layer.ok) layers.push(stripAnnotations(layer.value, true));
    else problems.push(...layer.error);
  }
  if (problems.length > 0) return err(problems);
  return ok([...layers, overrides as Json].reduce<Json>((acc, layer) => deepMerge(acc, layer), {}));
}

/**
 * The config files named by `KIOSK_CONFIG`: one path, or several separated by
 * `:` like PATH (`/etc/kiosk/fleet.json:/etc/kiosk/site.json:/etc/kiosk/kiosk.json`),
 * merged in that order.
 */
export function configFilesFromEnv(value: string | undefined): string[] {
  return (value ?? '')
    .split(':')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function validateKioskConfig(candidate: unknown): Result<KioskConfig, ConfigProblem[]> {
  // jitless: zod would compile (new Function) a parser per object schema for this one parse at start: ~10 ms more than it saves (issue 14, item 5); same checks, same messages.
  const parsed = kioskConfigSchema.safeParse(candidate, { jitless: true });
  if (parsed.success) return ok(parsed.data);
  return err(parsed.error.issues.flatMap((issue) => describeIssue(issue, candidate)));
}

export function formatConfigProblems(problems: readonly ConfigProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('\n');
}

function describeIssue(issue: z.core.$ZodIssue, candidate: unknown): ConfigProblem[] {
  const pathOf = (keys: readonly PropertyKey[]) => keys.map(String).join('.') || '(root)';
  if (issue.code === 'unrecognized_keys') {
    // One line per unknown key, under the object that has it; its value is not shown (it may be a secret typed in by mistake).
    return issue.keys.map((key) => ({
      path: pathOf(issue.path),
      message: SECRET_KEY.test(key)
        ? `unknown field "${key}"; secrets never go into a config file: name an environment variable or a file instead (service.pinEnv / service.pinFile, scheduler.auth.tokenEnv / .tokenFile)`
        : `unknown field "${key}" (a typo, or a field of another section?)`,
    }));
  }
  const got = valueAt(candidate, issue.path);
  const lastKey = issue.path[issue.path.length - 1];
  if (got === undefined && issue.code === 'invalid_type') {
    return [{ path: pathOf(issue.path), message: `missing: ${issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')}` }];
  }
  const secret = typeof lastKey === 'string' && SECRET_KEY.test(lastKey);
  return [{ path: pathOf(issue.path), message: `${issue.message}${secret ? '' : shown(got, issue.code === 'invalid_type')}` }];
}

/** ` — got "tcp:/10.0.0.5"` for a plain value; objects and lists are never dumped (too long, and may hold secrets). */
function shown(value: unknown, typeMismatch: boolean): string {
  if (value === undefined) return '';
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return ` — got ${JSON.stringify(value)}`;
  if (!typeMismatch) return '';
  return Array.isArray(value) ? ' — got a list' : ' — got an object';
}

function readJsonFile(source: string | URL): Result<Json, ConfigProblem[]> {
  const name = source instanceof URL ? source.pathname : source;
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (cause) {
    return err([{ path: name, message: `cannot read the file (${(cause as NodeJS.ErrnoException).code ?? 'error'})` }]);
  }
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch (cause) {
    return err([{ path: name, message: `not valid JSON: ${(cause as Error).message}` }]);
  }
  // Duplicate keys, "__proto__" and runaway nesting, which JSON.parse takes without a word.
  const structural = checkJsonLayerText(text, name);
  return structural.length > 0 ? err(structural) : ok(value);
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Drops `$comment` everywhere and `$schema` at the top of a file. */
function stripAnnotations(value: Json, top: boolean): Json {
  if (Array.isArray(value)) return value.map((v) => stripAnnotations(v, false));
  if (!isObject(value)) return value;
  const out: { [key: string]: Json } = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === COMMENT_KEY || (top && key === SCHEMA_KEY)) continue;
    out[key] = stripAnnotations(v, false);
  }
  return out;
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
