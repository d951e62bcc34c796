/**
 * `npm run bench`: every figure, one after another, on one embedded Temporal dev server. Each figure
 * also runs alone: `npm run bench:one -- bench/<figure>.ts`. Sizes are set by BENCH_* variables (see
 * each file); bench/README.md records a run and the tuning decisions.
 */
import { cpus, totalmem } from 'node:os';
import { bookingLatency } from './booking-latency';
import { bookingThroughput } from './booking-throughput';
import { createBenchContext, WORKER_SETTINGS, type BenchContext } from './bench-context';
import { replaySpeed } from './replay-speed';
import { scale } from './scale';
import { timerAccuracy } from './timer-accuracy';
import { zoomEfficiency } from './zoom-efficiency';

const FIGURES: [string, (context: BenchContext) => Promise<void>][] = [
  ['booking throughput', bookingThroughput],
  ['booking latency', bookingLatency],
  ['timer accuracy', timerAccuracy],
  ['scale', scale],
  ['zoom efficiency', zoomEfficiency],
  ['replay speed', replaySpeed],
];

async function main(): Promise<void> {
  const started = performance.now();
  process.stdout.write(
    `# Benchmarks\n${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}; ` +
      `worker settings ${JSON.stringify(WORKER_SETTINGS)}\n`,
  );
  const only = process.env.BENCH_ONLY?.split(',');
  const context = await createBenchContext();
  try {
    for (const [name, figure] of FIGURES) {
      if (only && !only.includes(name)) continue;
      const figureStarted = performance.now();
      await figure(context);
      process.stdout.write(`(${name}: ${((performance.now() - figureStarted) / 1000).toFixed(0)} s)\n`);
    }
  } finally {
    await context.close();
  }
  process.stdout.write(`\nall figures in ${((performance.now() - started) / 60_000).toFixed(1)} minutes\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
