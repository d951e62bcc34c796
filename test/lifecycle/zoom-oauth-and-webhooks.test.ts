/**
 * The OAuth connect flow's guards (single-use, expiring state bound to a user) and Zoom's signed
 * webhooks: URL validation, deauthorization, attendance (showed / no-show).
 */
import { createHmac } from 'node:crypto';
import { startZoomFake, type ZoomFake } from '../fakes/zoom-fake';
import { eventually, startTestEngine, uniqueId, zoomEnv, type TestEngine } from '../harness/engine';
import { createBookingSetup, hoursFromNow, plusMinutes } from '../harness/reference-data';
import { hostWithZoom as connectedHost } from '../harness/zoom-connect';
import { OAuthStatesRepository, OAUTH_STATE_TTL_MS } from '../../src/store/oauth-states-repository';

const SECRET = 'webhook-secret-token-for-tests';
let zoom: ZoomFake;
let t: TestEngine;
beforeAll(async () => {
  zoom = await startZoomFake();
  t = await startTestEngine({ ...zoomEnv(zoom), ZOOM_WEBHOOK_SECRET_TOKEN: SECRET });
});
afterAll(async () => {
  await t?.stop();
  await zoom?.close();
});

function signed(body: object, options: { secret?: string; timestamp?: number } = {}) {
  const raw = JSON.stringify(body);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', options.secret ?? SECRET)
    .update(`v0:${timestamp}:${raw}`)
    .digest('hex')}`;
  return t.api.post('/v1/webhooks/zoom', undefined, {
    auth: false,
    rawBody: raw,
    headers: { 'x-zm-signature': signature, 'x-zm-request-timestamp': timestamp },
  });
}

const hostWithZoom = () => connectedHost(t.api, zoom, { slotCapacity: 2 });

describe('OAuth state', () => {
  test('a state is single-use: replaying the callback gets 400 invalid_state', async () => {
    const setup = await createBookingSetup(t.api);
    const zoomUserId = uniqueId('zu');
    zoom.addAccount({ id: zoomUserId, email: 'x@zoom.example' });
    const authorize = await t.api.post(`/v1/users/${setup.hostId}/integrations/zoom/authorize`);
    const url = new URL(authorize.body.authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${zoom.oauthBaseUrl}/oauth/authorize`);
    expect(url.searchParams.get('redirect_uri')).toBe(`${t.api.baseUrl}/v1/integrations/zoom/callback`);
    const state = url.searchParams.get('state') as string;
    const code = zoom.issueAuthorizationCode(zoomUserId, url.searchParams.get('redirect_uri') as string);
    const first = await t.api.get(`/v1/integrations/zoom/callback?code=${code}&state=${encodeURIComponent(state)}`, {
      auth: false,
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ connected: true, userId: setup.hostId, zoomUserId });
    const replay = await t.api.get(`/v1/integrations/zoom/callback?code=${code}&state=${encodeURIComponent(state)}`, {
      auth: false,
    });
    expect(replay.status).toBe(400);
    expect(replay.body.error.code).toBe('invalid_state');
  });

  test('an unknown or missing state gets 400 invalid_state and binds nothing', async () => {
    for (const query of ['?code=abc&state=forged', '?code=abc', '']) {
      const response = await t.api.get(`/v1/integrations/zoom/callback${query}`, { auth: false });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_state');
    }
  });

  test('a state expires after 10 minutes', async () => {
    const states = new OAuthStatesRepository(t.engine.db);
    const issuedAt = new Date('2026-01-01T10:00:00Z');
    const state = await states.issue('someone', 'api', issuedAt);
    expect(await states.consume(state, new Date(issuedAt.getTime() + OAUTH_STATE_TTL_MS + 1))).toBeUndefined();
    const fresh = await states.issue('someone', 'api', issuedAt);
    expect(await states.consume(fresh, new Date(issuedAt.getTime() + OAUTH_STATE_TTL_MS - 1000))).toEqual({
      userId: 'someone',
      returnTo: 'api',
    });
  });

  test('the user denying access in Zoom gets 400 authorization_denied', async () => {
    const setup = await createBookingSetup(t.api);
    const authorize = await t.api.post(`/v1/users/${setup.hostId}/integrations/zoom/authorize`);
    zoom.denyAuthorization();
    const consent = await fetch(authorize.body.authorizeUrl, { redirect: 'manual' });
    const callback = new URL(consent.headers.get('location') as string);
    const response = await t.api.get(`${callback.pathname}${callback.search}`, { auth: false });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('authorization_denied');
    expect((await t.api.get(`/v1/users/${setup.hostId}/integrations/zoom`)).body).toEqual({ connected: false });
  });

  test('authorizing an unknown user gets 404', async () => {
    expect((await t.api.post(`/v1/users/${uniqueId('ghost')}/integrations/zoom/authorize`)).status).toBe(404);
  });
});

