/**
 * Pins the Zoom fake's wire format (statuses, bodies, headers, counting), so tests built on it test
 * against what Zoom really answers. Raw HTTP only; the client has its own tests.
 */
import { startZoomFake, type ZoomFake, type ZoomFakeOptions } from '../fakes/zoom-fake';

const REDIRECT_URI = 'https://engine.example/v1/integrations/zoom/callback';
const START = '2026-03-10T22:00:00.000Z';

interface Raw {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

async function raw(url: string, init: RequestInit = {}): Promise<Raw> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

function basic(fake: ZoomFake, secret = fake.clientSecret): string {
  return `Basic ${Buffer.from(`${fake.clientId}:${secret}`).toString('base64')}`;
}

function tokenRequest(fake: ZoomFake, form: Record<string, string>, secret?: string): Promise<Raw> {
  return raw(`${fake.oauthBaseUrl}/oauth/token`, {
    method: 'POST',
    headers: { authorization: basic(fake, secret), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

function api(fake: ZoomFake, accessToken: string, method: string, path: string, body?: unknown): Promise<Raw> {
  return raw(`${fake.apiBaseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${accessToken}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

const meetingInput = (n: number, extra: object = {}) => ({
  topic: `Consultation ${n}`,
  type: 2,
  start_time: `2026-03-${String(11 + (n % 15)).padStart(2, '0')}T09:00:00Z`,
  duration: 30,
  timezone: 'Europe/Paris',
  agenda: `agenda ${n}`,
  ...extra,
});

describe('Zoom fake wire format', () => {
  let clock: Date;
  const fakes: ZoomFake[] = [];

  async function start(options: ZoomFakeOptions = {}): Promise<ZoomFake> {
    const fake = await startZoomFake({ now: () => clock, ...options });
    fakes.push(fake);
    fake.addAccount({ id: 'zu-ann', email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee' });
    fake.addAccount({ id: 'zu-bob', email: 'bob@example.com', firstName: 'Bob' });
    return fake;
  }

  beforeEach(() => {
    clock = new Date(START);
  });

  afterEach(async () => {
    await Promise.all(fakes.splice(0).map((fake) => fake.close()));
  });

  describe('OAuth', () => {
    test('authorize redirects to redirect_uri with a code and the state, for the approving user', async () => {
      const fake = await start();
      fake.approveAs('zu-bob');
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: fake.clientId,
        redirect_uri: REDIRECT_URI,
        state: 's-1',
      });
      const answer = await raw(`${fake.oauthBaseUrl}/oauth/authorize?${query}`);

      expect(answer.status).toBe(302);
      const location = new URL(answer.headers.get('location')!);
      expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
      expect(location.searchParams.get('state')).toBe('s-1');
      const tokens = await tokenRequest(fake, {
        grant_type: 'authorization_code',
        code: location.searchParams.get('code')!,
        redirect_uri: REDIRECT_URI,
      });
      const me = await api(fake, tokens.json.access_token, 'GET', '/users/me');
      expect(me.json.id).toBe('zu-bob');
    });

    test('a denied authorization redirects with error=access_denied and the state', async () => {
      const fake = await start();
      fake.denyAuthorization();
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: fake.clientId,
        redirect_uri: REDIRECT_URI,
        state: 's-2',
      });
      const location = new URL((await raw(`${fake.oauthBaseUrl}/oauth/authorize?${query}`)).headers.get('location')!);
      expect(location.searchParams.get('error')).toBe('access_denied');
      expect(location.searchParams.get('code')).toBeNull();
      expect(location.searchParams.get('state')).toBe('s-2');
    });

    test('the code exchange answers Zoom token JSON', async () => {
      const fake = await start();
      const code = fake.issueAuthorizationCode('zu-ann', REDIRECT_URI);
      const answer = await tokenRequest(fake, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI });

      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({
        access_token: expect.any(String),
        token_type: 'bearer',
        refresh_token: expect.any(String),
        expires_in: 3599,
        scope: expect.stringContaining('meeting:write'),
        api_url: fake.oauthBaseUrl,
      });
      expect(fake.tokenRequests).toEqual({ authorization_code: 1, refresh_token: 0 });
    });

    test('wrong or missing client credentials get 401 invalid_client', async () => {
      const fake = await start();
      const code = fake.issueAuthorizationCode('zu-ann', REDIRECT_URI);
      const wrong = await tokenRequest(
        fake,
        { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
        'not-the-secret',
      );
      expect(wrong.status).toBe(401);
      expect(wrong.json).toEqual({ reason: 'Invalid client_id or client_secret', error: 'invalid_client' });

      const missing = await raw(`${fake.oauthBaseUrl}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'refresh_token' }),
      });
      expect(missing.status).toBe(401);
    });

