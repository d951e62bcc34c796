/**
 * A local Zoom: a real HTTP server on 127.0.0.1 speaking Zoom's wire format for what the engine uses
 * (user-managed OAuth app: authorize, token exchange, rotating refresh; users/me; scheduled meetings
 * create/get/update/delete/list), with the per-user daily limit and switchable faults.
 *
 * Wire format, as Zoom documents it or developers have reported it:
 * - OAuth errors are `{"reason": "...", "error": "..."}`: a dead, used or revoked refresh token gets
 *   400 `{"reason":"Invalid Token!","error":"invalid_grant"}`; a used or unknown code 400
 *   `{"reason":"Invalid authorization code","error":"invalid_grant"}`; wrong client credentials 401
 *   `{"reason":"Invalid client_id or client_secret","error":"invalid_client"}`.
 * - REST errors are `{"code": n, "message": "..."}`: 401 code 124 "Invalid access token." /
 *   "Access token is expired."; 404 code 3001 for a missing meeting; 400 code 300 for validation.
 * - Daily limit: Zoom allows each user 100 meeting create/update requests per UTC day (reset at
 *   00:00 UTC). Zoom's staff and observed X-RateLimit-Remaining headers say DELETE draws from the
 *   account-wide quota, not from this one, so the fake counts POST /users/me/meetings and
 *   PATCH /meetings/{id} (set `countDeletes` to count deletes too). A request is counted when it is
 *   admitted (authenticated, not faulted), whatever the operation then answers. The (limit+1)-th gets
 *   429 with `X-RateLimit-Type: Daily-limit`, `X-RateLimit-Limit`, `X-RateLimit-Remaining: 0`,
 *   `Retry-After: <next 00:00 UTC as ISO 8601>` and Zoom's message "You have exceeded the daily rate
 *   limit (100) of Meeting Create/Update API requests permitted for this particular user. …".
 * - Per-second 429 (fault '429'): `X-RateLimit-Type: QPS`, `Retry-After: <seconds>`, message "You have
 *   reached the maximum per-second rate limit for this API. Try again later."
 * - The list returns `agenda` truncated to 250 characters, like Zoom.
 * Simplifications: a `start_time` without offset is read as UTC (Zoom reads it in `timezone`); only
 * scheduled meetings (type 2); a user sees only meetings they host; 5xx bodies are not documented by
 * Zoom: 500 answers `{"code":500,"message":"Internal server error."}`, 502/503/504 an HTML gateway page.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

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

export interface FakeAccountInput {
  /** the Zoom user ID */
  id: string;
  email: string;
  firstName?: string;
  lastName?: string;
  /** the Zoom account (organisation) the user belongs to; default `acct-<id>` */
  zoomAccountId?: string;
}

export interface FakeMeeting {
  id: string;
  uuid: string;
  hostId: string;
  topic: string;
  /** `yyyy-MM-ddTHH:mm:ssZ` */
  startTime: string;
  duration: number;
  timezone: string;
  agenda: string;
  joinUrl: string;
  password: string;
  createdAt: string;
}

export type FaultKind = '5xx' | 'timeout' | '429' | 'drop' | 'hold';

export interface FaultSpec {
  /**
   * '5xx': answer a server error without doing anything; 'timeout': never answer (until the client
   * gives up or the fake closes); '429': a per-second rate limit; 'drop': do the operation, then
   * destroy the socket before answering (a crash between Zoom's answer and our record); 'hold':
   * keep the request waiting, then handle it normally once the fault's `release()` is called (a
   * slow Zoom, for races with what happens meanwhile).
   */
  kind: FaultKind;
  /** how many matching requests it hits; default: every one until clearFaults() */
  times?: number;
  /** chance (0..1) that a matching request is hit; default 1 */
  probability?: number;
  /** default: every request; `pathPrefix` is matched against the full path, e.g. `/v2/users/me/meetings` */
  match?: { method?: string; pathPrefix?: string };
  /** for '5xx': default 500 */
  status?: 500 | 502 | 503 | 504;
  /** for '429': the Retry-After seconds; default 1 */
  retryAfterSeconds?: number;
}

export interface InjectedFault {
  readonly spec: Readonly<FaultSpec>;
  /** how many requests it has hit so far */
  readonly fired: number;
  /** 'hold': lets the held requests (and any later ones it hits) through */
  release(): void;
}

