import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ApiError, BridgeEvent, SessionStarted } from '../contract';
import { err, ok, type Result } from '../contract/result';
import { createIdentityService, IDENTITY_MESSAGES } from './identity-service';

const owner = { enp: '6449020886006380', surname: 'Иванова', name: 'Татьяна', patronymic: 'Алексеевна', birthDate: '1979-10-13', sex: 'female', snils: null, expiry: null } as const;
const session: SessionStarted = { sessionId: 's-1', patient: { displayName: 'Иванова Т. А.', birthYear: 1979, policyLast4: '6380' } };

function setup(answer: (policy: string) => Result<SessionStarted, ApiError> = () => ok(session)) {
  const events: BridgeEvent[] = [];
  const calls: { policy: string; channel: string; birthDate?: string }[] = [];
  const holders: unknown[] = [];
  const lines: string[] = [];
  let clock = 0;
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const service = createIdentityService({
    startSession: async (policy, channel, birthDate, holder) => {
      calls.push({ policy, channel, ...(birthDate ? { birthDate } : {}) });
      holders.push(holder);
      return answer(policy);
    },
    publish: (e) => events.push(e),
    logger,
    now: () => clock,
  });
  return { service, events, calls, holders, lines, tick: (ms: number) => (clock += ms) };
}

describe('identity service: reads become sessions and events', () => {
  it('starts a session from a card (with its birth date) and publishes the masked patient, never the number', async () => {
    const { service, events, calls, holders, lines } = setup();
    await service.fromCard({ kind: 'read', owner });
    expect(calls).toEqual([{ policy: '6449020886006380', channel: 'card', birthDate: '1979-10-13' }]);
    // The card's own name goes with it, for a scheduler whose record has none (an N3 hub).
    expect(holders).toEqual([{ surname: 'Иванова', givenName: 'Татьяна', patronymic: 'Алексеевна' }]);
    expect(events).toEqual([{ type: 'identified', channel: 'card', session }]);
    expect(JSON.stringify(events) + lines.join('')).not.toContain('6449020886006380');
    expect(lines.join('')).not.toContain('Иванова');
  });

  it('turns card failures into plain-Russian messages', async () => {
    const { service, events, calls } = setup();
    await service.fromCard({ kind: 'failed', reason: 'card-unreadable', detail: 'mute' });
    await service.fromCard({ kind: 'failed', reason: 'unknown-card', detail: 'select-application answered 6A82' });
    await service.fromCard({ kind: 'failed', reason: 'card-removed', detail: 'transport' });
    expect(calls).toEqual([]);
    expect(events).toEqual([
      { type: 'identity-error', channel: 'card', reason: 'card-unreadable', message: 'Вставьте полис другой стороной' },
      { type: 'identity-error', channel: 'card', reason: 'unknown-card', message: 'Карта не распознана — введите номер полиса' },
      { type: 'identity-error', channel: 'card', reason: 'card-removed', message: IDENTITY_MESSAGES['card-removed'] },
    ]);
  });

  it('says "not found" for a policy the registry does not know, and "try later" when it cannot be asked', async () => {
    const notFound = setup(() => err({ kind: 'patient-not-found' }));
    await notFound.service.fromScan({ kind: 'enp-text', enp: '1234567890123452' });
    expect(notFound.events).toEqual([{ type: 'identity-error', channel: 'barcode', reason: 'patient-not-found', message: IDENTITY_MESSAGES['patient-not-found'] }]);
    const needsDate = setup(() => err({ kind: 'invalid-request', field: 'birthDate', message: 'send birthDate' }));
    await needsDate.service.fromScan({ kind: 'enp-text', enp: '1234567890123452' });
    expect(needsDate.events).toEqual([{ type: 'identity-error', channel: 'barcode', reason: 'needs-birth-date', message: IDENTITY_MESSAGES['needs-birth-date'] }]);
    const down = setup(() => err({ kind: 'unavailable', cause: 'db locked' }));
    await down.service.fromCard({ kind: 'read', owner });
    expect(down.events[0]).toMatchObject({ type: 'identity-error', reason: 'unavailable' });
  });

  it('looks up a paper-policy barcode even when its ЕНП fails the check digit, and reports unknown codes', async () => {
    const { service, events, calls } = setup();
    const barcode = { type: '02', enp: '0000000910000206', enpChecksumValid: false, surname: 'ШМАТОВА', name: 'ТАТЬЯНА', patronymic: 'АНАТОЛЬЕВНА', sex: 'female', birthDate: '1992-06-18', expiry: null, signature: new Uint8Array(65) } as const;
    await service.fromScan({ kind: 'paper-policy', barcode });
    await service.fromScan({ kind: 'unrecognised', detail: 'a 13-character code without a policy number' });
    // The paper policy carries the birth date (an N3 hub matching on it needs no keypad step); a QR's text does not.
    expect(calls).toEqual([{ policy: '0000000910000206', channel: 'barcode', birthDate: '1992-06-18' }]);
    expect(events.map((e) => e.type)).toEqual(['identified', 'identity-error']);
    expect(events[1]).toMatchObject({ reason: 'bad-barcode', message: 'Штрихкод не распознан. Поднесите полис ещё раз или введите номер' });
  });

  it('ignores the scanner reading the same code again within 3 s, but not a new scan later', async () => {
    const { service, calls, tick } = setup();
    await service.fromScan({ kind: 'enp-text', enp: '6449020886006380' });
    tick(500);
    await service.fromScan({ kind: 'enp-text', enp: '6449020886006380' });
    tick(5000);
    await service.fromScan({ kind: 'enp-text', enp: '6449020886006380' });
    expect(calls).toHaveLength(2);
  });

  it('warns staff when the card data differ from what its ЕНП encodes, naming fields only', async () => {
    const { service, events, lines } = setup();
    await service.fromCard({ kind: 'read', owner: { ...owner, birthDate: '1979-10-14' } });
    expect(events[0]?.type).toBe('identified');
    const warning = lines.find((l) => l.includes('card-enp-mismatch'));
    expect(warning).toContain('"fields":["birthDate"]');
    expect(warning).not.toContain('1979');
  });
});
