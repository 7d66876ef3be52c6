// The `checkIn` part of the kiosk config (config/kiosk-config-schema.ts): check-in on arrival
// («Отметиться о приходе») and the key that signs the check-in code in a ticket's QR.
import { z } from 'zod';

export const DEFAULT_CHECK_IN = {
  enabled: true,
  earlyMinutes: 60,
  lateMinutes: 15,
  secretEnv: null,
  secretFile: null,
} as const;

export const checkInConfig = z
  .object({
    /** The «Отметиться о приходе» button on the attract screen, and ticket QR scans on it. */
    enabled: z.boolean(),
    /** How long before the appointment a patient may check in; earlier is explained with the time to come back. */
    earlyMinutes: z.number().int().min(0).max(480),
    /** How long after the start a patient may still check in; later sends them to the registry desk. */
    lateMinutes: z.number().int().min(0).max(240),
    /**
     * Where the key that signs ticket QR codes comes from: the same value on every kiosk of the clinic,
     * so a ticket printed by one checks in at another. Neither set: a key of this kiosk alone, made at
     * first start next to the scheduler's database (check-in/check-in-secret.ts).
     */
    secretEnv: z.string().min(1).nullable(),
    secretFile: z.string().min(1).nullable(),
  })
  .strict();

export type CheckInConfig = z.infer<typeof checkInConfig>;
