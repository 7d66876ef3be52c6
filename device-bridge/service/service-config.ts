// The service mode's and the metrics exporter's parts of the kiosk config
// schema (config/kiosk-config-schema.ts spreads them in). Defaults live here,
// so a kiosk config only names what differs from them.
import { z } from 'zod';

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name like KIOSK_SERVICE_PIN');

/**
 * `service`: the PIN that opens service mode, and how hard it is to guess.
 * The PIN itself never appears in a config: like `scheduler.auth.tokenEnv` /
 * `.tokenFile`, the config names an environment variable or a file. A later
 * layer that switches from one to the other sets the first to null.
 */
export const serviceConfig = z
  .object({
    /** Environment variable that holds the service PIN (4–12 digits). */
    pinEnv: envName.nullable().optional(),
    /** File that holds the service PIN (4–12 digits; keep it readable by the kiosk's user only). */
    pinFile: z.string().min(1).nullable().optional(),
    /** Wrong PINs in a row that lock service mode. */
    maxPinAttempts: z.number().int().min(1).max(20).default(5),
    /** How long service mode stays locked after `maxPinAttempts` wrong PINs. */
    lockoutSeconds: z.number().int().min(10).max(86_400).default(300),
    /** A service token expires after this long unused. */
    sessionSeconds: z.number().int().min(30).max(3600).default(300),
  })
  .strict()
  .refine((s) => !(typeof s.pinEnv === 'string' && typeof s.pinFile === 'string'), {
    message: 'give either pinEnv or pinFile, not both (set the other to null in the later layer)',
  })
  .prefault({});

export type ServiceConfig = z.infer<typeof serviceConfig>;

/**
 * `metrics`: `/metrics` and `/healthz` are always on the bridge (loopback).
 * `listen` opens a second, read-only listener with only those two paths, for
 * a Prometheus server on the clinic network.
 */
export const metricsConfig = z
  .object({
    listen: z
      .object({ host: z.string().min(1), port: z.number().int().min(0).max(65535) })
      .strict()
      .nullable()
      .default(null),
  })
  .strict()
  .prefault({});

export type MetricsConfig = z.infer<typeof metricsConfig>;
