// What the adapter reads from HubService results, as plain records: each field
// with the spellings hubs are seen to use, nil and absent read alike, unknown
// elements ignored. Times are the clinic's wall clock (`YYYY-MM-DDTHH:mm`).
import type { LocalDate, LocalDateTime } from '../scheduler-port';
import { ARRAYS_NS, child, children, DC, textOf } from './soap-envelope';
import type { XmlElement } from './xml/xml-reader';

export interface HubSpecialty {
  readonly id: string;
  readonly name: string;
  readonly federalId: string | null;
  readonly freeCount: number | null;
  readonly nearestDate: LocalDate | null;
}

export interface HubDoctor {
  readonly id: string;
  readonly name: string;
  readonly district: string | null;
  /** A room the hub states (`Room`, or «каб. 214» in `Comment`); '' when it states none. */
  readonly room: string;
}

export interface HubSlot {
  readonly id: string;
  readonly start: LocalDateTime;
  readonly end: LocalDateTime | null;
  readonly room: string | null;
}

export interface HubVisit {
  readonly appointmentId: string;
  readonly start: LocalDateTime;
  readonly end: LocalDateTime | null;
  readonly doctorId: string | null;
  readonly doctorName: string | null;
  readonly specialtyId: string | null;
  readonly room: string | null;
}

export interface HubPatient {
  readonly id: string;
  readonly surname: string | null;
  readonly name: string | null;
  readonly secondName: string | null;
  readonly birthDate: LocalDate | null;
  readonly district: string | null;
}

/** `2026-11-23T10:15:00(.000)(+03:00)` → `2026-11-23T10:15` (the hub speaks wall-clock time). */
export function hubLocalDateTime(text: string | null): LocalDateTime | null {
  const m = text ? /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(text) : null;
  return m ? `${m[1]}T${m[2]}` : null;
}

export const hubLocalDate = (text: string | null): LocalDate | null => (text && /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : null);

const count = (text: string | null) => (text !== null && /^\d+$/.test(text) ? Number(text) : null);

/** A list's items: `<List><Item/>…</List>` under the result, with either spelling of both. */
function items(result: XmlElement, lists: string[], item: string[]): XmlElement[] {
  const list = child(result, DC, ...lists);
  return children(list, DC, ...item);
}

export function readSpecialties(result: XmlElement): HubSpecialty[] {
  return items(result, ['ListSpesiality', 'ListSpeciality'], ['Spesiality', 'Speciality']).flatMap((s) => {
    const id = textOf(s, DC, 'IdSpesiality', 'IdSpeciality');
    const name = textOf(s, DC, 'NameSpesiality', 'NameSpeciality');
    if (id === null || name === null) return [];
    return [{
      id,
      name,
      federalId: textOf(s, DC, 'FerIdSpesiality', 'FerIdSpeciality'),
      freeCount: count(textOf(s, DC, 'CountFreeTicket')),
      nearestDate: hubLocalDate(textOf(s, DC, 'NearestDate')),
    }];
  });
}

export function readDoctors(result: XmlElement): HubDoctor[] {
  return items(result, ['Docs', 'ListDoctor'], ['Doctor']).flatMap((d) => {
    const id = textOf(d, DC, 'IdDoc');
    const name = textOf(d, DC, 'Name');
    if (id === null || name === null) return [];
    const comment = textOf(d, DC, 'Comment');
    const fromComment = comment ? /каб(?:инет|\.)?\s*№?\s*([0-9A-Za-zА-Яа-я-]+)/i.exec(comment)?.[1] : undefined;
    return [{ id, name, district: textOf(d, DC, 'AriaNumber', 'AreaNumber'), room: textOf(d, DC, 'Room') ?? fromComment ?? '' }];
  });
}

export function readDates(result: XmlElement): LocalDate[] {
  const list = child(result, DC, 'AvailableDateList', 'AvaibleDateList');
  return (list?.children ?? []).filter((c) => c.ns === ARRAYS_NS || DC(c.ns)).flatMap((c) => hubLocalDate(c.text.trim()) ?? []);
}

export function readSlots(result: XmlElement): HubSlot[] {
  return items(result, ['ListAppointments', 'ListAppointment'], ['Appointment']).flatMap((a) => {
    const id = textOf(a, DC, 'IdAppointment');
    const start = hubLocalDateTime(textOf(a, DC, 'VisitStart'));
    if (id === null || start === null) return [];
    return [{ id, start, end: hubLocalDateTime(textOf(a, DC, 'VisitEnd')), room: textOf(a, DC, 'Room') }];
  });
}

export function readHistory(result: XmlElement): HubVisit[] {
  const list = child(result, DC, 'ListHistoryVisit');
  return (list?.children ?? []).filter((v) => DC(v.ns)).flatMap((v) => {
    const appointmentId = textOf(v, DC, 'IdAppointment');
    const start = hubLocalDateTime(textOf(v, DC, 'VisitStart'));
    if (appointmentId === null || start === null) return [];
    // The doctor and specialty come as text in some hubs and as a small record in others.
    const doctor = child(v, DC, 'DoctorRendingConsultation', 'DoctorRenderingConsultation');
    const specialty = child(v, DC, 'SpecialityRendingConsultation', 'SpesialityRendingConsultation', 'SpecialityRenderingConsultation');
    const nested = (e: XmlElement | null, ...names: string[]) => (e && e.children.length > 0 ? textOf(e, DC, ...names) : null);
    return [{
      appointmentId,
      start,
      end: hubLocalDateTime(textOf(v, DC, 'VisitEnd')),
      doctorId: nested(doctor, 'IdDoc'),
      doctorName: nested(doctor, 'Name') ?? (doctor && doctor.children.length === 0 ? doctor.text.trim() || null : null),
      specialtyId: nested(specialty, 'IdSpesiality', 'IdSpeciality'),
      room: textOf(v, DC, 'Room'),
    }];
  });
}

export function readPatients(result: XmlElement): HubPatient[] {
  return items(result, ['ListPatient', 'ListPatients'], ['Patient']).flatMap((p) => {
    const id = textOf(p, DC, 'IdPat', 'IdPatient');
    if (id === null) return [];
    return [{
      id,
      surname: textOf(p, DC, 'Surname'),
      name: textOf(p, DC, 'Name'),
      secondName: textOf(p, DC, 'SecondName'),
      birthDate: hubLocalDate(textOf(p, DC, 'Birthday', 'BirthDay')),
      district: textOf(p, DC, 'AriaNumber', 'AreaNumber'),
    }];
  });
}
