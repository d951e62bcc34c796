/** POST/PATCH/DELETE/GET /v1/appointments: idempotency, validation errors with their fields, closed states. */
import { appointmentBody } from '../harness/bookings';
import { eventually, startTestEngine, uniqueId, type TestEngine } from '../harness/engine';
import { createBookingSetup, hoursFromNow, plusMinutes, type Booking } from '../harness/reference-data';

let t: TestEngine;
let setup: Booking & { hostIds: string[] };
beforeAll(async () => {
  t = await startTestEngine();
  setup = await createBookingSetup(t.api, {
    calendarType: 'service',
    location: { type: 'static', value: 'Room 7' },
    hosts: 2,
  });
});
afterAll(async () => {
  await t?.stop();
});

const body = (overrides: Record<string, unknown> = {}) => ({
  ...appointmentBody(setup, hoursFromNow(24), { minutes: 45, title: 'Checkup' }),
  ...overrides,
});

test('creating returns 201 with the view; the same request again returns 200 and changes nothing', async () => {
  const request = body({ notes: 'first visit' });
  const created = await t.api.post('/v1/appointments', request);
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({
    id: request.id,
    assignedUserId: setup.hostIds[0],
    status: 'confirmed',
    eventType: 'one_time',
    deleted: false,
    meetingLocation: 'Room 7',
    zoomMeeting: null,
    title: 'Checkup',
    notes: 'first visit',
  });
  const repeated = await t.api.post('/v1/appointments', request);
  expect(repeated.status).toBe(200);
  expect(repeated.body.timeline).toEqual(created.body.timeline);
});

test('the same ID with a different body is 409 appointment_exists', async () => {
  const request = body();
  await t.api.post('/v1/appointments', request);
  const conflict = await t.api.post('/v1/appointments', { ...request, title: 'Something else' });
  expect(conflict.status).toBe(409);
  expect(conflict.body.error.code).toBe('appointment_exists');
  expect((await t.api.get(`/v1/appointments/${request.id}`)).body.title).toBe('Checkup');
});

test('a repeated PATCH adds nothing to the timeline; a real change does', async () => {
  const request = body();
  await t.api.post('/v1/appointments', request);
  const first = await t.api.patch(`/v1/appointments/${request.id}`, { title: 'Follow-up' });
  expect(first.status).toBe(200);
  const again = await t.api.patch(`/v1/appointments/${request.id}`, { title: 'Follow-up' });
  expect(again.body.timeline).toEqual(first.body.timeline);
  expect(first.body.timeline.map((e: { type: string }) => e.type)).toEqual(['created', 'edited']);
});

test('PATCH reschedules, changes status and host; each shows on the timeline and in the view', async () => {
  const request = body();
  await t.api.post('/v1/appointments', request);
  const newStart = hoursFromNow(48);
  const rescheduled = await t.api.patch(`/v1/appointments/${request.id}`, {
    startTime: newStart,
    endTime: plusMinutes(newStart, 30),
  });
  expect(rescheduled.body).toMatchObject({ startTime: newStart });
  const moved = await t.api.patch(`/v1/appointments/${request.id}`, {
    assignedUserId: setup.hostIds[1],
    status: 'showed',
  });
  expect(moved.body).toMatchObject({ assignedUserId: setup.hostIds[1], status: 'showed' });
  const types = moved.body.timeline.map((e: { type: string }) => e.type);
  expect(types).toEqual(['created', 'rescheduled', 'edited', 'status_changed']);
  expect(moved.body.timeline[1]).toMatchObject({ from: { startTime: request.startTime }, to: { startTime: newStart } });
});

test('DELETE answers 204, repeated too; the view then says deleted and further edits are 409', async () => {
  const request = body();
  await t.api.post('/v1/appointments', request);
  expect((await t.api.delete(`/v1/appointments/${request.id}`)).status).toBe(204);
  expect((await t.api.delete(`/v1/appointments/${request.id}`)).status).toBe(204);
  const view = (await t.api.get(`/v1/appointments/${request.id}`)).body;
  expect(view).toMatchObject({ deleted: true });
  expect(view.timeline.filter((e: { type: string }) => e.type === 'deleted')).toHaveLength(1);
  const edit = await t.api.patch(`/v1/appointments/${request.id}`, { title: 'x' });
  expect(edit.status).toBe(409);
  expect(edit.body.error.code).toBe('appointment_deleted');
});

