// `kiosk policy check`, `kiosk barcode decode`, `kiosk card insert`: tools for
// clinic IT and support staff. Output is JSON on stdout; a problem is one
// plain line on stderr and a non-zero exit, never a stack trace.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { virtualCardBehaviours } from '../contract';
import { formatConfigProblems, loadKioskConfig } from '../config-loader';
import { BARCODE_PAYLOAD_LENGTH, decodePaperPolicyBarcode, parseHexPayload } from '../domain/oms-barcode';
import { checkPolicyNumber, decodeEnpBirthInfo, normalizePolicyNumber, sexLetter } from '../domain/oms-policy';
import { err, ok } from '../contract/result';
import { loadClinicDefinition } from '../scheduler/embedded/clinic-definition';
import { cardLayoutOf } from './identity-readers';
import { virtualCardPatientFor } from './virtual-card-controller';
import { insertVirtualOmsCard, type VirtualCardBehaviour } from './virtual-oms-card';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export const IDENTITY_USAGE = `  kiosk policy check NUMBER                   check a policy number offline: JSON; exit 0 valid, 1 not
  kiosk barcode decode FILE|-                 decode a paper-policy barcode payload (hex or raw bytes; - = stdin)
  kiosk card insert --patient ENP [--port 35963] [--host 127.0.0.1] [--config FILE]...
                    [--behaviour normal|remove-mid-read|not-oms|garbled]
                                              put a virtual OMS card into a vsmartcard reader until Ctrl-C`;

/** Dispatches `policy …`, `barcode …` and `card …`; `argv` starts with that word. */
export async function identityCommand(argv: readonly string[]): Promise<number> {
  const [group, action, ...rest] = argv;
  try {
    if (group === 'policy' && action === 'check') return policyCheck(rest);
    if (group === 'barcode' && action === 'decode') return await barcodeDecode(rest);
    if (group === 'card' && action === 'insert') return await cardInsert(rest);
  } catch (cause) {
    // parseArgs and file errors: one plain line.
    console.error(cause instanceof Error ? cause.message : String(cause));
    return 2;
  }
  console.error(`Usage:\n${IDENTITY_USAGE}`);
  return 2;
}

function policyCheck(args: readonly string[]): number {
  const raw = args.join(' ');
  if (raw.trim() === '') {
    console.error('Give the policy number: kiosk policy check 6449020886006380');
    return 2;
  }
  const check = checkPolicyNumber(raw);
  let out: Record<string, unknown>;
  if (check.kind === 'enp') {
    const encoded = decodeEnpBirthInfo(check.digits);
    out = {
      kind: 'enp',
      valid: check.valid,
      birthDate: encoded?.birthDate ?? null,
      sex: encoded ? sexLetter(encoded.sex) : null,
      ...(check.valid ? {} : { problem: check.problem.kind, message: check.problem.message }),
    };
  } else if (check.kind === 'temporary') {
    out = { kind: 'temporary', valid: true };
  } else if (check.valid) {
    out = { kind: 'old', valid: true, ...(check.note ? { note: check.note } : {}) };
  } else {
    out = { kind: 'old', valid: false, problem: check.problem, message: check.message };
  }
  console.log(JSON.stringify(out, null, 2));
  return check.valid ? 0 : 1;
}

async function barcodeDecode(args: readonly string[]): Promise<number> {
  const file = args[0];
  if (file === undefined || args.length > 1) {
    console.error('Give one file with the payload (hex or raw bytes), or - for stdin: kiosk barcode decode payload.hex');
    return 2;
  }
  let content: Buffer;
  try {
    content = file === '-' ? await readStdin() : readFileSync(file);
  } catch (cause) {
    console.error(`Cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`);
    return 1;
  }
  const payload = payloadOf(content);
  if (!payload.ok) {
    console.error(payload.error);
    return 1;
  }
  const decoded = decodePaperPolicyBarcode(payload.value);
  if (!decoded.ok) {
    console.error(`Not a paper-policy barcode: ${decoded.error.message}`);
    return 1;
  }
  const b = decoded.value;
  console.log(
    JSON.stringify(
      {
        type: b.type,
        enp: b.enp,
        enpChecksumValid: b.enpChecksumValid,
        surname: b.surname,
        name: b.name,
        patronymic: b.patronymic,
        sex: sexLetter(b.sex),
        birthDate: b.birthDate,
        expiry: b.expiry,
        ...(b.type === '01' ? { insurerOgrn: b.insurerOgrn, okato: b.okato } : {}),
      },
      null,
      2,
    ),
  );
  return 0;
}

