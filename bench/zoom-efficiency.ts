/**
 * Figure 5, Zoom efficiency: Zoom calls per lifecycle for a fixed mix, counted at the Zoom fake,
 * against the fewest the rules of PRODUCT.md section 3 allow. Machine-independent: no baseline.
 *
 * The mix, once per host (each host has its own Zoom account and daily budget):
 * - solo: book (1 create), edit the title (1 update), edit the notes (none: Zoom does not show them),
 *   reschedule to a free time (1 create + 1 delete), cancel (1 delete): 5
 * - shared: book two into one slot (1 create), cancel one (none: the other still uses it), cancel the
 *   other (1 delete): 2
 * - into an occupied slot: book two at different times (2 creates), reschedule the first to the
 *   second's time (1 delete: the link is reused): 3
 */
import { startZoomFake, type ZoomFake } from '../test/fakes/zoom-fake';
import { eventually, uniqueId, zoomEnv } from '../test/harness/engine';
import type { ApiClient } from '../test/harness/api-client';
import { runAlone, type BenchContext } from './bench-context';
import { book, createBookingWorld, type BookingWorld } from './booking-setup';
import { printTable } from './measure';

const REPETITIONS = Number(process.env.BENCH_ZOOM_REPETITIONS ?? 5);
const MINIMUM = { solo: 5, shared: 2, occupied: 3 } as const;
const HOUR = 3_600_000;

/** Waits until the fake holds exactly `count` meetings for the account and nothing is left in flight. */
async function settled(
  zoom: ZoomFake,
  zoomUserId: string,
  count: number,
  api: ApiClient,
  ids: string[],
): Promise<void> {
  await eventually(
    `${count} meetings at Zoom`,
    async () => {
      if (zoom.meetings(zoomUserId).length !== count) return undefined;
      const views = await Promise.all(ids.map(async (id) => (await api.get(`/v1/appointments/${id}`)).body));
      return views.every((view) => (view.status === 'cancelled') === (view.zoomMeeting === null)) ? true : undefined;
    },
    60_000,
    50,
  );
}

async function mix(
  api: ApiClient,
  zoom: ZoomFake,
  world: BookingWorld,
  host: number,
  base: number,
): Promise<Record<keyof typeof MINIMUM, number>> {
  const zoomUserId = world.zoomUserIds[host]!;
  const counted = () =>
    zoom.calls.filter(
      (call) => call.accountId === zoomUserId && call.method !== 'GET' && call.path.includes('/meetings'),
    ).length;
  const slot = (n: number) => base + n * HOUR;
  const at = (n: number) => ({
    startTime: new Date(slot(n)).toISOString(),
    endTime: new Date(slot(n) + 30 * 60_000).toISOString(),
  });

  let before = counted();
  const solo = uniqueId('solo');
  await book(api, world, { id: solo, host, startMs: slot(0) });
  await settled(zoom, zoomUserId, 1, api, [solo]);
  await api.patch(`/v1/appointments/${solo}`, { title: 'Contract review' });
  await eventually(
    'the topic at Zoom',
    async () => (zoom.meetings(zoomUserId)[0]?.topic === 'Contract review' ? true : undefined),
    60_000,
    50,
  );
  await api.patch(`/v1/appointments/${solo}`, { notes: 'bring the contract' });
  await api.patch(`/v1/appointments/${solo}`, at(1));
  await eventually(
    'the rescheduled meeting',
    async () =>
      zoom
        .meetings(zoomUserId)
        .map((m) => Date.parse(m.startTime))
        .join() === String(slot(1))
        ? true
        : undefined,
    60_000,
    50,
  );
  await api.patch(`/v1/appointments/${solo}`, { status: 'cancelled' });
  await settled(zoom, zoomUserId, 0, api, [solo]);
  const soloCalls = counted() - before;

  before = counted();
  const [first, second] = [uniqueId('shared'), uniqueId('shared')];
  await book(api, world, { id: first, host, startMs: slot(2) });
  await book(api, world, { id: second, host, startMs: slot(2) });
  await settled(zoom, zoomUserId, 1, api, [first, second]);
  await api.patch(`/v1/appointments/${first}`, { status: 'cancelled' });
  await settled(zoom, zoomUserId, 1, api, [first, second]);
  await api.patch(`/v1/appointments/${second}`, { status: 'cancelled' });
  await settled(zoom, zoomUserId, 0, api, [first, second]);
  const sharedCalls = counted() - before;

  before = counted();
  const [mover, resident] = [uniqueId('mover'), uniqueId('resident')];
  await book(api, world, { id: mover, host, startMs: slot(3) });
  await book(api, world, { id: resident, host, startMs: slot(4) });
  await settled(zoom, zoomUserId, 2, api, [mover, resident]);
  await api.patch(`/v1/appointments/${mover}`, at(4));
  await settled(zoom, zoomUserId, 1, api, [mover, resident]);
  const occupiedCalls = counted() - before;

  return { solo: soloCalls, shared: sharedCalls, occupied: occupiedCalls };
}

export async function zoomEfficiency(context: BenchContext): Promise<void> {
  const zoom = await startZoomFake();
  const t = await context.startEngine(zoomEnv(zoom));
  try {
    const world = await createBookingWorld(t.api, zoom, { hosts: REPETITIONS, slotCapacity: 2 });
    const base = Math.ceil(Date.now() / HOUR) * HOUR + 72 * HOUR;
    const results = await Promise.all(world.hostIds.map((_, host) => mix(t.api, zoom, world, host, base)));
    const rows = (Object.keys(MINIMUM) as (keyof typeof MINIMUM)[]).map((kind) => {
      const calls = results.reduce((sum, result) => sum + result[kind], 0) / results.length;
      return [kind, calls.toFixed(1), String(MINIMUM[kind]), `${(calls / MINIMUM[kind]).toFixed(2)}×`];
    });
    const total =
      results.reduce((sum, result) => sum + result.solo + result.shared + result.occupied, 0) / results.length;
    const minimum = MINIMUM.solo + MINIMUM.shared + MINIMUM.occupied;
    printTable(`5. Zoom efficiency: create/update/delete calls per lifecycle (mean of ${REPETITIONS})`, [
      ['lifecycle', 'engine', 'fewest the rules allow', 'engine / fewest'],
      ...rows,
      ['all', total.toFixed(1), String(minimum), `${(total / minimum).toFixed(2)}×`],
      [
        'listings (free, not in the budget)',
        String(zoom.calls.filter((call) => call.method === 'GET' && call.path === '/v2/users/me/meetings').length),
        '',
        '',
      ],
    ]);
  } finally {
    await t.stop();
    await zoom.close();
  }
}

if (require.main === module) runAlone(zoomEfficiency);
