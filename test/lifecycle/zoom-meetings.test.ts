/**
 * PRODUCT.md section 3 over the real HTTP API, a real Temporal server and the Zoom fake: one meeting
 * per booking by the host's account, shared slots, edits, reschedules, cancellations.
 */
import { startZoomFake, type ZoomFake } from '../fakes/zoom-fake';
import { eventually, startTestEngine, uniqueId, zoomEnv, type TestEngine } from '../harness/engine';
import { postBooking, type BookingFields, type BookingTarget } from '../harness/bookings';
import { createBookingSetup, hoursFromNow, plusMinutes } from '../harness/reference-data';
import {
  approveZoomConsent,
  connectZoom,
  hostWithZoom as connectedHost,
  openZoomCallback,
} from '../harness/zoom-connect';
import { meetingSlotViewQuery } from '../../src/workflows/messages';
import { meetingSlotWorkflowId } from '../../src/workflows/workflow-ids';

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

const hostWithZoom = (options: Parameters<typeof createBookingSetup>[1] = {}) => connectedHost(t.api, zoom, options);

/** Books an 'Intro call'; the API's answer. */
const book = (setup: BookingTarget, startTime: string, fields: BookingFields = {}) =>
  postBooking(t.api, setup, startTime, { title: 'Intro call', ...fields });

async function linkOf(id: string): Promise<string> {
  return eventually(`the Zoom link of ${id}`, async () => {
    const view = (await t.api.get(`/v1/appointments/${id}`)).body;
    return view.zoomMeeting ? (view.meetingLocation as string) : undefined;
  });
}

test('a booking gets its own Zoom meeting, created by the host account, and the view shows its link', async () => {
  const setup = await hostWithZoom();
  const start = hoursFromNow(48);
  const created = await book(setup, start);
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ status: 'confirmed', deleted: false, assignedUserId: setup.hostId });

  const link = await linkOf(created.body.id);
  const meetings = zoom.meetings(setup.zoomUserId);
  expect(meetings).toHaveLength(1);
  expect(meetings[0]).toMatchObject({
    joinUrl: link,
    topic: 'Intro call',
    duration: 30,
    startTime: start.replace('.000Z', 'Z'),
  });
  const view = (await t.api.get(`/v1/appointments/${created.body.id}`)).body;
  expect(view.timeline.map((entry: { type: string }) => entry.type)).toEqual(
    expect.arrayContaining(['created', 'zoom.meeting_created']),
  );
});

test('two appointments in one slot share one link, and the meeting survives until the second is cancelled', async () => {
  const setup = await hostWithZoom({ slotCapacity: 2 });
  const start = hoursFromNow(72);
  const first = await book(setup, start);
  const firstLink = await linkOf(first.body.id);
  const second = await book(setup, start, { title: 'Intro call' });
  expect(await linkOf(second.body.id)).toBe(firstLink);
  expect(zoom.meetings(setup.zoomUserId)).toHaveLength(1);
  const secondView = (await t.api.get(`/v1/appointments/${second.body.id}`)).body;
  expect(secondView.timeline.map((e: { type: string }) => e.type)).toContain('zoom.link_reused');

  expect((await t.api.patch(`/v1/appointments/${first.body.id}`, { status: 'cancelled' })).status).toBe(200);
  await eventually('the first to hear the meeting is kept', async () => {
    const view = (await t.api.get(`/v1/appointments/${first.body.id}`)).body;
    return view.timeline.some((e: { type: string }) => e.type === 'zoom.meeting_kept') ? view : undefined;
  });
  expect(zoom.meetings(setup.zoomUserId)).toHaveLength(1);
  expect((await t.api.get(`/v1/appointments/${first.body.id}`)).body.meetingLocation).toBeNull();

  expect((await t.api.patch(`/v1/appointments/${second.body.id}`, { status: 'cancelled' })).status).toBe(200);
  await eventually('the meeting to be deleted', async () =>
    zoom.meetings(setup.zoomUserId).length === 0 ? true : undefined,
  );
  await eventually('the deletion on the timeline', async () => {
    const view = (await t.api.get(`/v1/appointments/${second.body.id}`)).body;
    return view.timeline.some((e: { type: string }) => e.type === 'zoom.meeting_deleted') ? true : undefined;
  });
});

