/**
 * Secrets and the API's gate: every /v1 route but the public ones refuses a missing or wrong
 * key; bodies over the size limit are refused on every route that takes one; the OAuth state names
 * the user who asked; and after a full Zoom life (OAuth connect, meetings created, updated, moved,
 * deleted, an access token refreshed, a refresh token revoked, a reconnect) no access token, refresh
 * token, authorization code, OAuth state, client secret, webhook secret, encryption key or API key
 * appears in any log line, in any workflow history (payloads decoded) or in any database row.
 */
import { decodePayloads } from '../harness/history-text';
import { request as httpRequest } from 'node:http';
import { inspect } from 'node:util';
import { createHmac, randomBytes } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, type Logger } from '@temporalio/worker';
import { startZoomFake, type ZoomFake } from '../fakes/zoom-fake';
import type { ApiResponse } from '../harness/api-client';
import { book, postBooking } from '../harness/bookings';
import { eventually, startTestEngine, TEST_API_KEY, uniqueId, zoomEnv, type TestEngine } from '../harness/engine';
import { createBookingSetup, hoursFromNow, plusMinutes } from '../harness/reference-data';
import { API_ROUTES } from '../../src/api/routes';
import { TokenCipher } from '../../src/store/token-cipher';
import { meetingSlotWorkflowId } from '../../src/workflows/workflow-ids';

const WEBHOOK_SECRET = `whsec-${randomBytes(18).toString('base64url')}`;

// --- everything the process prints, the engine logs (pino, at trace) and the Temporal SDK logs ---
const engineLog: string[] = [];
const sdkLog: string[] = [];
const printed: string[] = [];
const originalWrites = { stdout: process.stdout.write, stderr: process.stderr.write };

let zoom: ZoomFake;
let t: TestEngine;

beforeAll(async () => {
  // In production the SDK logs into the engine's logger at LOG_LEVEL (src/temporal/runtime.ts); the test
  // harness installs a WARN-level console logger instead. Workers take the runtime's logger when they
  // are created, so capture everything the SDK logs from here on, at every level.
  (Runtime.instance() as unknown as { logger: Logger }).logger = new DefaultLogger('TRACE', (entry) => {
    // inspect shows errors; the JSON form, payloads decoded, shows activation inputs and results as text
    const bytesAsText = (_key: string, value: unknown) =>
      value instanceof Uint8Array
        ? Buffer.from(value).toString('utf8')
        : typeof value === 'bigint'
          ? String(value)
          : value;
    let json: string;
    try {
      json = JSON.stringify(entry.meta ?? {}, bytesAsText);
      json += ` ${decodePayloads(JSON.parse(json))}`; // protobuf messages render their bytes as base64
    } catch (error) {
      json = `(meta not serialisable: ${String(error)})`;
    }
    sdkLog.push(
      `${entry.level} ${entry.message} ${inspect(entry.meta, { depth: 12, breakLength: Infinity, maxArrayLength: 50, maxStringLength: Infinity })} ${json}`,
    );
  });
  for (const stream of ['stdout', 'stderr'] as const) {
    const original = originalWrites[stream];
    process[stream].write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      printed.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof process.stdout.write;
  }
  zoom = await startZoomFake();
  t = await startTestEngine(
    { ...zoomEnv(zoom), ZOOM_WEBHOOK_SECRET_TOKEN: WEBHOOK_SECRET, LOG_LEVEL: 'trace' },
    { logDestination: { write: (line: string) => void engineLog.push(line) } },
  );
});
afterAll(async () => {
  await t?.stop();
  await zoom?.close();
  process.stdout.write = originalWrites.stdout;
  process.stderr.write = originalWrites.stderr;
});

// ---------------------------------------------------------------------------------------------
// The routes

interface Route {
  method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  /** Zoom's browser redirect, Zoom's and Twilio's signed webhooks, signing in and out, the OpenAPI document: no API key */
  public?: true;
  /** takes a JSON body */
  body?: true;
}

