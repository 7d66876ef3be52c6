/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: 'kiosk-ui',
  // Locales, fonts and icons ship with the kiosk: lobbies are often offline.
  publicDir: '../assets',
  plugins: [preact()],
  build: {
    outDir: '../dist/kiosk-ui',
    emptyOutDir: true,
    // Kiosks run one known Chromium; no legacy bundles.
    target: 'es2022',
  },
  test: {
    root: repoRoot,
    include: ['kiosk-ui/**/*.test.{ts,tsx}', 'device-bridge/**/*.test.ts', 'config/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 15_000,
  },
});
