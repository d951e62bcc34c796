/**
 * The console's session (API.md, "Console and session"), as a browser and an attacker see it:
 * signing in exchanges the API key for an httpOnly, SameSite=Strict cookie (Secure over https);
 * the cookie reads everything, but changes nothing without `x-requested-with: console`, which a
 * cross-site form cannot send; signing out or expiry ends the session; bearer keys work as before,
 * and an Authorization header decides alone. The console's pages, the API's answers and the
 * reference at /docs refuse to be framed, and the console runs only its own scripts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import { startZoomFake, type ZoomFake } from '../fakes/zoom-fake';
import type { ApiResponse } from '../harness/api-client';
import { automationDefinition, internalNotification, wait } from '../harness/automation-definitions';
import { publishAutomation } from '../harness/automation-publishing';
import { appointmentBody, book } from '../harness/bookings';
import { asBrowser, asConsole, SESSION_COOKIE, sessionCookieOf, setCookies, signIn } from '../harness/console-session';
import { dumpDatabase } from '../harness/database-dump';
import { eventually, startTestEngine, TEST_API_KEY, uniqueId, zoomEnv, type TestEngine } from '../harness/engine';
import { hoursFromNow } from '../harness/reference-data';
import { validCalendarBody } from '../harness/request-bodies';
import { hostWithZoom } from '../harness/zoom-connect';
import type { RouteDefinition } from '../../src/api/route-definition';
import { API_ROUTES } from '../../src/api/routes';
import { ConsoleSessionsRepository } from '../../src/store/console-sessions-repository';

const TWELVE_HOURS_MS = 12 * 60 * 60 * 1000;
const CONSOLE_INDEX = path.join(__dirname, '..', '..', 'web', 'dist', 'index.html');

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

function expectError(response: ApiResponse, status: number, code: string, what: string): void {
  const seen = { what, status: response.status, code: response.body?.error?.code };
  expect(seen).toEqual({ what, status, code });
  expect(response.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  expect(response.body.error.message).toEqual(expect.any(String));
}

/** What the console session's writes are tried on: a host with Zoom connected, a booking, a run's notification. */
interface Fixture {
  hostId: string;
  contactId: string;
  calendarId: string;
  zoomUserId: string;
  appointmentId: string;
  automationId: string;
  notificationId: string;
}

async function createFixture(): Promise<Fixture> {
  const setup = await hostWithZoom(t.api, zoom, { location: { type: 'static', value: 'Room 1' } });
  const automationId = await publishAutomation(t.api, setup, [internalNotification('tell-host')]);
  const appointmentId = await book(t.api, setup, hoursFromNow(72));
  const notificationId = await eventually('the host to be notified of the booking', async () => {
    const notifications = (await t.api.get(`/v1/users/${setup.hostId}/notifications`)).body as { id: string }[];
    return notifications[0]?.id;
  });
  // nothing may still be moving when a test compares the database before and after
  await eventually('the automation run to finish', async () => {
    const view = (await t.api.get(`/v1/appointments/${appointmentId}`)).body;
    const runs = view.automationRuns as { status: string }[];
    return runs.length > 0 && runs.every((run) => run.status !== 'running') ? true : undefined;
  });
  return {
    hostId: setup.hostId,
    contactId: setup.contactId,
    calendarId: setup.calendarId,
    zoomUserId: setup.zoomUserId,
    appointmentId,
    automationId,
    notificationId,
  };
}

const routeKey = (route: Pick<RouteDefinition, 'method' | 'url'>) => `${route.method} ${route.url}`;

/** Every route that needs the key and may change state: all of them but GETs. */
const WRITE_ROUTES = API_ROUTES.filter((route) => route.access === 'api_key' && route.method !== 'GET');

/**
 * A request of each write route that would change the fixture if it were let through. A write
 * route without an entry here fails the tests: new routes cannot slip past the CSRF checks.
 */
