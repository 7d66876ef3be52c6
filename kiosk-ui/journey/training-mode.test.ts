// Training mode as the journey sees it: the volunteer PIN on the service
// keypad switches it and returns to the attract screen (no service panel, no
// token); a switch of training mode under a session ends that session, since
// its sandbox (or the real kiosk) no longer knows it.
import { describe, expect, test } from 'vitest';
import { createActor } from 'xstate';
import type { KioskInfo, PinLogin, SessionStarted } from '../../device-bridge/contract';
import { at, journeyView as view, waitForView } from './journey-view';
import { journeyWithBridge, type JourneyBridge } from './wire-bridge';
import type { ServiceBridge, ServiceResult } from './service-mode';

const kiosk = (active: boolean): KioskInfo => ({
  kioskId: 'test-01',
  version: '0.0.0',
  clinic: { name: 'Поликлиника', address: 'ул. Садовая, 1', phone: '+7 000', timeZone: 'Europe/Moscow' },
  session: { idleSeconds: 60, doneSeconds: 15 },
  minTouchPx: 76,
  training: { active, demoPatients: active ? [{ displayName: 'Иванова Т. А.' }] : [] },
  memoEnabled: true,
  assistance: { where: { ru: 'У регистратуры', en: null }, callSignal: 'none' },
} as KioskInfo);

function bridgeAnswering(login: ServiceResult<PinLogin>) {
  const calls: string[] = [];
  const started: SessionStarted = { sessionId: 's1', patient: { displayName: 'Иванова Т. А.', birthYear: 1979, policyLast4: '6380' } };
  const bridge = {
    startSessionWithPolicy: async () => ({ ok: true, value: started }),
    endSession: async (_id: string | null, reason: string) => void calls.push(`end:${reason}`),
    listSpecialties: async () => ({ ok: true, value: [] }),
    serviceLogin: async (pin: string) => {
      calls.push(`login:${pin.length}`);
      return login;
    },
    serviceLogout: async () => void calls.push('logout'),
  } as unknown as JourneyBridge & ServiceBridge;
  return { bridge, calls };
}

function typePin(actor: { send: (e: never) => void }, pin: string) {
  for (const digit of pin) actor.send({ type: 'SERVICE_DIGIT', digit } as never);
}

describe('training mode in the journey', () => {
  test('the volunteer PIN returns to the attract screen without opening the service panel', async () => {
    const { bridge, calls } = bridgeAnswering({ ok: true, value: { role: 'volunteer', training: 'started' } });
    const actor = createActor(journeyWithBridge(bridge)).start();
    actor.send({ type: 'KIOSK_INFO', kiosk: kiosk(false) });
    actor.send({ type: 'SERVICE_GESTURE' });
    typePin(actor, '13572468');
    actor.send({ type: 'SERVICE_SUBMIT' });
    await waitForView(actor, (v) => at(v, 'attract'));
    expect(calls).toEqual(['login:8']);
    expect(view(actor).context.serviceToken).toBeNull();
    expect(view(actor).context.servicePin).toBe('');
  });

  test('training switched off under a session ends the session and returns to the attract screen', async () => {
    const { bridge, calls } = bridgeAnswering({ ok: false, error: { kind: 'wrong-pin', attemptsLeft: 4 } });
    const actor = createActor(journeyWithBridge(bridge)).start();
    actor.send({ type: 'KIOSK_INFO', kiosk: kiosk(true) });
    actor.send({ type: 'START' });
    expect(at(view(actor), 'session.identify')).toBe(true);
    // A config reload that leaves training as it is changes nothing for the patient.
    actor.send({ type: 'KIOSK_INFO', kiosk: kiosk(true) });
    expect(at(view(actor), 'session.identify')).toBe(true);
    actor.send({ type: 'KIOSK_INFO', kiosk: kiosk(false) });
    await waitForView(actor, (v) => at(v, 'attract'));
    expect(calls).toContain('end:home');
    expect(view(actor).context.kiosk?.training.active).toBe(false);
  });
});