/** Every route under /v1, from API.md and src/api/routes. */
const ROUTES: Route[] = [
  { method: 'PUT', path: '/v1/users/:userId', body: true },
  { method: 'GET', path: '/v1/users/:userId' },
  { method: 'PUT', path: '/v1/contacts/:contactId', body: true },
  { method: 'GET', path: '/v1/contacts/:contactId' },
  { method: 'PUT', path: '/v1/calendars/:calendarId', body: true },
  { method: 'GET', path: '/v1/calendars/:calendarId' },
  { method: 'POST', path: '/v1/users/:userId/integrations/zoom/authorize', body: true },
  { method: 'GET', path: '/v1/integrations/zoom/callback', public: true },
  { method: 'GET', path: '/v1/users/:userId/integrations/zoom' },
  { method: 'DELETE', path: '/v1/users/:userId/integrations/zoom' },
  { method: 'POST', path: '/v1/webhooks/zoom', public: true, body: true },
  // form-encoded (Twilio's), not JSON: left out of the JSON body checks
  { method: 'POST', path: '/v1/webhooks/twilio/sms', public: true },
  { method: 'POST', path: '/v1/appointments', body: true },
  { method: 'PATCH', path: '/v1/appointments/:appointmentId', body: true },
  { method: 'DELETE', path: '/v1/appointments/:appointmentId', body: true },
  { method: 'GET', path: '/v1/appointments/:appointmentId' },
  { method: 'GET', path: '/v1/appointments/:appointmentId/messages' },
  { method: 'POST', path: '/v1/automations', body: true },
  { method: 'GET', path: '/v1/automations' },
  { method: 'PUT', path: '/v1/automations/:automationId', body: true },
  { method: 'GET', path: '/v1/automations/:automationId' },
  { method: 'GET', path: '/v1/recipes' },
  { method: 'GET', path: '/v1/users/:userId/notifications' },
  { method: 'PATCH', path: '/v1/users/:userId/notifications/:notificationId', body: true },
  { method: 'GET', path: '/v1/users' },
  { method: 'GET', path: '/v1/calendars' },
  { method: 'GET', path: '/v1/merge-fields' },
  { method: 'POST', path: '/v1/session', public: true, body: true },
  { method: 'DELETE', path: '/v1/session', public: true },
  { method: 'GET', path: '/v1/session' },
  { method: 'GET', path: '/v1/openapi.json', public: true },
  { method: 'POST', path: '/v1/templates/preview', body: true },
  { method: 'GET', path: '/v1/appointments' },
  { method: 'GET', path: '/v1/overview' },
];
const routeKey = (route: Pick<Route, 'method' | 'path'>) => `${route.method} ${route.path}`;

test('the route list above is every route of the API under /v1, public exactly where it says', () => {
  const catalogue = API_ROUTES.map((route) => ({
    key: `${route.method} ${route.url}`,
    public: route.access === 'public',
  }));
  // outside /v1: the health check and the contact's self-service pages, all public
  expect(catalogue.filter((route) => !route.key.split(' ')[1]!.startsWith('/v1/')).sort(byKey)).toEqual(
    ['GET /healthz', 'GET /a/:token/cancel', 'POST /a/:token/cancel', 'GET /a/:token/confirm', 'POST /a/:token/confirm']
      .map((key) => ({ key, public: true }))
      .sort(byKey),
  );
  expect(catalogue.filter((route) => route.key.split(' ')[1]!.startsWith('/v1/')).sort(byKey)).toEqual(
    ROUTES.map((route) => ({ key: routeKey(route), public: route.public === true })).sort(byKey),
  );
});

const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);

// ---------------------------------------------------------------------------------------------
// Helpers

