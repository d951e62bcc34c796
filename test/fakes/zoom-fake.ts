/**
 * A local Zoom: a real HTTP server on 127.0.0.1 speaking Zoom's wire format for what the engine uses
 * (user-managed OAuth app: authorize, token exchange, rotating refresh; users/me; scheduled meetings
 * create/get/update/delete/list), with the per-user daily limit and switchable faults.
 *
 * Each concern in test/fakes/zoom/, with the wire format as Zoom documents it or developers have
 * reported it: zoom-oauth.ts (the OAuth endpoints), zoom-meetings-api.ts (the REST API),
 * zoom-daily-limit.ts (100 meeting create/update requests per user and UTC day), zoom-faults.ts
 * (5xx, per-second 429, timeouts, lost answers, held requests), zoom-state.ts (what the fake knows),
 * zoom-request-handler.ts (how a request goes through them).
 */
import { startLoopbackHttpServer } from './fake-http';
import { FaultPlan, type Faults } from './fault-plan';
import { ZoomDailyLimit } from './zoom/zoom-daily-limit';
import { matchesZoomRequest, type ZoomFault, type ZoomRequestMatch } from './zoom/zoom-faults';
import { apiError, sendZoomAnswer } from './zoom/zoom-http';
import { ZoomMeetingsApi } from './zoom/zoom-meetings-api';
import { ZoomOAuth } from './zoom/zoom-oauth';
import { zoomRequestHandler, type ZoomFaultTarget } from './zoom/zoom-request-handler';
import { randomToken, ZoomState, type FakeAccountInput, type FakeCall, type FakeMeeting } from './zoom/zoom-state';

export type { FakeAccountInput, FakeCall, FakeMeeting } from './zoom/zoom-state';
export type { ZoomFault, ZoomRequestMatch } from './zoom/zoom-faults';

export interface ZoomFakeOptions {
  /** meeting create/update requests per Zoom user per UTC day; default 100 */
  dailyLimit?: number;
  /** lifetime of issued access tokens; default 3599 (what Zoom answers) */
  accessTokenTtlSeconds?: number;
  /** the fake's clock: token expiry, code expiry, UTC day of the daily limit, `created_at`, `calls[].at` */
  now?: () => Date;
  /** count DELETE /meetings/{id} in the daily limit too (Zoom does not); default false */
  countDeletes?: boolean;
  clientId?: string;
  clientSecret?: string;
  /** for faults with a `probability`; default Math.random */
  random?: () => number;
}

export interface ZoomFake {
  /** `http://127.0.0.1:PORT/v2` */
  readonly apiBaseUrl: string;
  /** `http://127.0.0.1:PORT` */
  readonly oauthBaseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;

  addAccount(account: FakeAccountInput): void;
  /** who approves at /oauth/authorize from now on (default: the first account added) */
  approveAs(accountId: string): void;
  /** /oauth/authorize redirects with `error=access_denied` until approveAs() is called */
  denyAuthorization(): void;
  /** a code as if the user had approved in the browser; single-use, bound to `redirectUri`, 5 minutes */
  issueAuthorizationCode(accountId: string, redirectUri: string): string;
  /** tokens as if a code had been exchanged (not counted in tokenRequests), for tests that skip OAuth */
  issueTokens(accountId: string): { accessToken: string; refreshToken: string };
  /** like the user removing the app: every token and unused code of the account stops working */
  revokeTokens(accountId: string): void;
  /** current access tokens (of one account, or all) answer 401 code 124 from now on */
  expireAccessTokens(accountId?: string): void;

  /** meetings that exist now, in creation order */
  meetings(accountId?: string): FakeMeeting[];
  /** every request received, in order */
  readonly calls: readonly FakeCall[];
  /** requests counted in the daily limit for the user on `utcDay` (`yyyy-MM-dd`, default today by now()) */
  countedCalls(accountId: string, utcDay?: string): number;
  /** /oauth/token requests received, by grant type */
  readonly tokenRequests: Readonly<{ authorization_code: number; refresh_token: number }>;
  /** every access token, refresh token and authorization code the fake has issued (to look for leaks) */
  issuedSecrets(): { accessTokens: string[]; refreshTokens: string[]; authorizationCodes: string[] };

  /** faults of the requests that match (test/fakes/fault-plan.ts; the kinds in zoom/zoom-faults.ts) */
  readonly faults: Faults<ZoomFault, ZoomRequestMatch>;
  /** Idempotent; cuts held and unanswered requests. */
  close(): Promise<void>;
}

export async function startZoomFake(options: ZoomFakeOptions = {}): Promise<ZoomFake> {
  // The server exists before the endpoints, which need its origin; nobody knows its port before we return.
  const server = await startLoopbackHttpServer(
    (request, response) => handle(request, response),
    (response) => {
      if (!response.headersSent) sendZoomAnswer(response, apiError(500, 500, 'Zoom fake failed to read the request.'));
    },
  );
  const origin = server.origin;
  const now = options.now ?? (() => new Date());
  const state = new ZoomState(now, options.accessTokenTtlSeconds ?? 3599);
  const oauth = new ZoomOAuth(
    state,
    options.clientId ?? 'fake-zoom-client-id',
    options.clientSecret ?? randomToken(24),
    origin,
  );
  const dailyLimit = new ZoomDailyLimit(options.dailyLimit ?? 100, now);
  const api = new ZoomMeetingsApi(state, dailyLimit, options.countDeletes ?? false);
  const faults = new FaultPlan<ZoomFault, ZoomFaultTarget, ZoomRequestMatch>(
    (_fault, match, request) => matchesZoomRequest(match, request),
    options.random,
  );
  const handle = zoomRequestHandler({ state, oauth, api, faults, origin });

  return {
    apiBaseUrl: `${origin}/v2`,
    oauthBaseUrl: origin,
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    addAccount: (account) => state.addAccount(account),
    approveAs: (accountId) => oauth.approveAs(accountId),
    denyAuthorization: () => oauth.denyAuthorization(),
    issueAuthorizationCode: (accountId, redirectUri) => state.issueAuthorizationCode(accountId, redirectUri),
    issueTokens(accountId) {
      state.account(accountId);
      return state.issueTokens(accountId);
    },
    revokeTokens: (accountId) => state.revokeTokens(accountId),
    expireAccessTokens: (accountId) => state.expireAccessTokens(accountId),
    meetings: (accountId) =>
      [...state.meetings.values()]
        .filter((meeting) => accountId === undefined || meeting.hostId === accountId)
        .map((meeting) => ({ ...meeting })),
    get calls() {
      return state.calls.map((call) => ({ ...call }));
    },
    countedCalls: (accountId, utcDay) => dailyLimit.countedCalls(accountId, utcDay),
    get tokenRequests() {
      return { ...state.tokenRequests };
    },
    issuedSecrets: () => ({
      accessTokens: [...state.accessTokens.keys()],
      refreshTokens: [...state.refreshTokens.keys()],
      authorizationCodes: [...state.codes.keys()],
    }),
    faults,
    close: () => server.close(),
  };
}