function writeRequest(route: RouteDefinition, f: Fixture): { path: string; body?: unknown; newAppointmentId?: string } {
  const params: Record<string, string> = {
    userId: f.hostId,
    contactId: f.contactId,
    calendarId: f.calendarId,
    appointmentId: f.appointmentId,
    automationId: f.automationId,
    notificationId: f.notificationId,
  };
  const filled = route.url.replace(/:(\w+)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for :${name} of ${routeKey(route)}`);
    return encodeURIComponent(params[name] as string);
  });
  const newAppointmentId = uniqueId('appt-csrf');
  const requests: Record<string, { body?: unknown; newAppointmentId?: string }> = {
    'PUT /v1/users/:userId': { body: { name: 'Mallory', email: 'mallory@example.com', timezone: 'UTC' } },
    'PUT /v1/contacts/:contactId': { body: { firstName: 'Mallory' } },
    'PUT /v1/calendars/:calendarId': { body: { ...validCalendarBody([f.hostId]), name: 'Taken over' } },
    'POST /v1/users/:userId/integrations/zoom/authorize': { body: {} },
    'DELETE /v1/users/:userId/integrations/zoom': {},
    'POST /v1/appointments': {
      body: appointmentBody(f, hoursFromNow(96), { id: newAppointmentId }),
      newAppointmentId,
    },
    'PATCH /v1/appointments/:appointmentId': { body: { title: 'Taken over' } },
    'DELETE /v1/appointments/:appointmentId': {},
    // drafts: an automation let through must not fire on the other tests' bookings
    'POST /v1/automations': { body: automationDefinition([wait('w1')], { name: 'Mallory', status: 'draft' }) },
    'PUT /v1/automations/:automationId': {
      body: automationDefinition([wait('w1')], { name: 'Mallory', status: 'draft' }),
    },
    'PATCH /v1/users/:userId/notifications/:notificationId': { body: { read: true } },
    'POST /v1/templates/preview': { body: { channel: 'sms', body: 'Hi {{contact.first_name}}' } },
  };
  const request = requests[routeKey(route)];
  if (!request) throw new Error(`no request for the write route ${routeKey(route)}: add one to writeRequest()`);
  return { path: filled, ...request };
}

async function expectNoAppointmentWorkflow(appointmentId: string): Promise<void> {
  await expect(t.engine.client.workflow.getHandle(`appointment:${appointmentId}`).describe()).rejects.toBeInstanceOf(
    WorkflowNotFoundError,
  );
}

describe('signing in', () => {
  test('the API key gets 204 and an httpOnly, SameSite=Strict cookie for the whole site that expires in 12 hours, not Secure over http', async () => {
    const before = Date.now();
    const response = await t.api.post('/v1/session', { apiKey: TEST_API_KEY }, { auth: false });
    const after = Date.now();
    expect(response.status).toBe(204);
    expect(response.body).toBe('');
    const cookies = setCookies(response);
    expect(cookies.map((cookie) => cookie.name)).toEqual([SESSION_COOKIE]);
    const cookie = cookies[0]!;
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{32,128}$/);
    expect(cookie.attributes).toMatchObject({ httponly: true, samesite: 'Strict', path: '/' });
    expect(cookie.attributes).not.toHaveProperty('secure');
    // a host-only cookie: no Domain that would hand it to sibling hosts
    expect(cookie.attributes).not.toHaveProperty('domain');
    const expires = Date.parse(String(cookie.attributes.expires));
    // Expires has whole seconds
    expect(expires).toBeGreaterThanOrEqual(before + TWELVE_HOURS_MS - 1000);
    expect(expires).toBeLessThanOrEqual(after + TWELVE_HOURS_MS);
  });

  test('the cookie holds a session token, never the key, and each sign-in opens its own session', async () => {
    const first = await signIn(t.api);
    const second = await signIn(t.api);
    expect(first).not.toBe(second);
    for (const cookie of [first, second]) {
      expect(cookie).not.toContain(TEST_API_KEY);
      expect(cookie).not.toContain(Buffer.from(TEST_API_KEY).toString('base64'));
    }
    // only a hash of the token is stored
    const stored = JSON.stringify(await t.engine.db.query('SELECT * FROM console_sessions'));
    expect(stored).not.toContain(first.split('=')[1]);
  });

  test.each([
    ['a wrong key', 'not-the-key'],
    ['the key with a character added', `${TEST_API_KEY}x`],
    ['the key with a character missing', TEST_API_KEY.slice(0, -1)],
    ['the key in upper case', TEST_API_KEY.toUpperCase()],
  ])('%s gets 401 invalid_api_key and no cookie', async (what, apiKey) => {
    const response = await t.api.post('/v1/session', { apiKey }, { auth: false });
    expectError(response, 401, 'invalid_api_key', what);
    expect(setCookies(response)).toEqual([]);
  });

  test.each([
    ['no apiKey', {}],
    ['an empty apiKey', { apiKey: '' }],
    ['an apiKey over 512 characters', { apiKey: 'k'.repeat(513) }],
    ['an apiKey that is not a string', { apiKey: 42 }],
  ])('a body with %s gets 400 naming apiKey, and no cookie', async (what, body) => {
    const response = await t.api.post('/v1/session', body, { auth: false });
    expectError(response, 400, 'invalid_request', what);
    expect(response.body.error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'apiKey' })]));
    expect(setCookies(response)).toEqual([]);
  });

  test('no body at all gets 400, and no cookie', async () => {
    const response = await t.api.post('/v1/session', undefined, { auth: false });
    expectError(response, 400, 'invalid_request', 'no body');
    expect(setCookies(response)).toEqual([]);
  });

  test('the key as a bearer token does not sign in: the body must carry it', async () => {
    const response = await t.api.post('/v1/session', {}, { auth: TEST_API_KEY });
    expect(response.status).toBe(400);
    expect(setCookies(response)).toEqual([]);
  });

  describe('over https', () => {
    let https: TestEngine;
    beforeAll(async () => {
      https = await startTestEngine({ PUBLIC_BASE_URL: 'https://console.example.com' });
    });
    afterAll(async () => {
      await https?.stop();
    });

    test('with PUBLIC_BASE_URL on https the cookie is also Secure', async () => {
      const response = await https.api.post('/v1/session', { apiKey: TEST_API_KEY }, { auth: false });
      expect(response.status).toBe(204);
      expect(sessionCookieOf(response)?.attributes).toMatchObject({
        secure: true,
        httponly: true,
        samesite: 'Strict',
        path: '/',
      });
    });
  });
});

describe('with the session cookie', () => {
  let f: Fixture;
  let cookie: string;
  beforeAll(async () => {
    f = await createFixture();
    cookie = await signIn(t.api);
  });

  test('GET /v1/session says signed in, with the namespace and the Temporal Web UI', async () => {
    const response = await t.api.get('/v1/session', asBrowser(cookie));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      signedIn: true,
      namespace: t.engine.config.temporal.namespace,
      temporalUiUrl: t.engine.config.temporal.uiUrl ?? null,
    });
  });

  test('without a cookie or a key GET /v1/session is 401', async () => {
    expectError(await t.api.get('/v1/session', { auth: false }), 401, 'unauthorized', 'no cookie, no key');
  });

  test('the API reads work with the cookie alone, without the CSRF header', async () => {
    for (const url of [
      `/v1/users/${f.hostId}`,
      '/v1/users',
      `/v1/calendars/${f.calendarId}`,
      `/v1/appointments/${f.appointmentId}`,
      `/v1/appointments/${f.appointmentId}/messages`,
      `/v1/users/${f.hostId}/integrations/zoom`,
      `/v1/users/${f.hostId}/notifications`,
      '/v1/automations',
      '/v1/recipes',
    ]) {
      const viaCookie = await t.api.get(url, asBrowser(cookie));
      expect({ url, status: viaCookie.status }).toEqual({ url, status: 200 });
      expect(viaCookie.body).toEqual((await t.api.get(url)).body);
    }
  });

  test('every write route is listed for the CSRF checks below', () => {
    expect(WRITE_ROUTES.length).toBeGreaterThanOrEqual(10);
    for (const route of WRITE_ROUTES) expect(() => writeRequest(route, f)).not.toThrow();
  });

  test.each([
    ['without x-requested-with', {}],
    ['with x-requested-with: XMLHttpRequest', { 'x-requested-with': 'XMLHttpRequest' }],
    ['with an empty x-requested-with', { 'x-requested-with': '' }],
    ['with x-requested-with: console-not', { 'x-requested-with': 'console-not' }],
  ])(
    'every write %s gets 403 csrf and changes nothing (database, appointment, workflows)',
    async (_what, headers: Record<string, string>) => {
      const before = await dumpDatabase(t.engine.db);
      const viewBefore = (await t.api.get(`/v1/appointments/${f.appointmentId}`)).body;
      for (const route of WRITE_ROUTES) {
        const request = writeRequest(route, f);
        const response = await t.api.request(route.method, request.path, request.body, asBrowser(cookie, headers));
        expectError(response, 403, 'csrf', `${routeKey(route)} ${JSON.stringify(headers)}`);
        if (request.newAppointmentId) await expectNoAppointmentWorkflow(request.newAppointmentId);
      }
      expect(await dumpDatabase(t.engine.db)).toBe(before);
      expect((await t.api.get(`/v1/appointments/${f.appointmentId}`)).body).toEqual(viewBefore);
      expect((await t.api.get(`/v1/users/${f.hostId}/integrations/zoom`)).body).toMatchObject({ connected: true });
    },
  );

  describe('a cross-site form (the cookie, no custom header, a form encoding, a foreign Origin)', () => {
    const crossSite = { origin: 'https://evil.example', referer: 'https://evil.example/form.html' };

    /** The request body as each encoding an HTML form can send carries it. */
    function formBodies(body: unknown): { contentType: string; raw: string }[] {
      const fields = Object.entries((body ?? {}) as Record<string, unknown>).map(
        ([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)] as [string, string],
      );
      const boundary = '----evilformboundary7MA4YWxkTrZu0gW';
      return [
        { contentType: 'application/x-www-form-urlencoded', raw: new URLSearchParams(fields).toString() },
        // the JSON-in-text/plain trick: <input name='{"id":"x","pad":"' value='"}'>
        { contentType: 'text/plain', raw: JSON.stringify(body ?? {}) },
        {
          contentType: `multipart/form-data; boundary=${boundary}`,
          raw:
            fields
              .map(
                ([name, value]) =>
                  `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
              )
              .join('') + `--${boundary}--\r\n`,
        },
      ];
    }

    test('a POST to any write route is refused (403 csrf or 415) and changes nothing', async () => {
      const before = await dumpDatabase(t.engine.db);
      const viewBefore = (await t.api.get(`/v1/appointments/${f.appointmentId}`)).body;
      const posts = WRITE_ROUTES.filter((route) => route.method === 'POST');
      expect(posts.map(routeKey)).toEqual(
        expect.arrayContaining(['POST /v1/appointments', 'POST /v1/automations', expect.stringMatching(/authorize$/)]),
      );
      for (const route of posts) {
        const request = writeRequest(route, f);
        for (const { contentType, raw } of formBodies(request.body)) {
          const what = `${routeKey(route)} as ${contentType.split(';')[0]}`;
          const response = await t.api.request('POST', request.path, undefined, {
            ...asBrowser(cookie, crossSite),
            rawBody: raw,
            contentType,
          });
          expect({ what, refused: [403, 415].includes(response.status) }).toEqual({ what, refused: true });
          expectError(response, response.status, response.status === 403 ? 'csrf' : 'unsupported_media_type', what);
        }
        if (request.newAppointmentId) await expectNoAppointmentWorkflow(request.newAppointmentId);
      }
      expect(await dumpDatabase(t.engine.db)).toBe(before);
      expect((await t.api.get(`/v1/appointments/${f.appointmentId}`)).body).toEqual(viewBefore);
    });

    test('a POST standing in for PUT, PATCH or DELETE (_method override) changes nothing', async () => {
      const before = await dumpDatabase(t.engine.db);
      for (const route of WRITE_ROUTES.filter((candidate) => candidate.method !== 'POST')) {
        const request = writeRequest(route, f);
        const raw = new URLSearchParams({ _method: route.method }).toString();
        const response = await t.api.request('POST', `${request.path}?_method=${route.method}`, undefined, {
          ...asBrowser(cookie, crossSite),
          rawBody: raw,
          contentType: 'application/x-www-form-urlencoded',
        });
        const what = `POST as ${routeKey(route)}`;
        expect({ what, clientError: response.status >= 400 && response.status < 500 }).toEqual({
          what,
          clientError: true,
        });
      }
      expect(await dumpDatabase(t.engine.db)).toBe(before);
    });

    test('signing in from a form is refused: the key must come as JSON', async () => {
      const response = await t.api.request('POST', '/v1/session', undefined, {
        auth: false,
        headers: crossSite,
        rawBody: new URLSearchParams({ apiKey: TEST_API_KEY }).toString(),
        contentType: 'application/x-www-form-urlencoded',
      });
      expectError(response, 415, 'unsupported_media_type', 'form sign-in');
      expect(setCookies(response)).toEqual([]);
      const textPlain = await t.api.request('POST', '/v1/session', undefined, {
        auth: false,
        headers: crossSite,
        rawBody: JSON.stringify({ apiKey: TEST_API_KEY }),
        contentType: 'text/plain',
      });
      expectError(textPlain, 415, 'unsupported_media_type', 'text/plain sign-in');
      expect(setCookies(textPlain)).toEqual([]);
    });
  });

  test('a wrong bearer key with a valid cookie is 401: the Authorization header decides alone', async () => {
    const headers = { authorization: 'Bearer not-the-key', cookie, 'x-requested-with': 'console' };
    expectError(
      await t.api.get(`/v1/users/${f.hostId}`, { auth: false, headers }),
      401,
      'unauthorized',
      'read with a wrong key and a cookie',
    );
    const newId = uniqueId('user-wrongkey');
    const write = await t.api.put(
      `/v1/users/${newId}`,
      { name: 'M', email: 'm@example.com', timezone: 'UTC' },
      {
        auth: false,
        headers,
      },
    );
    expectError(write, 401, 'unauthorized', 'write with a wrong key and a cookie');
    expect((await t.api.get(`/v1/users/${newId}`)).status).toBe(404);
    // an empty or schemeless Authorization header is not a key either, even beside the cookie
    for (const authorization of ['', 'Bearer ', TEST_API_KEY]) {
      const response = await t.api.get('/v1/session', { auth: false, headers: { authorization, cookie } });
      expect({ authorization, status: response.status }).toEqual({ authorization, status: 401 });
    }
  });

  test('the bearer key works with and without a cookie, and its writes need no CSRF header', async () => {
    for (const withCookie of [undefined, cookie, `${SESSION_COOKIE}=made-up`]) {
      const id = uniqueId('user-bearer');
      const headers: Record<string, string> = withCookie ? { cookie: withCookie } : {};
      const put = await t.api.put(
        `/v1/users/${id}`,
        { name: 'Bea', email: 'bea@example.com', timezone: 'UTC' },
        {
          headers,
        },
      );
      expect({ withCookie, status: put.status }).toEqual({ withCookie, status: 201 });
      expect((await t.api.get(`/v1/users/${id}`, { headers })).body).toMatchObject({ id, name: 'Bea' });
    }
  });

  test.each([
    ['a made-up token', `${SESSION_COOKIE}=${'A'.repeat(43)}`],
    ['an empty token', `${SESSION_COOKIE}=`],
    ['a token over 128 characters', `${SESSION_COOKIE}=${'B'.repeat(200)}`],
    ['another cookie name', 'session=whatever'],
  ])('%s is 401 on reads and writes', async (what, madeUp) => {
    expectError(await t.api.get('/v1/session', asBrowser(madeUp)), 401, 'unauthorized', `${what} read`);
    const id = uniqueId('user-madeup');
    const write = await t.api.put(
      `/v1/users/${id}`,
      { name: 'M', email: 'm@example.com', timezone: 'UTC' },
      asConsole(madeUp),
    );
    expectError(write, 401, 'unauthorized', `${what} write`);
    expect((await t.api.get(`/v1/users/${id}`)).status).toBe(404);
  });

  test('with x-requested-with: console every write route goes through, and the changes read back with the key', async () => {
    const fresh = await createFixture();
    const consoleCookie = await signIn(t.api);
    let newAppointmentId: string | undefined;
    for (const route of WRITE_ROUTES) {
      const request = writeRequest(route, fresh);
      newAppointmentId ??= request.newAppointmentId;
      const response = await t.api.request(route.method, request.path, request.body, asConsole(consoleCookie));
      const what = routeKey(route);
      expect({ what, ok: response.status >= 200 && response.status < 300 }).toEqual({ what, ok: true });
    }
    expect((await t.api.get(`/v1/users/${fresh.hostId}`)).body).toMatchObject({ name: 'Mallory' });
    expect((await t.api.get(`/v1/contacts/${fresh.contactId}`)).body).toMatchObject({ firstName: 'Mallory' });
    expect((await t.api.get(`/v1/calendars/${fresh.calendarId}`)).body).toMatchObject({ name: 'Taken over' });
    expect((await t.api.get(`/v1/appointments/${newAppointmentId}`)).status).toBe(200);
    expect((await t.api.get(`/v1/appointments/${fresh.appointmentId}`)).body).toMatchObject({
      title: 'Taken over',
      deleted: true,
    });
    expect((await t.api.get(`/v1/users/${fresh.hostId}/integrations/zoom`)).body).toEqual({ connected: false });
    expect((await t.api.get(`/v1/automations/${fresh.automationId}`)).body).toMatchObject({
      name: 'Mallory',
      version: 2,
    });
    const automations = (await t.api.get('/v1/automations')).body as { name: string }[];
    expect(automations.filter((automation) => automation.name === 'Mallory').length).toBeGreaterThanOrEqual(2);
    const notifications = (await t.api.get(`/v1/users/${fresh.hostId}/notifications`)).body as {
      id: string;
      read: boolean;
    }[];
    expect(notifications.find((notification) => notification.id === fresh.notificationId)?.read).toBe(true);
  });
});

