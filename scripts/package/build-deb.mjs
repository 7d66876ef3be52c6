// `npm run package`: builds dist/clinic-kiosk_<version>_amd64.deb with dpkg-deb only
// (issue 14, item 3). Steps: Node 24 runtime (node-runtime.mjs), production
// node_modules built for it (production-modules.mjs), the UI (vite build when stale),
// the file tree (stage-tree.mjs), then DEBIAN/ and dpkg-deb. The staged tree stays in
// var/build/deb-root, where `npm run bench` times the packaged bridge.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeRuntime } from './node-runtime.mjs';
import { ensureProductionModules } from './production-modules.mjs';
import { maintainer, stageTree } from './stage-tree.mjs';

export const STAGE = 'var/build/deb-root';

export function debFileName(version) {
  return `clinic-kiosk_${version}_amd64.deb`;
}

export async function buildDeb({ repoRoot, log = console.log }) {
  const started = performance.now();
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const runtime = ensureNodeRuntime({ repoRoot, log });
  const modules = ensureProductionModules({ repoRoot, runtime, log });
  log(`Node ${runtime.version}; production node_modules ${modules.cached ? 'from the cache' : 'built'}`);
  execFileSync(process.execPath, ['scripts/ensure-ui-build.mjs'], { cwd: repoRoot, stdio: 'inherit' });

  const stage = join(repoRoot, STAGE);
  await stageTree({ repoRoot, stage, runtime, modulesDir: modules.dir, version, log });
  // The staged bridge must at least load on its own runtime before it is packed.
  execFileSync(join(stage, 'opt/clinic-kiosk/node/bin/node'), [join(stage, 'opt/clinic-kiosk/device-bridge/cli.mjs'), 'help'], { stdio: 'ignore' });

  const debian = join(stage, 'DEBIAN');
  mkdirSync(debian, { recursive: true });
  const control = readFileSync(join(repoRoot, 'deploy/debian/control.in'), 'utf8')
    .replace('@VERSION@', version)
    .replace('@MAINTAINER@', maintainer())
    .replace('@INSTALLED_SIZE@', String(installedSizeKiB(stage)));
  writeFileSync(join(debian, 'control'), control);
  const conffiles = readdirSync(join(stage, 'etc/clinic-kiosk')).map((name) => `/etc/clinic-kiosk/${name}`);
  writeFileSync(join(debian, 'conffiles'), `${conffiles.join('\n')}\n`);
  for (const script of ['postinst', 'prerm', 'postrm']) {
    copyFileSync(join(repoRoot, 'deploy/debian', script), join(debian, script));
    execFileSync('chmod', ['0755', join(debian, script)]);
  }
  writeFileSync(join(debian, 'md5sums'), md5sums(stage));

  const out = join(repoRoot, 'dist', debFileName(version));
  mkdirSync(join(repoRoot, 'dist'), { recursive: true });
  // xz, as Debian's own packages; KIOSK_DEB_COMPRESSION=gzip packs faster for a local try.
  const compression = process.env.KIOSK_DEB_COMPRESSION ?? 'xz';
  execFileSync('dpkg-deb', ['--root-owner-group', `-Z${compression}`, '--build', stage, out], { stdio: ['ignore', 'ignore', 'inherit'] });
  const seconds = (performance.now() - started) / 1000;
  const size = statSync(out).size;
  log(`Built ${relative(repoRoot, out)}: ${(size / 1048576).toFixed(1)} MiB (installed ${(installedSizeKiB(stage) / 1024).toFixed(0)} MiB), in ${seconds.toFixed(0)} s`);
  return { file: out, version, size, seconds };
}

/** Installed-Size: the tree's size in KiB, not counting DEBIAN/. */
function installedSizeKiB(stage) {
  let bytes = 0;
  walk(stage, (path, stat) => {
    if (!relative(stage, path).startsWith('DEBIAN')) bytes += Math.ceil(stat.size / 1024) * 1024;
  });
  return Math.ceil(bytes / 1024);
}

function md5sums(stage) {
  const lines = [];
  walk(stage, (path) => {
    const rel = relative(stage, path);
    if (rel.startsWith('DEBIAN') || rel.startsWith('etc/')) return;
    lines.push(`${createHash('md5').update(readFileSync(path)).digest('hex')}  ${rel}`);
  });
  return `${lines.sort((a, b) => a.slice(34).localeCompare(b.slice(34))).join('\n')}\n`;
}

function walk(dir, visit) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, visit);
    else if (entry.isFile()) visit(path, statSync(path));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildDeb({ repoRoot: fileURLToPath(new URL('../..', import.meta.url)) });
}