test('a reschedule into an occupied slot reuses its link and deletes the old meeting', async () => {
  const setup = await hostWithZoom({ slotCapacity: 3 });
  const early = hoursFromNow(24);
  const late = hoursFromNow(30);
  const mover = await book(setup, early);
  const moverOldLink = await linkOf(mover.body.id);
  const resident = await book(setup, late);
  const residentLink = await linkOf(resident.body.id);
  expect(zoom.meetings(setup.zoomUserId)).toHaveLength(2);

  const patched = await t.api.patch(`/v1/appointments/${mover.body.id}`, {
    startTime: late,
    endTime: plusMinutes(late, 30),
  });
  expect(patched.status).toBe(200);
  expect(patched.body.timeline.map((e: { type: string }) => e.type)).toContain('rescheduled');
  await eventually('the mover to take the resident link', async () => {
    const view = (await t.api.get(`/v1/appointments/${mover.body.id}`)).body;
    return view.meetingLocation === residentLink ? view : undefined;
  });
  await eventually('the old meeting to be deleted', async () => {
    const meetings = zoom.meetings(setup.zoomUserId);
    return meetings.length === 1 && meetings[0]?.joinUrl === residentLink ? true : undefined;
  });
  expect(moverOldLink).not.toBe(residentLink);
});

test('a reschedule to a free time generates a new link and deletes the old meeting', async () => {
  const setup = await hostWithZoom();
  const start = hoursFromNow(50);
  const appointment = await book(setup, start);
  const oldLink = await linkOf(appointment.body.id);
  const newStart = hoursFromNow(54);
  await t.api.patch(`/v1/appointments/${appointment.body.id}`, {
    startTime: newStart,
    endTime: plusMinutes(newStart, 30),
  });
  const newLink = await eventually('a new link', async () => {
    const view = (await t.api.get(`/v1/appointments/${appointment.body.id}`)).body;
    return view.meetingLocation && view.meetingLocation !== oldLink ? (view.meetingLocation as string) : undefined;
  });
  await eventually('only the new meeting left', async () => {
    const meetings = zoom.meetings(setup.zoomUserId);
    return meetings.length === 1 &&
      meetings[0]?.joinUrl === newLink &&
      meetings[0]?.startTime === newStart.replace('.000Z', 'Z')
      ? true
      : undefined;
  });
});

test('an edit at the same time keeps the link, and calls Zoom only when the topic or duration changes', async () => {
  const setup = await hostWithZoom();
  const start = hoursFromNow(60);
  const appointment = await book(setup, start);
  const link = await linkOf(appointment.body.id);
  const patchCalls = () =>
    zoom.calls.filter((call) => call.method === 'PATCH' && call.accountId === setup.zoomUserId).length;
  const before = patchCalls();

  await t.api.patch(`/v1/appointments/${appointment.body.id}`, { notes: 'bring the contract' });
  await t.api.patch(`/v1/appointments/${appointment.body.id}`, { title: 'Contract review' });
  await eventually('the topic update', async () =>
    zoom.meetings(setup.zoomUserId)[0]?.topic === 'Contract review' ? true : undefined,
  );
  const view = await eventually('zoom.meeting_updated on the timeline', async () => {
    const current = (await t.api.get(`/v1/appointments/${appointment.body.id}`)).body;
    return current.timeline.some((e: { type: string }) => e.type === 'zoom.meeting_updated') ? current : undefined;
  });
  expect(patchCalls() - before).toBe(1);
  expect(view.meetingLocation).toBe(link);
  expect(view.timeline.filter((e: { type: string }) => e.type === 'edited')).toHaveLength(2);
});

test('a cancellation drops the link: the meeting is deleted', async () => {
  const setup = await hostWithZoom();
  const appointment = await book(setup, hoursFromNow(80));
  await linkOf(appointment.body.id);
  await t.api.delete(`/v1/appointments/${appointment.body.id}`);
  await eventually('the meeting deleted', async () =>
    zoom.meetings(setup.zoomUserId).length === 0 ? true : undefined,
  );
  const view = (await t.api.get(`/v1/appointments/${appointment.body.id}`)).body;
  expect(view).toMatchObject({ deleted: true, meetingLocation: null, zoomMeeting: null });
});

/** Zoom holds the next request of a kind until `release()`; `arrived` resolves once the slot waits on it. */
function holdNext(zoomUserId: string, match: { method: string; pathPrefix: string }) {
  const held = zoom.faults.next(1, { kind: 'hold' }, { match });
  return {
    held,
    arrived: () =>
      eventually('the request to reach Zoom', async () =>
        held.fired === 1 && zoom.calls.some((c) => c.fault === 'hold' && c.accountId === zoomUserId) ? true : undefined,
      ),
  };
}
const holdNextCreate = (zoomUserId: string) =>
  holdNext(zoomUserId, { method: 'POST', pathPrefix: '/v2/users/me/meetings' });

