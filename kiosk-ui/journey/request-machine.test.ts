// «Оставить заявку» without the UI: the phone number is checked as typed (+7,
// ten digits, the first a 9), a short one is explained, nothing is sent until
// it is whole, and a kiosk that cannot keep a request never says «принято».
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import type { OutboxOptions, RequestAccepted } from '../../device-bridge/contract';
import type { Result } from '../../device-bridge/contract/result';
import type { LeaveRequestCall } from './request-machine';
import { requestMachine } from './request-machine';

const SURGEON = { code: 'surgeon', name: 'Хирург' };

function start(options: { accepting?: boolean; leave?: 'ok' | 'outbox-unavailable' | 'lost-once' } = {}) {
  const calls: LeaveRequestCall[] = [];
  const machine = requestMachine.provide({
    actors: {
      outboxOptions: fromPromise(async (): Promise<Result<OutboxOptions, { kind: string }>> => ({ ok: true, value: { accepting: options.accepting ?? true, specialties: [SURGEON] } })),
      leaveRequest: fromPromise(async ({ input }: { input: LeaveRequestCall }): Promise<Result<RequestAccepted, { kind: string }>> => {
        calls.push(input);
        if (options.leave === 'lost-once' && calls.length === 1) return { ok: false, error: { kind: 'unavailable' } };
        return options.leave === 'outbox-unavailable'
          ? { ok: false, error: { kind: 'outbox-unavailable' } }
          : { ok: true, value: { reference: 'З-7K2-M9Q', displayName: null, specialtyName: 'Хирург', print: { outcome: 'printed' } } };
      }),
    },
  });
  const actor = createActor(machine, { input: { sessionId: null, policy: { number: '6449020886006380', kind: 'enp' }, specialty: null, doctorId: null, language: 'ru' } }).start();
  const type = (digits: string) => [...digits].forEach((digit) => actor.send({ type: 'PHONE_DIGIT', digit }));
  const toPhone = async () => {
    await waitFor(actor, (s) => s.value === 'requestSpecialty');
    actor.send({ type: 'PICK_REQUEST_SPECIALTY', code: 'surgeon' });
    actor.send({ type: 'PICK_CLAIM', claim: 'no-convenient-time' });
    expect(actor.getSnapshot().value).toBe('requestPhone');
  };
  return { actor, calls, type, toPhone, form: () => actor.getSnapshot().context.requestForm };
}

describe('request machine', () => {
  it('does not take a first digit other than 9, and says why', async () => {
    const { type, toPhone, form } = start();
    await toPhone();
    type('8');
    expect(form()).toMatchObject({ phone: '', phoneHint: 'not-mobile' });
    type('9');
    expect(form()).toMatchObject({ phone: '9', phoneHint: 'digits-left' });
  });

  it('explains a number too short and sends nothing', async () => {
    const { actor, type, toPhone, form, calls } = start();
    await toPhone();
    type('916123456');
    actor.send({ type: 'SEND_REQUEST' });
    expect(actor.getSnapshot().value).toBe('requestPhone');
    expect(form().phoneHint).toBe('too-short');
    expect(calls).toEqual([]);
  });

  it('takes no eleventh digit; a whole number is sent once and then forgotten', async () => {
    const { actor, type, toPhone, form, calls } = start();
    await toPhone();
    type('91612345678');
    expect(form()).toMatchObject({ phone: '9161234567', phoneHint: 'complete' });
    actor.send({ type: 'SEND_REQUEST' });
    await waitFor(actor, (s) => s.value === 'requestAccepted');
    expect(calls).toEqual([expect.objectContaining({ phone: '9161234567', specialtyCode: 'surgeon', claim: 'no-convenient-time', policy: { number: '6449020886006380', kind: 'enp' } })]);
    expect(calls[0]!.clientKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(form()).toMatchObject({ phone: '', accepted: { reference: 'З-7K2-M9Q' } });
  });

  it('a kiosk that cannot keep requests says so before anything is typed', async () => {
    const { actor } = start({ accepting: false });
    await waitFor(actor, (s) => s.value === 'requestUnavailable');
  });

  it('an outbox that fails at the send: no «принято», the plain answer instead', async () => {
    const { actor, type, toPhone } = start({ leave: 'outbox-unavailable' });
    await toPhone();
    type('9161234567');
    actor.send({ type: 'SEND_REQUEST' });
    await waitFor(actor, (s) => s.value === 'requestUnavailable');
    expect(actor.getSnapshot().context.requestForm.accepted).toBeNull();
  });

  it('an answer that never came is asked again with the same key: one request, «принято» once it is kept', async () => {
    const { actor, type, toPhone, calls } = start({ leave: 'lost-once' });
    await toPhone();
    type('9161234567');
    actor.send({ type: 'SEND_REQUEST' });
    await waitFor(actor, (s) => s.value === 'requestAccepted');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.clientKey).toBe(calls[0]!.clientKey);
  });
});
