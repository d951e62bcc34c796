/**
 * Figure 3, timer accuracy: 500 reminders due within the same minute; how late each SMS reaches the
 * Twilio fake against the time it was due (p50/p99). Beside it, 500 bare workflows whose durable
 * timer is due within another minute, then one activity: how late the activity runs.
 */
import { eventually, uniqueId } from '../test/harness/engine';
import { runAlone, type BenchContext } from './bench-context';
import { book } from './booking-setup';
import { mapLimit, ms, percentile, printTable, ratio } from './measure';
import { createSmsWorld } from './sms-world';

const REMINDERS = Number(process.env.BENCH_REMINDERS ?? 500);
/** from now to the first reminder: long enough to book all of them first */
const LEAD_MS = Number(process.env.BENCH_TIMER_LEAD_MS ?? 75_000);
const WINDOW_MS = 60_000;
const MINUTE = 60_000;

export async function timerAccuracy(context: BenchContext): Promise<void> {
  const sms = await createSmsWorld(context, '-1m');
  const bareLateness: number[] = [];
  const baseline = await context.startBaselineWorker((dueAtMs) => {
    if (dueAtMs !== undefined) bareLateness.push(Date.now() - dueAtMs);
  });
  try {
    const engineWindow = Date.now() + LEAD_MS;
    const bareWindow = engineWindow + WINDOW_MS + 15_000;
    const spread = (window: number, i: number) => window + Math.floor((i * WINDOW_MS) / REMINDERS);
    const reminders = Array.from({ length: REMINDERS }, (_, i) => ({
      id: uniqueId('timer'),
      dueMs: spread(engineWindow, i),
    }));

    await mapLimit(reminders, 16, (reminder) =>
      book(sms.t.api, sms.world, { id: reminder.id, host: 0, startMs: reminder.dueMs + MINUTE }),
    );
    await mapLimit(reminders, 16, (_, i) =>
      baseline.client.workflow.start('baselineTimerThenActivity', {
        taskQueue: baseline.taskQueue,
        workflowId: uniqueId('bare-timer'),
        args: [spread(bareWindow, i)],
      }),
    );
    if (Date.now() > engineWindow)
      throw new Error(`booking took longer than the lead of ${LEAD_MS} ms: raise BENCH_TIMER_LEAD_MS`);

    await eventually(
      'every reminder sent',
      async () => (sms.arrivals().size >= REMINDERS ? true : undefined),
      LEAD_MS + 5 * MINUTE,
      500,
    );
    await eventually(
      'every bare timer fired',
      async () => (bareLateness.length >= REMINDERS ? true : undefined),
      5 * MINUTE,
      500,
    );
    const arrivals = sms.arrivals();
    const lateness = reminders.map((reminder) => (arrivals.get(reminder.id) as number) - reminder.dueMs);

    printTable(`3. Timer accuracy (${REMINDERS} reminders due within one minute)`, [
      ['lateness', 'engine (SMS at Twilio)', 'bare Temporal (activity)', 'engine / bare'],
      ...[50, 99].map((p) => [
        `p${p}`,
        ms(percentile(lateness, p)),
        ms(percentile(bareLateness, p)),
        ratio(percentile(lateness, p), percentile(bareLateness, p)),
      ]),
      [
        'max',
        ms(Math.max(...lateness)),
        ms(Math.max(...bareLateness)),
        ratio(Math.max(...lateness), Math.max(...bareLateness)),
      ],
    ]);
  } finally {
    await baseline.stop();
    await sms.stop();
  }
}

if (require.main === module) runAlone(timerAccuracy);
