// `scheduler.prefetch`: on by default where the backend is across the network, off for the embedded one, bounded.
import { describe, expect, test } from 'vitest';
import { DEFAULT_READ_AHEAD, prefetchConfig, readAheadSettingsOf } from './read-ahead-settings';

describe('scheduler.prefetch', () => {
  test('is on by default for fhir and n3, off for embedded, and either way when the config says so', () => {
    expect(readAheadSettingsOf({ adapter: 'fhir' })).toEqual(DEFAULT_READ_AHEAD);
    expect(readAheadSettingsOf({ adapter: 'n3' })).toEqual(DEFAULT_READ_AHEAD);
    expect(readAheadSettingsOf({ adapter: 'embedded' })).toBeNull();
    expect(readAheadSettingsOf({ adapter: 'embedded', prefetch: prefetchConfig.parse({ enabled: true, slotsTtlSeconds: 20 }) })?.ttlMs).toBe(20_000);
    expect(readAheadSettingsOf({ adapter: 'n3', prefetch: prefetchConfig.parse({ enabled: false }) })).toBeNull();
  });

  test('a free-time list older than 5 minutes, or an unknown field, is refused with its field', () => {
    const tooOld = prefetchConfig.safeParse({ slotsTtlSeconds: 600 });
    expect(tooOld.success).toBe(false);
    expect(tooOld.error?.issues[0]?.path).toEqual(['slotsTtlSeconds']);
    const typo = prefetchConfig.safeParse({ paralel: 4 });
    expect(typo.success).toBe(false);
  });
});
