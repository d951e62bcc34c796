/**
 * What can go wrong when sending one SMS, as errors a caller can act on: `retryable` says whether
 * the same message may succeed on a later attempt, `code` is Twilio's error code when Twilio gave
 * one (21211 invalid number, 21610 opted out, 20003 bad credentials, 20429 too many requests…).
 * The senders never retry on their own; the caller owns retries and deduplication.
 *
 * No error keeps the HTTP library's error as `cause`: that object holds the request configuration,
 * Authorization header included.
 */

export interface SmsErrorDetails {
  /** HTTP status of Twilio's answer, absent when there was none */
  httpStatus?: number;
  /** Twilio error code from the response body */
  code?: number;
  /** Twilio's link to the error's documentation */
  moreInfo?: string;
}

export abstract class SmsDeliveryError extends Error {
  abstract readonly retryable: boolean;
  readonly httpStatus?: number;
  readonly code?: number;
  readonly moreInfo?: string;

  constructor(message: string, details: SmsErrorDetails = {}) {
    super(message);
    this.name = new.target.name;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.code !== undefined) this.code = details.code;
    if (details.moreInfo !== undefined) this.moreInfo = details.moreInfo;
  }
}

export type SmsRejectionReason = 'invalid-number' | 'opted-out' | 'authentication' | 'invalid-request';

/**
 * Twilio refused the message and will refuse it again: invalid or non-mobile number (21211, 21614),
 * recipient opted out (21610), wrong credentials (HTTP 401, code 20003: `reason: 'authentication'`),
 * any other 4xx except 429.
 */
export class SmsRejected extends SmsDeliveryError {
  readonly retryable = false;
  readonly reason: SmsRejectionReason;

  constructor(message: string, details: SmsErrorDetails & { reason: SmsRejectionReason }) {
    super(message, details);
    this.reason = details.reason;
  }
}

/** HTTP 429 / code 20429: not processed, safe to retry after `retryAfterMs` (from Retry-After) when given. */
export class SmsRateLimited extends SmsDeliveryError {
  readonly retryable = true;
  readonly retryAfterMs?: number;

  constructor(message: string, details: SmsErrorDetails & { retryAfterMs?: number }) {
    super(message, details);
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

export type SmsTransientReason = 'server' | 'network' | 'timeout' | 'outbox';

/**
 * Twilio 5xx (or 408), connection refused/reset, timeout, an outbox write that hit the disk. After a
 * timeout or a reset Twilio may have accepted the message: a retry can send a second copy, which is
 * why the caller deduplicates on the idempotency key before sending again.
 */
export class SmsTransientError extends SmsDeliveryError {
  readonly retryable = true;
  readonly reason: SmsTransientReason;

  constructor(message: string, details: SmsErrorDetails & { reason: SmsTransientReason }) {
    super(message, details);
    this.reason = details.reason;
  }
}

/**
 * Twilio answered 2xx but without a message SID we can record. Not retried: the message is most
 * likely on its way, and a retry would send it twice.
 */
export class SmsUnexpectedResponse extends SmsDeliveryError {
  readonly retryable = false;
}

/** Twilio settings unusable (no sender, malformed account SID or API base URL). */
export class SmsConfigurationError extends SmsDeliveryError {
  readonly retryable = false;
}

/** The message itself is malformed (empty body, unusable idempotency key); a bug in the caller. */
export class InvalidOutgoingSms extends SmsDeliveryError {
  readonly retryable = false;
}
