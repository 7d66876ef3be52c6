// Identification (identification-machine.ts) inside the running journey: the keypad, a card, a scan.
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { SessionStarted } from '../../device-bridge/contract';
import { at, fakeBridge, kiosk, ok, POLICY, start, typePolicy, view, waitForView } from './journey-test-kit';

afterEach(() => {
  vi.useRealTimers();
});

describe('identification', () => {
  test('a number with a wrong check digit cannot be submitted', () => {
    const actor = start(fakeBridge());
    actor.send({ type: 'START' });
    typePolicy(actor, '6449020886006381');
    actor.send({ type: 'SUBMIT' });
    expect(at(view(actor), 'session.identify')).toBe(true);
    actor.send({ type: 'DIGIT', digit: '5' });
    expect(view(actor).context.policyDigits).toHaveLength(16);
  });

  test('an unknown patient returns to the keypad with a notice', async () => {
    const actor = start(fakeBridge({ startSessionWithPolicy: async () => ({ ok: false, error: { kind: 'patient-not-found' } }) }));
    actor.send({ type: 'START' });
    typePolicy(actor);
    actor.send({ type: 'SUBMIT' });
    await waitForView(actor, (v) => at(v, 'session.identify') && v.context.notice !== null);
    expect(view(actor).context.notice).toBe('patient-not-found');
  });

  test('a card read at the attract screen goes straight to "is this you?"; "not me" ends that session and opens an empty keypad', async () => {
    const bridge = fakeBridge();
    const actor = start(bridge);
    actor.send({ type: 'IDENTIFIED', session: { sessionId: 's9', patient: { displayName: 'Смирнов А. В.', birthYear: 1958, policyLast4: '5276' } } });
    expect(at(view(actor), 'session.confirmIdentity')).toBe(true);
    expect(view(actor).context.patient?.displayName).toBe('Смирнов А. В.');
    actor.send({ type: 'REJECT_IDENTITY' });
    await waitForView(actor, (v) => bridge.calls.includes('end:home'));
    expect(at(view(actor), 'session.identify')).toBe(true);
    expect(view(actor).context.patient).toBeNull();
    expect(view(actor).context.sessionId).toBeNull();
    expect(view(actor).context.policyDigits).toBe('');
  });

  test('"not me" after a typed number: the keypad is empty, and the next number identifies as usual', async () => {
    const bridge = fakeBridge();
    const actor = start(bridge);
    actor.send({ type: 'START' });
    typePolicy(actor);
    actor.send({ type: 'SUBMIT' });
    await waitForView(actor, (v) => at(v, 'session.confirmIdentity'));
    actor.send({ type: 'REJECT_IDENTITY' });
    expect(at(view(actor), 'session.identify')).toBe(true);
    expect(view(actor).context).toMatchObject({ policyDigits: '', notice: null, patient: null });
    typePolicy(actor);
    actor.send({ type: 'SUBMIT' });
    await waitForView(actor, (v) => at(v, 'session.confirmIdentity'));
    expect(bridge.calls.filter((c) => c.startsWith('startSession'))).toHaveLength(2);
  });

  test('after «не найден» the main action corrects the number: the same number is not sent again', async () => {
    const bridge = fakeBridge();
    const actor = start(bridge);
    actor.send({ type: 'START' });
    typePolicy(actor, '4556140827015284');
    actor.send({ type: 'SUBMIT' });
    await waitForView(actor, (v) => v.context.notice === 'patient-not-found');
    actor.send({ type: 'SUBMIT' });
    expect(at(view(actor), 'session.identify')).toBe(true);
    actor.send({ type: 'EDIT_NUMBER' });
    expect(view(actor).context).toMatchObject({ notice: null, policyDigits: '4556140827015284' });
    actor.send({ type: 'SUBMIT' });
    expect(bridge.calls.filter((c) => c.startsWith('startSession'))).toHaveLength(1);
    // Corrected: the last four digits erased and typed again.
    for (let i = 0; i < 4; i++) actor.send({ type: 'ERASE' });
    typePolicy(actor, '6380');
    expect(view(actor).context.policyDigits).toBe('4556140827016380');
    for (let i = 0; i < 16; i++) actor.send({ type: 'ERASE' });
    typePolicy(actor);
    actor.send({ type: 'SUBMIT' });
    await waitForView(actor, (v) => at(v, 'session.confirmIdentity'));
  });

  test('an unreadable card opens the keypad with the reason', () => {
    const actor = start(fakeBridge());
    actor.send({ type: 'IDENTITY_ERROR', problem: { reason: 'card-unreadable', message: 'Вставьте полис другой стороной' } });
    expect(at(view(actor), 'session.identify')).toBe(true);
    expect(view(actor).context.identityProblem?.message).toBe('Вставьте полис другой стороной');
  });

  test('a scanned digital policy starts identification in one gesture, as a barcode', async () => {
    const seen: string[] = [];
    const actor = start(fakeBridge({
      startSessionWithPolicy: async (policy, kind, channel) => {
        seen.push(`${kind}:${channel}`);
        return ok<SessionStarted>({ sessionId: 's3', patient: { displayName: 'Иванова Т. А.', birthYear: 1979, policyLast4: policy.slice(-4) } });
      },
    }));
    actor.send({ type: 'SCANNED', policyNumber: POLICY });
    await waitForView(actor, (v) => at(v, 'session.confirmIdentity'));
    expect(seen).toEqual(['enp:barcode']);
    expect(view(actor).context.policyDigits).toBe('');
  });

  test('a scan with a wrong check digit explains itself and leaves the keypad open', () => {
    const actor = start(fakeBridge());
    actor.send({ type: 'SCANNED', policyNumber: '6449020886006381' });
    expect(at(view(actor), 'session.identify')).toBe(true);
    expect(view(actor).context.identityProblem?.reason).toBe('bad-barcode');
  });
});

