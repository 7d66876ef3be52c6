// The one schema a kiosk's configuration is validated against, whole, before
// anything starts. Every problem is reported with its field path.
import { z } from 'zod';
import { isKnownTimeZone } from '../device-bridge/domain/clinic-clock';
import { bookingPolicyFields, fhirSchedulerConfig, n3SchedulerConfig, resilienceConfig } from '../device-bridge/scheduler/scheduler-config';
import { prefetchConfig } from '../device-bridge/scheduler/prefetch/read-ahead-settings';
import { metricsConfig, serviceConfig } from '../device-bridge/service/service-config';
import { trainingConfig } from '../device-bridge/training/training-config';
import { assistanceConfig } from '../device-bridge/assistance/assistance-config';
import { memoConfig } from '../device-bridge/memo/memo-config';
import { speechConfig } from '../device-bridge/speech/speech-config';
import { outboxConfig } from '../device-bridge/outbox/outbox-config';
import { checkInConfig, DEFAULT_CHECK_IN } from '../device-bridge/check-in/check-in-config';
import { DEFAULT_KEEP_TICKETS } from '../device-bridge/printer/emulator/ticket-output';

const transportUrl = z
  .string()
  .refine((s) => /^(usb:\/\/[0-9a-f]{4}:[0-9a-f]{4}|tcp:\/\/[^/:]+:\d{1,5}|serial:\/\/\/.+|virtual:\/\/.*)$/i.test(s), {
    message: 'expected usb://VID:PID, tcp://host:port, serial:///dev/… or virtual://',
  });

const port = z.number().int().min(0).max(65535);

/** Hex bytes as a string ("F04F4D5301", spaces allowed), between `min` and `max` bytes long. */
const hexBytes = (min: number, max: number) =>
  z.string().refine((s) => /^([0-9a-f]{2}\s?)+$/i.test(s.trim()) && s.replace(/\s/g, '').length / 2 >= min && s.replace(/\s/g, '').length / 2 <= max, {
    message: min === max ? `expected ${min} bytes as hex, e.g. "0201"` : `expected ${min} to ${max} bytes as hex, e.g. "F04F4D5301"`,
  });

export const kioskConfigSchema = z
  .object({
    kioskId: z.string().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'),
    bridge: z
      .object({
        host: z.string().min(1),
        port,
      })
      .strict(),
    clinic: z
      .object({
        name: z.string().min(1),
        address: z.string().min(1),
        phone: z.string().min(1),
        timeZone: z.string().refine(isKnownTimeZone, { message: 'unknown IANA time zone' }),
      })
      .strict(),
    scheduler: z.discriminatedUnion('adapter', [
      z
        .object({
          adapter: z.literal('embedded'),
          database: z.string().min(1),
          clinicFile: z.string().min(1),
          resilience: resilienceConfig.optional(),
          prefetch: prefetchConfig.optional(),
        })
        .strict(),
      fhirSchedulerConfig,
      n3SchedulerConfig,
    ]),
    printer: z
      .object({
        url: transportUrl,
        model: z.string().min(1),
        /** A small PNG printed above the clinic name (scaled to at most 256 × 48 dots). */
        logo: z.string().min(1).optional(),
        /** The print journal's SQLite file; next to the scheduler database when absent. */
        journal: z.string().min(1).optional(),
      })
      .strict(),
    virtualPrinter: z
      .object({
        host: z.string().min(1),
        port,
        outputDir: z.string().min(1),
        /** Tickets whose text (tickets.txt) and PNG the output keeps; older ones are deleted (they show a surname). */
        keepTickets: z.number().int().min(1).max(100_000).default(DEFAULT_KEEP_TICKETS),
      })
      .strict(),
    booking: z
      .object({
        horizonDays: z.number().int().min(1).max(60),
        holdSeconds: z.number().int().min(30).max(1800),
        ...bookingPolicyFields,
      })
      .strict(),
    session: z
      .object({
        idleSeconds: z.number().int().min(15).max(600),
        doneSeconds: z.number().int().min(5).max(120),
      })
      .strict(),
    /** The panel's real pixel density: touch targets are at least 20 mm on it. */
    screen: z
      .object({
        dpi: z.number().int().min(72).max(400),
      })
      .strict(),
    /** The chip-card reader (PC/SC). The AID and file id of the OMS application are not public: see README, "Identification". */
    cardReader: z
      .object({
        enabled: z.boolean(),
        /** "" = the first reader that is not a vsmartcard virtual one; otherwise a case-insensitive part of the reader's name. */
        reader: z.string().max(128),
        aid: hexBytes(5, 16),
        ownerFileId: hexBytes(2, 2),
        /** Where vpcd takes the virtual card for a "Virtual PCD 00 0N" reader (35963 + N); used by service mode's test card. */
        virtualCard: z.object({ host: z.string().min(1), port }).strict(),
      })
      .strict(),
    /** Barcode scanners in serial / USB-CDC mode. */
    scanners: z
      .array(
        z.string().regex(/^serial:\/\/\/[^?\s]+(\?baudRate=\d{3,7})?$/, { message: 'expected serial:///dev/ttyACM0 or serial:///dev/ttyACM0?baudRate=9600' }),
      )
      .max(8),
    log: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
      })
      .strict(),
    /** Service mode: where the PIN comes from (never the config itself), lockout, token lifetime (service/service-config.ts). */
    service: serviceConfig,
    /** Training mode for volunteers: the volunteer PIN's source, the sandbox clinic, when it ends by itself (training/training-config.ts). */
    training: trainingConfig,
    /** The read-only /metrics + /healthz listener for the clinic network (off by default). */
    metrics: metricsConfig,
    /** «Позвать волонтёра»: where help is, and whether the kiosk signals the call on screen and with a chime (assistance/assistance-config.ts). */
    assistance: assistanceConfig,
    /** The printed памятка «Как записаться к врачу через инфомат» on the attract screen (memo/memo-config.ts). */
    memo: memoConfig,
    /** Speech output for patients who cannot see the screen: espeak-ng's voice, rate, volume (speech/speech-config.ts). */
    speech: speechConfig,
    /** «Оставить заявку»: the durable outbox of requests for the scheduler's waiting list (outbox/outbox-config.ts). */
    outbox: outboxConfig,
    /**
     * How patients identify. `askBirthDate`: a typed number is followed by the birth date, which must
     * match the scheduler's record (for trying the N3 `policy+birthDate` flow with the embedded clinic).
     */
    identification: z.object({ askBirthDate: z.boolean().default(false) }).strict().default({ askBirthDate: false }),
    /** Check-in on arrival «Отметиться о приходе»: the time window and the ticket QR's signing key (check-in/check-in-config.ts). */
    checkIn: checkInConfig.default(DEFAULT_CHECK_IN),
  })
  .strict();

export type KioskConfig = z.infer<typeof kioskConfigSchema>;

