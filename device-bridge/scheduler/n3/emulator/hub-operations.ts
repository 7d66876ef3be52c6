// The HubService operations the emulator answers, served from the embedded
// scheduler (the same demo clinic, slots, kiosk shares and bookings): each
// takes the parsed operation element and answers the <Op>Result's content, or
// a refusal (Success=false with an ErrorList) the way hubs send them.
import { randomUUID } from 'node:crypto';
import { SELF_BOOKABLE_SPECIALTIES } from '../../../booking/booking-policy';
import { addDays } from '../../../domain/clinic-clock';
import type { ClinicDefinition } from '../../embedded/clinic-definition';
import type { EmbeddedScheduler } from '../../embedded/embedded-scheduler';
import type { Appointment, LocalDateTime, WaitingListClaim } from '../../scheduler-port';
import { HUB_ERROR } from '../hub-errors';
import { hubLocalDate, hubLocalDateTime } from '../hub-records';
import { ARRAYS_NS, child, DC_NS, member, TEMPURI, textOf } from '../soap-envelope';
import type { XmlElement } from '../xml/xml-reader';
import { el, type XmlNode } from '../xml/xml-writer';

/** What an operation answers: the result's members, or a refusal. */
export type OpAnswer = { readonly ok: true; readonly members: XmlNode[] } | { readonly ok: false; readonly id: string; readonly description: string };

/** Hub specialty ids the emulator uses (a hub's ids are its own; these fill the site's `specialtyCodes`). */
const KNOWN_IDS: Readonly<Record<string, string>> = {
  'therapist-district': '122', gp: '113', 'pediatrician-district': '116', surgeon: '138', 'pediatric-surgeon': '30',
  ophthalmologist: '29', otolaryngologist: '27', 'obstetrician-gynecologist': '2', dentist: '87', 'dentist-therapist': '88',
  'pediatric-dentist': '85', 'psychiatrist-narcologist': '72', 'pediatric-psychiatrist': '71', phthisiatrician: '123',
};

/** `specialtyCodes` for a kiosk talking to the emulator serving `clinic`: every self-bookable and every clinic specialty. */
export function emulatorSpecialtyCodes(clinic: ClinicDefinition): Record<string, string> {
  const codes = [...new Set([...SELF_BOOKABLE_SPECIALTIES, ...clinic.departments.flatMap((d) => d.specialties.map((s) => s.code))])];
  return Object.fromEntries(codes.map((code, i) => [code, KNOWN_IDS[code] ?? String(900 + i)]));
}

const refuse = (id: string, description: string): OpAnswer => ({ ok: false, id, description });
const answer = (...members: XmlNode[]): OpAnswer => ({ ok: true, members });
const dt = (local: LocalDateTime) => `${local}:00`;
const CLAIMS: Readonly<Record<string, WaitingListClaim>> = { '1': 'no-slots', '2': 'no-convenient-time', '3': 'no-such-specialist' };

export interface HubOperationsOptions {
  readonly clinic: ClinicDefinition;
  readonly scheduler: EmbeddedScheduler;
  /** Refuse CheckPatient without a matching Birthday (a hub that identifies by policy and birth date). */
  readonly requireBirthDate: boolean;
}