describe('other kinds of policy number on the keypad', () => {
  const TEMPORARY = '570312840';
  const OLD = 'ЯБ 5721436';
  const knowsEveryKind = () => {
    const bridge = fakeBridge({
      startSessionWithPolicy: async (policy, kind) => {
        bridge.calls.push(`startSession:${kind}:${policy}`);
        return (kind === 'temporary' && policy === TEMPORARY) || (kind === 'old' && policy === OLD)
          ? ok<SessionStarted>({ sessionId: `s-${kind}`, patient: { displayName: 'Волкова О. И.', birthYear: 1985, policyLast4: policy.slice(-4) } })
          : { ok: false, error: { kind: 'patient-not-found' } };
      },
    });
    return bridge;
  };

  test('the ЕНП is the default; a temporary certificate takes exactly 9 digits and the session goes on as with an ЕНП', async () => {
    const actor = start(knowsEveryKind());
    actor.send({ type: 'START' });
    expect(view(actor).context.policyKind).toBe('enp');
    actor.send({ type: 'PICK_POLICY_KIND', kind: 'temporary' });
    typePolicy(actor, `${TEMPORARY}7`);
    // The tenth digit has no place: a temporary certificate has 9.
    expect(view(actor).context.policyDigits).toBe(TEMPORARY);
    actor.send({ type: 'SUBMIT' });
    await waitForView(actor, (v) => at(v, 'session.confirmIdentity'));
    expect(view(actor).context.policyDigits).toBe('');
    actor.send({ type: 'CONFIRM_IDENTITY' });
    await waitForView(actor, (v) => at(v, 'session.specialty'));
  });

  test('an old-style policy: letters, digits and one space between groups; too short or without digits cannot be sent', async () => {
    const bridge = knowsEveryKind();
    const actor = start(bridge);
    actor.send({ type: 'START' });
    actor.send({ type: 'PICK_POLICY_KIND', kind: 'old' });
    // No leading space, no doubled space, no Latin letter, no lower case: the number reads as printed.
    actor.send({ type: 'SPACE' });
    for (const letter of ['Я', 'Б', 'b', 'я']) actor.send({ type: 'LETTER', letter });
    actor.send({ type: 'SPACE' });
    actor.send({ type: 'SPACE' });
    expect(view(actor).context.policyDigits).toBe('ЯБ ');
    actor.send({ type: 'SUBMIT' });
    expect(at(view(actor), 'session.identify')).toBe(true);
    typePolicy(actor, '572');
    actor.send({ type: 'SUBMIT' });
    expect(at(view(actor), 'session.identify')).toBe(true);
    typePolicy(actor, '1436');
    actor.send({ type: 'SUBMIT' });
    await waitForView(actor, (v) => at(v, 'session.confirmIdentity'));
    expect(bridge.calls).toContain(`startSession:old:${OLD}`);
  });

  test('letters only count on the old-style keypad, and switching the kind clears what was typed', () => {
    const actor = start(fakeBridge());
    actor.send({ type: 'START' });
    actor.send({ type: 'LETTER', letter: 'Я' });
    actor.send({ type: 'SPACE' });
    typePolicy(actor, '644');
    expect(view(actor).context.policyDigits).toBe('644');
    actor.send({ type: 'PICK_POLICY_KIND', kind: 'old' });
    expect(view(actor).context).toMatchObject({ policyKind: 'old', policyDigits: '' });
    for (let i = 0; i < 25; i++) actor.send({ type: 'LETTER', letter: 'А' });
    expect(view(actor).context.policyDigits).toHaveLength(20);
  });

  test('a patient-not-found keeps the kind and the number, so one wrong digit is one tap to fix', async () => {
    const actor = start(knowsEveryKind());
    actor.send({ type: 'START' });
    actor.send({ type: 'PICK_POLICY_KIND', kind: 'temporary' });
    typePolicy(actor, '570312841');
    actor.send({ type: 'SUBMIT' });
    await waitForView(actor, (v) => at(v, 'session.identify') && v.context.notice === 'patient-not-found');
    expect(view(actor).context).toMatchObject({ policyKind: 'temporary', policyDigits: '570312841' });
  });

  test('a reset forgets the kind: the next patient starts on the ЕНП keypad', async () => {
    const actor = start(fakeBridge());
    actor.send({ type: 'START' });
    actor.send({ type: 'PICK_POLICY_KIND', kind: 'old' });
    actor.send({ type: 'HOME' });
    await waitForView(actor, (v) => at(v, 'attract'));
    expect(view(actor).context.policyKind).toBe('enp');
  });
});

