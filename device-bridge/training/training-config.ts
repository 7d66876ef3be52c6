// The training mode's part of the kiosk config schema (config/kiosk-config-schema.ts
// spreads it in). Defaults live here, so a kiosk config only names what differs.
import { z } from 'zod';

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name like KIOSK_VOLUNTEER_PIN');

/**
 * `training`: the учебный режим volunteers use to teach patients. Like the
 * service PIN, the volunteer PIN never stands in a config: the config names an
 * environment variable or a file. No PIN configured = no training mode.
 */
export const trainingConfig = z
  .object({
    /** Environment variable that holds the volunteer PIN (4–12 digits, not the service PIN). */
    volunteerPinEnv: envName.nullable().default('KIOSK_VOLUNTEER_PIN'),
    /** File that holds the volunteer PIN (readable by the kiosk's user only). */
    volunteerPinFile: z.string().min(1).nullable().default(null),
    /**
     * Training ends by itself after this long without a touch, so a forgotten sandbox never greets a real patient
     * (it also ends after each finished session: main.ts).
     */
    idleSeconds: z.number().int().min(5).max(7200).default(180),
    /** The sandbox clinic the training journey books in: a copy in memory, gone when training ends. */
    clinicFile: z.string().min(1).default('config/demo-clinic.json'),
  })
  .strict()
  .refine((t) => !(typeof t.volunteerPinEnv === 'string' && typeof t.volunteerPinFile === 'string'), {
    message: 'give either volunteerPinEnv or volunteerPinFile, not both (set the other to null in the later layer)',
  })
  .prefault({});

export type TrainingConfig = z.infer<typeof trainingConfig>;
