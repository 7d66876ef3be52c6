// Tiny benchmark kit: each `*.bench.ts` exports `run()` returning figures with
// their budgets; `npm run bench` prints them all. Speed lives here, not in tests.
export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The budget the issue names; `value` must not exceed it. */
  readonly budget?: number;
}

export type Benchmark = () => Promise<BenchFigure[]>;

/** p-th percentile (0–100) of samples, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Times `fn` `iterations` times after `warmup` untimed runs; returns milliseconds per run. */
export async function timeRuns(fn: () => unknown, iterations: number, warmup = Math.ceil(iterations / 10)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}
