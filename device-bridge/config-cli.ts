// `kiosk config check|show|schema`: clinic IT checks a kiosk's config layers
// before deploying them, sees the merged result, and regenerates the JSON
// Schema editors use (config/kiosk-config.schema.json, `npm run config:schema`).
// A problem is one plain line with its field path; secrets are never printed.
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { kioskConfigSchema, type KioskConfig } from '../config/kiosk-config-schema';
import { COMMENT_KEY, SCHEMA_KEY, configFilesFromEnv, formatConfigProblems, loadKioskConfig } from './config-loader';
import { describeSecretSource, readSecret, type SecretRef } from './service/secrets';

export const CONFIG_USAGE = `  kiosk config check [FILE]...                validate defaults + FILEs merged in order (fleet → site → kiosk); exit 0 only when valid
  kiosk config show [FILE]...                 the merged config as JSON (secrets are references, never values)
  kiosk config schema [--out FILE]            the JSON Schema of a config file, for editors (npm run config:schema)`;

export interface ConfigCliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Root for relative paths in the config (secret files). */
  readonly baseDir: string;
}

export async function configCommand(args: readonly string[], io: ConfigCliIo): Promise<number> {
  const [action, ...rest] = args;
  try {
    if (action === 'check') return check(rest, io);
    if (action === 'show') return show(rest, io);
    if (action === 'schema') return schema(rest, io);
  } catch (cause) {
    io.err(cause instanceof Error ? cause.message : String(cause));
    return 2;
  }
  io.err(`Usage:\n${CONFIG_USAGE}`);
  return 2;
}

/** FILE arguments, or the `KIOSK_CONFIG` list when none are given. */
function filesOf(args: readonly string[], io: ConfigCliIo): string[] {
  const { positionals } = parseArgs({ args: [...args], allowPositionals: true, options: {} });
  return positionals.length > 0 ? positionals : configFilesFromEnv(io.env.KIOSK_CONFIG);
}

function check(args: readonly string[], io: ConfigCliIo): number {
  const files = filesOf(args, io);
  const layers = ['defaults', ...files.map((f) => basename(f))].join(' + ');
  const config = loadKioskConfig(files);
  if (!config.ok) {
    const n = config.error.length;
    io.err(`The kiosk config is invalid (${layers}): ${n} ${n === 1 ? 'problem' : 'problems'}`);
    io.err(formatConfigProblems(config.error));
    return 1;
  }
  const c = config.value;
  io.out(`The kiosk config is valid (${layers}).`);
  io.out(`  kiosk ${c.kioskId}; scheduler ${c.scheduler.adapter}${c.scheduler.adapter === 'fhir' ? ` ${c.scheduler.baseUrl}` : ''}${c.scheduler.adapter === 'n3' ? ` ${c.scheduler.baseUrl} (idLpu ${c.scheduler.lpuId}, patient match ${c.scheduler.patientMatch}, ${Object.keys(c.scheduler.specialtyCodes).length} specialties mapped)` : ''}; printer ${c.printer.url} (${c.printer.model})`);
  // Secrets: where each comes from and whether this machine can read it; never the value. Not an error here:
  // the check often runs on an IT workstation, not on the kiosk that holds the secret.
  for (const [what, ref, field] of secretRefs(c)) {
    const read = readSecret(ref, field, io.baseDir, io.env);
    const here = read.ok ? 'readable on this machine' : read.error.kind === 'unreadable' ? `not readable on this machine: ${read.error.message}` : '';
    io.out(`  ${what}: ${describeSecretSource(ref)}${here ? ` (${here})` : ''}`);
  }
  return 0;
}

function secretRefs(c: KioskConfig): Array<[string, SecretRef, string]> {
  const refs: Array<[string, SecretRef, string]> = [['service PIN', { env: c.service.pinEnv, file: c.service.pinFile }, 'service.pin']];
  if (c.scheduler.adapter === 'fhir' && c.scheduler.auth) {
    refs.push(['scheduler token', { env: c.scheduler.auth.tokenEnv, file: c.scheduler.auth.tokenFile }, 'scheduler.auth.token']);
  }
  if (c.scheduler.adapter === 'n3') {
    refs.push(['N3 hub guid', { env: c.scheduler.auth.guidEnv, file: c.scheduler.auth.guidFile }, 'scheduler.auth.guid']);
  }
  return refs;
}

