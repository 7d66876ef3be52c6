// Budget (issue: the patient journey): the JavaScript a kiosk loads before the
// first screen paints is at most 60 KB gzip. Bytes are deterministic, so this is a test.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { expect, test } from 'vitest';

const BUDGET_BYTES = 60 * 1024;

test('initial JavaScript of the kiosk UI is within 60 KB gzip', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'kiosk-ui-build-'));
  // Measured as the kiosk gets it (`npm run build`): under Vitest NODE_ENV is "test", which would build
  // Preact's development JSX runtime into a chunk of its own and measure bytes no kiosk ever loads.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(import.meta.dirname, '../../vite.config.ts'), mode: 'production', build: { outDir, emptyOutDir: true }, logLevel: 'silent' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  // Initial = the entry script and every module it preloads; the service worker loads later, off the critical path.
  const initial = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  expect(initial.length).toBeGreaterThan(0);
  const gzipped = initial.reduce((sum, file) => sum + gzipSync(readFileSync(join(outDir, file))).length, 0);
  console.log(`initial JS: ${(gzipped / 1024).toFixed(1)} KB gzip (${initial.join(', ')}), assets: ${readdirSync(join(outDir, 'assets')).length} files`);
  expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
}, 60_000);
