// Printer models are data (DESIGN.md, docs/domain/printers.md): each model is one
// JSON file in ./models, validated here. Code branches on profile fields, never
// on model names, so supporting a new printer means adding a file.
import { readdirSync, readFileSync } from 'node:fs';
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { z } from 'zod';
import { err, ok, type Result } from '../../contract/result';
import { CODEPAGE_NAMES, type CodepageName } from './codepages';

/** How the printer reports paper, cover and cutter state (see status-protocol.ts). */
export const STATUS_PROTOCOL_IDS = ['epson-dle-eot', 'custom-full-status', 'primex-esc-v'] as const;
export type StatusProtocolId = (typeof STATUS_PROTOCOL_IDS)[number];

// The encoder throws for any other column count, so reject it when the profile
// is loaded rather than when the first ticket is printed.
const ENCODER_COLUMNS = [32, 35, 42, 44, 48] as const;

// Code page tables the encoder knows by name (see `codepageMapping` in
// @point-of-sale/receipt-printer-encoder). Listed so a typo fails at load time.
const CODEPAGE_MAPPINGS = [
  'bixolon', 'bixolon/legacy', 'citizen', 'epson', 'epson/legacy', 'fujitsu', 'hp',
  'metapace', 'mpt', 'pos-5890', 'pos-8360', 'star', 'sunmi', 'xprinter', 'youku',
] as const;

export const PrinterProfileSchema = z.strictObject({
  /** Same as the file name without `.json`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string().min(1),
  language: z.literal('esc-pos'),
  paperWidthMm: z.number().int().positive(),
  /** Characters per line in font A at normal size (the ticket is laid out in font A). */
  columns: z.literal(ENCODER_COLUMNS),
  /** Characters per line in font B, for reference when tuning a layout. */
  columnsFontB: z.number().int().positive(),
  dotsPerLine: z.number().int().positive(),
  /**
   * The one code page the ticket is printed in, and the `ESC t n` number this
   * model uses for it. Pinned: automatic selection picks odd tables on clones.
   */
  codepage: z.strictObject({
    name: z.enum(CODEPAGE_NAMES),
    escT: z.number().int().min(0).max(255),
  }),
  /**
   * The encoder's table of `ESC t` numbers: a table it knows by name ('epson'),
   * or this model's own numbers (`{ "cp866": 7 }`). Must map `codepage.name` to
   * `codepage.escT`; checked when the profile is loaded.
   */
  codepageMapping: z.union([
    z.enum(CODEPAGE_MAPPINGS),
    z.partialRecord(z.enum(CODEPAGE_NAMES), z.number().int().min(0).max(255)),
  ]),
  qrCode: z.strictObject({
    /** Prints QR codes itself (`GS ( k`); a raster QR is ten times the bytes. */
    native: z.boolean(),
  }),
  cutter: z.strictObject({
    type: z.enum(['full', 'partial']),
    /** The cutter sits above the print head: feed this many lines so the last line is not cut through. */
    feedLinesBeforeCut: z.number().int().min(0).max(20),
  }),
  statusProtocol: z.enum(STATUS_PROTOCOL_IDS),
  /**
   * A ticket presenter (Custom VKP80: `GS e n`): bytes sent after the cut to
   * hand the ticket to the patient. Absent on printers that drop the ticket.
   */
  presenter: z
    .strictObject({
      presentAfterCut: z.array(z.number().int().min(0).max(255)).min(1).max(8),
    })
    .optional(),
});

export type PrinterProfile = z.infer<typeof PrinterProfileSchema>;

const modelsDir = new URL('../models/', import.meta.url);

/** Ids of the profiles shipped in ./models, sorted. */
export function listPrinterProfileIds(): string[] {
  return readdirSync(modelsDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

/**
 * Loads and validates one printer profile by id (e.g. `generic-escpos-80`).
 * Every problem is a value naming the file and field, so config validation can
 * report it next to the kiosk setting that chose the model.
 */
export function loadPrinterProfile(id: string): Result<PrinterProfile, string> {
  const known = listPrinterProfileIds();
  // The id comes from config: check it against the directory listing so it can
  // never be a path (`../secrets`).
  if (!known.includes(id)) {
    return err(`unknown printer model "${id}"; known models: ${known.join(', ')}`);
  }
  const file = `models/${id}.json`;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(new URL(`${id}.json`, modelsDir), 'utf8'));
  } catch (cause) {
    return err(`${file}: cannot read JSON: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  return validatePrinterProfile(raw, id);
}

/** Checks a profile's JSON against the schema and the encoder; `id` is the file name it came from. */
export function validatePrinterProfile(raw: unknown, id: string): Result<PrinterProfile, string> {
  const file = `models/${id}.json`;
  // jitless: parsed once at start, where compiling the parser costs more than it saves (device-bridge/config-loader.ts).
  const parsed = PrinterProfileSchema.safeParse(raw, { jitless: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
    return err(`${file}: ${problems.join('; ')}`);
  }
  if (parsed.data.id !== id) {
    return err(`${file}: id is "${parsed.data.id}", expected "${id}" (the file name)`);
  }
  const selected = escTSelectedBy(parsed.data);
  if (selected !== parsed.data.codepage.escT) {
    return err(
      `${file}: codepageMapping selects ${parsed.data.codepage.name} with ESC t ${selected ?? '(none)'}, but codepage.escT is ${parsed.data.codepage.escT}`,
    );
  }
  return ok(parsed.data);
}

/** The `ESC t n` the encoder actually sends for the profile's code page (null: it cannot). */
function escTSelectedBy(profile: PrinterProfile): number | null {
  try {
    const bytes = new ReceiptPrinterEncoder({ language: profile.language, codepageMapping: profile.codepageMapping })
      .initialize()
      .codepage(profile.codepage.name)
      // The encoder selects the table lazily, with the first character that needs it.
      .line('Ж')
      .encode();
    for (let i = 0; i + 2 < bytes.length; i++) {
      if (bytes[i] === 0x1b && bytes[i + 1] === 0x74) return bytes[i + 2] ?? null;
    }
    return null;
  } catch {
    return null;
  }
}

/**
 * The `ESC t n` table of this model as the decoder (and so the virtual printer)
 * reads it: CP437 at power-on, and the profile's code page at its own number.
 */
export function codepageTableOf(profile: PrinterProfile): Readonly<Record<number, CodepageName>> {
  return { 0: 'cp437', [profile.codepage.escT]: profile.codepage.name };
}
