// The `kiosk` command: `kiosk start` runs the bridge, `kiosk printer …` tests a
// printer or runs the virtual network printer alone (printer/printer-cli.ts).
import nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { configFilesFromEnv, formatConfigProblems, loadKioskConfig } from './config-loader';
import { createLogger } from './logger';
import { startKiosk, StartupError } from './main';

// The other commands are imported when asked for: `kiosk start` (also what systemd
// restarts after a crash) then neither loads nor compiles them (issue 14, item 5;
// the packaged bundle puts each in its own chunk, scripts/package/bundle-bridge.mjs).
const printerCli = () => import('./printer/printer-cli');
const identityCli = () => import('./readers/identity-cli');
const patientsCli = () => import('./scheduler/embedded/patients-command');
const configCli = () => import('./config-cli');
const hubCli = () => import('./scheduler/n3/emulator/hub-cli');

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const uiDir = fileURLToPath(new URL('../dist/kiosk-ui', import.meta.url));

async function usage(): Promise<string> {
  const [{ PRINTER_USAGE }, { IDENTITY_USAGE }, { PATIENTS_USAGE }, { CONFIG_USAGE }, { HUB_USAGE }] = await Promise.all([printerCli(), identityCli(), patientsCli(), configCli(), hubCli()]);
  return `Usage:
  kiosk start [--config FILE]... [--port N]   run the kiosk bridge (UI, API, devices)
${PRINTER_USAGE}
${IDENTITY_USAGE}
${PATIENTS_USAGE}
${CONFIG_USAGE}
${HUB_USAGE}
Config files are merged over config/kiosk.defaults.json in the order given: fleet → site → kiosk
(--config fleet.json --config site.json --config kiosk.json, or KIOSK_CONFIG=fleet.json:site.json:kiosk.json).
A running bridge reloads them on SIGHUP (what cannot change live waits for a restart).`;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'start') return start(rest);
  if (command === 'printer') return (await printerCli()).printerCommand(rest);
  if (command === 'policy' || command === 'barcode' || command === 'card') return (await identityCli()).identityCommand(argv);
  if (command === 'patients') return (await patientsCli()).patientsCommand(rest, { baseDir: repoRoot });
  if (command === 'hub') return (await hubCli()).hubCommand(rest, { out: (line) => console.log(line), err: (line) => console.error(line) }, repoRoot);
  if (command === 'config') {
    const { configCommand } = await configCli();
    return configCommand(rest, { out: (line) => console.log(line), err: (line) => console.error(line), env: process.env, baseDir: repoRoot });
  }
  console.error(await usage());
  return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
}

async function start(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { config: { type: 'string', multiple: true }, port: { type: 'string' } } });
  const overrides = values.port ? { bridge: { port: Number(values.port) } } : {};
  const files = values.config ?? configFilesFromEnv(process.env.KIOSK_CONFIG);
  const config = loadKioskConfig(files, overrides);
  if (!config.ok) {
    console.error(`The kiosk config is invalid; nothing was started:\n${formatConfigProblems(config.error)}`);
    return 1;
  }
  const logger = createLogger(config.value.log.level);
  try {
    const kiosk = await startKiosk(config.value, { logger, baseDir: repoRoot, uiDir, configFiles: files, loadConfig: () => loadKioskConfig(files, overrides) });
    // V8's compile cache (NODE_COMPILE_CACHE, set by kiosk-bridge.service) is otherwise
    // written only at a clean exit: written once the kiosk runs, a restart after a
    // crash or a kill finds it too. Node 20 (the repository's tsx start) has no flush.
    const flushCompileCache = (nodeModule as { flushCompileCache?: () => void }).flushCompileCache;
    if (flushCompileCache) setTimeout(flushCompileCache, 2000).unref();
    console.log(`\n  Kiosk is running: ${kiosk.url}\n  Printer: ${kiosk.virtualPrinter ? `virtual, tickets in ${config.value.virtualPrinter.outputDir}/tickets.txt` : config.value.printer.url}\n`);
    const stop = async () => {
      await kiosk.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // `systemctl reload kiosk` / `kill -HUP`: an invalid config changes nothing; the bridge logs what happened either way.
    process.on('SIGHUP', () => {
      const reloaded = kiosk.reloadConfig();
      if (!reloaded.ok) console.error(`Config reload refused; the running config is kept:\n${formatConfigProblems(reloaded.error)}`);
    });
    return -1; // keep running
  } catch (cause) {
    if (cause instanceof StartupError) {
      console.error(`The kiosk cannot start:\n${cause.message}`);
      return 1;
    }
    if ((cause as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`The kiosk cannot start: ${(cause as Error).message}. Is another kiosk or printer emulator running? Use --port or the config.`);
      return 1;
    }
    throw cause;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (cause: unknown) => {
    console.error(cause);
    process.exitCode = 1;
  },
);