/** Hex text (spaces, newlines allowed) or the raw bytes; a CR/LF a scanner appended is dropped. */
function payloadOf(content: Buffer) {
  if (content.length === 0) return err('The input is empty: expected 130 bytes, as hex or raw');
  const text = content.toString('latin1');
  let bytes: Uint8Array;
  if (/^[\s0-9a-fA-Fx:,-]+$/.test(text)) {
    const hex = parseHexPayload(text);
    if (!hex) return err('The input looks like hex but is not whole bytes (an odd number of hex digits?)');
    bytes = hex;
  } else {
    bytes = new Uint8Array(content);
  }
  let end = bytes.length;
  while (end > BARCODE_PAYLOAD_LENGTH && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
  if (end !== BARCODE_PAYLOAD_LENGTH) return err(`Expected ${BARCODE_PAYLOAD_LENGTH} bytes, got ${end}`);
  return ok(bytes.subarray(0, end));
}

function readStdin(): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolvePromise(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}

async function cardInsert(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      patient: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      config: { type: 'string', multiple: true },
      behaviour: { type: 'string', default: 'normal' },
    },
  });
  const enp = normalizePolicyNumber(values.patient ?? '');
  if (!/^\d{16}$/.test(enp)) {
    console.error('Give the patient by ЕНП (16 digits): kiosk card insert --patient 6449020886006380');
    return 2;
  }
  const behaviour = values.behaviour as VirtualCardBehaviour;
  if (!(virtualCardBehaviours as readonly string[]).includes(behaviour)) {
    console.error(`--behaviour must be one of ${virtualCardBehaviours.join(', ')}`);
    return 2;
  }
  const config = loadKioskConfig(values.config ?? (process.env.KIOSK_CONFIG ? [process.env.KIOSK_CONFIG] : []));
  if (!config.ok) {
    console.error(`The kiosk config is invalid: ${formatConfigProblems(config.error).split('\n')[0]}`);
    return 1;
  }
  const port = values.port ? Number(values.port) : config.value.cardReader.virtualCard.port;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error('--port must be a TCP port, e.g. 35963 for "Virtual PCD 00 00" or 35964 for "Virtual PCD 00 01"');
    return 2;
  }
  const host = values.host ?? config.value.cardReader.virtualCard.host;

  // The demo clinic's patients get their own cards; any other number a card with a test name.
  const clinic = loadClinicDefinition(resolve(repoRoot, config.value.scheduler.clinicFile));
  const registered = clinic.ok ? clinic.value.patients.find((p) => normalizePolicyNumber(p.policyNumber) === enp) : undefined;
  const { patient, known } = await virtualCardPatientFor(enp, async () =>
    registered
      ? ok({ id: 'cli', policyNumber: enp, surname: registered.surname, givenName: registered.givenName, patronymic: registered.patronymic, birthDate: registered.birthDate, sex: registered.sex })
      : err({ kind: 'patient-not-found' as const }),
  );

  const inserted = await insertVirtualOmsCard({ patient, layout: cardLayoutOf(config.value.cardReader), host, port, behaviour });
  if (!inserted.ok) {
    console.error(`The card was not inserted: ${inserted.error.message}`);
    return 1;
  }
  const initials = [patient.name, patient.patronymic].filter(Boolean).map((part) => `${part[0]}.`).join(' ');
  console.log(
    `Card of ${patient.surname} ${initials} (…${enp.slice(-4)}${known ? '' : ', not in the clinic file'}) is in the reader on ${host}:${port}. Ctrl-C pulls it out.`,
  );
  const card = inserted.value;
  const pulled = await new Promise<'signal' | 'reader'>((resolvePromise) => {
    const onSignal = () => resolvePromise('signal');
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    void card.removed.then(() => resolvePromise('reader'));
  });
  await card.remove();
  if (pulled === 'reader') {
    console.error('The reader dropped the card (pcscd stopped, or the card was pulled by its behaviour).');
    return 1;
  }
  console.log('Card removed.');
  return 0;
}
