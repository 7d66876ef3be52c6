// Lays out the .deb's file tree in a staging directory (scripts/package/build-deb.mjs
// packs it). /opt/clinic-kiosk mirrors the repository's layout, because the bundled
// bridge finds its data files at their repository paths (bundle-bridge.mjs).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUNDLE_PATH, bundleBridge, EXTERNAL_PACKAGES } from './bundle-bridge.mjs';
import { printerModelFiles, printerUdevRules } from './udev-rules.mjs';

export const APP_DIR = 'opt/clinic-kiosk';
export const STATE_DIR = '/var/lib/clinic-kiosk';
export const UNIT_DIR = 'lib/systemd/system';
export const CONFIG_LAYERS = ['fleet.json', 'site.json', 'kiosk.json'];

// What the bridge reads at run time besides its code, at its repository path.
const CONFIG_FILES = ['config/kiosk.defaults.json', 'config/demo-clinic.json', 'config/kiosk-config.schema.json'];

// Build leftovers and files nobody runs, dropped from the production node_modules.
const PRUNE_DIRS = new Set(['obj', 'obj.target', '.deps', 'test', 'tests', '__tests__', 'example', 'examples', 'docs', '.github', 'benchmark', 'benchmarks', '.husky']);
// Version-control files, docs pages (pino's index.html loads scripts from CDNs), build inputs.
const PRUNE_FILE = /(\.(a|o|cc|cpp|c|h|hpp|gyp|gypi|mk|md|markdown|map|tsbuildinfo|html|sh)|^Makefile|^\.npmignore|^\.git(ignore|attributes|modules|keep)?|^\.eslintrc.*|^\.travis\.yml|^\.editorconfig|^test_extension\.node)$/;

