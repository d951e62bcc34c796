/**
 * The daily budget: Zoom allows 100 meeting create/update/delete requests per user per UTC day.
 * The engine counts them in its store before sending, so the 101st is never sent; over budget it
 * waits for 00:00 UTC when the appointment is later than that, and otherwise gives up on the link.
 */
import { startZoomFake, type ZoomFake } from '../fakes/zoom-fake';
import { eventually, startTestEngine, uniqueId, zoomEnv, type TestEngine } from '../harness/engine';
import { postBooking } from '../harness/bookings';
import { hostWithZoom as connectedHost } from '../harness/zoom-connect';
import { nextUtcMidnight, utcDay } from '../../src/domain/utc-day';
import { ZoomQuotaRepository } from '../../src/store/zoom-quota-repository';

const DAY = 24 * 60 * 60 * 1000;

const hostWithZoom = (t: TestEngine, zoom: ZoomFake) => connectedHost(t.api, zoom, { slotCapacity: 1 });

const viewOf = async (t: TestEngine, id: string) => (await t.api.get(`/v1/appointments/${id}`)).body;
const hasEntry = (view: { timeline: { type: string }[] }, type: string) => view.timeline.some((e) => e.type === type);

describe('with Zoom answering normally', () => {
  let zoom: ZoomFake;
  let t: TestEngine;
  beforeAll(async () => {
    zoom = await startZoomFake();
    t = await startTestEngine(zoomEnv(zoom));
  });
  afterAll(async () => {
    await t?.stop();
    await zoom?.close();
  });

  test('a burst of 120 bookings for one host never sends Zoom more than 100 counted calls that day', async () => {
    const setup = await hostWithZoom(t, zoom);
    const firstStart = nextUtcMidnight(new Date()).getTime() + 2 * DAY; // all after the next reset
    const ids = Array.from({ length: 120 }, (_, i) => `burst-${uniqueId('a')}-${i}`);
    for (let batch = 0; batch < ids.length; batch += 20) {
      await Promise.all(
        ids.slice(batch, batch + 20).map(async (id, j) => {
          const response = await postBooking(t.api, setup, firstStart + (batch + j) * 60 * 60 * 1000, { id });
          expect(response.status).toBe(201);
        }),
      );
    }
    const outcome = await eventually(
      'every booking to have a link or to wait for the reset',
      async () => {
        const views = await Promise.all(ids.map((id) => viewOf(t, id)));
        const linked = views.filter((v) => v.zoomMeeting);
        const waiting = views.filter((v) => !v.zoomMeeting && hasEntry(v, 'zoom.quota_exhausted'));
        return linked.length + waiting.length === ids.length ? { linked, waiting } : undefined;
      },
      90_000,
    );
    expect(outcome.linked).toHaveLength(100);
    expect(outcome.waiting).toHaveLength(20);
    const today = utcDay(new Date());
    expect(zoom.countedCalls(setup.zoomUserId, today)).toBe(100);
    expect(zoom.meetings(setup.zoomUserId)).toHaveLength(100);
    expect(await new ZoomQuotaRepository(t.engine.db).callsOn(setup.zoomUserId, today)).toBe(100);
    // the waiting ones know when they will be served
    const retryAt = outcome.waiting[0].timeline.find(
      (e: { type: string }) => e.type === 'zoom.quota_exhausted',
    ).retryAt;
    expect(retryAt).toBe(nextUtcMidnight(new Date()).toISOString());
    // the host heard about it
    const notices = (await t.api.get(`/v1/users/${setup.hostId}/notifications`)).body as { subject: string }[];
    expect(notices.filter((n) => n.subject === 'Zoom meeting delayed')).toHaveLength(20);
  }, 180_000);

  test('an appointment before the reset, with the budget spent, gets no link; the timeline says why and the host is notified', async () => {
    const setup = await hostWithZoom(t, zoom);
    const quota = new ZoomQuotaRepository(t.engine.db);
    for (let i = 0; i < 100; i++) expect(await quota.reserve(setup.zoomUserId)).toBe(true);
    const callsBefore = zoom.calls.length;
    const start = new Date(nextUtcMidnight(new Date()).getTime() - 60_000).toISOString();
    const id = uniqueId('late');
    await postBooking(t.api, setup, start, { id });
    const view = await eventually('zoom.quota_exhausted', async () => {
      const current = await viewOf(t, id);
      return hasEntry(current, 'zoom.quota_exhausted') ? current : undefined;
    });
    expect(view.meetingLocation).toBeNull();
    expect(view.timeline.find((e: { type: string }) => e.type === 'zoom.quota_exhausted').retryAt).toBeUndefined();
    expect(
      zoom.calls.slice(callsBefore).filter((call) => call.method === 'POST' && call.path.endsWith('/meetings')),
    ).toHaveLength(0);
    const notices = await eventually('the host notice', async () => {
      const list = (await t.api.get(`/v1/users/${setup.hostId}/notifications`)).body as {
        subject: string;
        appointmentId: string;
      }[];
      return list.length > 0 ? list : undefined;
    });
    expect(notices[0]).toMatchObject({ subject: 'No Zoom meeting for an appointment', appointmentId: id });
  });
});

test("Zoom's own daily 429 stops calls for that user until the reset", async () => {
  const zoom = await startZoomFake({ dailyLimit: 3 }); // as if the host had used most of the day's budget elsewhere
  const t = await startTestEngine(zoomEnv(zoom));
  try {
    const setup = await hostWithZoom(t, zoom);
    const base = nextUtcMidnight(new Date()).getTime() + DAY;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = uniqueId('z429');
      ids.push(id);
      const start = new Date(base + i * 3_600_000).toISOString();
      await postBooking(t.api, setup, start, { id });
    }
    await eventually('3 links and 3 waiting', async () => {
      const views = await Promise.all(ids.map((id) => viewOf(t, id)));
      const done = views.filter((v) => v.zoomMeeting || hasEntry(v, 'zoom.quota_exhausted'));
      return done.length === 6 ? true : undefined;
    });
    const creates = zoom.calls.filter((call) => call.method === 'POST' && call.path.endsWith('/meetings'));
    // one refused with 429, then none: the engine marked the day as spent
    expect(creates.filter((call) => call.status === 429)).toHaveLength(1);
    expect(creates).toHaveLength(4);
    expect(zoom.meetings(setup.zoomUserId)).toHaveLength(3);
  } finally {
    await t.stop();
    await zoom.close();
  }
});