export interface FakeCall {
  method: string;
  /** path without query, e.g. `/v2/users/me/meetings`, `/oauth/token` */
  path: string;
  /** the Zoom user the request was made for, when the fake could tell */
  accountId: string | undefined;
  /** what was (or, for 'drop', would have been) answered; null when nothing was ('timeout') */
  status: number | null;
  fault?: FaultKind;
  at: Date;
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

  injectFault(fault: FaultSpec): InjectedFault;
  clearFaults(): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------

interface Account {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  zoomAccountId: string;
  pmi: number;
}

interface AccessTokenRecord {
  accountId: string;
  expiresAtMs: number;
  forcedExpired: boolean;
  revoked: boolean;
}

interface RefreshTokenRecord {
  accountId: string;
  state: 'live' | 'used' | 'revoked';
}

interface CodeRecord {
  accountId: string;
  redirectUri: string;
  expiresAtMs: number;
  state: 'live' | 'used' | 'revoked';
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
  fired: number;
  /** 'hold': resolved by release() */
  released: Promise<void>;
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialised unless it is a string (sent as text/html) */
  body?: unknown;
}

interface RequestContext {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
  call: FakeCall;
}

const AUTHORIZATION_CODE_TTL_MS = 5 * 60 * 1000;
const LIST_AGENDA_MAX = 250;
const SCOPES = 'meeting:read meeting:write user:read';

const json = (status: number, body: unknown, headers?: Record<string, string>): Answer => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});
const oauthError = (status: number, error: string, reason: string): Answer => json(status, { reason, error });
const apiError = (status: number, code: number, message: string, extra?: object): Answer =>
  json(status, { code, message, ...extra });
const validationFailed = (field: string): Answer =>
  apiError(400, 300, 'Validation Failed.', { errors: [{ field, message: 'Invalid field.' }] });

const token = (bytes = 32) => randomBytes(bytes).toString('base64url');
const utcDay = (at: Date) => at.toISOString().slice(0, 10);
const zoomTime = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');
const nextUtcMidnight = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1));

/** Zoom takes numbers, and in practice numeric strings, for `duration`. */
const duration = z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]);
const meetingFields = z.object({
  topic: z.string().max(200).optional(),
  type: z.number().int().optional(),
  start_time: z.string().optional(),
  duration: duration.optional(),
  timezone: z.string().optional(),
  agenda: z.string().max(2000).optional(),
});

