/**
 * Sending one SMS: the contract the SMS activities depend on, and the factory that picks the
 * transport from configuration (Twilio when credentials are set, JSON files in the outbox otherwise).
 *
 * One `send()` is at most one request to Twilio. Retrying, and remembering what was already sent, is
 * the caller's job (an activity with a retry policy and a dedup log keyed by `idempotencyKey`).
 */
import { z } from 'zod';
import type { TwilioConfig } from '../../config';
import { OutboxSmsSender } from './outbox-sms-sender';
import { InvalidOutgoingSms } from './sms-errors';
import { TwilioSmsSender } from './twilio-sms-sender';

export interface OutgoingSms {
  /** E.164, e.g. `+14155550100` */
  to: string;
  body: string;
  /** Stable per (run, step): names the outbox file, sent to Twilio as I-Twilio-Idempotency-Token */
  idempotencyKey: string;
}

export interface SentSms {
  /** Twilio Message SID (`SM…`), or `outbox-<key>` for the outbox */
  providerId: string;
  /** Twilio's status at creation (`queued`, `accepted`), `outbox` for the outbox */
  status?: string;
}

export interface SmsSender {
  readonly kind: 'twilio' | 'outbox';
  /** Throws an `SmsDeliveryError` (see sms-errors.ts) whose `retryable` tells the caller what to do. */
  send(sms: OutgoingSms): Promise<SentSms>;
}

export interface SmsSenderOptions {
  /** unset → outbox. The auth token is a secret: never log it. */
  credentials?: TwilioConfig;
  /** `TWILIO_API_BASE_URL`, e.g. https://api.twilio.com or a local fake */
  apiBaseUrl: string;
  /** `${DATA_DIR}/outbox/sms` */
  outboxDir: string;
  /** Bound on one Twilio request (default 15 s) */
  requestTimeoutMs?: number;
}

export function createSmsSender(options: SmsSenderOptions): SmsSender {
  const sender = options.credentials
    ? new TwilioSmsSender({
        ...options.credentials,
        apiBaseUrl: options.apiBaseUrl,
        ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
      })
    : new OutboxSmsSender(options.outboxDir);
  return new ValidatingSmsSender(sender);
}

const outgoingSmsSchema = z.object({
  // the number's validity is Twilio's call (21211); here only what would break the request
  to: z.string().trim().min(1, 'to is required'),
  body: z.string().min(1, 'body is required'),
  // goes into an HTTP header and a file name
  idempotencyKey: z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, 'idempotencyKey must be 1-255 printable ASCII characters without spaces'),
});

/** Checks the message at the boundary so neither transport has to trust its caller. */
class ValidatingSmsSender implements SmsSender {
  constructor(private readonly inner: SmsSender) {}

  get kind(): SmsSender['kind'] {
    return this.inner.kind;
  }

  send(sms: OutgoingSms): Promise<SentSms> {
    const parsed = outgoingSmsSchema.safeParse(sms);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'sms'}: ${issue.message}`);
      return Promise.reject(new InvalidOutgoingSms(`invalid SMS: ${problems.join('; ')}`));
    }
    return this.inner.send(sms);
  }
}
