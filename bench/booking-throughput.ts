/**
 * Figure 1, booking throughput: appointments booked through the HTTP API per second until each has
 * its Zoom link and its automation run started; beside it, bare workflows of one activity started
 * and completed per second on the same server, with the same worker settings and concurrency.
 */
import { startZoomFake } from '../test/fakes/zoom-fake';
import { eventually, uniqueId, zoomEnv } from '../test/harness/engine';
import { runAlone, type BenchContext } from './bench-context';
import { book, createBookingWorld, linkedAndTriggered } from './booking-setup';
import { mapLimit, printTable, ratio } from './measure';

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 300);
/** requests in flight at once, for the engine and the baseline alike */
const CONCURRENCY = 16;
/** fewer bookings per host than Zoom's daily budget of 100 */
const BOOKINGS_PER_HOST = 75;
const HOUR = 3_600_000;

export async function bookingThroughput(context: BenchContext): Promise<void> {
  const zoom = await startZoomFake();
  const t = await context.startEngine(zoomEnv(zoom));
  try {
    const world = await createBookingWorld(t.api, zoom, { hosts: Math.ceil(BOOKINGS / BOOKINGS_PER_HOST) });
    const base = Math.ceil(Date.now() / HOUR) * HOUR + 48 * HOUR;
    const bookings = Array.from({ length: BOOKINGS }, (_, i) => ({
      id: uniqueId('tp'),
      host: i % world.hostIds.length,
      startMs: base + i * HOUR,
    }));

    // the baseline first: the engine's runs would still be busy (their one-minute wait) behind it
    const baseline = await context.startBaselineWorker();
    const baselineStarted = performance.now();
    await mapLimit(bookings, CONCURRENCY, (booking) =>
      baseline.client.workflow.execute('baselineOneActivity', {
        taskQueue: baseline.taskQueue,
        workflowId: `baseline-${booking.id}`,
      }),
    );
    const baselineSeconds = (performance.now() - baselineStarted) / 1000;
    await baseline.stop();

    const started = performance.now();
    await mapLimit(bookings, CONCURRENCY, (booking) => book(t.api, world, booking));
    let pending = bookings.map((booking) => booking.id);
    await eventually(
      'every booking linked and triggered',
      async () => {
        const done = await mapLimit(pending, CONCURRENCY, (id) => linkedAndTriggered(t.api, id));
        pending = pending.filter((_, i) => !done[i]);
        return pending.length === 0 ? true : undefined;
      },
      10 * 60_000,
      500,
    );
    const engineSeconds = (performance.now() - started) / 1000;
    if (zoom.meetings().length !== BOOKINGS)
      throw new Error(`expected ${BOOKINGS} meetings at the fake, found ${zoom.meetings().length}`);

    const engineRate = BOOKINGS / engineSeconds;
    const baselineRate = BOOKINGS / baselineSeconds;
    printTable(`1. Booking throughput (${BOOKINGS} bookings, ${CONCURRENCY} in flight)`, [
      ['', 'engine', 'bare Temporal', 'engine / bare'],
      ['per second', engineRate.toFixed(1), baselineRate.toFixed(1), ratio(engineRate, baselineRate)],
      [
        'total',
        `${engineSeconds.toFixed(1)} s`,
        `${baselineSeconds.toFixed(1)} s`,
        ratio(engineSeconds, baselineSeconds),
      ],
    ]);
  } finally {
    await t.stop();
    await zoom.close();
  }
}

if (require.main === module) runAlone(bookingThroughput);
