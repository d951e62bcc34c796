/**
 * Tokens and crashes: access tokens are refreshed (once, even under concurrency: refresh tokens
 * rotate), a dead refresh token breaks the connection and tells the host, tokens are encrypted at
 * rest, and a create whose answer was lost leaves exactly one meeting.
 */
import { startZoomFake, type ZoomFake } from '../fakes/zoom-fake';
import { book } from '../harness/bookings';
import { eventually, startTestEngine, zoomEnv, type TestEngine } from '../harness/engine';
import { hoursFromNow } from '../harness/reference-data';
import { connectZoom, hostWithZoom as connectedHost } from '../harness/zoom-connect';
import { TokenCipher } from '../../src/store/token-cipher';

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

const hostWithZoom = (slotCapacity = 1) => connectedHost(t.api, zoom, { slotCapacity });

const viewOf = async (id: string) => (await t.api.get(`/v1/appointments/${id}`)).body;

test('an expired access token is refreshed once, even when several bookings need it at the same time', async () => {
  const setup = await hostWithZoom();
  zoom.expireAccessTokens(setup.zoomUserId);
  const refreshesBefore = zoom.tokenRequests.refresh_token;
  const ids = await Promise.all([0, 1, 2, 3, 4].map((i) => book(t.api, setup, hoursFromNow(100 + i))));
  await eventually('five links', async () => {
    const views = await Promise.all(ids.map(viewOf));
    return views.every((v) => v.zoomMeeting) ? true : undefined;
  });
  expect(zoom.tokenRequests.refresh_token - refreshesBefore).toBe(1);
  expect(zoom.meetings(setup.zoomUserId)).toHaveLength(5);
});

test('a dead refresh token marks the connection broken: no link, the timeline says why, the host is notified', async () => {
  const setup = await hostWithZoom();
  zoom.revokeTokens(setup.zoomUserId);
  const id = await book(t.api, setup, hoursFromNow(120));
  const view = await eventually('zoom.not_connected', async () => {
    const current = await viewOf(id);
    return current.timeline.some((e: { type: string }) => e.type === 'zoom.not_connected') ? current : undefined;
  });
  expect(view.meetingLocation).toBeNull();
  expect((await t.api.get(`/v1/users/${setup.hostId}/integrations/zoom`)).body).toMatchObject({
    connected: false,
    broken: true,
  });
  const notices = await eventually('the host notice', async () => {
    const list = (await t.api.get(`/v1/users/${setup.hostId}/notifications`)).body as { body: string }[];
    return list.length > 0 ? list : undefined;
  });
  expect(notices[0]!.body).toMatch(/reconnect/i);
  // connecting again repairs it
  expect((await connectZoom(t.api, zoom, setup.hostId, setup.zoomUserId)).status).toBe(200);
  expect((await t.api.get(`/v1/users/${setup.hostId}/integrations/zoom`)).body).toMatchObject({ connected: true });
});

test('a create whose answer is lost (Zoom made the meeting, the worker never heard) leaves exactly one meeting', async () => {
  const setup = await hostWithZoom();
  const fault = zoom.faults.next(
    1,
    { kind: 'drop' },
    { match: { method: 'POST', pathPrefix: '/v2/users/me/meetings' } },
  );
  const id = await book(t.api, setup, hoursFromNow(130));
  const link = await eventually('the link', async () => (await viewOf(id)).zoomMeeting?.joinUrl as string | undefined);
  expect(fault.fired).toBe(1);
  const meetings = zoom.meetings(setup.zoomUserId);
  expect(meetings).toHaveLength(1);
  expect(meetings[0]!.joinUrl).toBe(link);
  zoom.faults.clear();
});

test('Zoom 5xx and per-second 429 answers are retried until the meeting exists, once', async () => {
  const setup = await hostWithZoom();
  zoom.faults.next(2, { kind: '5xx' }, { match: { method: 'POST', pathPrefix: '/v2/users/me/meetings' } });
  zoom.faults.next(
    1,
    { kind: '429', retryAfterSeconds: 1 },
    { match: { method: 'POST', pathPrefix: '/v2/users/me/meetings' } },
  );
  const id = await book(t.api, setup, hoursFromNow(140));
  await eventually('the link', async () => (await viewOf(id)).zoomMeeting?.joinUrl as string | undefined, 60_000);
  expect(zoom.meetings(setup.zoomUserId)).toHaveLength(1);
  zoom.faults.clear();
});

test('the database holds the tokens only encrypted', async () => {
  const setup = await hostWithZoom();
  const rows = await t.engine.db.query<{ access_token_encrypted: string; refresh_token_encrypted: string }>(
    'SELECT * FROM zoom_connections WHERE user_id = $1',
    [setup.hostId],
  );
  expect(rows).toHaveLength(1);
  const cipher = new TokenCipher(t.engine.config.encryptionKey);
  const accessToken = cipher.decrypt(rows[0]!.access_token_encrypted);
  const refreshToken = cipher.decrypt(rows[0]!.refresh_token_encrypted);
  // what we decrypt is the live token Zoom issued…
  const me = await fetch(`${zoom.apiBaseUrl}/users/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  expect(me.status).toBe(200);
  // …and the raw row contains neither token
  const raw = JSON.stringify(rows);
  expect(raw).not.toContain(accessToken);
  expect(raw).not.toContain(refreshToken);
  // the status endpoint never shows tokens
  expect(JSON.stringify((await t.api.get(`/v1/users/${setup.hostId}/integrations/zoom`)).body)).not.toMatch(/token/i);
});
