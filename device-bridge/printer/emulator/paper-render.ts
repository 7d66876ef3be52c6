// Draws a decoded job as the paper would look, dot for dot at the printer's
// resolution: text in font A cells (12 × 24 dots), double size where the
// printer would print it so, QR codes as real scannable QR images (uqr), raster
// images as sent. The virtual printer writes it as a PNG preview; the printing
// benchmark encodes it as the "same ticket as a raster image".
import { encode as encodeQr } from 'uqr';
import type { Alignment, DecodedJob, PaperFigure } from './escpos-decoder';
import { PREVIEW_FONT_CHARS, PREVIEW_FONT_GLYPHS_BASE64 } from './fonts/preview-font';
import { bytesPerRow, createBitmap, fillRect, setDot, type Bitmap } from '../driver/raster';

export interface PaperRenderOptions {
  /** Printable width in dots (the profile's `dotsPerLine`). */
  readonly dotsPerLine: number;
  /** Font A characters per line (the profile's `columns`). */
  readonly columns: number;
}

const FONT_A_WIDTH = 12;
const FONT_A_HEIGHT = 24;
/** Default line spacing (ESC 2) is about 30 dots for a 24-dot font. */
const LINE_GAP = 6;
const FIGURE_GAP = 8;
const TOP_MARGIN = 16;
const BOTTOM_MARGIN = 16;
const GLYPH_WIDTH = 8;
const GLYPH_HEIGHT = 16;

const glyphData = Buffer.from(PREVIEW_FONT_GLYPHS_BASE64, 'base64');
const glyphIndex = new Map<string, number>([...PREVIEW_FONT_CHARS].map((char, i) => [char, i]));

/** The 16 rows of a character's 8×16 glyph; '?' for a character the font lacks. */
function glyphRows(char: string): Uint8Array {
  const index = glyphIndex.get(char) ?? glyphIndex.get('?') ?? 0;
  return glyphData.subarray(index * GLYPH_HEIGHT, (index + 1) * GLYPH_HEIGHT);
}

function drawChar(bitmap: Bitmap, char: string, x: number, y: number, cellWidth: number, cellHeight: number, bold: boolean): void {
  if (char === ' ') return;
  const rows = glyphRows(char);
  for (let dy = 0; dy < cellHeight; dy++) {
    const row = rows[Math.floor((dy * GLYPH_HEIGHT) / cellHeight)] ?? 0;
    for (let dx = 0; dx < cellWidth; dx++) {
      if (row & (0x80 >> Math.floor((dx * GLYPH_WIDTH) / cellWidth))) {
        setDot(bitmap, x + dx, y + dy);
        if (bold) setDot(bitmap, x + dx + 1, y + dy);
      }
    }
  }
}

interface Placed {
  readonly height: number;
  draw(bitmap: Bitmap, y: number): void;
}

const alignedX = (align: Alignment, width: number, paper: number): number =>
  align === 'center' ? Math.max(0, Math.floor((paper - width) / 2)) : align === 'right' ? Math.max(0, paper - width) : 0;

function placeFigure(figure: PaperFigure, dotsPerLine: number): Placed {
  if (figure.kind === 'qr') {
    // The printer's own QR: level M, as the layout asks for (GS ( k … E 49).
    const qr = encodeQr(figure.payload, { ecc: 'M', border: 0 });
    const module = Math.max(1, figure.moduleSize);
    const size = qr.size * module;
    return {
      height: size + 2 * FIGURE_GAP,
      draw(bitmap, y) {
        const x = alignedX(figure.align, size, dotsPerLine);
        qr.data.forEach((row, my) =>
          row.forEach((dark, mx) => {
            if (dark) fillRect(bitmap, x + mx * module, y + FIGURE_GAP + my * module, module, module);
          }),
        );
      },
    };
  }
  return {
    height: figure.heightDots + FIGURE_GAP,
    draw(bitmap, y) {
      const x = alignedX(figure.align, figure.widthDots, dotsPerLine);
      const rowBytes = bytesPerRow(figure.widthDots);
      for (let row = 0; row < figure.heightDots; row++) {
        for (let column = 0; column < figure.widthDots; column++) {
          if ((figure.data[row * rowBytes + (column >> 3)] ?? 0) & (0x80 >> (column & 7))) setDot(bitmap, x + column, y + row);
        }
      }
    },
  };
}

/** The job as a 1-bit bitmap `dotsPerLine` wide, as tall as the paper it takes. */
export function renderPaper(job: DecodedJob, options: PaperRenderOptions): Bitmap {
  const { dotsPerLine, columns } = options;
  const cellWidth = Math.max(1, Math.min(FONT_A_WIDTH, Math.floor(dotsPerLine / columns)));
  const margin = Math.max(0, Math.floor((dotsPerLine - columns * cellWidth) / 2));

  const placeLine = (index: number): Placed => {
    const text = job.lines[index] ?? '';
    const style = job.lineStyles[index] ?? { bold: false, width: 1, height: 1 };
    const cellHeight = FONT_A_HEIGHT * style.height;
    return {
      height: cellHeight + LINE_GAP,
      draw(bitmap, y) {
        // Centring pads with normal-size spaces; the visible text has the line's size.
        const indent = text.length - text.trimStart().length;
        let x = margin + indent * cellWidth;
        for (const char of text.trimStart()) {
          drawChar(bitmap, char, x, y, cellWidth * style.width, cellHeight, style.bold);
          x += cellWidth * style.width;
        }
      },
    };
  };

  const placed: Placed[] = [];
  for (let index = 0; index <= job.lines.length; index++) {
    for (const figure of job.figures) if (figure.beforeLine === index) placed.push(placeFigure(figure, dotsPerLine));
    if (index < job.lines.length) placed.push(placeLine(index));
  }
  const cutMark = job.cut ? 2 : 0;
  const height = TOP_MARGIN + placed.reduce((sum, item) => sum + item.height, 0) + BOTTOM_MARGIN + cutMark;
  const bitmap = createBitmap(dotsPerLine, height);
  let y = TOP_MARGIN;
  for (const item of placed) {
    item.draw(bitmap, y);
    y += item.height;
  }
  if (job.cut) {
    // Where the cutter went through: a dashed line along the bottom edge.
    for (let x = 0; x < dotsPerLine; x += 12) fillRect(bitmap, x, height - cutMark, 6, cutMark);
  }
  return bitmap;
}
