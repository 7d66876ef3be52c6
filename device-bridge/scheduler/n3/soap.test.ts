// The HubService dialect as the adapter reads and writes it: namespaces, not
// prefixes; nil; unknown elements; both spellings; escaping of hostile input;
// malformed answers and faults as `unavailable`; refusals as typed errors.
import { describe, expect, it } from 'vitest';
import { refusalOf } from './hub-errors';
import { readDoctors, readHistory, readPatients, readSlots, readSpecialties } from './hub-records';
import { patArgument } from './n3-scheduler';
import { answerBody, child, DC, DC_NS, operationResult, requestEnvelope, SOAP_NS, TEMPURI, textOf } from './soap-envelope';
import { parseXml } from './xml/xml-reader';

const ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** A GetSpesialityList answer with the given prefixes ('' = default namespace for tempuri). */
function specialtiesAnswer(p: { soap: string; tns: string; dc: string; xsi: string }, listName = 'ListSpesiality', item = 'Spesiality'): string {
  const q = (prefix: string, local: string) => (prefix ? `${prefix}:${local}` : local);
  const tnsDecl = p.tns ? `xmlns:${p.tns}="${TEMPURI}"` : `xmlns="${TEMPURI}"`;
  return `<?xml version="1.0"?><${p.soap}:Envelope xmlns:${p.soap}="${ENV}"><${p.soap}:Body>
    <${q(p.tns, 'GetSpesialityListResponse')} ${tnsDecl}><${q(p.tns, 'GetSpesialityListResult')} xmlns:${p.dc}="${DC_NS}" xmlns:${p.xsi}="${XSI}">
      <${p.dc}:ErrorList ${p.xsi}:nil="true"/><${p.dc}:IdHistory>7</${p.dc}:IdHistory>
      <${p.dc}:${listName}><${p.dc}:${item}>
        <${p.dc}:CountFreeTicket>12</${p.dc}:CountFreeTicket><${p.dc}:FerIdSpesiality ${p.xsi}:nil="true"/>
        <${p.dc}:IdSpesiality>29</${p.dc}:IdSpesiality><${p.dc}:NameSpesiality>Офтальмолог</${p.dc}:NameSpesiality>
        <${p.dc}:NearestDate>2026-11-24T00:00:00</${p.dc}:NearestDate><${p.dc}:SomethingNew><${p.dc}:Deep>1</${p.dc}:Deep></${p.dc}:SomethingNew>
      </${p.dc}:${item}></${p.dc}:${listName}>
      <${p.dc}:Success>true</${p.dc}:Success>
    </${q(p.tns, 'GetSpesialityListResult')}></${q(p.tns, 'GetSpesialityListResponse')}></${p.soap}:Body></${p.soap}:Envelope>`;
}

const OPHTHALMOLOGIST = { id: '29', name: 'Офтальмолог', federalId: null, freeCount: 12, nearestDate: '2026-11-24' };