async function slotMembers(hostId: string, startTime: string): Promise<string[]> {
  const view = await t.engine.client.workflow
    .getHandle(meetingSlotWorkflowId(hostId, startTime))
    .query(meetingSlotViewQuery);
  return view.memberIds;
}

test('the last appointment leaving while Zoom still creates its meeting: the meeting is deleted once made', async () => {
  const setup = await hostWithZoom();
  const start = hoursFromNow(90);
  const create = holdNextCreate(setup.zoomUserId);
  const appointment = await book(setup, start);
  await create.arrived();
  expect((await t.api.patch(`/v1/appointments/${appointment.body.id}`, { status: 'cancelled' })).status).toBe(200);
  await eventually('the slot to have no member', async () =>
    (await slotMembers(setup.hostId, start)).length === 0 ? true : undefined,
  );

  create.held.release();
  await eventually('the meeting made, then deleted', async () => {
    const calls = zoom.calls.filter((call) => call.accountId === setup.zoomUserId && call.path.includes('/meetings'));
    return calls.some((call) => call.method === 'DELETE' && call.status === 204) &&
      zoom.meetings(setup.zoomUserId).length === 0
      ? true
      : undefined;
  });
  const view = (await t.api.get(`/v1/appointments/${appointment.body.id}`)).body;
  expect(view).toMatchObject({ status: 'cancelled', meetingLocation: null, zoomMeeting: null });
});

test('the last appointment leaving while Zoom still updates its meeting: the meeting is deleted once updated', async () => {
  const setup = await hostWithZoom();
  const start = hoursFromNow(94);
  const appointment = await book(setup, start);
  await linkOf(appointment.body.id);
  const update = holdNext(setup.zoomUserId, { method: 'PATCH', pathPrefix: '/v2/meetings/' });
  expect((await t.api.patch(`/v1/appointments/${appointment.body.id}`, { title: 'Renamed' })).status).toBe(200);
  await update.arrived();
  expect((await t.api.patch(`/v1/appointments/${appointment.body.id}`, { status: 'cancelled' })).status).toBe(200);
  await eventually('the slot to have no member', async () =>
    (await slotMembers(setup.hostId, start)).length === 0 ? true : undefined,
  );

  update.held.release();
  await eventually('the meeting deleted', async () =>
    zoom.meetings(setup.zoomUserId).length === 0 ? true : undefined,
  );
});

test("an appointment joining while Zoom still creates the slot's meeting: the meeting is updated to what it should show", async () => {
  const setup = await hostWithZoom({ slotCapacity: 2 });
  const start = hoursFromNow(92);
  const create = holdNextCreate(setup.zoomUserId);
  const first = await book(setup, start);
  await create.arrived();
  const second = await book(setup, start, { minutes: 60 });
  await eventually('the slot to have both', async () =>
    (await slotMembers(setup.hostId, start)).length === 2 ? true : undefined,
  );

  create.held.release();
  const link = await linkOf(first.body.id);
  expect(await linkOf(second.body.id)).toBe(link);
  // created for 30 minutes (what the first asked), then lengthened for the second's 60
  await eventually('the meeting lengthened', async () =>
    zoom.meetings(setup.zoomUserId)[0]?.duration === 60 ? true : undefined,
  );
  expect(zoom.meetings(setup.zoomUserId)).toHaveLength(1);
});

test('a host without a Zoom connection: no link, the timeline says why, and the host is notified in-app', async () => {
  const setup = await createBookingSetup(t.api);
  const appointment = await book(setup, hoursFromNow(40));
  const view = await eventually('zoom.not_connected on the timeline', async () => {
    const current = (await t.api.get(`/v1/appointments/${appointment.body.id}`)).body;
    return current.timeline.some((e: { type: string }) => e.type === 'zoom.not_connected') ? current : undefined;
  });
  expect(view.meetingLocation).toBeNull();
  const notifications = await eventually('the host notification', async () => {
    const list = (await t.api.get(`/v1/users/${setup.hostId}/notifications`)).body;
    return list.length > 0 ? list : undefined;
  });
  expect(notifications[0]).toMatchObject({
    appointmentId: appointment.body.id,
    read: false,
    body: expect.stringContaining('has not connected a Zoom account'),
  });
});

