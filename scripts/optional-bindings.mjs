#!/usr/bin/env node
// Optional native device bindings that npm drops silently when a system library
// is missing at `npm install` time (README order: npm install runs before
// `npm test` installs the Debian packages). Two uses:
//   node scripts/optional-bindings.mjs report    (postinstall) says once, plainly, what was skipped
//   node scripts/optional-bindings.mjs restore   (scripts/ensure-system-deps.sh, after apt) brings it back
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What each optional binding drives, and the Debian package its build needs. */
const BINDINGS = [
  {
    name: '@pokusew/pcsclite',
    drives: 'the chip-card reader (PC/SC)',
    debianPackage: 'libpcsclite-dev',
    without: 'the kiosk runs, the keypad and scanners work, the card reader shows "unavailable"',
  },
];

/** Loads the compiled .node file in a fresh process (this one caches a failed lookup); opens no PC/SC context. */
function loads(name) {
  try {
    execFileSync(process.execPath, ['-e', `require(${JSON.stringify(name)})`], { cwd: root, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function lockedVersion(name) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  return lock.packages?.[`node_modules/${name}`]?.version ?? null;
}

const mode = process.argv[2];
const missing = BINDINGS.filter((b) => !loads(b.name));

if (mode === 'report') {
  for (const b of missing) {
    console.warn(
      `\nNote: the optional binding ${b.name} for ${b.drives} was skipped (its build needs the Debian package ${b.debianPackage}).\n` +
        `      Without it ${b.without}.\n` +
        `      \`npm test\` installs ${b.debianPackage} and brings the binding back; by hand: ` +
        `sudo apt-get install ${b.debianPackage} && npm install\n`,
    );
  }
} else if (mode === 'restore') {
  for (const b of missing) {
    const version = lockedVersion(b.name);
    const spec = version ? `${b.name}@${version}` : b.name;
    console.log(`Restoring ${spec} (${b.drives}): npm install skipped it while ${b.debianPackage} was missing.`);
    // --no-save: the lock file already names it; this only builds what npm dropped.
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', spec], { cwd: root, stdio: 'inherit' });
    if (!loads(b.name)) {
      console.error(`${b.name} still does not load after the reinstall; see the npm output above.`);
      process.exit(1);
    }
    console.log(`${b.name} restored.`);
  }
} else {
  console.error('usage: node scripts/optional-bindings.mjs report|restore');
  process.exit(2);
}
