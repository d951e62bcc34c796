/**
 * Figure 2, booking latency: from `POST /v1/appointments` to the Zoom link visible in `GET`, at a
 * steady pace well below the throughput (latency, not queueing); beside it, bare workflows of one
 * activity from start to result, at the same pace.
 */
import { startZoomFake } from '../test/fakes/zoom-fake';
import { eventually, uniqueId, zoomEnv } from '../test/harness/engine';
import { runAlone, type BenchContext } from './bench-context';
import { book, createBookingWorld } from './booking-setup';
import { mapLimit, ms, percentile, printTable, ratio } from './measure';

const BOOKINGS = Number(process.env.BENCH_LATENCY_BOOKINGS ?? 120);
/** one booking every … */
const PACE_MS = 250;
const HOUR = 3_600_000;

/** Starts `work` every PACE_MS (not waiting for the previous one) and collects how long each took. */
async function paced(count: number, work: (index: number) => Promise<void>): Promise<number[]> {
  return mapLimit(
    Array.from({ length: count }, (_, i) => i),
    count,
    async (index) => {
      await new Promise((resolve) => setTimeout(resolve, index * PACE_MS));
      const started = performance.now();
      await work(index);
      return performance.now() - started;
    },
  );
}

export async function bookingLatency(context: BenchContext): Promise<void> {
  const zoom = await startZoomFake();
  const t = await context.startEngine(zoomEnv(zoom));
  try {
    const world = await createBookingWorld(t.api, zoom, { hosts: Math.ceil(BOOKINGS / 75) });
    const base = Math.ceil(Date.now() / HOUR) * HOUR + 48 * HOUR;

    const baseline = await context.startBaselineWorker();
    const bare = await paced(BOOKINGS, (i) =>
      baseline.client.workflow.execute('baselineOneActivity', {
        taskQueue: baseline.taskQueue,
        workflowId: uniqueId(`latency-${i}`),
      }),
    );
    await baseline.stop();

    const engine = await paced(BOOKINGS, async (i) => {
      const id = uniqueId('lat');
      await book(t.api, world, { id, host: i % world.hostIds.length, startMs: base + i * HOUR });
      await eventually(
        `the link of ${id}`,
        async () => ((await t.api.get(`/v1/appointments/${id}`)).body.zoomMeeting ? true : undefined),
        120_000,
        10,
      );
    });

    const rows = [50, 95, 99].map((p) => [
      `p${p}`,
      ms(percentile(engine, p)),
      ms(percentile(bare, p)),
      ratio(percentile(engine, p), percentile(bare, p)),
    ]);
    printTable(`2. Booking latency, POST to link in GET (${BOOKINGS} bookings, one every ${PACE_MS} ms)`, [
      ['', 'engine', 'bare Temporal (start to result)', 'engine / bare'],
      ...rows,
    ]);
  } finally {
    await t.stop();
    await zoom.close();
  }
}

if (require.main === module) runAlone(bookingLatency);
