/**
 * Sending one e-mail: the contract the e-mail activities depend on, and the factory that picks the
 * transport from configuration (SMTP when `SMTP_URL` is set, `.eml` files in the outbox otherwise).
 *
 * One `send()` is at most one delivery attempt. Retrying, and remembering what was already sent, is
 * the caller's job (an activity with a retry policy and a dedup log keyed by run and step); the
 * stable `messageId` makes every attempt of the same step the same message for the recipient's
 * mail system and for the outbox.
 */
import { z } from 'zod';
import { InvalidOutgoingEmail } from './email-errors';
import { OutboxEmailSender } from './outbox-email-sender';
import { SmtpEmailSender, type SmtpTimeouts } from './smtp-email-sender';

export interface OutgoingEmail {
  /** `notifications@example.com` or `Clinic <notifications@example.com>` */
  from: string;
  to: string;
  subject: string;
  /**
   * At least one of `html` and `text`. Both → multipart/alternative. Only `html` → an HTML-only
   * message: no text part is derived here, the template layer renders `text` when it wants one.
   */
  html?: string;
  text?: string;
  /** Stable per (run, step), e.g. `<run-x.step-y@appointment-engine>`: becomes the Message-ID header */
  messageId: string;
  /** Extra headers (e.g. `X-Appointment-Id`); cannot override From/To/Subject/Message-ID/Date */
  headers?: Record<string, string>;
  /**
   * An iCalendar invite: sent as a `text/calendar; method=…` alternative (what mail clients show as
   * an invitation) and as an `invite.ics` attachment (mail-options.ts)
   */
  calendarInvite?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

export interface SentEmail {
  /** The message's Message-ID, what the recipient's mail system knows it by */
  providerId: string;
  /** The SMTP server's final reply (e.g. `250 OK: queued as …`), or where the outbox put it */
  response?: string;
}

export interface EmailSender {
  readonly kind: 'smtp' | 'outbox';
  /** Throws an `EmailDeliveryError` (see email-errors.ts) whose `retryable` tells the caller what to do. */
  send(email: OutgoingEmail): Promise<SentEmail>;
  close(): Promise<void>;
}

export interface EmailSenderOptions {
  /** `SMTP_URL`; unset → outbox. Contains a password: never log it. */
  smtpUrl?: string;
  /** `${DATA_DIR}/outbox/email` */
  outboxDir: string;
  /** Bounds on one SMTP attempt; defaults in smtp-email-sender.ts */
  smtpTimeouts?: Partial<SmtpTimeouts>;
}

export function createEmailSender(options: EmailSenderOptions): EmailSender {
  const sender = options.smtpUrl
    ? new SmtpEmailSender({ smtpUrl: options.smtpUrl, timeouts: options.smtpTimeouts })
    : new OutboxEmailSender(options.outboxDir);
  return new ValidatingEmailSender(sender);
}

const singleLine = (what: string, minLength = 0) =>
  z
    .string()
    .min(minLength, `${what} is required`)
    .refine((value) => !/[\r\n]/.test(value), `${what} must be a single line`);

/** RFC 5322 msg-id, angle brackets included; the outbox derives its file name from it */
const messageIdPattern = /^<[^<>\s@]+@[^<>\s@]+>$/;
/** RFC 5322 field name: printable ASCII except the colon */
const headerNamePattern = /^[\x21-\x39\x3b-\x7e]+$/;
/** Set from the message's own fields; a duplicate header would contradict them */
const reservedHeaders = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'message-id',
  'date',
  'mime-version',
  'content-type',
]);

const outgoingEmailSchema = z
  .object({
    from: singleLine('from', 3),
    to: singleLine('to', 3),
    subject: singleLine('subject'),
    html: z.string().optional(),
    text: z.string().optional(),
    messageId: z.string().regex(messageIdPattern, 'messageId must look like <local@domain>'),
    headers: z
      .record(
        z
          .string()
          .regex(headerNamePattern, 'header names are printable ASCII without ":"')
          .refine((name) => !reservedHeaders.has(name.toLowerCase()), 'header is set from the message fields'),
        singleLine('header value'),
      )
      .optional(),
    calendarInvite: z
      .object({
        method: z.enum(['REQUEST', 'CANCEL']),
        content: z.string().startsWith('BEGIN:VCALENDAR', 'calendarInvite must be an iCalendar object'),
      })
      .optional(),
  })
  .refine((email) => email.html !== undefined || email.text !== undefined, 'an e-mail needs html or text');

/** Checks the message at the boundary so neither transport has to trust its caller. */
class ValidatingEmailSender implements EmailSender {
  constructor(private readonly inner: EmailSender) {}

  get kind(): EmailSender['kind'] {
    return this.inner.kind;
  }

  send(email: OutgoingEmail): Promise<SentEmail> {
    const parsed = outgoingEmailSchema.safeParse(email);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'email'}: ${issue.message}`);
      return Promise.reject(new InvalidOutgoingEmail(`invalid e-mail: ${problems.join('; ')}`));
    }
    return this.inner.send(email);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
