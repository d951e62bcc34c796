/**
 * The Zoom OAuth and REST clients against the Zoom fake: what they return, and which error (with
 * which `retryable`) each of Zoom's failures becomes.
 */
import { ZoomApiClient } from '../../src/integrations/zoom/zoom-api-client';
import { rateLimitedFromAnswer } from '../../src/integrations/zoom/zoom-answers';
import {
  ZoomAuthorizationCodeInvalid,
  ZoomClientCredentialsInvalid,
  ZoomMeetingNotFound,
  ZoomNetworkError,
  ZoomRateLimited,
  ZoomRefreshTokenInvalid,
  ZoomRequestRejected,
  ZoomServerError,
  ZoomTimeout,
  ZoomUnauthorized,
} from '../../src/integrations/zoom/zoom-errors';
import {
  findTaggedMeeting,
  findTaggedMeetings,
  meetingTag,
  taggedAgenda,
} from '../../src/integrations/zoom/zoom-meeting-tag';
import { ZoomOAuthClient } from '../../src/integrations/zoom/zoom-oauth-client';
import { startZoomFake, type ZoomFake, type ZoomFakeOptions } from '../fakes/zoom-fake';

const REDIRECT_URI = 'https://engine.example/v1/integrations/zoom/callback';
const START = new Date('2026-03-10T22:00:00.000Z');

/** The rejection of `promise`, failing the test if it resolves. */
async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure, got a result');
}

