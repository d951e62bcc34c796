/** PUT/GET of users, contacts and calendars over HTTP, as API.md specifies, with every error case. */
import { startTestEngine, uniqueId, type TestEngine } from '../harness/engine';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(async () => {
  await t?.stop();
});

const ann = { name: 'Ann Lee', email: 'ann@example.com', phone: '+14155550100', timezone: 'America/New_York' };

describe('users', () => {
  test('PUT creates (201), repeats unchanged (200, same updatedAt), updates (200); GET returns it', async () => {
    const id = uniqueId('user');
    const created = await t.api.put(`/v1/users/${id}`, ann);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id, ...ann });

    const repeated = await t.api.put(`/v1/users/${id}`, ann);
    expect(repeated.status).toBe(200);
    expect(repeated.body.updatedAt).toBe(created.body.updatedAt);

    const updated = await t.api.put(`/v1/users/${id}`, { ...ann, name: 'Ann Lee-Smith', phone: null });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Ann Lee-Smith', phone: null });

    const fetched = await t.api.get(`/v1/users/${id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(updated.body);
  });

  test.each([
    ['name', { ...ann, name: '' }],
    ['name', { ...ann, name: undefined }],
    ['email', { ...ann, email: 'not-an-email' }],
    ['phone', { ...ann, phone: '0155 555' }],
    ['timezone', { ...ann, timezone: 'Mars/Olympus' }],
    ['timezone', { ...ann, timezone: 42 }],
  ])('a bad %s gets 400 naming it, and nothing is written', async (field, body) => {
    const id = uniqueId('user');
    const response = await t.api.put(`/v1/users/${id}`, body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_request');
    expect(response.body.error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    expect((await t.api.get(`/v1/users/${id}`)).status).toBe(404);
  });

  test('an ID outside the allowed characters gets 400 naming userId', async () => {
    const response = await t.api.put('/v1/users/bad%20id', ann);
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual([{ path: 'userId', message: expect.any(String) }]);
    const long = await t.api.put(`/v1/users/${'a'.repeat(129)}`, ann);
    expect(long.status).toBe(400);
  });

  test('GET of an unknown user is 404', async () => {
    const response = await t.api.get(`/v1/users/${uniqueId('nobody')}`);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });
});

describe('contacts', () => {
  const bob = {
    firstName: 'Bob',
    lastName: 'Stone',
    email: 'bob@example.org',
    phone: '+442071838750',
    timezone: 'Europe/London',
  };

  test('PUT creates with only a first name, then updates; GET returns it', async () => {
    const id = uniqueId('contact');
    const created = await t.api.put(`/v1/contacts/${id}`, { firstName: 'Bob' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id,
      firstName: 'Bob',
      lastName: null,
      email: null,
      phone: null,
      timezone: null,
    });
    const updated = await t.api.put(`/v1/contacts/${id}`, bob);
    expect(updated.status).toBe(200);
    expect((await t.api.get(`/v1/contacts/${id}`)).body).toMatchObject(bob);
  });

  test.each([
    ['firstName', { ...bob, firstName: '   ' }],
    ['email', { ...bob, email: 'bob@' }],
    ['phone', { ...bob, phone: '+0' }],
    ['timezone', { ...bob, timezone: 'GMT+25' }],
  ])('a bad %s gets 400 naming it', async (field, body) => {
    const id = uniqueId('contact');
    const response = await t.api.put(`/v1/contacts/${id}`, body);
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    expect((await t.api.get(`/v1/contacts/${id}`)).status).toBe(404);
  });

  test('GET of an unknown contact is 404', async () => {
    expect((await t.api.get(`/v1/contacts/${uniqueId('nobody')}`)).status).toBe(404);
  });
});

describe('calendars', () => {
  let host = '';
  beforeAll(async () => {
    host = uniqueId('host');
    expect((await t.api.put(`/v1/users/${host}`, ann)).status).toBe(201);
  });

  const calendar = (overrides: Record<string, unknown> = {}) => ({
    name: 'Discovery calls',
    type: 'round_robin',
    teamMemberIds: [host],
    meetingLocation: { type: 'zoom' },
    ...overrides,
  });

  test('a round-robin calendar with Zoom is created with slot capacity 1 by default', async () => {
    const id = uniqueId('cal');
    const created = await t.api.put(`/v1/calendars/${id}`, calendar());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id,
      slotCapacity: 1,
      meetingLocation: { type: 'zoom' },
      teamMemberIds: [host],
      timezone: null,
    });
    const updated = await t.api.put(
      `/v1/calendars/${id}`,
      calendar({ type: 'collective', slotCapacity: 5, timezone: 'Asia/Tokyo' }),
    );
    expect(updated.status).toBe(200);
    expect((await t.api.get(`/v1/calendars/${id}`)).body).toMatchObject({
      type: 'collective',
      slotCapacity: 5,
      timezone: 'Asia/Tokyo',
    });
  });

  test('a calendar keeps its reschedule page (an absolute http(s) URL) until a PUT leaves it out', async () => {
    const id = uniqueId('cal');
    expect((await t.api.put(`/v1/calendars/${id}`, calendar())).body).toMatchObject({ reschedulePageUrl: null });
    const page = 'https://book.example.com/discovery?ref=crm';
    const withPage = await t.api.put(`/v1/calendars/${id}`, calendar({ reschedulePageUrl: page }));
    expect(withPage.status).toBe(200);
    expect(withPage.body.reschedulePageUrl).toBe(page);
    expect((await t.api.get(`/v1/calendars/${id}`)).body.reschedulePageUrl).toBe(page);
    expect((await t.api.put(`/v1/calendars/${id}`, calendar())).body.reschedulePageUrl).toBeNull();
  });

  test.each(['service', 'personal', 'class', 'event'])(
    'Zoom on a %s calendar gets 422 dynamic_zoom_not_allowed',
    async (type) => {
      const id = uniqueId('cal');
      const response = await t.api.put(`/v1/calendars/${id}`, calendar({ type }));
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('dynamic_zoom_not_allowed');
      expect((await t.api.get(`/v1/calendars/${id}`)).status).toBe(404);
    },
  );

  test('Zoom on a group calendar without team members gets 422', async () => {
    const response = await t.api.put(`/v1/calendars/${uniqueId('cal')}`, calendar({ teamMemberIds: [] }));
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('dynamic_zoom_not_allowed');
  });

  test('a personal or unassigned calendar may use a static location', async () => {
    const personal = await t.api.put(
      `/v1/calendars/${uniqueId('cal')}`,
      calendar({ type: 'personal', meetingLocation: { type: 'static', value: 'https://zoom.us/j/123' } }),
    );
    expect(personal.status).toBe(201);
    const unassigned = await t.api.put(
      `/v1/calendars/${uniqueId('cal')}`,
      calendar({ teamMemberIds: [], meetingLocation: { type: 'static', value: 'Room 4' } }),
    );
    expect(unassigned.status).toBe(201);
  });

  test.each([
    ['name', { name: '' }],
    ['type', { type: 'weekly' }],
    ['teamMemberIds', { teamMemberIds: 'u1' }],
    ['teamMemberIds', { teamMemberIds: [host, host] }],
    ['teamMemberIds[0]', { teamMemberIds: ['not valid!'] }],
    ['meetingLocation.type', { meetingLocation: { type: 'teams' } }],
    ['meetingLocation.value', { meetingLocation: { type: 'static', value: '' } }],
    ['slotCapacity', { slotCapacity: 0 }],
    ['slotCapacity', { slotCapacity: 1.5 }],
    ['timezone', { timezone: 'Nowhere/Land' }],
    ['reschedulePageUrl', { reschedulePageUrl: '/book/again' }],
    ['reschedulePageUrl', { reschedulePageUrl: 'javascript:alert(1)' }],
    ['reschedulePageUrl', { reschedulePageUrl: 'ftp://example.com/book' }],
    ['reschedulePageUrl', { reschedulePageUrl: `https://example.com/${'x'.repeat(2000)}` }],
  ])('a bad %s gets 400 naming it', async (field, overrides) => {
    const id = uniqueId('cal');
    const response = await t.api.put(`/v1/calendars/${id}`, calendar(overrides));
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    expect((await t.api.get(`/v1/calendars/${id}`)).status).toBe(404);
  });

  test('a team member that is not a known user gets 400 naming its position', async () => {
    const response = await t.api.put(
      `/v1/calendars/${uniqueId('cal')}`,
      calendar({ teamMemberIds: [host, 'ghost-user'] }),
    );
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual([{ path: 'teamMemberIds[1]', message: 'unknown user ghost-user' }]);
  });

  test('GET of an unknown calendar is 404', async () => {
    expect((await t.api.get(`/v1/calendars/${uniqueId('nobody')}`)).status).toBe(404);
  });
});