function show(args: readonly string[], io: ConfigCliIo): number {
  const config = loadKioskConfig(filesOf(args, io));
  if (!config.ok) {
    io.err(formatConfigProblems(config.error));
    return 1;
  }
  io.out(JSON.stringify(config.value, null, 2));
  return 0;
}

function schema(args: readonly string[], io: ConfigCliIo): number {
  const { values } = parseArgs({ args: [...args], options: { out: { type: 'string' } } });
  const text = kioskConfigJsonSchemaText();
  if (values.out) {
    writeFileSync(values.out, text);
    io.out(`wrote ${values.out}`);
  } else {
    io.out(text.trimEnd());
  }
  return 0;
}

// ── The JSON Schema for editors ────────────────────────────────────────────

type JsonSchema = { [key: string]: unknown };

/** Hover texts in an editor, by field path (union branches share them). */
const DESCRIPTIONS: Record<string, string> = {
  '': 'One layer of a kiosk config (fleet, site or kiosk). Layers merge over config/kiosk.defaults.json in order; `npx kiosk config check` validates the merged whole.',
  kioskId: 'Printed on tickets, in logs, health and metrics. Letters, digits, - and _.',
  bridge: 'Where the bridge listens. Keep it on loopback.',
  clinic: 'Printed on the ticket; timeZone is the schedule\'s time zone.',
  'clinic.timeZone': 'IANA time zone, e.g. Europe/Moscow.',
  scheduler: 'The clinic scheduler: embedded (SQLite), fhir (a FHIR R4 server) or n3 (a regional N3.Health HubService).',
  'scheduler.adapter': 'embedded, fhir or n3.',
  'scheduler.baseUrl': 'FHIR REST base, e.g. https://fhir.clinic.local/fhir/R4/',
  'scheduler.auth': 'Where the bearer token is read from: tokenEnv or tokenFile, never the token itself.',
  'scheduler.auth.tokenEnv': 'Environment variable that holds the FHIR bearer token.',
  'scheduler.auth.tokenFile': 'File that holds the FHIR bearer token.',
  'scheduler.organization': 'Organization/<id> of this clinic.',
  'scheduler.lpuId': 'n3: this clinic\'s id in the HubService (idLpu).',
  'scheduler.auth.guidEnv': 'n3: environment variable that holds the integrator\'s guid.',
  'scheduler.auth.guidFile': 'n3: file that holds the integrator\'s guid.',
  'scheduler.specialtyCodes': 'Kiosk specialty code → the backend\'s code (FHIR) or IdSpesiality (n3).',
  'scheduler.patientMatch': 'n3: policy, or policy+birthDate when the hub identifies by both (the kiosk then asks for the birth date).',
  'printer.url': 'usb://VID:PID, tcp://host:port, serial:///dev/…?baudRate=9600 or virtual://',
  'printer.model': 'A profile in device-bridge/printer/models/, e.g. custom-vkp80iii.',
  'printer.logo': 'Optional small PNG printed above the clinic name.',
  'printer.journal': 'The print journal (SQLite); next to scheduler.database when absent.',
  virtualPrinter: 'The built-in printer emulator used by printer.url virtual://',
  'booking.horizonDays': 'How many days ahead patients may book (today included).',
  'booking.holdSeconds': 'How long a slot is held while the patient reviews it.',
  'booking.selfBookableSpecialties': 'Specialty codes booked without a referral.',
  'booking.maxActivePerSpecialty': 'Active bookings per patient and specialty (0: no limit).',
  'booking.maxBookingsPerSession': 'Bookings one visit to the kiosk may make (0: no limit).',
  'booking.minLeadMinutes': 'Minutes from now before the earliest time offered or booked, the one-tap nearest time included (0: off).',
  'session.idleSeconds': 'Silence before a session is reset.',
  'session.doneSeconds': 'How long the "done" screen stays.',
  'screen.dpi': 'The panel\'s real pixel density: touch targets are at least 20 mm on it.',
  cardReader: 'The PC/SC chip-card reader for plastic OMS policies.',
  'cardReader.aid': 'Hex AID of the OMS application on the chip (from the card issuer).',
  'cardReader.ownerFileId': 'Hex file id of the owner data file on the chip (from the card issuer).',
  scanners: 'Barcode scanners in serial / USB-CDC mode: serial:///dev/ttyACM0?baudRate=9600',
  'log.level': 'pino log level.',
  service: 'Service mode. The PIN (4–12 digits) comes from pinEnv or pinFile, never from the config.',
  'service.pinEnv': 'Environment variable that holds the service PIN. Null to switch to pinFile in a later layer.',
  'service.pinFile': 'File that holds the service PIN (mode 0600). Null to switch to pinEnv in a later layer.',
  'service.maxPinAttempts': 'Wrong PINs in a row that lock service mode.',
  'service.lockoutSeconds': 'How long service mode stays locked.',
  'service.sessionSeconds': 'A service token expires after this long unused.',
  metrics: '/metrics and /healthz for monitoring.',
  'metrics.listen': 'A second, read-only listener with only /metrics and /healthz (e.g. {"host":"0.0.0.0","port":9464}); null: loopback only.',
  memo: 'The printed памятка «Как записаться к врачу через инфомат» offered on the attract screen.',
  'memo.enabled': 'Offer «Распечатать памятку» on the attract screen.',
  'memo.content': 'The memo per language (ru, en): a title and up to 6 sections of up to 10 lines; {clinicName}, {clinicAddress}, {clinicPhone} are filled from clinic. At most about 60 lines on a 58 mm roll.',
};