describe('webhooks', () => {
  test('endpoint.url_validation answers with the HMAC of the plain token', async () => {
    const response = await signed({
      event: 'endpoint.url_validation',
      payload: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
      encryptedToken: createHmac('sha256', SECRET).update('qgg8vlvZRS6UYooatFL8Aw').digest('hex'),
    });
  });

  test.each([
    ['a wrong secret', { secret: 'not-the-secret' }],
    ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 3600 }],
  ])('a notification with %s gets 401', async (_name, options) => {
    const response = await signed({ event: 'endpoint.url_validation', payload: { plainToken: 'x' } }, options);
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('invalid_signature');
  });

  test('an unsigned notification gets 401', async () => {
    const response = await t.api.post('/v1/webhooks/zoom', { event: 'app_deauthorized', payload: {} }, { auth: false });
    expect(response.status).toBe(401);
  });

  test('app_deauthorized disconnects the user', async () => {
    const setup = await hostWithZoom();
    const response = await signed({
      event: 'app_deauthorized',
      payload: { user_id: setup.zoomUserId, account_id: 'acct' },
    });
    expect(response.status).toBe(200);
    expect((await t.api.get(`/v1/users/${setup.hostId}/integrations/zoom`)).body).toEqual({ connected: false });
  });

  test('the contact joining marks the appointment showed; the meeting ending marks the others no-show', async () => {
    const setup = await hostWithZoom();
    const start = hoursFromNow(6);
    const otherContact = uniqueId('contact');
    await t.api.put(`/v1/contacts/${otherContact}`, { firstName: 'Otto', email: `${otherContact}@example.org` });
    const joined = uniqueId('appt');
    const absent = uniqueId('appt');
    await t.api.post('/v1/appointments', {
      id: joined,
      calendarId: setup.calendarId,
      contactId: setup.contactId,
      startTime: start,
      endTime: plusMinutes(start, 30),
    });
    await t.api.post('/v1/appointments', {
      id: absent,
      calendarId: setup.calendarId,
      contactId: otherContact,
      startTime: start,
      endTime: plusMinutes(start, 30),
    });
    const meetingId = await eventually('the shared meeting', async () => {
      const [a, b] = await Promise.all(
        [joined, absent].map(async (id) => (await t.api.get(`/v1/appointments/${id}`)).body.zoomMeeting?.id),
      );
      return a && a === b ? (a as string) : undefined;
    });
    const contactEmail = (await t.api.get(`/v1/contacts/${setup.contactId}`)).body.email as string;
    const participant = {
      event: 'meeting.participant_joined',
      payload: {
        object: { id: Number(meetingId), participant: { user_name: 'Carla', email: contactEmail.toUpperCase() } },
      },
    };
    expect((await signed(participant)).status).toBe(200);
    expect((await t.api.get(`/v1/appointments/${joined}`)).body.status).toBe('showed');
    expect((await t.api.get(`/v1/appointments/${absent}`)).body.status).toBe('confirmed');

    expect((await signed({ event: 'meeting.ended', payload: { object: { id: meetingId } } })).status).toBe(200);
    expect((await t.api.get(`/v1/appointments/${absent}`)).body.status).toBe('noshow');
    expect((await t.api.get(`/v1/appointments/${joined}`)).body.status).toBe('showed');
  });
});

test('without ZOOM_WEBHOOK_SECRET_TOKEN the webhook endpoint answers 404', async () => {
  const other = await startTestEngine();
  try {
    const response = await other.api.post(
      '/v1/webhooks/zoom',
      { event: 'endpoint.url_validation', payload: { plainToken: 'x' } },
      { auth: false },
    );
    expect(response.status).toBe(404);
  } finally {
    await other.stop();
  }
});
