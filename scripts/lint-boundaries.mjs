#!/usr/bin/env node
// The import-boundary lint: runs dependency-cruiser with the rules in
// .dependency-cruiser.cjs and prints each violation as one plain sentence
// (file → imported file, then the rule in words). Exit code 1 on any violation.
//
// Why a script and not the `depcruise` command: TypeScript 7 has no JavaScript
// compiler API, so dependency-cruiser must parse with swc, and dependency-cruiser
// 17 (the last line that runs on Node 20) calls swc without JSX enabled, which
// stops the whole run at the first .tsx file (fixed upstream in 18.3, which needs
// Node 22). The three lines below turn JSX on for .tsx files only.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const swc = require('@swc/core');
const parseFileSync = swc.parseFileSync;
swc.parseFileSync = (path, options) => parseFileSync(path, path.endsWith('.tsx') ? { ...options, tsx: true } : options);

const { cruise } = await import('dependency-cruiser');
const config = require('../.dependency-cruiser.cjs');

const ROOTS = ['kiosk-ui', 'device-bridge', 'config', 'tests', 'scripts', 'bin', 'vite.config.ts', 'playwright.config.ts'];

const { output } = await cruise(
  ROOTS,
  { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true, outputType: 'json' },
  config.options.enhancedResolveOptions,
  {},
);
const result = JSON.parse(output);
const comments = new Map(config.forbidden.map((rule) => [rule.name, rule.comment]));

const violations = result.summary.violations;
for (const { from, to, rule, cycle } of violations) {
  const path = cycle ? [from, ...cycle.map((step) => (typeof step === 'string' ? step : step.name))].join(' → ') : `${from} → ${to}`;
  console.error(`${path}\n  ${rule.name}: ${comments.get(rule.name)}\n`);
}

const files = result.summary.totalCruised;
if (violations.length > 0) {
  console.error(`Import boundaries: ${violations.length} violation(s) in ${files} files (rules: .dependency-cruiser.cjs).`);
  process.exit(1);
}
console.log(`Import boundaries: ${files} files, no violations.`);
