// The `outbox` part of the kiosk config (config/kiosk-config-schema.ts): how
// long a request left at the kiosk («Оставить заявку») may wait for the
// scheduler, how often delivery is retried, and how long a failed request
// stays for the registry to call back. Defaults in config/kiosk.defaults.json.
import { z } from 'zod';

export const outboxConfig = z
  .object({
    /** The SQLite file; next to the scheduler database when absent. */
    file: z.string().min(1).optional(),
    /** A request still undelivered this long after it was left is marked failed, for the registry to call back by hand. */
    maxAgeHours: z.number().min(1).max(24 * 30),
    /** A failed request (phone, surname + initials, specialty) is deleted this long after it failed. */
    failedRetentionDays: z.number().int().min(1).max(90),
    /** The first retry's wait; each next one doubles, up to `retryMaxSeconds`. */
    retryBaseSeconds: z.number().min(0.05).max(3600),
    retryMaxSeconds: z.number().min(0.05).max(24 * 3600),
  })
  .strict()
  .refine((c) => c.retryMaxSeconds >= c.retryBaseSeconds, { path: ['retryMaxSeconds'], message: 'must be at least retryBaseSeconds' });