test('a calendar with a static location gives it as the meeting location and never calls Zoom', async () => {
  const setup = await createBookingSetup(t.api, {
    calendarType: 'personal',
    location: { type: 'static', value: 'https://zoom.us/j/5550001111' },
  });
  const callsBefore = zoom.calls.length;
  const appointment = await book(setup, hoursFromNow(20));
  expect(appointment.body.meetingLocation).toBe('https://zoom.us/j/5550001111');
  expect(zoom.calls.length).toBe(callsBefore);
});

test('a second user ID connecting the same Zoom account gets 409 zoom_account_in_use, even with the same e-mail', async () => {
  const setup = await hostWithZoom();
  const other = uniqueId('user');
  await t.api.put(`/v1/users/${other}`, { name: 'Same Person', email: `${setup.hostId}@example.com`, timezone: 'UTC' });
  const response = await connectZoom(t.api, zoom, other, setup.zoomUserId);
  expect(response.status).toBe(409);
  expect(response.body.error.code).toBe('zoom_account_in_use');
  expect((await t.api.get(`/v1/users/${other}/integrations/zoom`)).body).toEqual({ connected: false });

  // once disconnected from the first user ID, the account may move
  expect((await t.api.delete(`/v1/users/${setup.hostId}/integrations/zoom`)).status).toBe(204);
  expect((await connectZoom(t.api, zoom, other, setup.zoomUserId)).status).toBe(200);
});

/** Five cases of two consents each; then every callback at once. The answers, two per case. */
async function raceCallbackPairs<Case>(makeCase: () => Promise<Case & { consents: [string, string] }>) {
  const cases = [];
  for (let i = 0; i < 5; i++) cases.push(await makeCase());
  const answers = await Promise.all(
    cases.flatMap((c) => c.consents.map((callback) => openZoomCallback(t.api, callback))),
  );
  return cases.map((c, i) => ({ ...c, answers: [answers[2 * i]!, answers[2 * i + 1]!] as const }));
}

test('two user IDs connecting the same Zoom account at the same moment: one is connected, the other gets 409 zoom_account_in_use', async () => {
  const pairs = await raceCallbackPairs(async () => {
    const account = uniqueId('zu');
    zoom.addAccount({ id: account, email: `${account}@zoom.example` });
    const users = [(await createBookingSetup(t.api)).hostId, (await createBookingSetup(t.api)).hostId];
    return {
      account,
      users,
      consents: [
        await approveZoomConsent(t.api, zoom, users[0]!, account),
        await approveZoomConsent(t.api, zoom, users[1]!, account),
      ],
    };
  });
  for (const {
    account,
    users,
    answers: [a, b],
  } of pairs) {
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((a.status === 409 ? a : b).body.error.code).toBe('zoom_account_in_use');
    const connected = await Promise.all(
      users.map(async (user) => (await t.api.get(`/v1/users/${user}/integrations/zoom`)).body),
    );
    expect(connected.filter((c) => c.connected && c.zoomUserId === account)).toHaveLength(1);
  }
});

test('one user ID connecting two Zoom accounts at the same moment: one is connected, the other gets 409 user_has_other_zoom_account', async () => {
  const cases = await raceCallbackPairs(async () => {
    const user = (await createBookingSetup(t.api)).hostId;
    const accounts = [uniqueId('zu'), uniqueId('zu')];
    for (const account of accounts) zoom.addAccount({ id: account, email: `${account}@zoom.example` });
    return {
      user,
      accounts,
      consents: [
        await approveZoomConsent(t.api, zoom, user, accounts[0]!),
        await approveZoomConsent(t.api, zoom, user, accounts[1]!),
      ],
    };
  });
  for (const {
    user,
    accounts,
    answers: [a, b],
  } of cases) {
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((a.status === 409 ? a : b).body.error.code).toBe('user_has_other_zoom_account');
    // the binding is the one that was answered 200
    const winner = accounts[a.status === 200 ? 0 : 1];
    expect((await t.api.get(`/v1/users/${user}/integrations/zoom`)).body).toMatchObject({
      connected: true,
      zoomUserId: winner,
    });
  }
});

test('a user ID connected to one Zoom account cannot connect another: 409 user_has_other_zoom_account', async () => {
  const setup = await hostWithZoom();
  const second = uniqueId('zu');
  zoom.addAccount({ id: second, email: `${second}@zoom.example` });
  const response = await connectZoom(t.api, zoom, setup.hostId, second);
  expect(response.status).toBe(409);
  expect(response.body.error.code).toBe('user_has_other_zoom_account');
  expect((await t.api.get(`/v1/users/${setup.hostId}/integrations/zoom`)).body).toMatchObject({
    connected: true,
    zoomUserId: setup.zoomUserId,
  });
});
