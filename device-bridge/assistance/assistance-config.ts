// The `assistance` part of the kiosk config (config/kiosk-config-schema.ts):
// where a patient who is stuck finds a volunteer or the registry desk, and
// whether the kiosk calls them with a signal on its screen (a pulsing banner
// seen from across the lobby) and a chime. The UI gets it through KioskInfo.
import { z } from 'zod';
import { ASSISTANCE_SIGNALS } from '../contract/kiosk';


/** Short enough to read at a glance in the largest text mode. */
const whereText = z.string().trim().min(1).max(160);

export const assistanceConfig = z
  .object({
    /** Where help is, in the patient's language: «Волонтёр — у стойки регистратуры, окно 1». */
    where: z
      .object({
        ru: whereText,
        /** null: English screens show the Russian text (better than a stale default that names another place). */
        en: whereText.nullable().optional(),
      })
      .strict(),
    callSignal: z.enum(ASSISTANCE_SIGNALS),
  })
  .strict();

export type AssistanceConfig = z.infer<typeof assistanceConfig>;
