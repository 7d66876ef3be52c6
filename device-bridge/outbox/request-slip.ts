// The slip «Заявка принята» a patient takes away after leaving a request: the
// short reference, what was asked for, and what happens next. Laid out by the
// memo layout (printer/layout/memo-layout.ts) on the ticket printer. Nothing
// personal beyond surname and initials: no policy number, no phone.
import { createHash } from 'node:crypto';
import { formatLocalDate, toLocalDateTime } from '../domain/clinic-clock';
import type { MemoData } from '../printer/layout/memo-data';
import type { WaitingListClaim } from '../scheduler/scheduler-port';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** «З-7K2-M9Q»: short enough to say on the phone, stable for one request (a retried POST prints the same). */
export function requestReference(clientKey: string): string {
  const digest = createHash('sha256').update(`outbox:${clientKey}`).digest();
  let s = '';
  for (let i = 0; i < 6; i++) s += CROCKFORD[digest[i]! % 32];
  return `З-${s.slice(0, 3)}-${s.slice(3)}`;
}

const TEXT = {
  ru: {
    title: 'Заявка принята',
    reference: 'Номер заявки',
    specialty: 'Специальность',
    claim: { 'no-slots': 'нет свободного времени', 'no-convenient-time': 'нет удобного времени', 'no-such-specialist': 'нет нужного специалиста' },
    claimLabel: 'Причина',
    taken: 'Принята',
    next: 'Что дальше',
    call: 'Регистратура позвонит вам по номеру, который вы указали, и предложит время приёма.',
    noCall: (phone: string) => `Если вам не позвонили в течение 3 дней, позвоните в регистратуру: ${phone}. Назовите номер заявки.`,
  },
  en: {
    title: 'Request received',
    reference: 'Request number',
    specialty: 'Specialty',
    claim: { 'no-slots': 'no free time', 'no-convenient-time': 'no convenient time', 'no-such-specialist': 'no such specialist' },
    claimLabel: 'Reason',
    taken: 'Received',
    next: 'What happens next',
    call: 'The registry will call you on the number you gave and offer a time.',
    noCall: (phone: string) => `If nobody calls within 3 days, call the registry: ${phone}. Give the request number.`,
  },
} as const;

export interface RequestSlipInput {
  readonly reference: string;
  readonly displayName: string | null;
  readonly specialtyName: string;
  readonly claim: WaitingListClaim;
  readonly createdAt: Date;
  readonly language: 'ru' | 'en';
  readonly clinic: { readonly name: string; readonly address: string; readonly phone: string; readonly timeZone: string };
}

export function requestSlip(input: RequestSlipInput): MemoData {
  const t = TEXT[input.language];
  const local = toLocalDateTime(input.createdAt, input.clinic.timeZone);
  return {
    clinicName: input.clinic.name,
    clinicAddress: input.clinic.address,
    keepWhole: [input.clinic.phone, input.reference],
    title: t.title,
    sections: [
      {
        heading: `${t.reference}: ${input.reference}`,
        lines: [
          ...(input.displayName ? [input.displayName] : []),
          `${t.specialty}: ${input.specialtyName}`,
          `${t.claimLabel}: ${t.claim[input.claim]}`,
          `${t.taken}: ${formatLocalDate(local.slice(0, 10))} ${local.slice(11, 16)}`,
        ],
      },
      { heading: t.next, lines: [t.call, t.noCall(input.clinic.phone)] },
    ],
  };
}