export async function stageTree({ repoRoot, stage, runtime, modulesDir, version, log = console.log }) {
  rmSync(stage, { recursive: true, force: true });
  const app = join(stage, APP_DIR);
  const put = (from, to) => {
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
  };

  // The bridge: one bundle, the files it forks (e.g. readers/pcsc-host.mjs), the printer models, its config data.
  const { externals } = await bundleBridge({ repoRoot, outfile: join(app, BUNDLE_PATH) });
  for (const file of filesUnder(repoRoot, 'device-bridge', (rel) => rel.endsWith('.mjs') && !/\.test\./.test(rel))) put(join(repoRoot, file), join(app, file));
  for (const file of printerModelFiles(repoRoot)) put(join(repoRoot, file), join(app, file));
  for (const file of CONFIG_FILES) put(join(repoRoot, file), join(app, file));
  // The package's defaults keep state in /var/lib/clinic-kiosk (the repository's: var/ in the checkout).
  const defaults = JSON.parse(readFileSync(join(repoRoot, 'config/kiosk.defaults.json'), 'utf8'));
  defaults.scheduler.database = `${STATE_DIR}/scheduler.sqlite`;
  defaults.virtualPrinter.outputDir = `${STATE_DIR}/printer`;
  writeFileSync(join(app, 'config/kiosk.defaults.json'), `${JSON.stringify(defaults, null, 2)}\n`);
  // device-bridge/version.ts reads the version from here.
  writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'clinic-kiosk', version, private: true, type: 'module' }, null, 2)}\n`);

  // The built UI (vite build, done by the caller).
  cpSync(join(repoRoot, 'dist/kiosk-ui'), join(app, 'dist/kiosk-ui'), { recursive: true });

  // Node 24 and the production node_modules built for it, cut down to what the bundle leaves outside.
  put(join(runtime.dir, 'bin/node'), join(app, 'node/bin/node'));
  chmodSync(join(app, 'node/bin/node'), 0o755);
  put(join(runtime.dir, 'LICENSE'), join(app, 'node/LICENSE'));
  cpSync(modulesDir, join(app, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  keepOnlyExternals(join(app, 'node_modules'));
  pruneModules(join(app, 'node_modules'));
  rmSync(join(app, 'node_modules/.bin'), { recursive: true, force: true });
  rmSync(join(app, 'node_modules/.package-lock.json'), { force: true });
  neutraliseScripts(join(app, 'node_modules'));
  for (const name of externals) {
    if (!statSafe(join(app, 'node_modules', name, 'package.json'))) throw new Error(`the bundle imports ${name}, which is not in the production node_modules (a devDependency?)`);
  }
  // Node and the native modules: symbols stripped (most of their size; lintian asks for it).
  const natives = filesUnder(app, 'node_modules', (rel) => rel.endsWith('.node'));
  execFileSync('strip', ['--strip-unneeded', join(app, 'node/bin/node'), ...natives.map((rel) => join(app, rel))]);

  // The command, the units, the udev rules, the config layers, the docs.
  const deb = join(repoRoot, 'deploy/debian');
  put(join(deb, 'kiosk.sh'), join(stage, 'usr/bin/kiosk'));
  chmodSync(join(stage, 'usr/bin/kiosk'), 0o755);
  writeFileSync(mkdirFor(join(stage, 'usr/share/man/man1/kiosk.1.gz')), gzipSync(readFileSync(join(deb, 'kiosk.1')), { level: 9 }));
  for (const unit of readdirSync(join(deb, 'systemd'))) put(join(deb, 'systemd', unit), join(stage, UNIT_DIR, unit));
  writeFileSync(mkdirFor(join(stage, 'lib/udev/rules.d/60-clinic-kiosk-printers.rules')), printerUdevRules(repoRoot));
  for (const layer of CONFIG_LAYERS) put(join(deb, 'etc', layer), join(stage, 'etc/clinic-kiosk', layer));
  const doc = join(stage, 'usr/share/doc/clinic-kiosk');
  put(join(deb, 'copyright'), join(doc, 'copyright'));
  writeFileSync(join(doc, 'changelog.gz'), gzipSync(changelog(repoRoot, version), { level: 9 }));
  for (const example of ['fleet', 'site', 'kiosk']) {
    // The repository's examples, with the package's paths.
    const text = readFileSync(join(repoRoot, `config/${example}.example.json`), 'utf8')
      .replaceAll('./kiosk-config.schema.json', `/${APP_DIR}/config/kiosk-config.schema.json`)
      .replaceAll('/etc/kiosk/', '/etc/clinic-kiosk/')
      .replaceAll('npx kiosk', 'kiosk');
    writeFileSync(mkdirFor(join(doc, `examples/${example}.example.json`)), text);
  }
  put(join(deb, 'lintian-overrides'), join(stage, 'usr/share/lintian/overrides/clinic-kiosk'));
  normalizeModes(stage);
  log(`Staged ${relative(repoRoot, stage)}: bridge bundle, ${natives.length} native modules, Node ${runtime.version}`);
}

/** The Debian changelog of a native package: one entry for this build, dated by the last commit. */
function changelog(repoRoot, version) {
  let date;
  try {
    date = execFileSync('git', ['log', '-1', '--format=%aD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    date = new Date().toUTCString().replace('GMT', '+0000');
  }
  return Buffer.from(
    `clinic-kiosk (${version}) stable; urgency=medium\n\n  * Built from the repository by npm run package; see its git log.\n\n -- ${maintainer()}  ${date}\n`,
  );
}

export function maintainer() {
  return process.env.KIOSK_DEB_MAINTAINER ?? 'Clinic kiosk maintainers <clinic-kiosk@example.org>';
}

/**
 * The bundle carries every pure-JavaScript dependency; node_modules keeps only the
 * packages left external (bundle-bridge.mjs) and what they depend on.
 */
function keepOnlyExternals(modulesDir) {
  const topLevel = readdirSync(modulesDir).flatMap((name) =>
    name.startsWith('@') ? readdirSync(join(modulesDir, name)).map((sub) => `${name}/${sub}`) : name.startsWith('.') ? [] : [name],
  );
  const matches = (pattern, name) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern);
  const keep = new Set();
  const visit = (name, fromDir) => {
    // Node's lookup: the nearest node_modules/<name> from the requiring package up to the top.
    for (let dir = fromDir; dir.startsWith(modulesDir); dir = dirname(dir)) {
      const candidate = join(dir, dir === modulesDir || dir.endsWith('node_modules') ? '' : 'node_modules', name);
      if (!statSafe(join(candidate, 'package.json'))) continue;
      if (keep.has(candidate)) return;
      keep.add(candidate);
      const manifest = JSON.parse(readFileSync(join(candidate, 'package.json'), 'utf8'));
      for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) visit(dep, candidate);
      return;
    }
  };
  for (const name of topLevel) if (EXTERNAL_PACKAGES.some((pattern) => matches(pattern, name))) visit(name, modulesDir);
  for (const name of topLevel) {
    if (!keep.has(join(modulesDir, name))) rmSync(join(modulesDir, name), { recursive: true, force: true });
  }
  for (const scope of readdirSync(modulesDir).filter((name) => name.startsWith('@'))) {
    if (readdirSync(join(modulesDir, scope)).length === 0) rmSync(join(modulesDir, scope), { recursive: true });
  }
}

function pruneModules(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      // Keep prebuilds only for this machine's platform (usb and bindings-cpp carry every OS's).
      const prebuildsOfOtherPlatform = dirname(path).endsWith('prebuilds') && entry.name !== 'linux-x64';
      if (PRUNE_DIRS.has(entry.name) || prebuildsOfOtherPlatform) rmSync(path, { recursive: true, force: true });
      else pruneModules(path);
    } else if (entry.isFile() && PRUNE_FILE.test(entry.name) && !/^(LICEN[CS]E|COPYING|NOTICE)/i.test(entry.name)) {
      rmSync(path);
    }
  }
  // Sources of native modules the .node files were compiled from; prebuilt binaries
  // that node-gyp-build would pass over for the build/Release one compiled for Node 24.
  for (const src of ['better-sqlite3/deps', 'better-sqlite3/src', '@pokusew/pcsclite/src', '@serialport/bindings-cpp/src', '@serialport/bindings-cpp/prebuilds', 'nan/tools', 'node-addon-api/tools']) {
    rmSync(join(dir, src), { recursive: true, force: true });
  }
}

/**
 * npm packages' command-line scripts (`#!/usr/bin/env node`) are never run in the
 * package: only the kiosk's own bundle runs, on /opt/clinic-kiosk/node. Their
 * interpreter line becomes a comment (line numbers kept; Node skips either), and
 * nothing in node_modules stays executable except native modules' loaders' needs: none.
 */
