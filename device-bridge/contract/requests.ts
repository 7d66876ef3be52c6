// Every request body, query and path parameter that crosses HTTP, as zod
// schemas: the bridge checks each request with them before a handler runs
// (device-bridge/api/route-helpers.ts), per route in contract/route-schemas.ts.
// The UI imports only the types (zod stays out of its bundle).
import { z } from 'zod';
import { isLocalDate } from '../domain/clinic-clock';
import { OLD_POLICY_RULE, TYPED_POLICY_KINDS, typedPolicyState, type TypedPolicyKind } from '../domain/oms-policy';
import { virtualCardBehaviours } from './identity';
import { MEMO_LANGUAGES } from './memo';
import { WAITING_LIST_CLAIMS, type WaitingListClaim } from './scheduling';

// ── Booking (device-bridge/api/booking-routes.ts)

/** What each kind of typed number must look like; the keypad's live feedback checks the same (device-bridge/domain/oms-policy.ts). */
const TYPED_POLICY_RULES: Record<TypedPolicyKind, string> = {
  enp: 'ЕНП: 16 digits',
  temporary: 'temporary certificate (временное свидетельство): 9 digits',
  old: `old-style policy: ${OLD_POLICY_RULE}`,
};

/** The policy-kind enum of the domain (device-bridge/domain/oms-policy.ts), as a request field. */
export const policyKind = z.enum(TYPED_POLICY_KINDS as [TypedPolicyKind, ...TypedPolicyKind[]]);

export const startSessionRequest = z
  .object({
    policyNumber: z.string().max(64, 'too long for a policy number'),
    /** The kind the patient chose on the identify screen; absent = ЕНП (card and scanner paths, older UIs). */
    policyKind: policyKind.default('enp'),
    /** How the number reached the UI: typed on the keypad, or read by a keyboard-wedge scanner (digital policy QR). */
    channel: z.enum(['keypad', 'barcode']).optional(),
    /**
     * YYYY-MM-DD, typed on the kiosk's keypad after the number when the kiosk info says
     * `identification.needsBirthDate`; the bridge passes it to the scheduler only then.
     */
    birthDate: z.string().refine(isLocalDate, 'a real date YYYY-MM-DD').optional(),
  })
  .superRefine((body, ctx) => {
    // The ЕНП's check digit is the keypad's business (it explains the typo); the bridge checks the shape only.
    const shape = typedPolicyState(body.policyKind, body.policyNumber).state;
    if (shape !== 'complete' && shape !== 'checksum') {
      ctx.addIssue({ code: 'custom', path: ['policyNumber'], message: TYPED_POLICY_RULES[body.policyKind] });
    }
  });
export type StartSessionRequest = z.infer<typeof startSessionRequest>;

export const holdRequest = z.object({ slotId: z.string().min(1).max(64) });
export type HoldRequest = z.infer<typeof holdRequest>;

export const bookRequest = z.object({
  holdId: z.string().min(1).max(64),
  /** Chosen by the UI once per review screen: a retried confirm never books twice. */
  clientKey: z.string().min(8).max(64),
});
export type BookRequest = z.infer<typeof bookRequest>;

const specialtyCode = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a specialty code like `surgeon`').max(64);
const id = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'an id: letters, digits, `-`, `_`, `.`');

export const specialtyParams = z.object({ code: specialtyCode });
export const daySlotsParams = z.object({
  code: specialtyCode,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
});
/** `?doctorId=` narrows days and slots to one doctor. */
export const doctorFilter = z.object({ doctorId: id.optional() });
export const appointmentParams = z.object({ id });
/** POST /api/bookings/:id/print: any id; one that is not this session's answers `appointment-not-found`. */
export const bookingParams = z.object({ id: z.string() });

/** POST /api/waiting-list */
export const waitingListRequest = z.object({
  specialtyCode,
  /** A particular doctor, or absent/null for any doctor of the specialty. */
  doctorId: id.nullable().optional(),
  claim: z.enum(WAITING_LIST_CLAIMS as [WaitingListClaim, ...WaitingListClaim[]]),
});
export type WaitingListBody = z.infer<typeof waitingListRequest>;

// ── Attract screen: assistance, памятка, training (api/memo-routes.ts, api/training-routes.ts, assistance/assistance-routes.ts)

/**
 * POST /api/assistance/call: the screen the patient was on, nothing else (camelCase screen names,
 * letters and hyphens only, so no number or name can ride along).
 */
export const assistanceCallRequest = z
  .object({ screen: z.string().regex(/^[a-z][A-Za-z-]{0,39}$/, 'a screen name such as failed or noSlots') })
  .strict();

/** POST /api/memo/print: the memo in the language the patient sees the screen in. */
export const memoPrintRequest = z.object({ language: z.enum(MEMO_LANGUAGES) }).strict();
export type MemoPrintRequest = z.infer<typeof memoPrintRequest>;

/** POST /api/training/demo-card: the number of a demo patient of the training sandbox. */
export const demoCardRequest = z.strictObject({ patient: z.number().int().min(0).max(99) });

// ── Service mode (service/service-routes.ts, api/identity-routes.ts)

/** POST /api/service/login */
export const serviceLoginRequest = z.strictObject({ pin: z.string().min(1).max(32) });
export type ServiceLoginRequest = z.infer<typeof serviceLoginRequest>;

/** GET /api/service/journal?limit= (newest first, 50 when absent). */
export const journalQuery = z.object({ limit: z.coerce.number({ error: '1…500' }).int('1…500').min(1, '1…500').max(500, '1…500').default(50) });
/** POST /api/service/journal/:id/reprint */
export const journalEntryParams = z.object({ id: z.string().regex(/^\d{1,15}$/, 'a journal entry number').transform(Number) });

/** A fault with its parameters: the body of POST /api/service/virtual-printer/fault (and of printer/virtual-printer-control.ts). */
export const virtualPrinterFaultSchema = z.union([
  z.strictObject({ fault: z.enum(['none', 'paper-near-end', 'paper-out', 'cover-open', 'no-status']) }),
  z.strictObject({ fault: z.literal('disconnect-mid-job'), afterBytes: z.number().int().min(1).max(1_000_000).optional() }),
  z.strictObject({ fault: z.literal('slow-status'), delayMs: z.number().int().min(0).max(60_000).optional() }),
]);
export type VirtualPrinterFaultSetting = z.infer<typeof virtualPrinterFaultSchema>;

/** POST /api/service/virtual-card/insert (service token): put the virtual OMS card of this patient into the virtual reader. */
export const virtualCardInsertRequest = z.object({
  policyNumber: z.string().regex(/^\d{16}$/, 'ЕНП: 16 digits'),
  behaviour: z.enum(virtualCardBehaviours).optional(),
});
export type VirtualCardInsertRequest = z.infer<typeof virtualCardInsertRequest>;

/** POST /api/check-in: the session's patient, or a scanned ticket QR code (digits only, contract/check-in.ts). */
export const checkInRequest = z.discriminatedUnion('via', [
  z.object({ via: z.literal('session') }),
  z.object({ via: z.literal('ticket'), code: z.string().max(200, 'too long for a ticket code') }),
]);
export type CheckInRequest = z.infer<typeof checkInRequest>;