describe('Zoom clients against the Zoom fake', () => {
  let clock: Date;
  let fake: ZoomFake;
  let oauth: ZoomOAuthClient;
  let zoom: ZoomApiClient;
  const now = () => clock;

  async function startFake(options: ZoomFakeOptions = {}): Promise<void> {
    await fake?.close();
    fake = await startZoomFake({ now, accessTokenTtlSeconds: 7 * 86_400, ...options });
    fake.addAccount({ id: 'zu-ann', email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee' });
    fake.addAccount({ id: 'zu-bob', email: 'bob@example.com' });
    oauth = new ZoomOAuthClient({
      oauthBaseUrl: fake.oauthBaseUrl,
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      now,
    });
    zoom = new ZoomApiClient({ apiBaseUrl: fake.apiBaseUrl, timeoutMs: 2_000, now });
  }

  beforeEach(async () => {
    clock = START;
    await startFake();
  });

  afterAll(async () => {
    await fake.close();
  });

  const input = (n: number, agenda?: string) => ({
    topic: `Consultation ${n}`,
    startTime: `2026-03-${String(11 + (n % 15)).padStart(2, '0')}T09:00:00.000Z`,
    durationMinutes: 30,
    timezone: 'Europe/Paris',
    ...(agenda !== undefined ? { agenda } : {}),
  });

  describe('OAuth', () => {
    test('the authorize URL carries the client, redirect URI and state, URL-encoded', () => {
      const client = new ZoomOAuthClient({ oauthBaseUrl: 'https://zoom.us/', clientId: 'cid', clientSecret: 'secret' });
      expect(client.authorizeUrl('https://e.example/cb?x=1&y=2', 'a b&c')).toBe(
        'https://zoom.us/oauth/authorize?response_type=code&client_id=cid&redirect_uri=https%3A%2F%2Fe.example%2Fcb%3Fx%3D1%26y%3D2&state=a+b%26c',
      );
    });

    test('the browser round trip yields a code that exchanges for tokens of the approving user', async () => {
      fake.approveAs('zu-bob');
      const redirect = await fetch(oauth.authorizeUrl(REDIRECT_URI, 'state-1'), { redirect: 'manual' });
      const callback = new URL(redirect.headers.get('location')!);
      expect(callback.searchParams.get('state')).toBe('state-1');

      const tokens = await oauth.exchangeCode(callback.searchParams.get('code')!, REDIRECT_URI);
      expect(tokens).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresAt: new Date(START.getTime() + 7 * 86_400_000),
        scope: expect.stringContaining('meeting:write'),
      });
      expect(await zoom.getMe(tokens.accessToken)).toEqual({
        id: 'zu-bob',
        email: 'bob@example.com',
        accountId: 'acct-zu-bob',
      });
    });

    test('expiresAt is computed from expires_in', async () => {
      await startFake({ accessTokenTtlSeconds: 3599 });
      const tokens = await oauth.exchangeCode(fake.issueAuthorizationCode('zu-ann', REDIRECT_URI), REDIRECT_URI);
      expect(tokens.expiresAt).toEqual(new Date(START.getTime() + 3_599_000));
    });

    test('a used code or a mismatched redirect URI is ZoomAuthorizationCodeInvalid, not retryable', async () => {
      const code = fake.issueAuthorizationCode('zu-ann', REDIRECT_URI);
      const mismatch = await failureOf(oauth.exchangeCode(code, 'https://elsewhere.example/cb'));
      expect(mismatch).toBeInstanceOf(ZoomAuthorizationCodeInvalid);

      await oauth.exchangeCode(code, REDIRECT_URI);
      const reused = await failureOf(oauth.exchangeCode(code, REDIRECT_URI));
      expect(reused).toBeInstanceOf(ZoomAuthorizationCodeInvalid);
      expect(reused).toMatchObject({ status: 400, retryable: false });
      expect(reused.message).not.toContain(code);
    });

    test('wrong client credentials are ZoomClientCredentialsInvalid', async () => {
      const wrong = new ZoomOAuthClient({
        oauthBaseUrl: fake.oauthBaseUrl,
        clientId: fake.clientId,
        clientSecret: 'not-it',
      });
      const error = await failureOf(
        wrong.exchangeCode(fake.issueAuthorizationCode('zu-ann', REDIRECT_URI), REDIRECT_URI),
      );
      expect(error).toBeInstanceOf(ZoomClientCredentialsInvalid);
      expect(error).toMatchObject({ status: 401, retryable: false });
    });

    test('refresh rotates: the new pair works, the old refresh token is refused with ZoomRefreshTokenInvalid', async () => {
      const first = await oauth.exchangeCode(fake.issueAuthorizationCode('zu-ann', REDIRECT_URI), REDIRECT_URI);
      const second = await oauth.refresh(first.refreshToken);
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect((await zoom.getMe(second.accessToken)).id).toBe('zu-ann');

      const reused = await failureOf(oauth.refresh(first.refreshToken));
      expect(reused).toBeInstanceOf(ZoomRefreshTokenInvalid);
      expect(reused).toBeInstanceOf(ZoomRequestRejected);
      expect(reused).toMatchObject({ name: 'ZoomRefreshTokenInvalid', status: 400, retryable: false });
      expect(reused.message).not.toContain(first.refreshToken);
      expect((await oauth.refresh(second.refreshToken)).accessToken).toEqual(expect.any(String));
      expect(fake.tokenRequests).toEqual({ authorization_code: 1, refresh_token: 3 });
    });

    test('after the user removes the app, refresh is ZoomRefreshTokenInvalid', async () => {
      const tokens = fake.issueTokens('zu-ann');
      fake.revokeTokens('zu-ann');
      expect(await failureOf(oauth.refresh(tokens.refreshToken))).toBeInstanceOf(ZoomRefreshTokenInvalid);
    });

    test('a 5xx of the token endpoint is a retryable ZoomServerError, and the refresh token survives it', async () => {
      const tokens = fake.issueTokens('zu-ann');
      fake.faults.next(1, { kind: '5xx' }, { match: { pathPrefix: '/oauth/token' } });
      const error = await failureOf(oauth.refresh(tokens.refreshToken));
      expect(error).toBeInstanceOf(ZoomServerError);
      expect(error).toMatchObject({ retryable: true });
      expect((await oauth.refresh(tokens.refreshToken)).accessToken).toEqual(expect.any(String));
    });
  });

  describe('meetings', () => {
    test('create returns the meeting as Zoom stored it, with the start in UTC', async () => {
      const token = fake.issueTokens('zu-ann').accessToken;
      const meeting = await zoom.createMeeting(token, {
        topic: 'Consultation',
        startTime: '2026-03-11T10:00:00.000+01:00',
        durationMinutes: 45,
        timezone: 'Europe/Paris',
        agenda: 'Bring your documents',
      });

      const [stored] = fake.meetings('zu-ann');
      expect(meeting).toEqual({
        id: stored!.id,
        joinUrl: stored!.joinUrl,
        startTime: '2026-03-11T09:00:00Z',
        durationMinutes: 45,
        topic: 'Consultation',
        agenda: 'Bring your documents',
        createdAt: stored!.createdAt,
      });
      expect(stored).toMatchObject({ hostId: 'zu-ann', timezone: 'Europe/Paris', duration: 45 });
    });

    test('update changes only the given fields; an empty patch sends nothing', async () => {
      const token = fake.issueTokens('zu-ann').accessToken;
      const meeting = await zoom.createMeeting(token, input(1, 'keep me'));
      await zoom.updateMeeting(token, meeting.id, { topic: 'Renamed', durationMinutes: 60 });
      expect(fake.meetings()[0]).toMatchObject({
        topic: 'Renamed',
        duration: 60,
        startTime: '2026-03-12T09:00:00Z',
        agenda: 'keep me',
      });

      const callsBefore = fake.calls.length;
      await zoom.updateMeeting(token, meeting.id, {});
      expect(fake.calls).toHaveLength(callsBefore);
      expect(fake.countedCalls('zu-ann')).toBe(2);
    });

    test('update of a meeting that is gone is ZoomMeetingNotFound', async () => {
      const token = fake.issueTokens('zu-ann').accessToken;
      const meeting = await zoom.createMeeting(token, input(1));
      await zoom.deleteMeeting(token, meeting.id);
      const error = await failureOf(zoom.updateMeeting(token, meeting.id, { topic: 'x' }));
      expect(error).toBeInstanceOf(ZoomMeetingNotFound);
      expect(error).toMatchObject({ status: 404, zoomCode: 3001, retryable: false });
    });

    test('delete is idempotent: a meeting Zoom no longer knows is already_deleted', async () => {
      const token = fake.issueTokens('zu-ann').accessToken;
      const meeting = await zoom.createMeeting(token, input(1));
      expect(await zoom.deleteMeeting(token, meeting.id)).toBe('deleted');
      expect(fake.meetings()).toEqual([]);
      expect(await zoom.deleteMeeting(token, meeting.id)).toBe('already_deleted');
    });

    test('a meeting ID that is not Zoom-shaped is refused before any request', async () => {
      const token = fake.issueTokens('zu-ann').accessToken;
      await expect(zoom.deleteMeeting(token, '../users/me')).rejects.toThrow(RangeError);
      expect(fake.calls).toEqual([]);
    });

    test("the list follows next_page_token through all of the user's meetings", async () => {
      await startFake({ dailyLimit: 1000 });
      const token = fake.issueTokens('zu-ann').accessToken;
      await zoom.createMeeting(fake.issueTokens('zu-bob').accessToken, input(0));
      for (let n = 1; n <= 301; n++) await zoom.createMeeting(token, input(n));

      const listed = await zoom.listScheduledMeetings(token);
      expect(listed).toHaveLength(301);
      expect(new Set(listed.map((meeting) => meeting.id))).toEqual(
        new Set(fake.meetings('zu-ann').map((meeting) => meeting.id)),
      );
      const pages = fake.calls.filter((call) => call.method === 'GET' && call.path === '/v2/users/me/meetings');
      expect(pages).toHaveLength(2);
    });
  });

  describe('errors', () => {
    test('an expired access token is ZoomUnauthorized (code 124, retryable); a refreshed token works', async () => {
      const tokens = fake.issueTokens('zu-ann');
      fake.expireAccessTokens('zu-ann');
      const error = await failureOf(zoom.createMeeting(tokens.accessToken, input(1)));
      expect(error).toBeInstanceOf(ZoomUnauthorized);
      expect(error).toMatchObject({ status: 401, zoomCode: 124, retryable: true });
      expect(error.message).not.toContain(tokens.accessToken);

      const refreshed = await oauth.refresh(tokens.refreshToken);
      await zoom.createMeeting(refreshed.accessToken, input(1));
      expect(fake.meetings()).toHaveLength(1);
    });

    test('the daily limit is ZoomRateLimited{daily} waiting until the next 00:00 UTC', async () => {
      await startFake({ dailyLimit: 2 });
      const token = fake.issueTokens('zu-ann').accessToken;
      const meeting = await zoom.createMeeting(token, input(1));
      await zoom.updateMeeting(token, meeting.id, { topic: 'Renamed' });

      const error = await failureOf(zoom.createMeeting(token, input(2)));
      expect(error).toBeInstanceOf(ZoomRateLimited);
      expect(error).toMatchObject({
        status: 429,
        zoomCode: 429,
        retryable: true,
        daily: true,
        retryAt: new Date('2026-03-11T00:00:00.000Z'),
        retryAfterMs: 2 * 3600_000,
        limit: 2,
        remaining: 0,
      });
      expect(fake.meetings()).toHaveLength(1);
    });

    test('a daily-limit answer without rate-limit headers still waits until the next 00:00 UTC', () => {
      const error = rateLimitedFromAnswer(
        {
          status: 429,
          headers: new Headers(),
          bodyText: JSON.stringify({
            code: 429,
            message:
              'You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.',
          }),
        },
        new Date('2026-03-10T18:30:00.000Z'),
      );
      expect(error).toMatchObject({ daily: true, retryAfterMs: 5.5 * 3600_000 });
    });

    test('a per-second 429 is ZoomRateLimited waiting Retry-After seconds', async () => {
      const token = fake.issueTokens('zu-ann').accessToken;
      fake.faults.next(1, { kind: '429', retryAfterSeconds: 3 });
      const error = await failureOf(zoom.createMeeting(token, input(1)));
      expect(error).toBeInstanceOf(ZoomRateLimited);
      expect(error).toMatchObject({ daily: false, retryAfterMs: 3000, retryable: true });
      expect(fake.meetings()).toEqual([]);
    });

    test.each([500, 503] as const)('a %i is a retryable ZoomServerError', async (status) => {
      const token = fake.issueTokens('zu-ann').accessToken;
      fake.faults.next(1, { kind: '5xx', status });
      const error = await failureOf(zoom.createMeeting(token, input(1)));
      expect(error).toBeInstanceOf(ZoomServerError);
      expect(error).toMatchObject({ status, retryable: true });
    });

    test('no answer within timeoutMs is a retryable ZoomTimeout', async () => {
      const impatient = new ZoomApiClient({ apiBaseUrl: fake.apiBaseUrl, timeoutMs: 300 });
      const token = fake.issueTokens('zu-ann').accessToken;
      fake.faults.next(1, { kind: 'timeout' });
      const error = await failureOf(impatient.createMeeting(token, input(1)));
      expect(error).toBeInstanceOf(ZoomTimeout);
      expect(error).toBeInstanceOf(ZoomNetworkError);
      expect(error).toMatchObject({ retryable: true, timeoutMs: 300 });
      expect(fake.meetings()).toEqual([]);
    });

    test('a closed port is a retryable ZoomNetworkError', async () => {
      const apiBaseUrl = fake.apiBaseUrl;
      await fake.close();
      const error = await failureOf(new ZoomApiClient({ apiBaseUrl }).getMe('any'));
      expect(error).toBeInstanceOf(ZoomNetworkError);
      expect(error).toMatchObject({ retryable: true });
    });
  });

  describe('finding a meeting by its tag after a crash', () => {
    test('a create whose answer was lost is found by its tag: exactly the meeting created, no duplicate', async () => {
      const token = fake.issueTokens('zu-ann').accessToken;
      const key = 'zoom-meeting:user-1:2026-03-11T09:00:00Z';
      await zoom.createMeeting(token, { ...input(1), agenda: taggedAgenda(`${key}0`) }); // a key extending ours
      await zoom.createMeeting(token, { ...input(2), agenda: taggedAgenda('zoom-meeting:user-1:other') });
      fake.faults.next(1, { kind: 'drop' }, { match: { method: 'POST' } });

      const lost = await failureOf(
        zoom.createMeeting(token, { ...input(3), agenda: taggedAgenda(key, 'Appointment with Carla') }),
      );
      expect(lost).toBeInstanceOf(ZoomNetworkError);
      expect(lost).toMatchObject({ retryable: true });

      const found = findTaggedMeetings(await zoom.listScheduledMeetings(token), key);
      const created = fake.meetings().filter((meeting) => meeting.agenda.includes(meetingTag(key)));
      expect(created).toHaveLength(1);
      expect(found).toEqual([
        expect.objectContaining({ id: created[0]!.id, joinUrl: created[0]!.joinUrl, topic: 'Consultation 3' }),
      ]);
      expect(fake.meetings()).toHaveLength(3);
    });

    test('the tag survives the list truncating the agenda to 250 characters', async () => {
      const token = fake.issueTokens('zu-ann').accessToken;
      const key = 'zoom-meeting:user-1:2026-03-12T09:00:00Z';
      await zoom.createMeeting(token, { ...input(1), agenda: taggedAgenda(key, 'x'.repeat(5000)) });
      const listed = await zoom.listScheduledMeetings(token);
      expect(listed[0]!.agenda).toHaveLength(250);
      expect(findTaggedMeeting(listed, key)?.id).toBe(fake.meetings()[0]!.id);
      expect(fake.meetings()[0]!.agenda).toHaveLength(2000);
    });

    test('a delete whose answer was lost is already_deleted on retry', async () => {
      const token = fake.issueTokens('zu-ann').accessToken;
      const meeting = await zoom.createMeeting(token, input(1));
      fake.faults.next(1, { kind: 'drop' }, { match: { method: 'DELETE' } });
      expect(await failureOf(zoom.deleteMeeting(token, meeting.id))).toBeInstanceOf(ZoomNetworkError);
      expect(await zoom.deleteMeeting(token, meeting.id)).toBe('already_deleted');
      expect(fake.meetings()).toEqual([]);
    });

    test('tag keys that could break the marker are refused', () => {
      expect(() => meetingTag('a]b')).toThrow(RangeError);
      expect(() => meetingTag('has space')).toThrow(RangeError);
      expect(() => meetingTag('k'.repeat(300))).toThrow(RangeError);
      expect(meetingTag('zoom-meeting:u1:2026-03-11T09:00:00Z')).toBe(
        '[appointment-engine:zoom-meeting:u1:2026-03-11T09:00:00Z]',
      );
    });
  });
});