/** `2026-03-10T15:00:00Z`, with an offset, or (a simplification) without one, read as UTC. */
function parseStartTime(value: string): Date | undefined {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const at = new Date(hasZone ? value : `${value}Z`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

class ZoomFakeServer implements ZoomFake {
  readonly apiBaseUrl: string;
  readonly oauthBaseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;

  private readonly dailyLimit: number;
  private readonly accessTokenTtlSeconds: number;
  private readonly now: () => Date;
  private readonly countDeletes: boolean;
  private readonly random: () => number;

  private readonly accounts = new Map<string, Account>();
  private approver: string | undefined;
  private denying = false;
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private readonly codes = new Map<string, CodeRecord>();
  private readonly meetingsById = new Map<string, FakeMeeting>();
  private nextMeetingId = 81_000_000_000 + randomInt(0, 900_000_000);
  private readonly counted = new Map<string, number>();
  private readonly pageCursors = new Map<string, { accountId: string; afterKey: string }>();
  private readonly callLog: FakeCall[] = [];
  private readonly tokenRequestCounts = { authorization_code: 0, refresh_token: 0 };
  private faults: ActiveFault[] = [];
  private closing: Promise<void> | undefined;

  constructor(
    private readonly server: Server,
    origin: string,
    options: ZoomFakeOptions,
  ) {
    this.oauthBaseUrl = origin;
    this.apiBaseUrl = `${origin}/v2`;
    this.clientId = options.clientId ?? 'fake-zoom-client-id';
    this.clientSecret = options.clientSecret ?? token(24);
    this.dailyLimit = options.dailyLimit ?? 100;
    this.accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? 3599;
    this.now = options.now ?? (() => new Date());
    this.countDeletes = options.countDeletes ?? false;
    this.random = options.random ?? Math.random;
  }

  // --- control and inspection ------------------------------------------------------------------

  addAccount(input: FakeAccountInput): void {
    if (this.accounts.has(input.id)) throw new Error(`Zoom fake: account ${input.id} exists already`);
    this.accounts.set(input.id, {
      id: input.id,
      email: input.email,
      firstName: input.firstName ?? '',
      lastName: input.lastName ?? '',
      zoomAccountId: input.zoomAccountId ?? `acct-${input.id}`,
      pmi: randomInt(1_000_000_000, 9_999_999_999),
    });
  }

  approveAs(accountId: string): void {
    this.account(accountId);
    this.approver = accountId;
    this.denying = false;
  }

  denyAuthorization(): void {
    this.denying = true;
  }

  issueAuthorizationCode(accountId: string, redirectUri: string): string {
    this.account(accountId);
    const code = token(24);
    this.codes.set(code, {
      accountId,
      redirectUri,
      expiresAtMs: this.now().getTime() + AUTHORIZATION_CODE_TTL_MS,
      state: 'live',
    });
    return code;
  }

  issueTokens(accountId: string): { accessToken: string; refreshToken: string } {
    this.account(accountId);
    const tokens = this.mintTokens(accountId);
    return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token };
  }

  revokeTokens(accountId: string): void {
    for (const record of this.accessTokens.values()) if (record.accountId === accountId) record.revoked = true;
    for (const record of this.refreshTokens.values()) if (record.accountId === accountId) record.state = 'revoked';
    for (const record of this.codes.values())
      if (record.accountId === accountId && record.state === 'live') record.state = 'revoked';
  }

  expireAccessTokens(accountId?: string): void {
    for (const record of this.accessTokens.values()) {
      if (accountId === undefined || record.accountId === accountId) record.forcedExpired = true;
    }
  }

  meetings(accountId?: string): FakeMeeting[] {
    return [...this.meetingsById.values()]
      .filter((meeting) => accountId === undefined || meeting.hostId === accountId)
      .map((meeting) => ({ ...meeting }));
  }

  get calls(): readonly FakeCall[] {
    return this.callLog.map((call) => ({ ...call }));
  }

  countedCalls(accountId: string, day?: string): number {
    return this.counted.get(`${accountId}|${day ?? utcDay(this.now())}`) ?? 0;
  }

  get tokenRequests(): Readonly<{ authorization_code: number; refresh_token: number }> {
    return { ...this.tokenRequestCounts };
  }

  issuedSecrets(): { accessTokens: string[]; refreshTokens: string[]; authorizationCodes: string[] } {
    return {
      accessTokens: [...this.accessTokens.keys()],
      refreshTokens: [...this.refreshTokens.keys()],
      authorizationCodes: [...this.codes.keys()],
    };
  }

  injectFault(spec: FaultSpec): InjectedFault {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const active: ActiveFault = {
      spec: { ...spec },
      remaining: spec.times ?? Number.POSITIVE_INFINITY,
      fired: 0,
      released,
    };
    this.faults.push(active);
    return {
      get spec() {
        return active.spec;
      },
      get fired() {
        return active.fired;
      },
      release,
    };
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Idempotent. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      // Held ('timeout') requests and keep-alive sockets would keep close() waiting.
      this.server.closeAllConnections();
    });
    return this.closing;
  }

  // --- request plumbing ------------------------------------------------------------------------

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.oauthBaseUrl);
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readBody(req);
    const call: FakeCall = {
      method,
      path: url.pathname,
      accountId: this.bearerAccount(req.headers),
      status: null,
      at: this.now(),
    };
    this.callLog.push(call);
    const context: RequestContext = { method, url, headers: req.headers, body, call };

    const active = this.takeFault(method, url.pathname);
    const fault = active?.spec;
    if (fault) call.fault = fault.kind;
    if (fault?.kind === 'timeout') return; // never answered; close() destroys the socket
    if (fault?.kind === 'hold') await active?.released;
    let answer: Answer;
    if (fault?.kind === '5xx') answer = serverError(fault.status ?? 500);
    else if (fault?.kind === '429') answer = perSecondLimit(url.pathname, fault.retryAfterSeconds ?? 1);
    else {
      try {
        answer = this.route(context);
      } catch (error) {
        answer = apiError(500, 500, `Zoom fake failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    call.status = answer.status;
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    send(res, answer);
  }

  private takeFault(method: string, path: string): ActiveFault | undefined {
    for (const fault of this.faults) {
      const { match, probability } = fault.spec;
      if (match?.method !== undefined && match.method.toUpperCase() !== method) continue;
      if (match?.pathPrefix !== undefined && !path.startsWith(match.pathPrefix)) continue;
      if (fault.remaining <= 0) continue;
      if (probability !== undefined && this.random() >= probability) continue;
      fault.remaining -= 1;
      fault.fired += 1;
      return fault;
    }
    return undefined;
  }

  private route(context: RequestContext): Answer {
    const { method, url } = context;
    if (url.pathname === '/oauth/authorize' && method === 'GET') return this.authorize(context);
    if (url.pathname === '/oauth/token' && method === 'POST') return this.tokenEndpoint(context);
    if (url.pathname.startsWith('/v2/')) return this.api(context, url.pathname.slice('/v2'.length));
    return apiError(404, 404, `The Zoom fake has no route for ${method} ${url.pathname}.`);
  }

  private account(accountId: string): Account {
    const account = this.accounts.get(accountId);
    if (!account) throw new Error(`Zoom fake: no account ${accountId}; addAccount() first`);
    return account;
  }

  private bearerAccount(headers: IncomingMessage['headers']): string | undefined {
    const match = /^Bearer (.+)$/i.exec(headers.authorization ?? '');
    return match ? this.accessTokens.get(match[1]!.trim())?.accountId : undefined;
  }

  // --- OAuth -----------------------------------------------------------------------------------

  private authorize({ url, call }: RequestContext): Answer {
    const params = url.searchParams;
    const redirectUri = params.get('redirect_uri');
    if (params.get('client_id') !== this.clientId) return oauthError(400, 'invalid_client', 'Invalid client_id');
    if (params.get('response_type') !== 'code')
      return oauthError(400, 'unsupported_response_type', 'Unsupported response type');
    if (!redirectUri) return oauthError(400, 'invalid_request', 'Redirect URI mismatch.');
    const target = new URL(redirectUri);
    const state = params.get('state');
    if (this.denying) {
      target.searchParams.set('error', 'access_denied');
    } else {
      const accountId = this.approver ?? this.accounts.keys().next().value;
      if (accountId === undefined)
        return oauthError(400, 'invalid_request', 'Zoom fake: no account to approve; addAccount() first');
      call.accountId = accountId;
      target.searchParams.set('code', this.issueAuthorizationCode(accountId, redirectUri));
    }
    if (state !== null) target.searchParams.set('state', state);
    return { status: 302, headers: { location: target.toString() } };
  }

  private tokenEndpoint({ url, headers, body, call }: RequestContext): Answer {
    const expected = `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`;
    const params = new URLSearchParams(url.search);
    // Zoom takes the grant in the form body or, as many clients send it, in the query.
    for (const [name, value] of new URLSearchParams(body)) params.set(name, value);
    const grant = params.get('grant_type');
    if (grant === 'authorization_code' || grant === 'refresh_token') this.tokenRequestCounts[grant] += 1;
    if (headers.authorization !== expected)
      return oauthError(401, 'invalid_client', 'Invalid client_id or client_secret');

    if (grant === 'authorization_code') {
      const code = this.codes.get(params.get('code') ?? '');
      if (code) call.accountId = code.accountId;
      if (!code || code.state !== 'live' || code.expiresAtMs <= this.now().getTime()) {
        return oauthError(400, 'invalid_grant', 'Invalid authorization code');
      }
      if (params.get('redirect_uri') !== code.redirectUri)
        return oauthError(400, 'invalid_request', 'Redirect URI mismatch.');
      code.state = 'used';
      return json(200, this.mintTokens(code.accountId));
    }
    if (grant === 'refresh_token') {
      const refresh = this.refreshTokens.get(params.get('refresh_token') ?? '');
      if (refresh) call.accountId = refresh.accountId;
      if (!refresh || refresh.state !== 'live') return oauthError(400, 'invalid_grant', 'Invalid Token!');
      refresh.state = 'used'; // rotation: the old refresh token dies on use
      return json(200, this.mintTokens(refresh.accountId));
    }
    return oauthError(400, 'unsupported_grant_type', 'Unsupported grant type');
  }

  private mintTokens(accountId: string) {
    const accessToken = token();
    const refreshToken = token();
    this.accessTokens.set(accessToken, {
      accountId,
      expiresAtMs: this.now().getTime() + this.accessTokenTtlSeconds * 1000,
      forcedExpired: false,
      revoked: false,
    });
    this.refreshTokens.set(refreshToken, { accountId, state: 'live' });
    return {
      access_token: accessToken,
      token_type: 'bearer',
      refresh_token: refreshToken,
      expires_in: this.accessTokenTtlSeconds,
      scope: SCOPES,
      api_url: this.oauthBaseUrl,
    };
  }

  // --- REST API --------------------------------------------------------------------------------

  private api(context: RequestContext, path: string): Answer {
    const auth = this.authenticate(context.headers);
    if ('status' in auth) return auth;
    const { method } = context;
    const account = auth.account;

    const user = /^\/users\/([^/]+)$/.exec(path);
    if (user && method === 'GET') return this.getUser(account, decodeURIComponent(user[1]!));
    if (path === '/users/me/meetings' && method === 'POST') {
      return this.counting(account, 'Medium', () => this.createMeeting(account, context.body));
    }
    if (path === '/users/me/meetings' && method === 'GET') return this.listMeetings(account, context.url.searchParams);
    const meeting = /^\/meetings\/(\d+)$/.exec(path);
    if (meeting) {
      const id = meeting[1]!;
      if (method === 'GET') return this.getMeeting(account, id);
      if (method === 'PATCH')
        return this.counting(account, 'Light', () => this.updateMeeting(account, id, context.body));
      if (method === 'DELETE') {
        return this.countDeletes
          ? this.counting(account, 'Light', () => this.deleteMeeting(account, id))
          : this.deleteMeeting(account, id);
      }
    }
    return apiError(404, 404, `The Zoom fake has no route for ${method} /v2${path}.`);
  }

  private authenticate(headers: IncomingMessage['headers']): { account: Account } | Answer {
    const match = /^Bearer (.+)$/i.exec(headers.authorization ?? '');
    const record = match ? this.accessTokens.get(match[1]!.trim()) : undefined;
    if (!record || record.revoked) return apiError(401, 124, 'Invalid access token.');
    if (record.forcedExpired || record.expiresAtMs <= this.now().getTime())
      return apiError(401, 124, 'Access token is expired.');
    return { account: this.account(record.accountId) };
  }

  /** The per-user daily limit on meeting create/update requests, with Zoom's headers. */
  private counting(account: Account, category: string, operation: () => Answer): Answer {
    const now = this.now();
    const key = `${account.id}|${utcDay(now)}`;
    const used = this.counted.get(key) ?? 0;
    if (used >= this.dailyLimit) {
      return json(
        429,
        {
          code: 429,
          message: `You have exceeded the daily rate limit (${this.dailyLimit}) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.`,
        },
        { ...this.dailyHeaders(category, 0), 'retry-after': zoomTime(nextUtcMidnight(now)) },
      );
    }
    this.counted.set(key, used + 1);
    const answer = operation();
    return { ...answer, headers: { ...answer.headers, ...this.dailyHeaders(category, this.dailyLimit - used - 1) } };
  }

  private dailyHeaders(category: string, remaining: number): Record<string, string> {
    return {
      'x-ratelimit-category': category,
      'x-ratelimit-type': 'Daily-limit',
      'x-ratelimit-limit': String(this.dailyLimit),
      'x-ratelimit-remaining': String(remaining),
    };
  }

  private getUser(account: Account, userId: string): Answer {
    if (userId !== 'me' && userId !== account.id && userId.toLowerCase() !== account.email.toLowerCase()) {
      return apiError(404, 1001, `User does not exist: ${userId}.`);
    }
    return json(200, {
      id: account.id,
      first_name: account.firstName,
      last_name: account.lastName,
      display_name: `${account.firstName} ${account.lastName}`.trim(),
      email: account.email,
      type: 2,
      pmi: account.pmi,
      timezone: '',
      verified: 1,
      language: 'en-US',
      status: 'active',
      account_id: account.zoomAccountId,
    });
  }

  private createMeeting(account: Account, rawBody: string): Answer {
    const body = parseJsonBody(rawBody);
    if (body === undefined) return apiError(400, 300, 'Request Body should be a valid JSON object.');
    const fields = meetingFields.safeParse(body);
    if (!fields.success) return validationFailed(String(fields.error.issues[0]?.path[0] ?? 'body'));
    const input = fields.data;
    if (input.type !== undefined && input.type !== 2) return validationFailed('type');
    const start = input.start_time === undefined ? this.now() : parseStartTime(input.start_time);
    if (!start) return validationFailed('start_time');

    this.nextMeetingId += randomInt(1, 1000);
    const id = String(this.nextMeetingId);
    const password = randomBytes(4).toString('hex').slice(0, 6);
    const meeting: FakeMeeting = {
      id,
      uuid: `${randomBytes(16).toString('base64').slice(0, 22)}==`,
      hostId: account.id,
      topic: input.topic ?? 'Zoom meeting',
      startTime: zoomTime(start),
      duration: input.duration ?? 60,
      timezone: input.timezone ?? 'UTC',
      agenda: input.agenda ?? '',
      joinUrl: `https://zoom.us/j/${id}?pwd=${token(24)}`,
      password,
      createdAt: zoomTime(this.now()),
    };
    this.meetingsById.set(id, meeting);
    return json(201, this.meetingJson(meeting, account));
  }

  private ownMeeting(account: Account, id: string): FakeMeeting | undefined {
    const meeting = this.meetingsById.get(id);
    return meeting && meeting.hostId === account.id ? meeting : undefined;
  }

  private getMeeting(account: Account, id: string): Answer {
    const meeting = this.ownMeeting(account, id);
    if (!meeting) return apiError(404, 3001, `Meeting ${id} is not found or has expired.`);
    return json(200, this.meetingJson(meeting, account));
  }

  private updateMeeting(account: Account, id: string, rawBody: string): Answer {
    const meeting = this.ownMeeting(account, id);
    if (!meeting) return apiError(404, 3001, `Meeting does not exist: ${id}.`);
    const body = parseJsonBody(rawBody);
    if (body === undefined) return apiError(400, 300, 'Request Body should be a valid JSON object.');
    const fields = meetingFields.safeParse(body);
    if (!fields.success) return validationFailed(String(fields.error.issues[0]?.path[0] ?? 'body'));
    const patch = fields.data;
    let start: Date | undefined;
    if (patch.start_time !== undefined) {
      start = parseStartTime(patch.start_time);
      if (!start) return validationFailed('start_time');
    }
    if (patch.topic !== undefined) meeting.topic = patch.topic;
    if (start) meeting.startTime = zoomTime(start);
    if (patch.duration !== undefined) meeting.duration = patch.duration;
    if (patch.timezone !== undefined) meeting.timezone = patch.timezone;
    if (patch.agenda !== undefined) meeting.agenda = patch.agenda;
    return { status: 204 };
  }

  private deleteMeeting(account: Account, id: string): Answer {
    if (!this.ownMeeting(account, id)) return apiError(404, 3001, `Meeting does not exist: ${id}.`);
    this.meetingsById.delete(id);
    return { status: 204 };
  }

  /** `type` scheduled (default) or upcoming; `page_size` 1..300 (default 30); `next_page_token`. */
  private listMeetings(account: Account, query: URLSearchParams): Answer {
    const pageSize = Math.min(300, Math.max(1, Number(query.get('page_size') ?? 30) || 30));
    const pageToken = query.get('next_page_token') ?? '';
    let afterKey = '';
    if (pageToken !== '') {
      const cursor = this.pageCursors.get(pageToken);
      if (!cursor || cursor.accountId !== account.id) return apiError(400, 300, 'Invalid next_page_token.');
      afterKey = cursor.afterKey;
    }
    const nowMs = this.now().getTime();
    const sortKey = (meeting: FakeMeeting) => `${meeting.startTime}|${meeting.id.padStart(20, '0')}`;
    const all = [...this.meetingsById.values()]
      .filter((meeting) => meeting.hostId === account.id)
      .filter(
        (meeting) =>
          query.get('type') !== 'upcoming' || Date.parse(meeting.startTime) + meeting.duration * 60_000 > nowMs,
      )
      .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
    const remaining = all.filter((meeting) => sortKey(meeting) > afterKey);
    const page = remaining.slice(0, pageSize);
    let nextPageToken = '';
    if (remaining.length > pageSize) {
      nextPageToken = token(24);
      this.pageCursors.set(nextPageToken, { accountId: account.id, afterKey: sortKey(page[page.length - 1]!) });
    }
    return json(200, {
      page_size: pageSize,
      total_records: all.length,
      next_page_token: nextPageToken,
      meetings: page.map((meeting) => ({
        uuid: meeting.uuid,
        id: Number(meeting.id),
        host_id: meeting.hostId,
        topic: meeting.topic,
        type: 2,
        start_time: meeting.startTime,
        duration: meeting.duration,
        timezone: meeting.timezone,
        ...(meeting.agenda !== '' ? { agenda: meeting.agenda.slice(0, LIST_AGENDA_MAX) } : {}),
        created_at: meeting.createdAt,
        join_url: meeting.joinUrl,
      })),
    });
  }

  /** Zoom's meeting object, as the create and get answers carry it. */
  private meetingJson(meeting: FakeMeeting, host: Account) {
    return {
      uuid: meeting.uuid,
      id: Number(meeting.id),
      host_id: meeting.hostId,
      host_email: host.email,
      topic: meeting.topic,
      type: 2,
      status: 'waiting',
      start_time: meeting.startTime,
      duration: meeting.duration,
      timezone: meeting.timezone,
      ...(meeting.agenda !== '' ? { agenda: meeting.agenda } : {}),
      created_at: meeting.createdAt,
      start_url: `https://zoom.us/s/${meeting.id}?zak=${token(24)}`,
      join_url: meeting.joinUrl,
      password: meeting.password,
      h323_password: meeting.password.replace(/\D/g, '0'),
      pstn_password: meeting.password.replace(/\D/g, '0'),
      encrypted_password: meeting.joinUrl.split('pwd=')[1],
      pre_schedule: false,
      settings: {
        host_video: false,
        participant_video: false,
        join_before_host: false,
        mute_upon_entry: false,
        waiting_room: true,
        approval_type: 2,
        audio: 'both',
        auto_recording: 'none',
      },
    };
  }
}

