// Vitest global setup: one pcscd lease for the whole run, so pcscd does not
// start and stop under the kiosks other test files run in parallel (each
// kiosk watches pcscd; a pcscd coming and going would be announced on their
// event streams mid-test). Reuses a running pcscd; stops only one it started.
// When pcscd cannot be started (not root, not installed), the run goes on:
// tests/integration/identity-pcsc.test.ts then fails with the reason.
import { acquirePcscd, type PcscdLease } from './pcscd';

export default async function setup(): Promise<() => Promise<void>> {
  let lease: PcscdLease | null = null;
  try {
    lease = await acquirePcscd();
  } catch (cause) {
    console.warn(`[pcscd] not available for this run: ${(cause as Error).message.split('\n')[0]}`);
  }
  return async () => {
    await lease?.release();
  };
}
