// `kiosk hub emulate`: the HubService emulator alone, for demos, a kiosk
// config pointing at it (config/examples/n3-emulator.json), and clinic IT
// trying the n3 adapter before the regional hub grants a guid.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_CLINIC_PATH, loadClinicDefinition } from '../../embedded/clinic-definition';
import { HUB_FAULTS, startHubEmulator, type HubFault } from './hub-emulator';
import { emulatorSpecialtyCodes } from './hub-operations';

export const HUB_USAGE = `  kiosk hub emulate [--port 8095] [--clinic FILE] [--latency-ms N] [--fault NAME] [--birth-date]
                                              serve a clinic (the demo clinic by default) as an N3 HubService
                                              on loopback; faults: ${HUB_FAULTS.join(', ')} (switch them live
                                              with POST /control {"fault": …, "latencyMs": …})`;

export interface HubCliIo {
  out(line: string): void;
  err(line: string): void;
}

/** Runs `kiosk hub <sub> …`: -1 while the emulator runs (until a signal), else the exit code. */
export async function hubCommand(args: string[], io: HubCliIo, baseDir: string): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'emulate') {
    io.err(`Usage:\n${HUB_USAGE}`);
    return 2;
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        port: { type: 'string', default: '8095' },
        clinic: { type: 'string' },
        'latency-ms': { type: 'string', default: '0' },
        fault: { type: 'string', default: 'none' },
        'birth-date': { type: 'boolean', default: false },
      },
    }));
  } catch (cause) {
    io.err(`${(cause as Error).message}\nUsage:\n${HUB_USAGE}`);
    return 2;
  }
  const port = Number(values.port);
  const latencyMs = Number(values['latency-ms']);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) return usage(io, `--port: a port number, got ${values.port}`);
  if (!Number.isInteger(latencyMs) || latencyMs < 0) return usage(io, `--latency-ms: whole milliseconds, got ${values['latency-ms']}`);
  if (!HUB_FAULTS.includes(values.fault as HubFault)) return usage(io, `--fault: one of ${HUB_FAULTS.join(', ')}`);
  const clinicPath = values.clinic ? resolve(baseDir, values.clinic) : DEMO_CLINIC_PATH;
  const clinic = loadClinicDefinition(clinicPath);
  if (!clinic.ok) {
    io.err(`The clinic file ${String(clinicPath)} is invalid:\n${clinic.error.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    return 1;
  }
  const hub = await startHubEmulator({ clinic: clinic.value, port, latencyMs, fault: values.fault as HubFault, requireBirthDate: values['birth-date'] });
  io.out(`HubService emulator: ${hub.url} (clinic «${clinic.value.clinic.name}»${latencyMs ? `, ${latencyMs} ms per answer` : ''}${values.fault !== 'none' ? `, fault ${values.fault}` : ''})`);
  io.out(`  any guid is accepted; lpuId is not checked. specialtyCodes for the kiosk config:`);
  io.out(`  ${JSON.stringify(emulatorSpecialtyCodes(clinic.value))}`);
  io.out(`  switch faults: curl -X POST ${hub.url.replace('/HubService.svc', '/control')} -d '{"fault":"drop"}'`);
  const stop = () => void hub.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

function usage(io: HubCliIo, message: string): number {
  io.err(`${message}\nUsage:\n${HUB_USAGE}`);
  return 2;
}
