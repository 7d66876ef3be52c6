#!/usr/bin/env node
// `npm run lint`: the repo's structural checks, each run even when an earlier
// one fails, so one run lists every problem.
//   lint-boundaries.mjs    import rules between the UI, the contract/domain and the bridge
//   check-ui-program.mjs   the UI's type program holds browser code only, no Node types
//   check-comment-paths.mjs  paths cited in comments exist
import { spawnSync } from 'node:child_process';

const CHECKS = ['scripts/lint-boundaries.mjs', 'scripts/check-ui-program.mjs', 'scripts/check-comment-paths.mjs'];

let failed = 0;
for (const check of CHECKS) {
  const { status } = spawnSync(process.execPath, [check], { stdio: 'inherit' });
  if (status !== 0) failed++;
}
if (failed > 0) {
  console.error(`lint: ${failed} of ${CHECKS.length} checks failed.`);
  process.exit(1);
}
