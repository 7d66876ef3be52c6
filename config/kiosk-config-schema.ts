// The one schema a kiosk's configuration is validated against, whole, before
// anything starts. Every problem is reported with its field path.
import { z } from 'zod';
import { isKnownTimeZone } from '../device-bridge/domain/clinic-clock';

const transportUrl = z
  .string()
  .refine((s) => /^(usb:\/\/[0-9a-f]{4}:[0-9a-f]{4}|tcp:\/\/[^/:]+:\d{1,5}|serial:\/\/\/.+|virtual:\/\/.*)$/i.test(s), {
    message: 'expected usb://VID:PID, tcp://host:port, serial:///dev/… or virtual://',
  });

const port = z.number().int().min(0).max(65535);

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
        })
        .strict(),
    ]),
    printer: z
      .object({
        url: transportUrl,
        model: z.string().min(1),
      })
      .strict(),
    virtualPrinter: z
      .object({
        host: z.string().min(1),
        port,
        outputDir: z.string().min(1),
      })
      .strict(),
    booking: z
      .object({
        horizonDays: z.number().int().min(1).max(60),
        holdSeconds: z.number().int().min(30).max(1800),
      })
      .strict(),
    session: z
      .object({
        idleSeconds: z.number().int().min(15).max(600),
        doneSeconds: z.number().int().min(5).max(120),
      })
      .strict(),
    log: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
      })
      .strict(),
  })
  .strict();

export type KioskConfig = z.infer<typeof kioskConfigSchema>;

