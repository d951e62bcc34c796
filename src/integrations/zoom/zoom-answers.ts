/**
 * Reading Zoom's answers: a failed call becomes one of the classes of zoom-errors.ts. From the status,
 * the REST body `{code, message}` or OAuth's `{reason, error}`, the rate-limit headers (Retry-After,
 * X-RateLimit-*), or, when no answer came, the network cause that fetch reports.
 *
 * Messages never carry a token: Zoom's own texts go through `redactTokens` first, since some of them
 * echo what they refused (e.g. "Invalid authorization code <code>").
 */
import { z } from 'zod';
import { nextUtcMidnight } from '../../domain/utc-day';
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
  type ZoomApiError,
} from './zoom-errors';

/** Zoom's REST error body: `{"code": 124, "message": "Invalid access token."}` */
const apiErrorBody = z.object({ code: z.number().optional(), message: z.string().optional() });
/** Zoom's OAuth error body: `{"reason": "Invalid Token!", "error": "invalid_grant"}` */
const oauthErrorBody = z.object({ error: z.string().optional(), reason: z.string().optional() });

/** Long opaque words (tokens, codes, JWTs) replaced, so a Zoom text can go into a message or a log. */
export function redactTokens(text: string): string {
  return text.replace(/[A-Za-z0-9_\-.~+/=]{20,}/g, '[redacted]');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface ZoomAnswer {
  status: number;
  headers: Headers;
  bodyText: string;
}

/** Reads `{code, message}` from a REST error body; both undefined when the body is not Zoom's JSON. */
export function readApiErrorBody(bodyText: string): { code: number | undefined; message: string | undefined } {
  const parsed = apiErrorBody.safeParse(parseJson(bodyText));
  return parsed.success
    ? { code: parsed.data.code, message: parsed.data.message }
    : { code: undefined, message: undefined };
}

/** Reads `{error, reason}` from an OAuth error body. */
export function readOAuthErrorBody(bodyText: string): { error: string | undefined; reason: string | undefined } {
  const parsed = oauthErrorBody.safeParse(parseJson(bodyText));
  return parsed.success
    ? { error: parsed.data.error, reason: parsed.data.reason }
    : { error: undefined, reason: undefined };
}

function headerInt(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

/**
 * `Retry-After` as Zoom sends it: an ISO 8601 instant for the daily limit (`2025-01-20T00:00:00Z`),
 * delta-seconds for short limits; an HTTP-date is accepted too.
 */
function parseRetryAfter(value: string | null, now: Date): Date | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return new Date(now.getTime() + Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : new Date(at);
}

/**
 * A 429 answer. Daily when `X-RateLimit-Type: Daily-limit` or, since Zoom does not always send that
 * header on the per-user meeting limit, when the message speaks of the daily rate limit
 * ("You have exceeded the daily rate limit (100) of Meeting Create/Update API requests …").
 */
export function rateLimitedFromAnswer(answer: ZoomAnswer, now: Date): ZoomRateLimited {
  const { code, message } = readApiErrorBody(answer.bodyText);
  const limitType = answer.headers.get('x-ratelimit-type') ?? '';
  const daily = /daily/i.test(limitType) || /daily/i.test(message ?? '');
  let retryAt = parseRetryAfter(answer.headers.get('retry-after'), now);
  if (retryAt === undefined) {
    // Some per-second answers carry a Unix-seconds reset instead of Retry-After.
    const reset = headerInt(answer.headers, 'x-ratelimit-reset');
    if (reset !== undefined && reset > 1_000_000_000) retryAt = new Date(reset * 1000);
  }
  if (retryAt === undefined && daily) retryAt = nextUtcMidnight(now);
  const retryAfterMs = retryAt === undefined ? undefined : Math.max(0, retryAt.getTime() - now.getTime());
  const text = message ? redactTokens(message) : daily ? 'daily limit reached' : 'rate limited';
  return new ZoomRateLimited(`Zoom rate limit (${daily ? 'daily' : 'per-second'}): ${text}`, code, {
    daily,
    retryAt,
    retryAfterMs,
    limit: headerInt(answer.headers, 'x-ratelimit-limit'),
    remaining: headerInt(answer.headers, 'x-ratelimit-remaining'),
  });
}

/** A non-success answer of the REST API (`what` names the call, e.g. "PATCH /meetings/{id}"). */
export function apiErrorFromAnswer(what: string, answer: ZoomAnswer, now: Date): ZoomApiError {
  if (answer.status === 429) return rateLimitedFromAnswer(answer, now);
  const { code, message } = readApiErrorBody(answer.bodyText);
  const text = `${what} → ${answer.status}${code !== undefined ? ` (code ${code})` : ''}${message ? `: ${redactTokens(message)}` : ''}`;
  if (answer.status === 401) return new ZoomUnauthorized(`Zoom refused the access token: ${text}`, 401, code);
  if (answer.status >= 500) return new ZoomServerError(`Zoom server error: ${text}`, answer.status, code);
  if (answer.status === 404 && code === 3001)
    return new ZoomMeetingNotFound(`Zoom meeting not found: ${text}`, 404, code);
  return new ZoomRequestRejected(`Zoom rejected the request: ${text}`, answer.status, code);
}

export type OAuthGrant = 'authorization_code' | 'refresh_token';

/** A non-200 answer of `POST /oauth/token`. */
export function oauthErrorFromAnswer(grant: OAuthGrant, answer: ZoomAnswer, now: Date): ZoomApiError {
  if (answer.status === 429) return rateLimitedFromAnswer(answer, now);
  const { error, reason } = readOAuthErrorBody(answer.bodyText);
  const text = `${grant} grant → ${answer.status}${error ? ` ${error}` : ''}${reason ? ` (${redactTokens(reason)})` : ''}`;
  if (answer.status >= 500) return new ZoomServerError(`Zoom OAuth server error: ${text}`, answer.status, undefined);
  if (error === 'invalid_client') {
    return new ZoomClientCredentialsInvalid(`Zoom refused the client credentials: ${text}`, answer.status, undefined);
  }
  const refused = answer.status === 400 || answer.status === 401;
  if (grant === 'refresh_token' && refused) {
    // Zoom answers a dead refresh token with invalid_grant, formerly also
    // {"reason":"Invalid Token!","error":"invalid_request"}; a malformed request of ours is not that.
    if (error === 'invalid_grant' || (error === 'invalid_request' && /invalid token/i.test(reason ?? ''))) {
      return new ZoomRefreshTokenInvalid(`Zoom refused the refresh token: ${text}`, answer.status, undefined);
    }
  }
  if (grant === 'authorization_code' && refused && (error === 'invalid_grant' || error === 'invalid_request')) {
    return new ZoomAuthorizationCodeInvalid(`Zoom refused the authorization code: ${text}`, answer.status, undefined);
  }
  return new ZoomRequestRejected(`Zoom OAuth rejected the request: ${text}`, answer.status, undefined);
}

/** Name, message and code of a thrown value; duck-typed, since fetch's DOMException may come from another realm. */
function describeThrown(value: unknown): { name: string; message: string; code: string | undefined; cause: unknown } {
  if (typeof value !== 'object' || value === null)
    return { name: 'unknown', message: String(value), code: undefined, cause: undefined };
  const record = value as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
  return {
    name: typeof record.name === 'string' ? record.name : 'unknown',
    message: typeof record.message === 'string' ? record.message : '',
    code: typeof record.code === 'string' ? record.code : undefined,
    cause: record.cause,
  };
}

/** `fetch` threw: the AbortSignal.timeout fired, or the connection failed or was cut. */
export function errorFromFetchFailure(what: string, error: unknown, timeoutMs: number): ZoomNetworkError {
  const thrown = describeThrown(error);
  if (thrown.name === 'TimeoutError' || thrown.name === 'AbortError') {
    return new ZoomTimeout(`${what}: no answer from Zoom within ${timeoutMs} ms`, timeoutMs);
  }
  // undici reports "fetch failed" and puts the socket error (ECONNREFUSED, UND_ERR_SOCKET, …) in `cause`.
  const cause = thrown.cause !== undefined ? describeThrown(thrown.cause) : thrown;
  return new ZoomNetworkError(
    `${what}: no answer from Zoom (${cause.code ?? cause.name}: ${redactTokens(cause.message)})`,
  );
}