describe('reading HubService answers', () => {
  it('reads the same specialties whatever the prefixes, with nil, unknown elements and either spelling', () => {
    const variants = [
      specialtiesAnswer({ soap: 's', tns: '', dc: 'a', xsi: 'i' }),
      specialtiesAnswer({ soap: 'soap', tns: 't', dc: 'b', xsi: 'xsi' }),
      specialtiesAnswer({ soap: 'env', tns: 'h', dc: 'd5p1', xsi: 'ii' }, 'ListSpeciality', 'Speciality'),
    ];
    for (const xml of variants) {
      const result = operationResult(xml, 'GetSpesialityList');
      expect(result.ok, xml.slice(0, 80)).toBe(true);
      if (result.ok) expect(readSpecialties(result.value)).toEqual([OPHTHALMOLOGIST]);
    }
  });

  it('matches by namespace, not by the prefix: a right name in a wrong namespace is not read', () => {
    const xml = specialtiesAnswer({ soap: 's', tns: '', dc: 'a', xsi: 'i' }).replace(`xmlns:a="${DC_NS}"`, 'xmlns:a="urn:somebody-else"');
    expect(operationResult(xml, 'GetSpesialityList')).toEqual({ ok: false, error: { kind: 'unavailable', cause: 'malformed answer: GetSpesialityListResult has no Success' } });
  });

  it('accepts data contracts in sub-namespaces of HubService2 and arrays of dates', () => {
    const sub = `${DC_NS}.ContractsClasses.Doctors`;
    const doc = parseXml(`<r xmlns:x="${sub}"><x:Docs><x:Doctor><x:IdDoc>17</x:IdDoc><x:Name>Петрова Анна Сергеевна</x:Name><x:AriaNumber>1</x:AriaNumber><x:Comment>Кабинет 214</x:Comment></x:Doctor></x:Docs></r>`);
    expect(doc.ok && readDoctors(doc.value)).toEqual([{ id: '17', name: 'Петрова Анна Сергеевна', district: '1', room: '214' }]);
  });

  it('reads history visits whose doctor comes as a record or as plain text', () => {
    const doc = parseXml(`<r xmlns:a="${DC_NS}"><a:ListHistoryVisit>
      <a:HistoryVisit><a:IdAppointment>501</a:IdAppointment><a:VisitStart>2026-11-24T09:00:00+03:00</a:VisitStart><a:DoctorRendingConsultation><a:IdDoc>17</a:IdDoc><a:Name>Петрова</a:Name></a:DoctorRendingConsultation></a:HistoryVisit>
      <a:HistoryVisit><a:IdAppointment>502</a:IdAppointment><a:VisitStart>2026-11-25T10:30:00</a:VisitStart><a:DoctorRendingConsultation>Гусев Павел Александрович</a:DoctorRendingConsultation></a:HistoryVisit>
      <a:HistoryVisit><a:IdAppointment i:nil="true" xmlns:i="${XSI}"/><a:VisitStart>2026-11-25T10:30:00</a:VisitStart></a:HistoryVisit>
    </a:ListHistoryVisit></r>`);
    expect(doc.ok && readHistory(doc.value).map((v) => [v.appointmentId, v.start, v.doctorId, v.doctorName])).toEqual([
      ['501', '2026-11-24T09:00', '17', 'Петрова'],
      ['502', '2026-11-25T10:30', null, 'Гусев Павел Александрович'],
    ]);
  });

  it('reads slots and patients, leaving out entries without an id', () => {
    const slots = parseXml(`<r xmlns:a="${DC_NS}"><a:ListAppointments><a:Appointment><a:IdAppointment>9</a:IdAppointment><a:VisitStart>2026-11-24T09:00:00</a:VisitStart><a:VisitEnd>2026-11-24T09:15:00</a:VisitEnd><a:Room>214</a:Room></a:Appointment><a:Appointment><a:VisitStart>2026-11-24T09:15:00</a:VisitStart></a:Appointment></a:ListAppointments></r>`);
    expect(slots.ok && readSlots(slots.value)).toEqual([{ id: '9', start: '2026-11-24T09:00', end: '2026-11-24T09:15', room: '214' }]);
    const patients = parseXml(`<r xmlns:a="${DC_NS}" xmlns:i="${XSI}"><a:ListPatient><a:Patient><a:IdPat>77</a:IdPat><a:Surname i:nil="true"/><a:Birthday>1979-10-13T00:00:00</a:Birthday></a:Patient></a:ListPatient></r>`);
    expect(patients.ok && readPatients(patients.value)).toEqual([{ id: '77', surname: null, name: null, secondName: null, birthDate: '1979-10-13', district: null }]);
  });
});