function expectError(response: ApiResponse, status: number, code: string, what: string): void {
  const seen = `${what} → ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`;
  expect({ what, status: response.status }).toEqual({ what, status });
  expect(response.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  if (typeof response.body !== 'object' || response.body === null) throw new Error(`not the error format: ${seen}`);
  expect(Object.keys(response.body)).toEqual(['error']);
  expect(response.body.error).toEqual(expect.objectContaining({ code, message: expect.any(String) }));
}

/** Every row of every table, as text. */
async function dumpDatabase(): Promise<string> {
  const tables = await t.engine.db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const dump: Record<string, string[]> = {};
  for (const { table_name: table } of tables) {
    dump[table] = (await t.engine.db.query(`SELECT * FROM "${table}"`)).map((row) => JSON.stringify(row)).sort();
  }
  return JSON.stringify(dump, null, 1);
}

const seen = { states: [] as string[], codes: [] as string[] };

/** The browser's path through OAuth, keeping the state and the code it carried. */
async function connectZoomRecording(
  userId: string,
  zoomAccountId: string,
): Promise<{ callback: ApiResponse; callbackPath: string }> {
  const authorize = await t.api.post(`/v1/users/${userId}/integrations/zoom/authorize`);
  expect(authorize.status).toBe(200);
  seen.states.push(new URL(authorize.body.authorizeUrl).searchParams.get('state') as string);
  zoom.approveAs(zoomAccountId);
  const consent = await fetch(authorize.body.authorizeUrl, { redirect: 'manual' });
  const location = new URL(consent.headers.get('location') as string);
  seen.codes.push(location.searchParams.get('code') as string);
  const callbackPath = `${location.pathname}${location.search}`;
  return { callback: await t.api.get(callbackPath, { auth: false }), callbackPath };
}

function sign(raw: string, timestamp = String(Math.floor(Date.now() / 1000))) {
  return {
    'x-zm-signature': `v0=${createHmac('sha256', WEBHOOK_SECRET).update(`v0:${timestamp}:${raw}`).digest('hex')}`,
    'x-zm-request-timestamp': timestamp,
  };
}

// ---------------------------------------------------------------------------------------------

describe('the API key', () => {
  let existing: {
    hostId: string;
    contactId: string;
    calendarId: string;
    appointmentId: string;
    automationId: string;
    zoomUserId: string;
  };

  beforeAll(async () => {
    const setup = await createBookingSetup(t.api, { location: { type: 'static', value: 'Room 1' } });
    const zoomUserId = uniqueId('zu-auth');
    zoom.addAccount({ id: zoomUserId, email: `${setup.hostId}@zoom.example` });
    expect((await connectZoomRecording(setup.hostId, zoomUserId)).callback.status).toBe(200);
    const appointmentId = uniqueId('appt');
    expect((await postBooking(t.api, setup, hoursFromNow(90), { id: appointmentId })).status).toBe(201);
    const automation = await t.api.post('/v1/automations', {
      name: 'A',
      status: 'draft',
      trigger: { type: 'appointment_status', filters: { statuses: ['confirmed'] } },
      actions: [{ id: 'w', type: 'wait', duration: '1m' }],
    });
    expect(automation.status).toBe(201);
    existing = { ...setup, appointmentId, automationId: automation.body.id, zoomUserId };
  });

  /** A request that would change or read real data if the gate let it through. */
  function realRequest(route: Route): { path: string; body?: unknown } {
    const start = hoursFromNow(95);
    const params: Record<string, string> = {
      userId: existing.hostId,
      contactId: existing.contactId,
      calendarId: existing.calendarId,
      appointmentId: existing.appointmentId,
      automationId: existing.automationId,
      notificationId: 'no-such-notification',
    };
    const filled = route.path.replace(/:(\w+)/g, (_, name: string) => params[name] as string);
    const bodies: Record<string, unknown> = {
      'PUT /v1/users/:userId': { name: 'Mallory', email: 'mallory@example.com', timezone: 'UTC' },
      'PUT /v1/contacts/:contactId': { firstName: 'Mallory' },
      'PUT /v1/calendars/:calendarId': {
        name: 'Taken',
        type: 'service',
        teamMemberIds: [],
        meetingLocation: { type: 'static', value: 'x' },
      },
      'POST /v1/users/:userId/integrations/zoom/authorize': {},
      'POST /v1/appointments': {
        id: uniqueId('appt-unauth'),
        calendarId: existing.calendarId,
        contactId: existing.contactId,
        startTime: start,
        endTime: plusMinutes(start, 30),
      },
      'PATCH /v1/appointments/:appointmentId': { title: 'Taken over' },
      'POST /v1/templates/preview': { channel: 'sms', body: 'Hi {{contact.first_name}}' },
      'POST /v1/automations': {
        name: 'B',
        status: 'published',
        trigger: { type: 'appointment_status', filters: { statuses: ['confirmed'] } },
        actions: [{ id: 'w', type: 'wait', duration: '1m' }],
      },
      'PUT /v1/automations/:automationId': {
        name: 'B',
        status: 'published',
        trigger: { type: 'appointment_status', filters: { statuses: ['confirmed'] } },
        actions: [{ id: 'w', type: 'wait', duration: '1m' }],
      },
    };
    return { path: filled, body: bodies[routeKey(route)] };
  }

  const BAD_HEADERS: [string, string | undefined][] = [
    ['no Authorization header', undefined],
    ['a wrong key', 'Bearer not-the-key'],
    ['an empty bearer', 'Bearer '],
    ['the key with a character added', `Bearer ${TEST_API_KEY}x`],
    ['the key with a character missing', `Bearer ${TEST_API_KEY.slice(0, -1)}`],
    ['the key in upper case', `Bearer ${TEST_API_KEY.toUpperCase()}`],
    ['the key twice', `Bearer ${TEST_API_KEY} ${TEST_API_KEY}`],
    ['the key without a scheme', TEST_API_KEY],
    ['the key as Basic credentials', `Basic ${Buffer.from(`api:${TEST_API_KEY}`).toString('base64')}`],
    ['the key base64-encoded as Basic', `Basic ${Buffer.from(TEST_API_KEY).toString('base64')}`],
    ['the key under another scheme', `Token ${TEST_API_KEY}`],
    ['the scheme glued to the key', `Bearer:${TEST_API_KEY}`],
  ];

  test('every /v1 route but the public ones refuses a missing, wrong or non-Bearer key with 401, and nothing changes', async () => {
    const before = await dumpDatabase();
    const viewBefore = (await t.api.get(`/v1/appointments/${existing.appointmentId}`)).body;
    const attemptedAppointments: string[] = [];
    for (const route of ROUTES.filter((r) => !r.public)) {
      const { path: url, body } = realRequest(route);
      if (routeKey(route) === 'POST /v1/appointments') attemptedAppointments.push((body as { id: string }).id);
      for (const [what, header] of BAD_HEADERS) {
        const response = await t.api.request(route.method, url, body, {
          auth: false,
          headers: header === undefined ? {} : { authorization: header },
        });
        expectError(response, 401, 'unauthorized', `${routeKey(route)} with ${what}`);
      }
    }
    expect(await dumpDatabase()).toBe(before);
    expect((await t.api.get(`/v1/appointments/${existing.appointmentId}`)).body).toEqual(viewBefore);
    for (const id of attemptedAppointments) {
      await expect(t.engine.client.workflow.getHandle(`appointment:${id}`).describe()).rejects.toBeInstanceOf(
        WorkflowNotFoundError,
      );
    }
  });

  test('a percent-encoded /v1 prefix does not get around the key', async () => {
    const before = await dumpDatabase();
    const failures: string[] = [];
    for (const route of ROUTES.filter((r) => !r.public)) {
      const { path: url, body } = realRequest(route);
      for (const prefix of ['/%76%31/', '/%761/', '/v%31/', '/%56%31/']) {
        const disguised = url.replace(/^\/v1\//, prefix);
        const response = await t.api.request(route.method, disguised, body, { auth: false });
        if (response.status !== 401 && response.status !== 404)
          failures.push(
            `${route.method} ${disguised} without a key → ${response.status} ${JSON.stringify(response.body).slice(0, 120)}`,
          );
      }
    }
    expect(failures).toEqual([]);
    expect(await dumpDatabase()).toBe(before);
  });

  test('the key itself lets every route through (so the 401s above are the gate, not the request)', async () => {
    for (const route of ROUTES.filter((r) => !r.public && r.method === 'GET')) {
      const response = await t.api.request(route.method, realRequest(route).path);
      expect({ route: routeKey(route), status: response.status }).toEqual({ route: routeKey(route), status: 200 });
    }
    // lower-case scheme and surrounding blanks are still the key (RFC 7235: the scheme is case-insensitive)
    expect(
      (
        await t.api.get(`/v1/users/${existing.hostId}`, {
          auth: false,
          headers: { authorization: `bearer ${TEST_API_KEY}` },
        })
      ).status,
    ).toBe(200);
  });

  test('the OAuth callback and the Zoom webhook need no key', async () => {
    const callback = await t.api.get('/v1/integrations/zoom/callback?code=x&state=unknown', { auth: false });
    expectError(callback, 400, 'invalid_state', 'callback without a key');
    const raw = JSON.stringify({ event: 'endpoint.url_validation', payload: { plainToken: 'plain' } });
    const webhook = await t.api.post('/v1/webhooks/zoom', undefined, { auth: false, rawBody: raw, headers: sign(raw) });
    expect(webhook.status).toBe(200);
    // …and a wrong key does not stop them either: Zoom sends none
    expect(
      (await t.api.post('/v1/webhooks/zoom', undefined, { auth: 'wrong', rawBody: raw, headers: sign(raw) })).status,
    ).toBe(200);
  });

  test('the OAuth state names the user who asked: a user ID slipped into the callback changes nothing', async () => {
    const victim = await createBookingSetup(t.api);
    const attacker = await createBookingSetup(t.api);
    const zoomUserId = uniqueId('zu-bound');
    zoom.addAccount({ id: zoomUserId, email: 'bound@zoom.example' });
    const authorize = await t.api.post(`/v1/users/${victim.hostId}/integrations/zoom/authorize`);
    const url = new URL(authorize.body.authorizeUrl);
    const state = url.searchParams.get('state') as string;
    seen.states.push(state);
    const code = zoom.issueAuthorizationCode(zoomUserId, url.searchParams.get('redirect_uri') as string);
    seen.codes.push(code);
    const query = new URLSearchParams({ code, state, userId: attacker.hostId, user_id: attacker.hostId });
    const callback = await t.api.get(`/v1/integrations/zoom/callback?${query}`, { auth: false });
    expect(callback.status).toBe(200);
    expect(callback.body).toMatchObject({ userId: victim.hostId, zoomUserId });
    expect((await t.api.get(`/v1/users/${attacker.hostId}/integrations/zoom`)).body).toEqual({ connected: false });
    // and it is spent: the same state cannot connect anyone again
    const again = await t.api.get(`/v1/integrations/zoom/callback?${query}`, { auth: false });
    expectError(again, 400, 'invalid_state', 'replayed callback');
  });

  describe('bodies over the size limit', () => {
    const LIMIT = 256 * 1024;
    const bodyTaking = ROUTES.filter((route) => route.body);

    test.each([
      ['just over the limit', LIMIT + 1],
      ['a megabyte', 1024 * 1024],
    ])('are refused with 413 on every route that takes a body: %s', async (_what, size) => {
      const before = await dumpDatabase();
      for (const route of bodyTaking) {
        const { path: url } = realRequest(route);
        const prefix = '{"padding":"';
        const raw = `${prefix}${'x'.repeat(size - prefix.length - 2)}"}`;
        expect(Buffer.byteLength(raw)).toBe(size);
        const headers: Record<string, string> = route.path === '/v1/webhooks/zoom' ? sign(raw) : {};
        const response = await t.api.request(route.method, url, undefined, { rawBody: raw, headers });
        expectError(response, 413, 'payload_too_large', `${routeKey(route)} with ${size} bytes`);
      }
      expect(await dumpDatabase()).toBe(before);
    });

    test('a body streamed without a Content-Length is cut off at the limit too', async () => {
      const before = await dumpDatabase();
      for (const route of bodyTaking) {
        const { path: url } = realRequest(route);
        const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
          const target = new URL(`${t.api.baseUrl}${url}`);
          const req = httpRequest(
            {
              host: target.hostname,
              port: target.port,
              path: target.pathname,
              method: route.method,
              headers: {
                authorization: `Bearer ${TEST_API_KEY}`,
                'content-type': 'application/json',
                'transfer-encoding': 'chunked',
              },
            },
            (res) => {
              let text = '';
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => (text += chunk));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
            },
          );
          // the server may close the connection once it has answered; only a missing answer is a failure
          req.on('error', (error) => setImmediate(() => reject(error)));
          req.write('{"padding":"');
          const chunk = 'x'.repeat(64 * 1024);
          for (let i = 0; i < 16; i++) req.write(chunk);
          req.end('"}');
        });
        expect({ route: routeKey(route), status: answer.status }).toEqual({ route: routeKey(route), status: 413 });
        expect(JSON.parse(answer.body)).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
      }
      expect(await dumpDatabase()).toBe(before);
    });

    test('the limit leaves room for the largest template an automation may hold', async () => {
      const html = `<p>{{contact.first_name}}</p>${'x'.repeat(199_000)}`;
      const response = await t.api.post('/v1/automations', {
        name: 'Long newsletter',
        status: 'draft',
        trigger: { type: 'appointment_status', filters: { statuses: ['confirmed'] } },
        actions: [{ id: 'mail', type: 'send_email', to: 'contact', subject: 'News', html }],
      });
      expect(response.status).toBe(201);
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('tokens and secrets after a full Zoom life', () => {
  const scenario = {
    hostId: '',
    zoomUserId: '',
    appointments: [] as string[],
    slots: [] as string[],
    joinUrl: '',
    refusedCode: '',
    callbackBodies: [] as string[],
  };

  beforeAll(async () => {
    const setup = await createBookingSetup(t.api, { slotCapacity: 2 });
    scenario.hostId = setup.hostId;
    scenario.zoomUserId = uniqueId('zu-life');
    zoom.addAccount({ id: scenario.zoomUserId, email: `${setup.hostId}@zoom.example` });
    const view = async (id: string) => (await t.api.get(`/v1/appointments/${id}`)).body;
    const timelineHas = (id: string, type: string) =>
      eventually(`${type} on ${id}`, async () =>
        (await view(id)).timeline.some((entry: { type: string }) => entry.type === type) ? true : undefined,
      );
    const bookAndRecord = async (startTime: string) => {
      const id = await book(t.api, setup, startTime, { title: 'Intro call' });
      scenario.appointments.push(id);
      scenario.slots.push(meetingSlotWorkflowId(setup.hostId, startTime));
      return id;
    };

    // connect through OAuth; a replayed callback is refused
    const connected = await connectZoomRecording(setup.hostId, scenario.zoomUserId);
    expect(connected.callback.status).toBe(200);
    scenario.callbackBodies.push(JSON.stringify(connected.callback.body));
    expect((await t.api.get(connected.callbackPath, { auth: false })).status).toBe(400);
    // a code Zoom refuses (sent to Zoom, refused, reported)
    const authorize = await t.api.post(`/v1/users/${setup.hostId}/integrations/zoom/authorize`);
    const state = new URL(authorize.body.authorizeUrl).searchParams.get('state') as string;
    seen.states.push(state);
    scenario.refusedCode = randomBytes(24).toString('base64url');
    const refused = await t.api.get(
      `/v1/integrations/zoom/callback?code=${scenario.refusedCode}&state=${encodeURIComponent(state)}`,
      { auth: false },
    );
    expectError(refused, 400, 'invalid_code', 'a refused code');

    // a meeting created, then updated
    const t1 = hoursFromNow(40);
    const a = await bookAndRecord(t1);
    scenario.joinUrl = await eventually(
      'the first link',
      async () => (await view(a)).zoomMeeting?.joinUrl as string | undefined,
    );
    expect((await t.api.patch(`/v1/appointments/${a}`, { title: 'Contract review' })).status).toBe(200);
    await eventually('the topic update', async () =>
      zoom.meetings(scenario.zoomUserId).some((m) => m.topic === 'Contract review') ? true : undefined,
    );

    // the access token dies: the next call refreshes it (rotating the refresh token); the move makes a new meeting
    const refreshesBefore = zoom.tokenRequests.refresh_token;
    zoom.expireAccessTokens(scenario.zoomUserId);
    const t2 = hoursFromNow(44);
    expect((await t.api.patch(`/v1/appointments/${a}`, { startTime: t2, endTime: plusMinutes(t2, 30) })).status).toBe(
      200,
    );
    scenario.slots.push(meetingSlotWorkflowId(setup.hostId, t2));
    await eventually('only the moved meeting left', async () => {
      const meetings = zoom.meetings(scenario.zoomUserId);
      return meetings.length === 1 && meetings[0]!.startTime === t2.replace('.000Z', 'Z') ? true : undefined;
    });
    expect(zoom.tokenRequests.refresh_token).toBeGreaterThan(refreshesBefore);

    // a booking deleted: its meeting is deleted
    const b = await bookAndRecord(hoursFromNow(48));
    await eventually('the second link', async () => (await view(b)).zoomMeeting?.joinUrl as string | undefined);
    expect((await t.api.delete(`/v1/appointments/${b}`)).status).toBe(204);
    await timelineHas(b, 'zoom.meeting_deleted');

    // the user removes the app in Zoom: the refresh fails, the connection breaks, the host is told
    zoom.revokeTokens(scenario.zoomUserId);
    const c = await bookAndRecord(hoursFromNow(52));
    await timelineHas(c, 'zoom.not_connected');

    // connecting again repairs it
    const reconnected = await connectZoomRecording(setup.hostId, scenario.zoomUserId);
    expect(reconnected.callback.status).toBe(200);
    scenario.callbackBodies.push(JSON.stringify(reconnected.callback.body));
    scenario.callbackBodies.push(JSON.stringify((await t.api.get(`/v1/users/${setup.hostId}/integrations/zoom`)).body));
  });

  /** Every secret the scenario handled, by name. Random ones also by their first 16 characters, to catch a truncated token. */
  async function secrets(): Promise<{ name: string; value: string }[]> {
    const issued = zoom.issuedSecrets();
    const cipher = new TokenCipher(t.engine.config.encryptionKey);
    const rows = await t.engine.db.query<{ access_token_encrypted: string; refresh_token_encrypted: string }>(
      'SELECT * FROM zoom_connections',
    );
    const stored = rows.flatMap((row) => [
      cipher.decrypt(row.access_token_encrypted),
      cipher.decrypt(row.refresh_token_encrypted),
    ]);
    // the search list holds what the database holds encrypted
    for (const token of stored) expect([...issued.accessTokens, ...issued.refreshTokens]).toContain(token);
    const random = [
      ...issued.accessTokens.map((value) => ({ name: 'access token', value })),
      ...issued.refreshTokens.map((value) => ({ name: 'refresh token', value })),
      ...issued.authorizationCodes.map((value) => ({ name: 'authorization code', value })),
      ...seen.codes.map((value) => ({ name: 'authorization code', value })),
      { name: 'refused authorization code', value: scenario.refusedCode },
      ...seen.states.map((value) => ({ name: 'OAuth state', value })),
      { name: 'Zoom client secret', value: zoom.clientSecret },
      { name: 'webhook secret token', value: WEBHOOK_SECRET },
      { name: 'encryption key (base64)', value: t.engine.config.encryptionKey.toString('base64') },
      { name: 'encryption key (hex)', value: t.engine.config.encryptionKey.toString('hex') },
      { name: 'link signing key (base64)', value: t.engine.config.linkSigningKey.toString('base64') },
      { name: 'link signing key (hex)', value: t.engine.config.linkSigningKey.toString('hex') },
    ];
    expect(issued.accessTokens.length).toBeGreaterThanOrEqual(3); // connect, refresh, reconnect
    return [
      ...random,
      ...random
        .filter((secret) => secret.value.length >= 24)
        .map((secret) => ({ name: `${secret.name} (prefix)`, value: secret.value.slice(0, 16) })),
      { name: 'API key', value: TEST_API_KEY },
    ];
  }

  function leaks(text: string, list: { name: string; value: string }[]): string[] {
    return list
      .filter((secret) => text.includes(secret.value))
      .map((secret) => `${secret.name} ${secret.value.slice(0, 6)}…`);
  }

  test('no log line holds a token, a code, a state or a secret', async () => {
    const list = await secrets();
    // the capture works: it holds the scenario's own log lines, from the engine and from the SDK
    expect(engineLog.some((line) => line.includes('zoom connected') && line.includes(scenario.zoomUserId))).toBe(true);
    expect(engineLog.some((line) => line.includes('"http request"'))).toBe(true);
    expect(sdkLog.length).toBeGreaterThan(0);
    // …including what activities return (decoded): a token passed to or from an activity would show
    expect(sdkLog.some((line) => line.includes(scenario.joinUrl))).toBe(true);
    const found: string[] = [];
    for (const [source, lines] of [
      ['engine log', engineLog],
      ['Temporal SDK log', sdkLog],
      ['stdout/stderr', printed],
    ] as const) {
      for (const line of lines)
        for (const leak of leaks(line, list)) found.push(`${source}: ${leak} in ${line.slice(0, 200)}`);
    }
    expect(found).toEqual([]);
  });

  test('no workflow history holds a token, a code, a state or a secret (payloads decoded)', async () => {
    const list = await secrets();
    const query = `TaskQueue = "${t.engine.config.temporal.taskQueue}"`;
    const wanted = [...scenario.appointments.map((id) => `appointment:${id}`), ...scenario.slots.slice(0, 3)];
    const executions = await eventually('the scenario workflows to be listed', async () => {
      const listed: { workflowId: string; runId: string }[] = [];
      for await (const execution of t.engine.client.workflow.list({ query }))
        listed.push({ workflowId: execution.workflowId, runId: execution.runId });
      return wanted.every((id) => listed.some((execution) => execution.workflowId === id)) ? listed : undefined;
    });
    let decodedAll = '';
    const found: string[] = [];
    for (const { workflowId, runId } of executions) {
      const history = await t.engine.client.workflow.getHandle(workflowId, runId).fetchHistory();
      const json = historyToJSON(history);
      const decoded = decodePayloads(JSON.parse(json));
      decodedAll += decoded;
      for (const leak of leaks(`${json}\n${decoded}`, list)) found.push(`${workflowId}: ${leak}`);
    }
    // the decoding works: the meeting's join URL is in the payloads, base64 in the raw history
    expect(decodedAll).toContain(scenario.joinUrl);
    expect(found).toEqual([]);
  });

  test('the database holds no token, code, state or secret in clear', async () => {
    const list = await secrets();
    const dump = await dumpDatabase();
    expect(dump).toContain(scenario.zoomUserId);
    expect(dump).toContain('access_token_encrypted');
    expect(leaks(dump, list)).toEqual([]);
  });

  test('no API answer of the connect flow shows a token', async () => {
    const list = await secrets();
    expect(leaks(scenario.callbackBodies.join('\n'), list)).toEqual([]);
    expect(scenario.callbackBodies.join('\n')).not.toMatch(/token/i);
  });
});

/** The text of every payload in a history (`data` and `metadata` values are base64), newline-separated. */
