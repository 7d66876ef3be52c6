#!/usr/bin/env node
// Checks that the UI's TypeScript program (tsconfig.ui.json) holds only what a
// browser may run: kiosk-ui/, the browser-safe rooms device-bridge/contract/
// and device-bridge/domain/, assets/, and npm typings that do not bring Node's.
//
// `"types": ["vite/client"]` only stops TypeScript from adding @types/node on
// its own; a bridge file imported by mistake (or a package whose typings say
// `/// <reference types="node" />`) still brings Node's globals in, and then
// `Buffer` or `process` in a screen would type-check. So this reads the files
// tsc itself loads (`--explainFiles`) and names, for each file that should not
// be there, the chain of imports that brought it in.
import { execFileSync } from 'node:child_process';
import { relative, resolve } from 'node:path';

const ALLOWED = ['kiosk-ui/', 'device-bridge/contract/', 'device-bridge/domain/', 'assets/'];
const repo = process.cwd();
const tsc = resolve(repo, 'node_modules/.bin/tsc');

const output = execFileSync(tsc, ['-p', 'tsconfig.ui.json', '--listFilesOnly', '--explainFiles'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});

/** file (repo-relative, or with node_modules/ in it) → files that import or reference it */
const importers = new Map();
let current = null;
for (const line of output.split('\n')) {
  if (line.trim() === '') continue;
  if (!/^\s/.test(line)) {
    current = normalize(line.trim());
    importers.set(current, []);
    continue;
  }
  const from = /from file '([^']+)'/.exec(line);
  if (from && current) importers.get(current).push(normalize(from[1]));
}

function normalize(path) {
  return relative(repo, resolve(repo, path)).replaceAll('\\', '/');
}
const inNodeModules = (file) => file.split('/').includes('node_modules');
const isAllowedRepoFile = (file) => ALLOWED.some((root) => file.startsWith(root));

/** Shortest chain from a file the UI owns to `target`, following importers backwards. */
function chainTo(target) {
  const previous = new Map([[target, null]]);
  const queue = [target];
  while (queue.length > 0) {
    const file = queue.shift();
    if (!inNodeModules(file) && isAllowedRepoFile(file)) {
      const chain = [];
      for (let step = file; step !== null; step = previous.get(step)) chain.push(step);
      return chain;
    }
    for (const importer of importers.get(file) ?? []) {
      if (!previous.has(importer)) {
        previous.set(importer, file);
        queue.push(importer);
      }
    }
  }
  return [target];
}

const problems = [];
// Bridge files: report only the first one on each path (the door), not all they drag in.
const strays = [...importers.keys()].filter((file) => !inNodeModules(file) && !isAllowedRepoFile(file));
const doors = strays.filter((file) => importers.get(file).some((from) => isAllowedRepoFile(from)));
for (const door of doors.sort()) {
  const from = [...new Set(importers.get(door).filter((file) => isAllowedRepoFile(file)))].sort();
  problems.push(`${door} is outside the UI's rooms (${ALLOWED.join(', ')}), yet imported by ${from.join(', ')}`);
}
if (strays.length > doors.length) {
  problems.push(`(those bring in ${strays.length - doors.length} more bridge files)`);
}
const nodeTypes = [...importers.keys()].find((file) => /(^|\/)node_modules\/@types\/node\/index\.d\.ts$/.test(file));
if (nodeTypes) {
  problems.push(`Node's types (@types/node) are in the UI program, through ${chainTo(nodeTypes).join(' → ')}`);
}

if (problems.length > 0) {
  console.error('UI type-check boundary (tsconfig.ui.json: browser code only, no Node types):');
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log('UI program: browser code only, no Node types.');