describe('malformed answers and faults are unavailable, naming no request data', () => {
  it.each([
    ['not XML at all', 'Service Unavailable'],
    ['an unclosed element', `<s:Envelope xmlns:s="${ENV}"><s:Body><x>`],
    ['a DOCTYPE with entities', `<!DOCTYPE x [<!ENTITY a "aaaa">]><s:Envelope xmlns:s="${ENV}"><s:Body/></s:Envelope>`],
    ['an unbound prefix', `<s:Envelope xmlns:s="${ENV}"><s:Body><q:x/></s:Body></s:Envelope>`],
    ['an unknown entity', `<s:Envelope xmlns:s="${ENV}"><s:Body><x>&nbsp;</x></s:Body></s:Envelope>`],
    ['an HTML error page', '<html><body><h1>502 Bad Gateway</h1></body></html>'],
  ])('%s', (_name, xml) => {
    const r = operationResult(xml, 'CheckPatient');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('unavailable');
  });

  it('reports a SOAP fault by its code only: the fault text may echo the request', () => {
    const xml = `<s:Envelope xmlns:s="${ENV}"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>Ошибка для полиса 6449020886006380, Иванова</faultstring></s:Fault></s:Body></s:Envelope>`;
    const r = answerBody(xml);
    expect(r).toEqual({ ok: false, error: { kind: 'unavailable', cause: 'SOAP fault s:Server' } });
  });
});

describe('refusals', () => {
  it('maps the known ErrorList entries to the kiosk\'s typed refusals', () => {
    expect(refusalOf([{ id: '10', description: 'x' }])).toEqual({ kind: 'patient-not-found' });
    expect(refusalOf([{ id: '11', description: 'x' }])).toEqual({ kind: 'not-attached' });
    expect(refusalOf([{ id: '40', description: 'x' }])).toEqual({ kind: 'slot-taken' });
    expect(refusalOf([{ id: '999', description: 'Пациент не прикреплён к МО' }])).toEqual({ kind: 'not-attached' });
    expect(refusalOf([{ id: null, description: 'Талон уже занят другим пациентом' }])).toEqual({ kind: 'slot-taken' });
  });

  it('keeps any other hub rule as backend-rule, with its text for the log and no digit runs', () => {
    expect(refusalOf([{ id: '616', description: 'Запись на 12.12.2026 для 6449020886006380 запрещена правилом МИС' }])).toEqual({
      kind: 'rejected-by-rule',
      rule: 'backend-rule',
      message: 'hub: 616: Запись на … для … запрещена правилом МИС',
    });
  });
});

describe('requests', () => {
  it('escapes hostile patient input: it stays text and cannot add elements', () => {
    const hostile = `</a:Polis_N><a:IdPat>1</a:IdPat>&amp;<![CDATA[x]]>\u0001'"`;
    const xml = requestEnvelope('CheckPatient', [patArgument(hostile, '1979-10-13')]);
    expect(xml).not.toContain('<a:IdPat>');
    const body = answerBody(xml);
    expect(body.ok).toBe(true);
    if (!body.ok) return;
    const pat = child(body.value, TEMPURI, 'pat');
    expect(pat?.children.map((c) => c.local)).toEqual(['Birthday', 'Polis_N', 'Polis_S']);
    expect(textOf(pat, DC, 'Birthday')).toBe('1979-10-13T00:00:00');
    // The hostile text comes back as text (normalized as a policy: upper case, no spaces), control character dropped.
    expect(`${textOf(pat, DC, 'Polis_S') ?? ''}${textOf(pat, DC, 'Polis_N') ?? ''}`).toContain('<');
  });

  it('sends an old-style policy as series and number, an ЕНП as the number alone', () => {
    const read = (typed: string) => {
      const body = answerBody(requestEnvelope('CheckPatient', [patArgument(typed, undefined)]));
      const pat = body.ok ? child(body.value, TEMPURI, 'pat') : null;
      return [textOf(pat, DC, 'Polis_S'), textOf(pat, DC, 'Polis_N')];
    };
    expect(read('яб 5721436')).toEqual(['ЯБ', '5721436']);
    expect(read('6449 0208 8600 6380')).toEqual([null, '6449020886006380']);
  });

  it('puts the operation in tempuri.org and the envelope in SOAP 1.1', () => {
    const doc = parseXml(requestEnvelope('GetLPUInfo', []));
    expect(doc.ok && [doc.value.ns, doc.value.local]).toEqual([SOAP_NS, 'Envelope']);
  });
});
