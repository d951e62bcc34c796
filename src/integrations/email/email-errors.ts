/**
 * What can go wrong when sending one e-mail, as errors a caller can act on: `retryable` says whether
 * the same message may succeed on a later attempt. The caller (an activity with a retry policy and a
 * dedup log) owns retrying; the senders never retry on their own.
 *
 * No error carries the underlying library error as `cause`: messages and fields are copied explicitly
 * so nothing from the connection (credentials, socket objects) can end up in a log line.
 */

export abstract class EmailDeliveryError extends Error {
  abstract readonly retryable: boolean;
  /** SMTP reply code when the server answered (e.g. 550, 451), absent for connection-level failures */
  readonly responseCode?: number;
  /** SMTP command the server answered, e.g. `RCPT TO`, `DATA`, `AUTH PLAIN` */
  readonly command?: string;

  constructor(message: string, details: { responseCode?: number; command?: string } = {}) {
    super(message);
    this.name = new.target.name;
    if (details.responseCode !== undefined) this.responseCode = details.responseCode;
    if (details.command !== undefined) this.command = details.command;
  }
}

/**
 * The server refused the message for good (SMTP 5xx other than 503: unknown mailbox, relaying denied,
 * message rejected, bad credentials). Sending it again would be refused again.
 */
export class EmailRejected extends EmailDeliveryError {
  readonly retryable = false;
}

export type EmailTransientReason = 'smtp-reply' | 'connection' | 'timeout' | 'tls' | 'protocol' | 'outbox';

/**
 * The attempt failed in a way a later attempt may not: SMTP 4xx (or 503), connection refused, reset or
 * dropped, a timeout, a failed TLS handshake, an outbox write that hit the disk. A connection dropped
 * after the message was sent but before the server's 250 lands here too: the server may have queued it,
 * which is why every attempt carries the same Message-ID.
 */
export class EmailTransientError extends EmailDeliveryError {
  readonly retryable = true;
  readonly reason: EmailTransientReason;

  constructor(message: string, details: { reason: EmailTransientReason; responseCode?: number; command?: string }) {
    super(message, details);
    this.reason = details.reason;
  }
}

/** SMTP_URL or the transport settings are unusable (bad URL, unknown option, missing credentials). */
export class EmailConfigurationError extends EmailDeliveryError {
  readonly retryable = false;
}

/** The message itself is malformed (no body, a Message-ID or header that is not RFC 5322); a bug in the caller. */
export class InvalidOutgoingEmail extends EmailDeliveryError {
  readonly retryable = false;
}
