// The packaged kiosk's node_modules: production dependencies only, installed from
// package-lock.json with the Node 24 runtime, native modules (better-sqlite3,
// @serialport/bindings-cpp, @pokusew/pcsclite) compiled from source against its
// headers (issue 14, item 2). tsx is left out: the package runs the bundle of
// scripts/package/bundle-bridge.mjs, never TypeScript.
//
// Cached in var/cache/production-modules/<key>/ (key: lockfile + Node version), so
// a second `npm run package` (and the .deb test after it) does not compile again.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Runtime-only dependencies the bundle does not need (dev-time TypeScript loader). */
const LEFT_OUT = ['tsx'];

/** Native modules loaded in the check below with the runtime they were built for. */
const NATIVE_CHECKS = [
  "new (require('better-sqlite3'))(':memory:').prepare('select 1 as one').get().one === 1",
  "typeof require('@serialport/bindings-cpp').autoDetect === 'function'",
  "typeof require('@pokusew/pcsclite') === 'function'",
  "typeof require('usb').usb === 'object'",
];

export function ensureProductionModules({ repoRoot, runtime, log = console.log }) {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const lock = readFileSync(join(repoRoot, 'package-lock.json'));
  const key = createHash('sha256')
    .update(lock)
    .update(JSON.stringify([manifest.dependencies, manifest.optionalDependencies, runtime.version, LEFT_OUT]))
    .digest('hex')
    .slice(0, 16);
  const cacheRoot = join(repoRoot, 'var/cache/production-modules');
  const done = join(cacheRoot, key);
  if (existsSync(join(done, 'node_modules'))) return { dir: join(done, 'node_modules'), cached: true };

  const work = join(cacheRoot, `${key}.partial`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const dependencies = { ...manifest.dependencies };
  for (const name of LEFT_OUT) delete dependencies[name];
  // No scripts: the repository's postinstall (scripts/optional-bindings.mjs) is not part of the package.
  const trimmed = { name: manifest.name, version: manifest.version, private: true, type: manifest.type, dependencies, optionalDependencies: manifest.optionalDependencies };
  writeFileSync(join(work, 'package.json'), `${JSON.stringify(trimmed, null, 2)}\n`);
  writeFileSync(join(work, 'package-lock.json'), lock);

  log(`Installing production dependencies with Node ${runtime.version} (native modules built against ${runtime.dir}/include/node)…`);
  const env = {
    ...process.env,
    // npm, node-gyp and every install script run on the packaged runtime, so the ABI matches.
    PATH: `${join(runtime.dir, 'bin')}:${process.env.PATH}`,
    npm_config_nodedir: runtime.dir,
    npm_config_build_from_source: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const npmCli = npmCliPath();
  execFileSync(join(runtime.dir, 'bin/node'), [npmCli, 'install', '--omit=dev', '--no-save', '--foreground-scripts=false', '--loglevel=error'], { cwd: work, env, stdio: 'inherit' });

  for (const check of NATIVE_CHECKS) {
    const ok = execFileSync(join(runtime.dir, 'bin/node'), ['-p', check], { cwd: work, encoding: 'utf8' }).trim();
    if (ok !== 'true') throw new Error(`native module check failed on Node ${runtime.version}: ${check}`);
  }
  rmSync(join(work, 'package-lock.json'));
  renameSync(work, done);
  return { dir: join(done, 'node_modules'), cached: false };
}

/** The npm that runs this script (npm_execpath), else the one next to the machine's node. */
function npmCliPath() {
  if (process.env.npm_execpath && process.env.npm_execpath.endsWith('.js')) return process.env.npm_execpath;
  const prefix = execFileSync('npm', ['prefix', '-g'], { encoding: 'utf8' }).trim();
  return join(prefix, 'lib/node_modules/npm/bin/npm-cli.js');
}
