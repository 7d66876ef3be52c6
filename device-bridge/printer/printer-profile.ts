// Printer models are data (DESIGN.md, domain/printers.md): each model is one
// JSON file in ./models, validated here. Code branches on profile fields, never
// on model names, so supporting a new printer means adding a file.
import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { err, ok, type Result } from '../result';
import { CODEPAGE_NAMES } from './codepages';

/** How the printer reports paper, cover and cutter state (see status-protocol.ts). */
export const STATUS_PROTOCOL_IDS = ['epson-dle-eot', 'custom-full-status'] as const;
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
  /** Characters per line in font A at normal size. */
  columns: z.literal(ENCODER_COLUMNS),
  dotsPerLine: z.number().int().positive(),
  /**
   * The one code page the ticket is printed in, and the `ESC t n` number this
   * model uses for it. Pinned: automatic selection picks odd tables on clones.
   */
  codepage: z.strictObject({
    name: z.enum(CODEPAGE_NAMES),
    escT: z.number().int().min(0).max(255),
  }),
  /** The encoder's table of `ESC t` numbers; must map `codepage.name` to `codepage.escT`. */
  codepageMapping: z.enum(CODEPAGE_MAPPINGS),
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
});

export type PrinterProfile = z.infer<typeof PrinterProfileSchema>;

const modelsDir = new URL('./models/', import.meta.url);

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
  const parsed = PrinterProfileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
    return err(`${file}: ${problems.join('; ')}`);
  }
  if (parsed.data.id !== id) {
    return err(`${file}: id is "${parsed.data.id}", expected "${id}" (the file name)`);
  }
  return ok(parsed.data);
}