function neutraliseScripts(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) neutraliseScripts(path);
    else if (entry.isFile()) {
      if (/\.(c|m)?js$/.test(entry.name)) {
        const text = readFileSync(path, 'utf8');
        if (text.startsWith('#!')) writeFileSync(path, `// ${text.slice(2)}`);
      }
      chmodSync(path, 0o644);
    }
  }
}

/** Directories 0755, files 0644 unless executable (then 0755): what dpkg and lintian expect. */
function normalizeModes(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) {
      chmodSync(path, 0o755);
      normalizeModes(path);
    } else {
      chmodSync(path, statSync(path).mode & 0o111 ? 0o755 : 0o644);
    }
  }
}

/** Files under root/sub (relative to root) that `keep`; nested node_modules are skipped unless sub is one. */
function filesUnder(root, sub, keep) {
  const out = [];
  const intoModules = sub.endsWith('node_modules');
  const walk = (rel) => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const child = join(rel, entry.name);
      if (entry.isDirectory() && (intoModules || entry.name !== 'node_modules')) walk(child);
      else if (entry.isFile() && keep(child)) out.push(child);
    }
  };
  walk(sub);
  return out;
}

function mkdirFor(file) {
  mkdirSync(dirname(file), { recursive: true });
  return file;
}

function statSafe(path) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
