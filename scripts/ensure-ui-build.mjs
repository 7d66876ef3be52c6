// `npm start` builds the UI only when the build is missing or older than its sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const built = 'dist/kiosk-ui/index.html';
const sources = ['kiosk-ui', 'assets', 'device-bridge/api', 'device-bridge/domain', 'device-bridge/printer/printer-port.ts', 'vite.config.ts', 'package-lock.json'];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const stale = !existsSync(built) || sources.some((source) => existsSync(source) && newestMtime(source) > statSync(built).mtimeMs);
if (stale) {
  console.log('Building the kiosk UI…');
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