describe('signing out and expiry', () => {
  test('signing out answers 204, clears the cookie, and the old cookie no longer works', async () => {
    const cookie = await signIn(t.api);
    expect((await t.api.get('/v1/session', asBrowser(cookie))).status).toBe(200);
    const response = await t.api.delete('/v1/session', asBrowser(cookie));
    expect(response.status).toBe(204);
    const cleared = sessionCookieOf(response);
    expect(cleared?.value).toBe('');
    expect(cleared?.attributes.path).toBe('/');
    const maxAge = cleared?.attributes['max-age'];
    const expires = cleared?.attributes.expires;
    expect(maxAge === '0' || (typeof expires === 'string' && Date.parse(expires) <= Date.now())).toBe(true);
    expectError(await t.api.get('/v1/session', asBrowser(cookie)), 401, 'unauthorized', 'signed-out cookie');
    const id = uniqueId('user-signedout');
    const write = await t.api.put(
      `/v1/users/${id}`,
      { name: 'M', email: 'm@example.com', timezone: 'UTC' },
      asConsole(cookie),
    );
    expectError(write, 401, 'unauthorized', 'signed-out cookie write');
  });

  test('signing out ends only that session', async () => {
    const leaving = await signIn(t.api);
    const staying = await signIn(t.api);
    expect((await t.api.delete('/v1/session', asBrowser(leaving))).status).toBe(204);
    expect((await t.api.get('/v1/session', asBrowser(leaving))).status).toBe(401);
    expect((await t.api.get('/v1/session', asBrowser(staying))).status).toBe(200);
  });

  test('signing out without a session answers 204', async () => {
    expect((await t.api.delete('/v1/session', { auth: false })).status).toBe(204);
    expect((await t.api.delete('/v1/session', asBrowser(`${SESSION_COOKIE}=made-up`))).status).toBe(204);
  });

  test('a session past its 12 hours is 401', async () => {
    const sessions = new ConsoleSessionsRepository(t.engine.db);
    const expired = await sessions.open(new Date(Date.now() - TWELVE_HOURS_MS - 60_000));
    expect(expired.expiresAt.getTime()).toBeLessThan(Date.now());
    const cookie = `${SESSION_COOKIE}=${expired.token}`;
    expectError(await t.api.get('/v1/session', asBrowser(cookie)), 401, 'unauthorized', 'expired session');
    expectError(await t.api.get('/v1/users', asBrowser(cookie)), 401, 'unauthorized', 'expired session read');
    // …while one opened a minute before its end still works
    const ending = await sessions.open(new Date(Date.now() - TWELVE_HOURS_MS + 60_000));
    expect((await t.api.get('/v1/session', asBrowser(`${SESSION_COOKIE}=${ending.token}`))).status).toBe(200);
  });
});