export function hubOperations(o: HubOperationsOptions): Record<string, (op: XmlElement) => Promise<OpAnswer>> {
  const { scheduler: e, clinic } = o;
  const ids = emulatorSpecialtyCodes(clinic);
  const codeOf = new Map(Object.entries(ids).map(([code, id]) => [id, code]));
  const a = (op: XmlElement, ...names: string[]) => textOf(op, TEMPURI, ...names);
  const horizon = () => {
    const today = e.clock.today();
    return { from: `${today}T00:00`, to: `${addDays(today, 14)}T00:00` };
  };
  const window = (op: XmlElement) => ({
    from: hubLocalDateTime(a(op, 'visitStart')) ?? horizon().from,
    to: hubLocalDateTime(a(op, 'visitEnd')) ?? horizon().to,
  });

  async function patientOf(op: XmlElement) {
    const pat = child(op, TEMPURI, 'pat');
    const series = textOf(pat, DC_NS, 'Polis_S') ?? '';
    const number = textOf(pat, DC_NS, 'Polis_N') ?? '';
    const found = await e.findPatientByPolicy(series ? `${series} ${number}` : number);
    return { found: found.ok ? found.value : null, birthday: hubLocalDate(textOf(pat, DC_NS, 'Birthday')) };
  }

  async function visits(idPat: string): Promise<Appointment[]> {
    const mine = await e.listAppointments(idPat, { from: '2000-01-01T00:00' });
    return mine.ok ? mine.value : [];
  }

  const directory = async () => {
    const dir = await e.listDirectory();
    if (!dir.ok) throw new Error('the emulator cannot read its own clinic');
    return dir.value;
  };

  return {
    async CheckPatient(op) {
      const { found, birthday } = await patientOf(op);
      if (!found) return refuse(HUB_ERROR.patientNotFound, 'Пациент не найден');
      if (o.requireBirthDate && birthday !== found.birthDate) return refuse(HUB_ERROR.patientNotFound, 'Пациент не найден: проверьте дату рождения');
      if (found.attached === false) return refuse(HUB_ERROR.notAttached, 'Пациент не прикреплён к медицинской организации');
      return answer(member('IdPat', found.id));
    },
    async SearchTop10Patient(op) {
      const { found, birthday } = await patientOf(op);
      if (!found || (o.requireBirthDate && birthday !== found.birthDate)) return answer(member('ListPatient', []));
      return answer(member('ListPatient', [member('Patient', [
        member('AriaNumber', found.attached === false ? null : found.district ?? null),
        member('Birthday', `${found.birthDate}T00:00:00`),
        member('IdPat', found.id),
        member('Name', found.givenName),
        member('SecondName', found.patronymic || null),
        member('Surname', found.surname),
      ])]));
    },
    async GetLPUInfo() {
      return answer(member('LPUFullName', clinic.clinic.name), member('Address', clinic.clinic.address), member('Phone', clinic.clinic.phone), member('WorkTime', 'пн–пт 08:00–20:00'));
    },
    async GetSpesialityList() {
      const dir = await directory();
      const h = horizon();
      const list: XmlNode[] = [];
      for (const s of dir.specialties) {
        const counts = await e.countFreeSlots({ specialtyCode: s.code, ...h });
        const free = counts.ok ? counts.value : [];
        const nearest = free.map((c) => c.first).sort()[0];
        list.push(member('Spesiality', [
          member('CountFreeParticipantIE', free.reduce((n, c) => n + c.count, 0)),
          member('CountFreeTicket', free.reduce((n, c) => n + c.count, 0)),
          member('FerIdSpesiality', ids[s.code] ?? null),
          member('IdSpesiality', ids[s.code] ?? s.code),
          member('LastDate', null),
          member('NameSpesiality', s.name),
          member('NearestDate', nearest ? dt(nearest) : null),
        ]));
      }
      return answer(member('ListSpesiality', list));
    },
    async GetDoctorList(op) {
      const code = codeOf.get(a(op, 'idSpesiality', 'idSpeciality') ?? '');
      const dir = await directory();
      const doctors = dir.doctors.filter((d) => d.specialtyCode === code);
      if (doctors.length === 0) return refuse('38', 'Нет врачей по специальности');
      return answer(member('Docs', doctors.map((d) => member('Doctor', [
        member('AriaNumber', d.district ?? null),
        member('Comment', `Кабинет ${d.room}`),
        member('IdDoc', d.id),
        member('Name', d.fullName),
        member('Snils', null),
      ]))));
    },
    async GetAvailableDates(op) {
      const counts = await e.countFreeSlots({ doctorIds: [a(op, 'idDoc') ?? ''], ...window(op) });
      const days = counts.ok ? counts.value.map((c) => c.date) : [];
      return answer(member('AvailableDateList', days.map((d) => el(ARRAYS_NS, 'dateTime', `${d}T00:00:00`))));
    },
    async GetAvaibleAppointments(op) {
      const slots = await e.listFreeSlots({ doctorIds: [a(op, 'idDoc') ?? ''], ...window(op) });
      if (!slots.ok || slots.value.length === 0) return refuse(HUB_ERROR.noFreeTickets, 'Нет свободных талонов');
      return answer(member('ListAppointments', slots.value.map((s, i) => member('Appointment', [
        member('Address', clinic.clinic.address),
        member('IdAppointment', s.id),
        member('Num', i + 1),
        member('Room', s.doctor.room),
        member('VisitEnd', dt(endOf(s.start, s.durationMinutes))),
        member('VisitStart', dt(s.start)),
      ]))));
    },
    async SetAppointment(op) {
      const idPat = a(op, 'idPat') ?? '';
      const hold = await e.holdSlot(a(op, 'idAppointment') ?? '', idPat, 60);
      if (!hold.ok) return refuse(HUB_ERROR.slotTaken, hold.error.kind === 'slot-not-found' ? 'Талон не найден' : 'Талон уже занят');
      const booked = await e.confirmHold(hold.value.id, randomUUID());
      if (!booked.ok) return refuse(HUB_ERROR.slotTaken, 'Талон уже занят');
      return answer(member('Type', 'Инфомат'));
    },
    async CreateClaimForRefusal(op) {
      const idPat = a(op, 'idPat') ?? '';
      const target = (await visits(idPat)).find((v) => v.slot.id === a(op, 'idAppointment'));
      if (!target) return refuse(HUB_ERROR.appointmentNotFound, 'Запись не найдена');
      const cancelled = await e.cancelAppointment(target.id, idPat);
      return cancelled.ok ? answer() : refuse(HUB_ERROR.appointmentNotFound, 'Запись не найдена');
    },
    async GetPatientHistory(op) {
      const mine = await visits(a(op, 'idPat') ?? '');
      return answer(member('ListHistoryVisit', mine.map((v) => member('HistoryVisit', [
        member('DateCreatedAppointment', dt(v.slot.start)),
        member('DoctorRendingConsultation', [member('IdDoc', v.slot.doctor.id), member('Name', v.slot.doctor.fullName)]),
        member('IdAppointment', v.slot.id),
        member('Room', v.slot.doctor.room),
        member('SpecialityRendingConsultation', [member('IdSpeciality', ids[v.slot.specialty.code] ?? null), member('NameSpeciality', v.slot.specialty.name)]),
        member('VisitEnd', dt(endOf(v.slot.start, v.slot.durationMinutes))),
        member('VisitStart', dt(v.slot.start)),
      ]))));
    },
    async SetWaitingList(op) {
      const code = codeOf.get(a(op, 'idSpesiality', 'idSpeciality') ?? '') ?? a(op, 'nameSpesiality');
      const claim = CLAIMS[a(op, 'claim') ?? ''];
      if (!code || !claim) return refuse('37', 'Не указана специальность или вид заявки');
      const joined = await e.joinWaitingList({ patientId: a(op, 'idPat') ?? '', specialtyCode: code, doctorId: a(op, 'idDoc'), claim });
      return joined.ok ? answer(member('GuidClaim', joined.value.id)) : refuse(HUB_ERROR.patientNotFound, 'Пациент не найден');
    },
    async CheckIn(op) {
      return a(op, 'idAppointment') ? answer(member('Count', 0), member('Office', null)) : refuse(HUB_ERROR.appointmentNotFound, 'Запись не найдена');
    },
  };
}

function endOf(start: LocalDateTime, minutes: number): LocalDateTime {
  const ms = Date.parse(`${start}:00Z`) + minutes * 60_000;
  return new Date(ms).toISOString().slice(0, 16);
}
