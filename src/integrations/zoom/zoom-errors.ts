/**
 * What a failed Zoom call means to the caller: one class per failure it can act on, each saying
 * whether repeating the same call later can succeed (`retryable`). Their names are the failure types
 * of domain/zoom-failure-types.ts; zoom-answers.ts maps Zoom's answers to them.
 *
 * Messages never carry a token: zoom-answers.ts passes Zoom's own texts through `redactTokens` first.
 */
import { ZOOM_FAILURE_TYPE } from '../../domain/zoom-failure-types';

export abstract class ZoomError extends Error {
  /** true: the same call may succeed later (after a wait, a token refresh or a reconnect) */
  abstract readonly retryable: boolean;
}

/** Zoom answered, with a status that is not the expected success. */
export abstract class ZoomApiError extends ZoomError {
  constructor(
    message: string,
    readonly status: number,
    /** Zoom's numeric `code` from the body (e.g. 124, 3001, 429), when there was one */
    readonly zoomCode: number | undefined,
  ) {
    super(message);
  }
}

/** 401: the access token is invalid or expired (Zoom code 124). Refresh it, then retry. */
export class ZoomUnauthorized extends ZoomApiError {
  override readonly name = ZOOM_FAILURE_TYPE.unauthorized;
  readonly retryable = true;
}

/**
 * 429. `daily`: the per-user daily budget of meeting create/update requests is spent and comes back
 * at the next 00:00 UTC; otherwise a per-second (QPS) limit. `retryAfterMs` is how long to wait,
 * when Zoom said so (Retry-After) or, for the daily limit, until the next 00:00 UTC.
 */
export class ZoomRateLimited extends ZoomApiError {
  override readonly name = ZOOM_FAILURE_TYPE.rateLimited;
  readonly retryable = true;
  readonly daily: boolean;
  /** when Zoom accepts requests again, if known */
  readonly retryAt: Date | undefined;
  readonly retryAfterMs: number | undefined;
  /** X-RateLimit-Limit / X-RateLimit-Remaining, when present */
  readonly limit: number | undefined;
  readonly remaining: number | undefined;

  constructor(
    message: string,
    zoomCode: number | undefined,
    details: {
      daily: boolean;
      retryAt: Date | undefined;
      retryAfterMs: number | undefined;
      limit: number | undefined;
      remaining: number | undefined;
    },
  ) {
    super(message, 429, zoomCode);
    this.daily = details.daily;
    this.retryAt = details.retryAt;
    this.retryAfterMs = details.retryAfterMs;
    this.limit = details.limit;
    this.remaining = details.remaining;
  }
}

/** 5xx: Zoom's side failed; the operation may or may not have happened. */
export class ZoomServerError extends ZoomApiError {
  override readonly name = ZOOM_FAILURE_TYPE.serverError;
  readonly retryable = true;
}

/** Any other 4xx: the request itself is wrong for Zoom; repeating it changes nothing. */
export class ZoomRequestRejected extends ZoomApiError {
  override readonly name: string = ZOOM_FAILURE_TYPE.requestRejected;
  readonly retryable = false;
}

/** 404 with Zoom code 3001: the meeting does not exist (deleted, expired, or never was). */
export class ZoomMeetingNotFound extends ZoomRequestRejected {
  override readonly name = ZOOM_FAILURE_TYPE.meetingNotFound;
}

/**
 * The refresh token is invalid, expired, revoked or already used (Zoom rotates them: the old one dies
 * on use). Only the user can fix it by connecting again: mark the connection broken.
 */
export class ZoomRefreshTokenInvalid extends ZoomRequestRejected {
  override readonly name = ZOOM_FAILURE_TYPE.refreshTokenInvalid;
}

/** The authorization code is invalid, expired, already used, or its redirect_uri does not match. */
export class ZoomAuthorizationCodeInvalid extends ZoomRequestRejected {
  override readonly name = ZOOM_FAILURE_TYPE.authorizationCodeInvalid;
}

/** Zoom does not accept our client ID / secret: a configuration problem, not the user's. */
export class ZoomClientCredentialsInvalid extends ZoomRequestRejected {
  override readonly name = ZOOM_FAILURE_TYPE.clientCredentialsInvalid;
}

/**
 * Zoom answered with the expected status but a body we cannot read. Not retried blindly: for a
 * create, the meeting may exist (find it by its tag).
 */
export class ZoomUnexpectedResponse extends ZoomApiError {
  override readonly name = ZOOM_FAILURE_TYPE.unexpectedResponse;
  readonly retryable = false;
}

/**
 * No answer: connection refused, reset, or closed before the response. The operation may or may not
 * have happened on Zoom's side.
 */
export class ZoomNetworkError extends ZoomError {
  override readonly name: string = ZOOM_FAILURE_TYPE.networkError;
  readonly retryable = true;
}

/** No answer within `timeoutMs`; like any network error, the operation may have happened. */
export class ZoomTimeout extends ZoomNetworkError {
  override readonly name = ZOOM_FAILURE_TYPE.timeout;

  constructor(
    message: string,
    readonly timeoutMs: number,
  ) {
    super(message);
  }
}