describe('security headers', () => {
  function cspDirectives(response: ApiResponse): Map<string, string[]> {
    const header = response.headers.get('content-security-policy');
    if (!header) throw new Error(`no content-security-policy (status ${response.status})`);
    return new Map(
      header
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...values]) => [name!.toLowerCase(), values]),
    );
  }

  function expectNotFramable(response: ApiResponse, what: string): void {
    expect({ what, xfo: response.headers.get('x-frame-options') }).toEqual({ what, xfo: 'DENY' });
    expect({ what, frameAncestors: cspDirectives(response).get('frame-ancestors') }).toEqual({
      what,
      frameAncestors: ["'none'"],
    });
  }

  function expectOwnScriptsOnly(response: ApiResponse, what: string): void {
    const directives = cspDirectives(response);
    const scripts = directives.get('script-src') ?? directives.get('default-src');
    expect({ what, scripts }).toEqual({ what, scripts: ["'self'"] });
  }

  describe('the console', () => {
    let index: string;
    beforeAll(() => {
      if (!existsSync(CONSOLE_INDEX))
        throw new Error(`${CONSOLE_INDEX} is missing: build the console (npm install builds it) before these tests`);
      index = readFileSync(CONSOLE_INDEX, 'utf8');
    });

    test.each(['/', '/appointments/x', '/integrations?zoom=connected&userId=u1', '/automations/a1/edit'])(
      'GET %s from a browser answers the console’s page, which may not be framed and runs only its own scripts',
      async (url) => {
        const response = await t.api.get(url, { auth: false, headers: { accept: 'text/html,application/xhtml+xml' } });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^text\/html/);
        expect(response.body).toBe(index);
        expectNotFramable(response, url);
        expectOwnScriptsOnly(response, url);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      },
    );

    test('the console’s page has no inline script or style, and every file it loads is served from here', async () => {
      const scripts = [...index.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, content] of scripts) {
        expect({ attributes, src: /\bsrc\s*=/.test(attributes ?? '') }).toEqual({ attributes, src: true });
        expect(content?.trim()).toBe('');
      }
      expect(index).not.toMatch(/<style\b/i);
      expect(index).not.toMatch(/\son[a-z]+\s*=/i);
      const loaded = [...index.matchAll(/\b(?:src|href)\s*=\s*"([^"]+)"/gi)].map((match) => match[1] as string);
      expect(loaded.length).toBeGreaterThan(0);
      for (const url of loaded) {
        expect({ url, sameOrigin: url.startsWith('/') && !url.startsWith('//') }).toEqual({ url, sameOrigin: true });
        const file = await t.api.get(url, { auth: false });
        expect({ url, status: file.status }).toEqual({ url, status: 200 });
      }
    });
  });

  test('the API’s JSON answers may not be framed either, errors included', async () => {
    for (const [what, response] of [
      ['a read', await t.api.get('/v1/users')],
      ['a 401', await t.api.get('/v1/users', { auth: false })],
      ['a 404', await t.api.get('/v1/no-such-thing')],
      ['the OpenAPI document', await t.api.get('/v1/openapi.json', { auth: false })],
      ['the health check', await t.api.get('/healthz', { auth: false })],
    ] as const) {
      expect(response.headers.get('content-type') ?? '').toMatch(/^application\/json/);
      expectNotFramable(response, what);
    }
  });

  test('/docs answers the reference as HTML under its own policy, which still forbids framing', async () => {
    const response = await fetch(`${t.api.baseUrl}/docs`, { headers: { accept: 'text/html' } });
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page).toMatch(/swagger/i);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  test('an unknown /v1 path answers the JSON 404 even to a browser', async () => {
    for (const url of ['/v1/no-such-route', '/v1/users/u1/nothing-here', '/v1']) {
      const response = await t.api.get(url, { auth: false, headers: { accept: 'text/html' } });
      expect({ url, status: response.status }).toEqual({ url, status: 404 });
      expect(response.headers.get('content-type') ?? '').toMatch(/^application\/json/);
      expect(response.body.error.code).toBe('not_found');
    }
  });
});
