/**
 * Figure 4, scale: appointments with an SMS reminder pending weeks ahead, in cumulative steps
 * (default 2,000; `BENCH_SCALE=10000,100000` for the full sizes). For each step: the time to schedule
 * them through the API (until every automation run has started), peak RSS of the bench process
 * (engine worker + API + embedded database) and of the Temporal server, the size of the engine's
 * database and of Temporal's SQLite file. Beside it, as many bare workflows with a timer weeks ahead,
 * started first. Last, a sample of appointments whose reminders fall due soon: they must all fire,
 * on time, with everything else still pending.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { eventually, uniqueId } from '../test/harness/engine';
import { directorySize, runAlone, type BenchContext } from './bench-context';
import { book } from './booking-setup';
import { mapLimit, mib, ms, percentile, printTable, ratio } from './measure';
import { samplePeakRss } from './rss-sampler';
import { createSmsWorld } from './sms-world';

const STEPS = (process.env.BENCH_SCALE ?? '2000').split(',').map(Number);
const SAMPLE = 20;
const CONCURRENCY = 16;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export async function scale(context: BenchContext): Promise<void> {
  const sms = await createSmsWorld(context, '-24h');
  const baseline = await context.startBaselineWorker();
  const temporalFile = path.join(context.dir, 'temporal.sqlite');
  const temporalBytes = () => ['', '-wal'].reduce((sum, suffix) => sum + fileSize(`${temporalFile}${suffix}`), 0);
  // The bench process holds the engine and the baseline worker alike: in later steps both phases
  // include what the earlier steps left in memory.
  const processes = { bench: process.pid, server: context.server.pid };
  const rows: string[][] = [['', 'engine', 'bare Temporal', 'engine / bare']];
  try {
    let scheduled = 0;
    for (const total of STEPS) {
      const count = total - scheduled;
      const weeksAhead = (i: number) => Date.now() + 14 * DAY + ((scheduled + i) % (4 * 7 * 96)) * 15 * MINUTE;

      // Numbered IDs: random ones of uniqueId's length collide among 100,000 (the birthday bound).
      const bareBytesBefore = temporalBytes();
      const bareMemory = samplePeakRss(processes);
      const bareStarted = performance.now();
      await mapLimit(
        Array.from({ length: count }, (_, i) => i),
        CONCURRENCY,
        (i) =>
          baseline.client.workflow.start('baselineTimerThenActivity', {
            taskQueue: baseline.taskQueue,
            workflowId: `bare-scale-${scheduled + i}`,
            args: [weeksAhead(i)],
          }),
      );
      const bareSeconds = (performance.now() - bareStarted) / 1000;
      const bareBytes = temporalBytes() - bareBytesBefore;
      const barePeaks = bareMemory.stop();

      const engineBytesBefore = temporalBytes();
      const engineMemory = samplePeakRss(processes);
      const engineStarted = performance.now();
      await mapLimit(
        Array.from({ length: count }, (_, i) => i),
        CONCURRENCY,
        (i) => book(sms.t.api, sms.world, { id: `scale-${scheduled + i}`, host: 0, startMs: weeksAhead(i) }),
      );
      const runsQuery = `WorkflowType = "automationRun" AND TaskQueue = "${sms.t.engine.config.temporal.taskQueue}"`;
      await eventually(
        'every run started',
        async () => ((await sms.t.engine.client.workflow.count(runsQuery)).count >= total ? true : undefined),
        10 * MINUTE,
        500,
      );
      const engineSeconds = (performance.now() - engineStarted) / 1000;
      const engineBytes = temporalBytes() - engineBytesBefore;
      const enginePeaks = engineMemory.stop();
      scheduled = total;

      rows.push(
        [
          `${total.toLocaleString('en')}: scheduled per second`,
          (count / engineSeconds).toFixed(1),
          (count / bareSeconds).toFixed(1),
          ratio(count / engineSeconds, count / bareSeconds),
        ],
        [
          `${total.toLocaleString('en')}: time to schedule ${count.toLocaleString('en')}`,
          `${engineSeconds.toFixed(0)} s`,
          `${bareSeconds.toFixed(0)} s`,
          ratio(engineSeconds, bareSeconds),
        ],
        [
          `${total.toLocaleString('en')}: Temporal SQLite growth per item`,
          `${(engineBytes / count / 1024).toFixed(1)} KiB`,
          `${(bareBytes / count / 1024).toFixed(1)} KiB`,
          ratio(engineBytes, bareBytes),
        ],
        [
          `${total.toLocaleString('en')}: peak RSS, bench process`,
          mib(enginePeaks.bench),
          mib(barePeaks.bench),
          ratio(enginePeaks.bench, barePeaks.bench),
        ],
        [
          `${total.toLocaleString('en')}: peak RSS, Temporal server`,
          mib(enginePeaks.server),
          mib(barePeaks.server),
          ratio(enginePeaks.server, barePeaks.server),
        ],
        [`${total.toLocaleString('en')}: engine database`, mib(directorySize(sms.t.dataDir)), '', ''],
      );
      // A long run shows each step as it completes, not only at the end.
      if (total !== STEPS[STEPS.length - 1])
        printTable(
          `4. Scale, so far: ${total.toLocaleString('en')} of ${(STEPS[STEPS.length - 1] as number).toLocaleString('en')}`,
          rows,
        );
    }

    // A sample due soon, among everything pending: each reminder fires, once, on time.
    const dueAt = Date.now() + 45_000;
    const sample = Array.from({ length: SAMPLE }, () => uniqueId('sample'));
    await mapLimit(sample, CONCURRENCY, (id) => book(sms.t.api, sms.world, { id, host: 0, startMs: dueAt + DAY }));
    await eventually(
      'the sample reminders',
      async () => (sample.every((id) => sms.arrivals().has(id)) ? true : undefined),
      5 * MINUTE,
      250,
    );
    const lateness = sample.map((id) => (sms.arrivals().get(id) as number) - dueAt);
    const sent = sms.twilio.messages.length;
    if (sent !== SAMPLE) throw new Error(`expected exactly the ${SAMPLE} sample reminders at the fake, found ${sent}`);
    rows.push([
      `sample of ${SAMPLE} due soon: fired once each, lateness p50 / max`,
      `${ms(percentile(lateness, 50))} / ${ms(Math.max(...lateness))}`,
      '',
      '',
    ]);
    printTable(`4. Scale: appointments with a reminder pending 2–6 weeks ahead (${STEPS.join(', then ')})`, rows);
  } finally {
    await baseline.stop();
    await sms.stop();
  }
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

if (require.main === module) runAlone(scale);