function serverError(status: 500 | 502 | 503 | 504): Answer {
  if (status === 500) return apiError(500, 500, 'Internal server error.');
  return { status, body: `<html><body><h1>${status}</h1>The server is temporarily unavailable.</body></html>` };
}

function perSecondLimit(path: string, retryAfterSeconds: number): Answer {
  const medium = path.startsWith('/v2/users/me/meetings');
  return json(
    429,
    { code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' },
    {
      'x-ratelimit-category': medium ? 'Medium' : 'Light',
      'x-ratelimit-type': 'QPS',
      'x-ratelimit-limit': medium ? '20' : '30',
      'x-ratelimit-remaining': '0',
      'retry-after': String(retryAfterSeconds),
    },
  );
}

function parseJsonBody(raw: string): unknown {
  if (raw.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, answer: Answer): void {
  const headers: Record<string, string> = { ...answer.headers };
  let payload: string | undefined;
  if (typeof answer.body === 'string') {
    payload = answer.body;
    headers['content-type'] = 'text/html; charset=utf-8';
  } else if (answer.body !== undefined) {
    payload = JSON.stringify(answer.body);
    headers['content-type'] = 'application/json;charset=UTF-8';
  }
  res.writeHead(answer.status, headers);
  res.end(payload);
}

export async function startZoomFake(options: ZoomFakeOptions = {}): Promise<ZoomFake> {
  // the server exists before the fake that handles its requests
  const ready: { fake?: ZoomFakeServer } = {};
  const server = createServer((req, res) => {
    ready.fake!.handle(req, res).catch(() => {
      if (!res.headersSent) send(res, apiError(500, 500, 'Zoom fake failed to read the request.'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  ready.fake = new ZoomFakeServer(server, `http://127.0.0.1:${port}`, options);
  return ready.fake;
}
