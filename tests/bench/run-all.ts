// `npm run bench`: runs every tests/bench/*.bench.ts and prints each figure
// against its budget. Exits non-zero when a budget is exceeded.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark, BenchFigure } from './bench-kit';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();

let over = 0;
for (const file of files) {
  const module = (await import(pathToFileURL(`${dir}${file}`).href)) as { run: Benchmark };
  const figures: BenchFigure[] = await module.run();
  console.log(`\n${file}`);
  for (const f of figures) {
    const within = f.budget === undefined || f.value <= f.budget;
    if (!within) over++;
    const budget = f.budget === undefined ? '' : `  (budget ≤ ${f.budget} ${f.unit}) ${within ? 'ok' : 'OVER'}`;
    console.log(`  ${f.name}: ${Number.isInteger(f.value) ? f.value : f.value.toFixed(2)} ${f.unit}${budget}`);
  }
}
if (files.length === 0) console.log('no benchmarks found');
process.exitCode = over > 0 ? 1 : 0;
