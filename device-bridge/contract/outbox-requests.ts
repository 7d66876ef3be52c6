// The request schema of POST /api/outbox/requests (contract/outbox.ts): the
// phone by the one rule (device-bridge/domain/phone.ts), the policy number's shape by the
// identify screen's rule. Bridge-only (zod), like contract/requests.ts.
import { z } from 'zod';
import { phoneState } from '../domain/phone';
import { typedPolicyState } from '../domain/oms-policy';
import { policyKind } from './requests';
import { WAITING_LIST_CLAIMS, type WaitingListClaim } from './scheduling';

const PHONE_RULES = {
  empty: 'a phone number is required',
  'not-digits': 'digits only, the 10 after +7',
  'not-mobile': 'a mobile number: the first digit after +7 is 9',
  'too-long': '10 digits after +7',
  typing: '10 digits after +7',
} as const;

export const leaveRequestBody = z
  .object({
    /** Chosen by the UI once per request: a retried POST keeps one request, and the scheduler dedupes on it. */
    clientKey: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'a key of 8–64 letters, digits or hyphens'),
    /** Without a live session (the scheduler could not identify the patient): the number as typed or scanned. */
    policyNumber: z.string().max(64, 'too long for a policy number').optional(),
    policyKind: policyKind.default('enp'),
    specialtyCode: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a specialty code like `surgeon`').max(64),
    doctorId: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'an id').nullable().default(null),
    claim: z.enum(WAITING_LIST_CLAIMS as [WaitingListClaim, ...WaitingListClaim[]]),
    /** The 10 digits after +7. */
    phone: z.string().max(16),
    language: z.enum(['ru', 'en']).default('ru'),
  })
  .superRefine((body, ctx) => {
    const phone = phoneState(body.phone).state;
    if (phone !== 'complete') ctx.addIssue({ code: 'custom', path: ['phone'], message: PHONE_RULES[phone] });
    if (body.policyNumber !== undefined) {
      const shape = typedPolicyState(body.policyKind, body.policyNumber).state;
      if (shape !== 'complete' && shape !== 'checksum') ctx.addIssue({ code: 'custom', path: ['policyNumber'], message: 'not a policy number of this kind' });
    }
  });
export type LeaveRequestBody = z.infer<typeof leaveRequestBody>;
