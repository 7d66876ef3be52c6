// The `kiosk` command: `kiosk start` runs the bridge, `kiosk printer emulate`
// runs the virtual network printer alone.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatConfigProblems, loadKioskConfig } from './config-loader';
import { createLogger } from './logger';
import { startKiosk, StartupError } from './main';
import { startVirtualPrinter } from './printer/virtual-printer';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const uiDir = fileURLToPath(new URL('../dist/kiosk-ui', import.meta.url));

const USAGE = `Usage:
  kiosk start [--config FILE]... [--port N]   run the kiosk bridge (UI, API, devices)
  kiosk printer emulate [--port 9100] [--host 127.0.0.1] [--out DIR]
                                              run a virtual ESC/POS network printer
Config files are merged over config/kiosk.defaults.json in the order given.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'start') return start(rest);
  if (command === 'printer' && rest[0] === 'emulate') return emulatePrinter(rest.slice(1));
  console.error(USAGE);
  return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
}

async function start(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { config: { type: 'string', multiple: true }, port: { type: 'string' } } });
  const overrides = values.port ? { bridge: { port: Number(values.port) } } : {};
  const config = loadKioskConfig(values.config ?? (process.env.KIOSK_CONFIG ? [process.env.KIOSK_CONFIG] : []), overrides);
  if (!config.ok) {
    console.error(`The kiosk config is invalid; nothing was started:\n${formatConfigProblems(config.error)}`);
    return 1;
  }
  const logger = createLogger(config.value.log.level);
  try {
    const kiosk = await startKiosk(config.value, { logger, baseDir: repoRoot, uiDir });
    console.log(`\n  Kiosk is running: ${kiosk.url}\n  Printer: ${kiosk.virtualPrinter ? `virtual, tickets in ${config.value.virtualPrinter.outputDir}/tickets.txt` : config.value.printer.url}\n`);
    const stop = async () => {
      await kiosk.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
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

async function emulatePrinter(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string', default: '9100' }, host: { type: 'string', default: '127.0.0.1' }, out: { type: 'string' } } });
  const logger = createLogger('info');
  const printer = await startVirtualPrinter({
    host: values.host,
    port: Number(values.port),
    logger,
    ...(values.out ? { outputDir: values.out } : {}),
  });
  console.log(`Virtual printer listening on tcp://${values.host}:${printer.port}`);
  const stop = async () => {
    await printer.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
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
