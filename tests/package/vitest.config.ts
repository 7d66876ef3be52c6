// `npm run test:package` (a step of `npm test`): the .deb built, checked, installed,
// started, booked through, removed and purged on this machine. A separate run after
// the main suite, so that packaging's CPU load and apt's changes to the machine never
// overlap the timing-sensitive tests.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/package/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
