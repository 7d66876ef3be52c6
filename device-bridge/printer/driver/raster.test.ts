import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../emulator/escpos-decoder';
import { bitmapToPng, createBitmap, encodeRasterImage, fillRect, getDot, pngToBitmap } from './raster';

describe('encodeRasterImage (GS v 0)', () => {
  it('sends rows of width/8 bytes, split into bands of at most 256 rows that the decoder reads back whole', () => {
    const bitmap = createBitmap(20, 300);
    fillRect(bitmap, 0, 0, 20, 1);
    fillRect(bitmap, 19, 299, 1, 1);
    const bytes = encodeRasterImage(bitmap);
    expect([...bytes.subarray(0, 8)]).toEqual([0x1d, 0x76, 0x30, 0x00, 3, 0, 0, 1]); // 3 bytes × 256 rows
    expect(bytes.length).toBe(2 * 8 + 3 * 300);
    const figures = decodeEscPos(Uint8Array.from([...bytes, 0x0a])).jobs[0]!.figures;
    expect(figures.map((f) => (f.kind === 'raster' ? [f.widthDots, f.heightDots] : null))).toEqual([[24, 256], [24, 44]]);
  });
});

describe('PNG in and out', () => {
  it('a dark-on-transparent PNG becomes black dots on white paper, scaled down to fit', () => {
    const png = new PNG({ width: 40, height: 20 });
    png.data.fill(0); // fully transparent black
    for (let y = 0; y < 20; y++) for (let x = 0; x < 20; x++) png.data.set([0, 0, 0, 255], (y * 40 + x) * 4);
    const bitmap = pngToBitmap(PNG.sync.write(png), 20, 20);
    expect([bitmap.width, bitmap.height]).toEqual([20, 10]);
    expect(getDot(bitmap, 2, 5)).toBe(true); // the opaque left half
    expect(getDot(bitmap, 15, 5)).toBe(false); // transparent is paper
  });

  it('writes a black-and-white PNG dot for dot', () => {
    const bitmap = createBitmap(9, 3);
    fillRect(bitmap, 8, 2, 1, 1);
    const png = PNG.sync.read(bitmapToPng(bitmap, 2));
    expect([png.width, png.height]).toEqual([18, 6]);
    expect(png.data[(5 * 18 + 17) * 4]).toBe(0);
    expect(png.data[0]).toBe(255);
  });
});
