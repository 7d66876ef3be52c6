// 1-bit bitmaps at printer resolution: the optional ticket logo (PNG → GS v 0),
// the paper preview (→ PNG), and the "same ticket as a raster" that the byte
// budget is measured against. One bit per dot, rows packed MSB first, 1 = black,
// which is exactly the data of an ESC/POS `GS v 0` raster image.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { err, ok, type Result } from '../../contract/result';
import type { PrinterProfile } from './printer-profile';

// pngjs (and node:zlib under it) is loaded at the first PNG read or written: a
// kiosk without a logo starts without it (issue 14, item 5). Required, not
// imported, so the packaged bundle leaves it in node_modules
// (scripts/package/bundle-bridge.mjs) instead of running it at start.
let pngjs: typeof import('pngjs') | undefined;
const PNG = (): typeof import('pngjs').PNG => (pngjs ??= createRequire(import.meta.url)('pngjs') as typeof import('pngjs')).PNG;

export interface Bitmap {
  readonly width: number;
  readonly height: number;
  /** `height` rows of `bytesPerRow(width)` bytes. */
  readonly data: Uint8Array;
}

export const bytesPerRow = (width: number): number => Math.ceil(width / 8);

export function createBitmap(width: number, height: number): Bitmap {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`createBitmap: width and height must be positive integers, got ${width}×${height}`);
  }
  return { width, height, data: new Uint8Array(bytesPerRow(width) * height) };
}

export function getDot(bitmap: Bitmap, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x >= bitmap.width || y >= bitmap.height) return false;
  return ((bitmap.data[y * bytesPerRow(bitmap.width) + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}

export function setDot(bitmap: Bitmap, x: number, y: number): void {
  if (x < 0 || y < 0 || x >= bitmap.width || y >= bitmap.height) return;
  const index = y * bytesPerRow(bitmap.width) + (x >> 3);
  bitmap.data[index] = (bitmap.data[index] ?? 0) | (0x80 >> (x & 7));
}

export function fillRect(bitmap: Bitmap, x: number, y: number, width: number, height: number): void {
  for (let row = y; row < y + height; row++) {
    for (let column = x; column < x + width; column++) setDot(bitmap, column, row);
  }
}

/** Copies `source` onto `target` with its top-left corner at (x, y); black dots only. */
export function drawBitmap(target: Bitmap, source: Bitmap, x: number, y: number, scale = 1): void {
  for (let row = 0; row < source.height * scale; row++) {
    for (let column = 0; column < source.width * scale; column++) {
      if (getDot(source, Math.floor(column / scale), Math.floor(row / scale))) setDot(target, x + column, y + row);
    }
  }
}

/** Rows per `GS v 0` command: small bands keep within every printer's receive buffer. */
const RASTER_BAND_ROWS = 256;

/** ESC/POS `GS v 0` raster image commands for a bitmap, in bands of at most 256 rows. */
export function encodeRasterImage(bitmap: Bitmap): Uint8Array {
  const rowBytes = bytesPerRow(bitmap.width);
  const parts: number[] = [];
  for (let top = 0; top < bitmap.height; top += RASTER_BAND_ROWS) {
    const rows = Math.min(RASTER_BAND_ROWS, bitmap.height - top);
    parts.push(0x1d, 0x76, 0x30, 0x00, rowBytes & 0xff, rowBytes >> 8, rows & 0xff, rows >> 8);
    for (const byte of bitmap.data.subarray(top * rowBytes, (top + rows) * rowBytes)) parts.push(byte);
  }
  return Uint8Array.from(parts);
}

/** A black-on-white PNG of the bitmap; `scale` > 1 enlarges it dot by dot. */
export function bitmapToPng(bitmap: Bitmap, scale = 1): Buffer {
  const png = new (PNG())({ width: bitmap.width * scale, height: bitmap.height * scale });
  // pngjs takes RGBA in and writes greyscale out (colorType 0): a small file.
  const data = Buffer.alloc(png.width * png.height * 4, 0xff);
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      if (getDot(bitmap, Math.floor(x / scale), Math.floor(y / scale))) {
        const offset = (y * png.width + x) * 4;
        data[offset] = 0;
        data[offset + 1] = 0;
        data[offset + 2] = 0;
      }
    }
  }
  png.data = data;
  return PNG().sync.write(png, { colorType: 0 });
}

/**
 * Reads a PNG as a 1-bit bitmap no larger than `maxWidth` × `maxHeight`:
 * transparent counts as white (paper), dark as black; a larger picture is
 * scaled down keeping its proportions (each dot is the average of its area).
 */
export function pngToBitmap(png: Uint8Array, maxWidth: number, maxHeight: number, threshold = 128): Bitmap {
  const image = PNG().sync.read(Buffer.from(png));
  const scale = Math.min(1, maxWidth / image.width, maxHeight / image.height);
  const width = Math.max(1, Math.floor(image.width * scale));
  const height = Math.max(1, Math.floor(image.height * scale));
  const bitmap = createBitmap(width, height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor((y * image.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * image.height) / height));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor((x * image.width) / width);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * image.width) / width));
      let sum = 0;
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const offset = (sy * image.width + sx) * 4;
          const alpha = (image.data[offset + 3] ?? 255) / 255;
          const luma = 0.299 * (image.data[offset] ?? 0) + 0.587 * (image.data[offset + 1] ?? 0) + 0.114 * (image.data[offset + 2] ?? 0);
          sum += luma * alpha + 255 * (1 - alpha);
        }
      }
      if (sum / ((y1 - y0) * (x1 - x0)) < threshold) setDot(bitmap, x, y);
    }
  }
  return bitmap;
}

/**
 * The logo is kept small on purpose: a raster costs a byte per 8 dots and the
 * whole text ticket is under 1 KB. 256 × 48 dots (32 × 6 mm) is at most 1.5 KB.
 */
export const LOGO_MAX_WIDTH_DOTS = 256;
export const LOGO_MAX_HEIGHT_DOTS = 48;

const logoCache = new Map<string, { readonly mtimeMs: number; readonly bytes: Uint8Array }>();

/**
 * The `GS v 0` bytes of the logo in `pngPath` for this printer model, cached
 * per model and file (re-read when the file changes). Problems are values:
 * a kiosk with a broken logo file prints tickets without it.
 */
export function loadLogo(pngPath: string, profile: PrinterProfile): Result<Uint8Array, string> {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(pngPath).mtimeMs;
  } catch (cause) {
    return err(`logo ${pngPath}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  const key = `${profile.id}\u0000${profile.dotsPerLine}\u0000${pngPath}`;
  const cached = logoCache.get(key);
  if (cached && cached.mtimeMs === mtimeMs) return ok(cached.bytes);
  try {
    const bitmap = pngToBitmap(readFileSync(pngPath), Math.min(LOGO_MAX_WIDTH_DOTS, profile.dotsPerLine), LOGO_MAX_HEIGHT_DOTS);
    const bytes = encodeRasterImage(bitmap);
    logoCache.set(key, { mtimeMs, bytes });
    return ok(bytes);
  } catch (cause) {
    return err(`logo ${pngPath}: not a readable PNG (${cause instanceof Error ? cause.message : String(cause)})`);
  }
}
