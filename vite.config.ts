/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { serviceWorkerBuild } from './kiosk-ui/service-worker-build.ts';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: 'kiosk-ui',
  // Locales, fonts and icons ship inside the bundle (imported), never from a CDN: lobbies are often offline.
  publicDir: false,
  plugins: [
    preact(),
    // kiosk-ui/service-worker.ts registers it and decides when an update activates.
    serviceWorkerBuild(fileURLToPath(new URL('./kiosk-ui/sw.ts', import.meta.url))),
  ],
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
    // One pcscd for the whole run (PC/SC tests: tests/pcsc/, tests/integration/identity-pcsc.test.ts).
    globalSetup: ['tests/pcsc/vitest-global-setup.ts'],
    testTimeout: 15_000,
  },
});