test('a deleted appointment workflow closes and its view is archived for GET', async () => {
  const request = body();
  await t.api.post('/v1/appointments', request);
  await t.api.delete(`/v1/appointments/${request.id}`);
  const handle = t.engine.client.workflow.getHandle(`appointment:${request.id}`);
  await eventually('the workflow to complete', async () =>
    (await handle.describe()).status.name === 'COMPLETED' ? true : undefined,
  );
  const archived = await t.api.get(`/v1/appointments/${request.id}`);
  expect(archived.status).toBe(200);
  expect(archived.body).toMatchObject({ id: request.id, deleted: true });
  // a closed appointment is never created again under its ID
  const again = await t.api.post('/v1/appointments', request);
  expect(again.status).toBe(409);
});

test('unknown IDs are 404 for GET, PATCH, DELETE and messages', async () => {
  const id = uniqueId('nothing');
  expect((await t.api.get(`/v1/appointments/${id}`)).status).toBe(404);
  expect((await t.api.patch(`/v1/appointments/${id}`, { title: 'x' })).status).toBe(404);
  expect((await t.api.delete(`/v1/appointments/${id}`)).status).toBe(404);
  expect((await t.api.get(`/v1/appointments/${id}/messages`)).status).toBe(404);
});

describe('invalid requests get 400 naming the field, and create nothing', () => {
  test.each([
    ['calendarId', { calendarId: 'no-such-calendar' }],
    ['contactId', { contactId: 'no-such-contact' }],
    ['assignedUserId', { assignedUserId: 'no-such-user' }],
    ['startTime', { startTime: '2026-12-01 10:00' }],
    ['startTime', { startTime: '2026-12-01T10:00:00' }],
    ['endTime', { endTime: 'tomorrow' }],
    ['id', { id: 'has spaces' }],
    ['status', { status: 'cancelled' }],
    ['eventType', { eventType: 'weekly' }],
    ['title', { title: 'x'.repeat(301) }],
  ])('%s', async (field, overrides) => {
    const request = body(overrides);
    const response = await t.api.post('/v1/appointments', request);
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    if (typeof request.id === 'string' && !request.id.includes(' '))
      expect((await t.api.get(`/v1/appointments/${request.id}`)).status).toBe(404);
  });

  test('an end before the start', async () => {
    const start = hoursFromNow(10);
    const response = await t.api.post('/v1/appointments', body({ startTime: start, endTime: plusMinutes(start, -30) }));
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual([expect.objectContaining({ path: 'endTime' })]);
  });

  test('an assigned user who is not a team member of the calendar', async () => {
    const outsider = uniqueId('user');
    await t.api.put(`/v1/users/${outsider}`, { name: 'Out Sider', email: 'out@example.com', timezone: 'UTC' });
    const response = await t.api.post('/v1/appointments', body({ assignedUserId: outsider }));
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual([
      expect.objectContaining({ path: 'assignedUserId', message: expect.stringContaining('not a team member') }),
    ]);
  });

  test('PATCH with an unknown field, an empty body, or an end before the start', async () => {
    const request = body();
    await t.api.post('/v1/appointments', request);
    const unknown = await t.api.patch(`/v1/appointments/${request.id}`, { startsAt: hoursFromNow(3) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues).toEqual(
      expect.arrayContaining([{ path: 'startsAt', message: 'is not a known field' }]),
    );
    expect((await t.api.patch(`/v1/appointments/${request.id}`, {})).status).toBe(400);
    const backwards = await t.api.patch(`/v1/appointments/${request.id}`, {
      endTime: plusMinutes(request.startTime, -5),
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.issues).toEqual([expect.objectContaining({ path: 'endTime' })]);
    expect((await t.api.get(`/v1/appointments/${request.id}`)).body.timeline).toHaveLength(1);
  });
});