describe('the birth date, where the scheduler matches on it', () => {
  const askingKiosk = { ...kiosk, identification: { needsBirthDate: true } };
  const typeDigits = (actor: ReturnType<typeof start>, digits: string) => {
    for (const digit of digits) actor.send({ type: 'DIGIT', digit });
  };
  const recording = () => {
    const seen: string[] = [];
    const bridge = fakeBridge({
      startSessionWithPolicy: async (policy, _kind, channel, birthDate) => {
        seen.push(`${channel}:${birthDate ?? 'none'}`);
        return policy === POLICY && birthDate === '1979-10-13'
          ? ok<SessionStarted>({ sessionId: 's1', patient: { displayName: null, birthYear: 1979, policyLast4: '6380' } })
          : { ok: false, error: { kind: 'patient-not-found' } };
      },
    });
    return { bridge, seen };
  };

  afterEach(() => {
    vi.useRealTimers();
  });

  test('a typed number is followed by the birth date, sent with it; the typed date stays for «Это вы?»', async () => {
    const { bridge, seen } = recording();
    const actor = start(bridge);
    actor.send({ type: 'KIOSK_INFO', kiosk: askingKiosk });
    actor.send({ type: 'START' });
    typePolicy(actor);
    actor.send({ type: 'SUBMIT' });
    expect(at(view(actor), 'session.birthDate')).toBe(true);
    typeDigits(actor, '1310197');
    // The screen checks the date; the machine takes only the date that was typed.
    actor.send({ type: 'BIRTH_DATE', date: '1979-10-13' });
    expect(at(view(actor), 'session.birthDate')).toBe(true);
    typeDigits(actor, '9');
    actor.send({ type: 'BIRTH_DATE', date: '1979-10-14' });
    expect(at(view(actor), 'session.birthDate')).toBe(true);
    actor.send({ type: 'BIRTH_DATE', date: '1979-10-13' });
    await waitForView(actor, (v) => at(v, 'session.confirmIdentity'));
    expect(seen).toEqual(['keypad:1979-10-13']);
    expect(view(actor).context).toMatchObject({ birthDate: '1979-10-13', policyDigits: '', patient: { displayName: null } });
  });

  test('the keypad takes 8 digits of a date; «Назад» returns to the number as typed', () => {
    const actor = start(recording().bridge);
    actor.send({ type: 'KIOSK_INFO', kiosk: askingKiosk });
    actor.send({ type: 'START' });
    typePolicy(actor);
    actor.send({ type: 'SUBMIT' });
    typeDigits(actor, '310419791');
    expect(view(actor).context.birthDigits).toBe('31041979');
    actor.send({ type: 'ERASE' });
    actor.send({ type: 'ERASE' });
    typeDigits(actor, '3');
    expect(view(actor).context.birthDigits).toBe('3104193');
    actor.send({ type: 'BACK' });
    expect(at(view(actor), 'session.identify')).toBe(true);
    expect(view(actor).context.policyDigits).toBe(POLICY);
  });

  test('«не найден» with a birth date: the number to correct, then the date again, and the same pair is not resent', async () => {
    const { bridge, seen } = recording();
    const actor = start(bridge);
    actor.send({ type: 'KIOSK_INFO', kiosk: askingKiosk });
    actor.send({ type: 'START' });
    typePolicy(actor);
    actor.send({ type: 'SUBMIT' });
    typeDigits(actor, '14101979');
    actor.send({ type: 'BIRTH_DATE', date: '1979-10-14' });
    await waitForView(actor, (v) => v.context.notice === 'patient-not-found');
    expect(at(view(actor), 'session.identify')).toBe(true);
    actor.send({ type: 'EDIT_NUMBER' });
    actor.send({ type: 'SUBMIT' });
    expect(at(view(actor), 'session.birthDate')).toBe(true);
    expect(view(actor).context.birthDigits).toBe('14101979');
    actor.send({ type: 'BIRTH_DATE', date: '1979-10-14' });
    expect(at(view(actor), 'session.birthDate')).toBe(true);
    actor.send({ type: 'CLEAR' });
    typeDigits(actor, '13101979');
    actor.send({ type: 'BIRTH_DATE', date: '1979-10-13' });
    await waitForView(actor, (v) => at(v, 'session.confirmIdentity'));
    expect(seen).toEqual(['keypad:1979-10-14', 'keypad:1979-10-13']);
  });

  test('a wedge-scanned QR has no birth date: it is asked; a card needs none', async () => {
    const { bridge, seen } = recording();
    const actor = start(bridge);
    actor.send({ type: 'KIOSK_INFO', kiosk: askingKiosk });
    actor.send({ type: 'SCANNED', policyNumber: POLICY });
    expect(at(view(actor), 'session.birthDate')).toBe(true);
    typeDigits(actor, '13101979');
    actor.send({ type: 'BIRTH_DATE', date: '1979-10-13' });
    await waitForView(actor, (v) => at(v, 'session.confirmIdentity'));
    expect(seen).toEqual(['barcode:1979-10-13']);
    actor.send({ type: 'HOME' });
    await waitForView(actor, (v) => at(v, 'attract'));
    actor.send({ type: 'IDENTIFIED', session: { sessionId: 's9', patient: { displayName: 'Смирнов А. В.', birthYear: 1958, policyLast4: '5276' } } });
    expect(at(view(actor), 'session.confirmIdentity')).toBe(true);
  });
});

describe('identity devices', () => {
  test('the reader-status event tells the identify screen which devices are ready', async () => {
    const { identityDevicesOf } = await import('../identity/device-events');
    const actor = start(fakeBridge());
    expect(view(actor).context.identityDevices).toEqual({ card: false, scanner: false });
    actor.send({ type: 'READER_STATUS', devices: identityDevicesOf({ card: { state: 'ready', reader: 'ACS' }, scanners: [] }) });
    expect(view(actor).context.identityDevices).toEqual({ card: true, scanner: false });
    const devices = identityDevicesOf({ card: { state: 'no-reader' }, scanners: [{ url: 'serial:///dev/ttyACM0', state: 'open' }] });
    actor.send({ type: 'READER_STATUS', devices });
    expect(view(actor).context.identityDevices).toEqual({ card: false, scanner: true });
    // Not the patient's: it outlives the session's reset.
    actor.send({ type: 'START' });
    actor.send({ type: 'HOME' });
    await waitForView(actor, (v) => at(v, 'attract'));
    expect(view(actor).context.identityDevices).toEqual({ card: false, scanner: true });
  });
});
