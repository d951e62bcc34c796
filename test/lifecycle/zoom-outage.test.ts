/**
 * Zoom failing for longer than the slot's retries last: the appointment is told and the host
 * notified, nothing fails for good, and the slot creates the meeting once Zoom works and someone
 * books into it again. On the time-skipping server, so the retries' backoff passes in seconds.
 */
import { book } from '../harness/bookings';
import { eventually } from '../harness/engine';
import { startTimeSkippingEngine, zoomBookingSetup, type TimeSkippingEngine } from '../harness/time-skipping-engine';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let t: TimeSkippingEngine;
beforeAll(async () => {
  t = await startTimeSkippingEngine();
});
afterAll(async () => {
  await t?.stop();
});

test('a create that fails on every retry: zoom.failed on the timeline, the host notified, and a later booking gets the meeting', async () => {
  const setup = await zoomBookingSetup(t, { slotCapacity: 2 });
  const creates = () =>
    t.zoom.calls.filter(
      (call) => call.method === 'POST' && call.path === '/v2/users/me/meetings' && call.accountId === setup.zoomUserId,
    );
  t.zoom.faults.always(
    { kind: '5xx', status: 503 },
    { match: { method: 'POST', pathPrefix: '/v2/users/me/meetings' } },
  );
  const start = new Date(Math.floor((await t.now()) / MINUTE) * MINUTE + 3 * DAY).toISOString();
  const first = await book(t.api, setup, start);

  // about ten minutes of backoff, skipped
  await t.advanceBy(15 * MINUTE);
  const view = await eventually('zoom.failed on the timeline', async () => {
    const current = (await t.api.get(`/v1/appointments/${first}`)).body;
    return current.timeline.some((e: { type: string }) => e.type === 'zoom.failed') ? current : undefined;
  });
  expect(view).toMatchObject({ meetingLocation: null, zoomMeeting: null });
  expect(view.timeline.find((e: { type: string }) => e.type === 'zoom.failed').reason).toMatch(
    /after 14 attempts: .*503/,
  );
  expect(creates()).toHaveLength(14);
  const notices = await eventually('the host notification', async () => {
    const list = (await t.api.get(`/v1/users/${setup.hostId}/notifications`)).body;
    return list.length > 0 ? list : undefined;
  });
  expect(notices[0]).toMatchObject({ appointmentId: first, subject: 'No Zoom meeting for an appointment' });
  expect(t.zoom.meetings(setup.zoomUserId)).toEqual([]);

  // Zoom is back; the next booking in the slot makes the meeting, and both share it.
  t.zoom.faults.clear();
  const second = await book(t.api, setup, start);
  const link = await eventually(
    "the second booking's link",
    async () => (await t.api.get(`/v1/appointments/${second}`)).body.zoomMeeting?.joinUrl as string | undefined,
  );
  expect(
    await eventually(
      "the first booking's link",
      async () => (await t.api.get(`/v1/appointments/${first}`)).body.zoomMeeting?.joinUrl as string | undefined,
    ),
  ).toBe(link);
  expect(t.zoom.meetings(setup.zoomUserId)).toHaveLength(1);
});