const COMMENT_DEF: JsonSchema = {
  description: 'A comment for people; ignored by the kiosk.',
  anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
};
const COMMENT_SCHEMA: JsonSchema = { $ref: '#/$defs/comment' };

/**
 * The schema of one config *file*: every field optional (a layer names only
 * what it changes), unknown fields refused, `$comment` allowed in every object
 * and `$schema` at the top. Checks that need the merged whole (required
 * fields, either/or rules, known time zones, printer URLs) are `kiosk config check`'s.
 */
export function kioskConfigJsonSchema(): JsonSchema {
  const generated = z.toJSONSchema(kioskConfigSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const layer = asLayer(generated, '') as JsonSchema;
  const properties = layer.properties as Record<string, JsonSchema>;
  return {
    $schema: generated.$schema,
    title: 'Clinic kiosk config layer',
    ...layer,
    properties: { [SCHEMA_KEY]: { type: 'string', description: 'Path or URL of this JSON Schema, for editors.' }, ...properties },
    $defs: { ...(layer.$defs as JsonSchema | undefined), comment: COMMENT_DEF },
  };
}

export function kioskConfigJsonSchemaText(): string {
  return `${JSON.stringify(kioskConfigJsonSchema(), null, 2)}\n`;
}

function asLayer(node: unknown, path: string, describe = true): unknown {
  if (Array.isArray(node)) return node.map((n) => asLayer(n, path, describe));
  if (typeof node !== 'object' || node === null) return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node as JsonSchema)) {
    if (key === 'required' || key === '$schema') continue;
    if (key === 'properties') {
      const props: JsonSchema = {};
      for (const [name, sub] of Object.entries(value as JsonSchema)) props[name] = asLayer(sub, path ? `${path}.${name}` : name);
      out.properties = props;
    } else if (key === 'oneOf' || key === 'anyOf') {
      // A partial object may fit several branches of a union: any of them will do.
      out.anyOf = (value as unknown[]).map((branch) => asLayer(branch, path, false));
    } else if (key === 'items' || key === 'additionalProperties') {
      out[key] = asLayer(value, path);
    } else {
      out[key] = value;
    }
  }
  if (out.type === 'object' && out.additionalProperties === false && out.properties) {
    out.properties = { [COMMENT_KEY]: COMMENT_SCHEMA, ...(out.properties as JsonSchema) };
  }
  const description = describe ? DESCRIPTIONS[path] : undefined;
  return description && (out.type !== undefined || out.anyOf !== undefined) ? { description, ...out } : out;
}