    test('a code is single-use', async () => {
      const fake = await start();
      const code = fake.issueAuthorizationCode('zu-ann', REDIRECT_URI);
      expect(
        (await tokenRequest(fake, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI })).status,
      ).toBe(200);

      const again = await tokenRequest(fake, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI });
      expect(again.status).toBe(400);
      expect(again.json).toEqual({ reason: 'Invalid authorization code', error: 'invalid_grant' });
    });

    test('a code is bound to its redirect_uri; a mismatch does not spend it', async () => {
      const fake = await start();
      const code = fake.issueAuthorizationCode('zu-ann', REDIRECT_URI);
      const mismatch = await tokenRequest(fake, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'https://evil.example/cb',
      });
      expect(mismatch.status).toBe(400);
      expect(mismatch.json).toEqual({ reason: 'Redirect URI mismatch.', error: 'invalid_request' });

      expect(
        (await tokenRequest(fake, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI })).status,
      ).toBe(200);
    });

    test('a code expires after 5 minutes', async () => {
      const fake = await start();
      const code = fake.issueAuthorizationCode('zu-ann', REDIRECT_URI);
      clock = new Date(clock.getTime() + 5 * 60_000);
      const late = await tokenRequest(fake, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI });
      expect(late.status).toBe(400);
      expect(late.json.error).toBe('invalid_grant');
    });

    test('refresh rotates the refresh token: the old one is refused with Invalid Token!', async () => {
      const fake = await start();
      const first = fake.issueTokens('zu-ann');
      const refreshed = await tokenRequest(fake, { grant_type: 'refresh_token', refresh_token: first.refreshToken });
      expect(refreshed.status).toBe(200);
      expect(refreshed.json.refresh_token).not.toBe(first.refreshToken);
      expect(refreshed.json.access_token).not.toBe(first.accessToken);

      const reused = await tokenRequest(fake, { grant_type: 'refresh_token', refresh_token: first.refreshToken });
      expect(reused.status).toBe(400);
      expect(reused.json).toEqual({ reason: 'Invalid Token!', error: 'invalid_grant' });
      expect(
        (await tokenRequest(fake, { grant_type: 'refresh_token', refresh_token: refreshed.json.refresh_token })).status,
      ).toBe(200);
      expect(fake.tokenRequests).toEqual({ authorization_code: 0, refresh_token: 3 });
    });

    test('revoked tokens: the access token gets 401 code 124, the refresh token invalid_grant', async () => {
      const fake = await start();
      const tokens = fake.issueTokens('zu-ann');
      const bobs = fake.issueTokens('zu-bob');
      fake.revokeTokens('zu-ann');

      const me = await api(fake, tokens.accessToken, 'GET', '/users/me');
      expect(me.status).toBe(401);
      expect(me.json).toEqual({ code: 124, message: 'Invalid access token.' });
      expect(
        (await tokenRequest(fake, { grant_type: 'refresh_token', refresh_token: tokens.refreshToken })).json.error,
      ).toBe('invalid_grant');
      expect((await api(fake, bobs.accessToken, 'GET', '/users/me')).status).toBe(200);
    });

    test('access tokens expire after their TTL, or when expired on purpose', async () => {
      const fake = await start({ accessTokenTtlSeconds: 60 });
      const ann = fake.issueTokens('zu-ann');
      clock = new Date(clock.getTime() + 60_000);
      const expired = await api(fake, ann.accessToken, 'GET', '/users/me');
      expect(expired.status).toBe(401);
      expect(expired.json).toEqual({ code: 124, message: 'Access token is expired.' });

      const bob = fake.issueTokens('zu-bob');
      fake.expireAccessTokens('zu-bob');
      expect((await api(fake, bob.accessToken, 'GET', '/users/me')).json.code).toBe(124);
    });

    test('a request without a bearer token gets 401 code 124', async () => {
      const fake = await start();
      const answer = await raw(`${fake.apiBaseUrl}/users/me`);
      expect(answer.status).toBe(401);
      expect(answer.json.code).toBe(124);
    });
  });

  describe('meetings API', () => {
    test('GET /users/me describes the token owner', async () => {
      const fake = await start();
      const me = await api(fake, fake.issueTokens('zu-ann').accessToken, 'GET', '/users/me');
      expect(me.status).toBe(200);
      expect(me.json).toMatchObject({
        id: 'zu-ann',
        email: 'ann@example.com',
        first_name: 'Ann',
        last_name: 'Lee',
        account_id: 'acct-zu-ann',
      });
    });

    test('create answers 201 with Zoom meeting JSON', async () => {
      const fake = await start();
      const created = await api(fake, fake.issueTokens('zu-ann').accessToken, 'POST', '/users/me/meetings', {
        topic: 'Consultation',
        type: 2,
        start_time: '2026-03-11T09:00:00Z',
        duration: 45,
        timezone: 'Europe/Paris',
        agenda: 'Bring your documents',
      });

      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({
        id: expect.any(Number),
        uuid: expect.any(String),
        host_id: 'zu-ann',
        host_email: 'ann@example.com',
        topic: 'Consultation',
        type: 2,
        start_time: '2026-03-11T09:00:00Z',
        duration: 45,
        timezone: 'Europe/Paris',
        agenda: 'Bring your documents',
        created_at: '2026-03-10T22:00:00Z',
        password: expect.any(String),
      });
      expect(created.json.id).toBeGreaterThan(2 ** 32); // Zoom IDs need more than 32 bits
      expect(created.json.join_url).toMatch(new RegExp(`^https://zoom\\.us/j/${created.json.id}\\?pwd=\\S+$`));
      expect(fake.meetings('zu-ann')).toEqual([
        expect.objectContaining({
          id: String(created.json.id),
          hostId: 'zu-ann',
          topic: 'Consultation',
          startTime: '2026-03-11T09:00:00Z',
        }),
      ]);
    });

    test('an offset start_time is stored in UTC', async () => {
      const fake = await start();
      const created = await api(
        fake,
        fake.issueTokens('zu-ann').accessToken,
        'POST',
        '/users/me/meetings',
        meetingInput(1, { start_time: '2026-03-11T10:00:00+01:00' }),
      );
      expect(created.json.start_time).toBe('2026-03-11T09:00:00Z');
    });

    test('invalid fields get 400 code 300 Validation Failed', async () => {
      const fake = await start();
      const token = fake.issueTokens('zu-ann').accessToken;
      const bad = await api(fake, token, 'POST', '/users/me/meetings', meetingInput(1, { start_time: 'tomorrow' }));
      expect(bad.status).toBe(400);
      expect(bad.json).toEqual({
        code: 300,
        message: 'Validation Failed.',
        errors: [{ field: 'start_time', message: 'Invalid field.' }],
      });

      const notJson = await raw(`${fake.apiBaseUrl}/users/me/meetings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: '{oops',
      });
      expect(notJson.json).toEqual({ code: 300, message: 'Request Body should be a valid JSON object.' });
      expect(fake.meetings()).toEqual([]);
    });

    test('GET, PATCH (204) and DELETE (204) a meeting; a missing one is 404 code 3001', async () => {
      const fake = await start();
      const token = fake.issueTokens('zu-ann').accessToken;
      const id = (await api(fake, token, 'POST', '/users/me/meetings', meetingInput(1))).json.id;

      expect((await api(fake, token, 'GET', `/meetings/${id}`)).json).toMatchObject({ id, topic: 'Consultation 1' });
      const patched = await api(fake, token, 'PATCH', `/meetings/${id}`, {
        topic: 'Renamed',
        duration: 60,
        start_time: '2026-03-20T08:00:00Z',
      });
      expect(patched.status).toBe(204);
      expect(patched.text).toBe('');
      expect(fake.meetings()[0]).toMatchObject({
        topic: 'Renamed',
        duration: 60,
        startTime: '2026-03-20T08:00:00Z',
        agenda: 'agenda 1',
      });

      const deleted = await api(fake, token, 'DELETE', `/meetings/${id}`);
      expect(deleted.status).toBe(204);
      expect(fake.meetings()).toEqual([]);
      const again = await api(fake, token, 'DELETE', `/meetings/${id}`);
      expect(again.status).toBe(404);
      expect(again.json).toEqual({ code: 3001, message: `Meeting does not exist: ${id}.` });
      expect((await api(fake, token, 'PATCH', `/meetings/${id}`, { topic: 'x' })).json.code).toBe(3001);
      expect((await api(fake, token, 'GET', `/meetings/${id}`)).json).toEqual({
        code: 3001,
        message: `Meeting ${id} is not found or has expired.`,
      });
    });

    test("a user cannot see or touch another user's meeting", async () => {
      const fake = await start();
      const id = (
        await api(fake, fake.issueTokens('zu-ann').accessToken, 'POST', '/users/me/meetings', meetingInput(1))
      ).json.id;
      const bob = fake.issueTokens('zu-bob').accessToken;
      expect((await api(fake, bob, 'DELETE', `/meetings/${id}`)).status).toBe(404);
      expect((await api(fake, bob, 'GET', '/users/me/meetings')).json.meetings).toEqual([]);
      expect(fake.meetings('zu-ann')).toHaveLength(1);
    });

    test('the list pages with page_size and next_page_token and truncates agendas to 250 characters', async () => {
      const fake = await start();
      const token = fake.issueTokens('zu-ann').accessToken;
      for (let n = 1; n <= 5; n++) {
        await api(fake, token, 'POST', '/users/me/meetings', meetingInput(n, { agenda: `${n}`.repeat(400) }));
      }
      const seen: number[] = [];
      let pageToken = '';
      let pages = 0;
      do {
        const query = new URLSearchParams({
          type: 'scheduled',
          page_size: '2',
          ...(pageToken ? { next_page_token: pageToken } : {}),
        });
        const page = await api(fake, token, 'GET', `/users/me/meetings?${query}`);
        expect(page.status).toBe(200);
        expect(page.json).toMatchObject({ page_size: 2, total_records: 5, next_page_token: expect.any(String) });
        for (const meeting of page.json.meetings) {
          expect(Object.keys(meeting).sort()).toEqual(
            [
              'agenda',
              'created_at',
              'duration',
              'host_id',
              'id',
              'join_url',
              'start_time',
              'timezone',
              'topic',
              'type',
              'uuid',
            ].sort(),
          );
          expect(meeting.agenda).toHaveLength(250);
          seen.push(meeting.id);
        }
        pageToken = page.json.next_page_token;
        pages++;
      } while (pageToken !== '');
      expect(pages).toBe(3);
      expect(seen.sort()).toEqual(
        fake
          .meetings()
          .map((m) => Number(m.id))
          .sort(),
      );
    });
  });

  describe('daily limit per Zoom user', () => {
    test('create and update count; the (limit+1)-th gets the daily 429 with Retry-After at 00:00 UTC', async () => {
      const fake = await start({ dailyLimit: 3 });
      const token = fake.issueTokens('zu-ann').accessToken;
      const first = await api(fake, token, 'POST', '/users/me/meetings', meetingInput(1));
      expect(first.headers.get('x-ratelimit-type')).toBe('Daily-limit');
      expect(first.headers.get('x-ratelimit-limit')).toBe('3');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('2');
      await api(fake, token, 'POST', '/users/me/meetings', meetingInput(2));
      const update = await api(fake, token, 'PATCH', `/meetings/${first.json.id}`, { topic: 'Renamed' });
      expect(update.headers.get('x-ratelimit-remaining')).toBe('0');

      const refused = await api(fake, token, 'POST', '/users/me/meetings', meetingInput(3));
      expect(refused.status).toBe(429);
      expect(refused.json).toEqual({
        code: 429,
        message:
          'You have exceeded the daily rate limit (3) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.',
      });
      expect(refused.headers.get('x-ratelimit-type')).toBe('Daily-limit');
      expect(refused.headers.get('x-ratelimit-limit')).toBe('3');
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(refused.headers.get('retry-after')).toBe('2026-03-11T00:00:00Z');
      expect((await api(fake, token, 'PATCH', `/meetings/${first.json.id}`, { topic: 'Again' })).status).toBe(429);
      expect(fake.meetings()).toHaveLength(2);
      expect(fake.meetings()[0]!.topic).toBe('Renamed');
      expect(fake.countedCalls('zu-ann')).toBe(3);
    });

    test('reads, lists and deletes are not counted, and still work over the limit', async () => {
      const fake = await start({ dailyLimit: 1 });
      const token = fake.issueTokens('zu-ann').accessToken;
      const id = (await api(fake, token, 'POST', '/users/me/meetings', meetingInput(1))).json.id;
      expect((await api(fake, token, 'GET', `/meetings/${id}`)).status).toBe(200);
      expect((await api(fake, token, 'GET', '/users/me/meetings')).status).toBe(200);
      expect((await api(fake, token, 'DELETE', `/meetings/${id}`)).status).toBe(204);
      expect(fake.countedCalls('zu-ann')).toBe(1);
    });

    test('countDeletes makes deletes count too', async () => {
      const fake = await start({ dailyLimit: 2, countDeletes: true });
      const token = fake.issueTokens('zu-ann').accessToken;
      const id = (await api(fake, token, 'POST', '/users/me/meetings', meetingInput(1))).json.id;
      expect((await api(fake, token, 'DELETE', `/meetings/${id}`)).status).toBe(204);
      expect((await api(fake, token, 'POST', '/users/me/meetings', meetingInput(2))).status).toBe(429);
      expect(fake.countedCalls('zu-ann')).toBe(2);
    });

    test('the limit is per user and resets at 00:00 UTC', async () => {
      const fake = await start({ dailyLimit: 1, accessTokenTtlSeconds: 86_400 });
      const ann = fake.issueTokens('zu-ann').accessToken;
      const bob = fake.issueTokens('zu-bob').accessToken;
      expect((await api(fake, ann, 'POST', '/users/me/meetings', meetingInput(1))).status).toBe(201);
      expect((await api(fake, ann, 'POST', '/users/me/meetings', meetingInput(2))).status).toBe(429);
      expect((await api(fake, bob, 'POST', '/users/me/meetings', meetingInput(3))).status).toBe(201);

      clock = new Date('2026-03-10T23:59:59.000Z');
      expect((await api(fake, ann, 'POST', '/users/me/meetings', meetingInput(4))).status).toBe(429);
      clock = new Date('2026-03-11T00:00:00.000Z');
      expect((await api(fake, ann, 'POST', '/users/me/meetings', meetingInput(5))).status).toBe(201);
      expect(fake.countedCalls('zu-ann', '2026-03-10')).toBe(1);
      expect(fake.countedCalls('zu-ann', '2026-03-11')).toBe(1);
      expect(fake.countedCalls('zu-ann')).toBe(1);
    });
  });

  describe('faults', () => {
    test('5xx answers without doing the operation or counting it, then stops after its count', async () => {
      const fake = await start();
      const token = fake.issueTokens('zu-ann').accessToken;
      const fault = fake.faults.next(
        1,
        { kind: '5xx' },
        { match: { method: 'POST', pathPrefix: '/v2/users/me/meetings' } },
      );

      const failed = await api(fake, token, 'POST', '/users/me/meetings', meetingInput(1));
      expect(failed.status).toBe(500);
      expect(failed.json).toEqual({ code: 500, message: 'Internal server error.' });
      expect(fake.meetings()).toEqual([]);
      expect(fake.countedCalls('zu-ann')).toBe(0);
      expect(fault.fired).toBe(1);
      expect((await api(fake, token, 'POST', '/users/me/meetings', meetingInput(1))).status).toBe(201);
    });

    test('a gateway 5xx answers an HTML page', async () => {
      const fake = await start();
      fake.faults.always({ kind: '5xx', status: 503 });
      const answer = await api(fake, fake.issueTokens('zu-ann').accessToken, 'GET', '/users/me');
      expect(answer.status).toBe(503);
      expect(answer.headers.get('content-type')).toContain('text/html');
    });

    test('a 429 fault is a per-second limit with Retry-After seconds', async () => {
      const fake = await start();
      fake.faults.next(1, { kind: '429', retryAfterSeconds: 2 });
      const answer = await api(
        fake,
        fake.issueTokens('zu-ann').accessToken,
        'POST',
        '/users/me/meetings',
        meetingInput(1),
      );
      expect(answer.status).toBe(429);
      expect(answer.json).toEqual({
        code: 429,
        message: 'You have reached the maximum per-second rate limit for this API. Try again later.',
      });
      expect(answer.headers.get('x-ratelimit-type')).toBe('QPS');
      expect(answer.headers.get('retry-after')).toBe('2');
      expect(fake.meetings()).toEqual([]);
      expect(fake.countedCalls('zu-ann')).toBe(0);
    });

    test('drop performs the operation, counts it, and cuts the connection before the answer', async () => {
      const fake = await start();
      fake.faults.next(1, { kind: 'drop' }, { match: { method: 'POST' } });
      await expect(
        api(fake, fake.issueTokens('zu-ann').accessToken, 'POST', '/users/me/meetings', meetingInput(1)),
      ).rejects.toThrow();
      expect(fake.meetings()).toHaveLength(1);
      expect(fake.countedCalls('zu-ann')).toBe(1);
      expect(fake.calls.at(-1)).toMatchObject({
        method: 'POST',
        path: '/v2/users/me/meetings',
        accountId: 'zu-ann',
        status: 201,
        fault: 'drop',
      });
    });

    test('timeout never answers, does nothing, and does not keep the fake from closing', async () => {
      const fake = await start();
      const token = fake.issueTokens('zu-ann').accessToken;
      fake.faults.always({ kind: 'timeout' }, { match: { method: 'POST' } });
      await expect(
        raw(`${fake.apiBaseUrl}/users/me/meetings`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(meetingInput(1)),
          signal: AbortSignal.timeout(200),
        }),
      ).rejects.toThrow();
      expect(fake.meetings()).toEqual([]);
      expect(fake.calls.at(-1)).toMatchObject({ status: null, fault: 'timeout' });

      const held = api(fake, token, 'POST', '/users/me/meetings', meetingInput(2)); // nobody gives up on this one
      const settled = held.then(
        () => 'answered',
        () => 'cut',
      );
      await fake.close();
      expect(await settled).toBe('cut');
    });

    test('faults only hit matching requests; probability draws from `random`', async () => {
      const draws = [0.9, 0.1];
      const fake = await start({ random: () => draws.shift() ?? 0.99 });
      const token = fake.issueTokens('zu-ann').accessToken;
      const fault = fake.faults.always(
        { kind: '5xx' },
        { probability: 0.5, match: { method: 'POST', pathPrefix: '/v2/users/me/meetings' } },
      );

      expect((await api(fake, token, 'GET', '/users/me')).status).toBe(200); // not matching: no draw
      expect((await api(fake, token, 'POST', '/users/me/meetings', meetingInput(1))).status).toBe(201); // 0.9 ≥ 0.5
      expect((await api(fake, token, 'POST', '/users/me/meetings', meetingInput(2))).status).toBe(500); // 0.1 < 0.5
      expect(fault.fired).toBe(1);
      fake.faults.clear();
      expect((await api(fake, token, 'POST', '/users/me/meetings', meetingInput(3))).status).toBe(201);
    });
  });

  test('calls records method, path, user, status and time', async () => {
    const fake = await start();
    const code = fake.issueAuthorizationCode('zu-bob', REDIRECT_URI);
    const tokens = await tokenRequest(fake, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI });
    await api(fake, tokens.json.access_token, 'GET', '/users/me');
    expect(fake.calls).toEqual([
      { method: 'POST', path: '/oauth/token', accountId: 'zu-bob', status: 200, at: new Date(START) },
      { method: 'GET', path: '/v2/users/me', accountId: 'zu-bob', status: 200, at: new Date(START) },
    ]);
  });
});
