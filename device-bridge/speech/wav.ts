// The RIFF/WAVE facts the bridge needs: espeak-ng writing to stdout cannot seek
// back, so it leaves the RIFF and data sizes as "unknown" (0x7ffff…); the bridge
// writes the true sizes before it answers, so every player (and a test) can read
// the header. Pure functions over bytes.

export interface WavInfo {
  readonly channels: number;
  readonly sampleRate: number;
  readonly bitsPerSample: number;
  /** Offset and length of the PCM samples (the `data` chunk). */
  readonly dataOffset: number;
  readonly dataBytes: number;
}

/** Reads a PCM WAV's format and where its samples are; null when the bytes are not one. */
export function readWav(bytes: Uint8Array): WavInfo | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return null;
  let offset = 12;
  let format: Omit<WavInfo, 'dataOffset' | 'dataBytes'> | null = null;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    if (id === 'fmt ' && offset + 24 <= bytes.length) {
      format = { channels: view.getUint16(offset + 10, true), sampleRate: view.getUint32(offset + 12, true), bitsPerSample: view.getUint16(offset + 22, true) };
    } else if (id === 'data') {
      if (!format) return null;
      return { ...format, dataOffset: offset + 8, dataBytes: Math.min(size, bytes.length - offset - 8) };
    }
    offset += 8 + size + (size % 2);
  }
  return null;
}

/** The same bytes with the RIFF size and the data chunk's size made true; null when they are not a WAV. */
export function withTrueSizes(bytes: Buffer): Buffer | null {
  const info = readWav(bytes);
  if (!info) return null;
  const fixed = Buffer.from(bytes.subarray(0, info.dataOffset + info.dataBytes));
  fixed.writeUInt32LE(fixed.length - 8, 4);
  fixed.writeUInt32LE(info.dataBytes, info.dataOffset - 4);
  return fixed;
}

/** Seconds of sound in a WAV. */
export const durationOf = (info: WavInfo) => info.dataBytes / (info.sampleRate * info.channels * (info.bitsPerSample / 8));

/** The loudest 16-bit sample's magnitude (0 = silence), for checks that a synthesis said something. */
export function peakOf(bytes: Uint8Array, info: WavInfo): number {
  if (info.bitsPerSample !== 16) return 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let peak = 0;
  for (let at = info.dataOffset; at + 1 < info.dataOffset + info.dataBytes; at += 2) peak = Math.max(peak, Math.abs(view.getInt16(at, true)));
  return peak;
}
