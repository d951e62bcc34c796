/**
 * E-mail over SMTP with nodemailer, one connection and one delivery attempt per `send()`.
 *
 * Why no pool: a pooled transport keeps a queue and may hand a message to a fresh connection after
 * the old one died, i.e. send it twice without the caller knowing. Here a failure is reported once,
 * classified (email-errors.ts), and the caller decides. The one window no client can close: the
 * server stored the message but the connection died before its 250 reached us; we then report a
 * transient error and a retry delivers a second copy with the same Message-ID.
 *
 * SMTP_URL: `smtp://user:pass@host:port` (plain, upgraded with STARTTLS whenever the server offers
 * it; default port 587) or `smtps://user:pass@host:port` (implicit TLS; default port 465).
 * User and password are percent-decoded. The only option: `?tls_reject_unauthorized=false` accepts
 * a self-signed or otherwise unverifiable certificate; it is off unless written out.
 */
import { mailOptions } from './mail-options';
import nodemailer from 'nodemailer';
import type { NodemailerError, SMTPSentMessageInfo, SMTPTransportOptions, Transporter } from 'nodemailer';
import { z } from 'zod';
import type { EmailSender, OutgoingEmail, SentEmail } from './email-sender';
import {
  EmailConfigurationError,
  EmailDeliveryError,
  EmailRejected,
  EmailTransientError,
  InvalidOutgoingEmail,
} from './email-errors';

export interface SmtpTimeouts {
  /** TCP (and implicit TLS) connect */
  connectionMs: number;
  /** from connect to the server's 220 greeting */
  greetingMs: number;
  /** longest silence on the socket once connected */
  socketMs: number;
  /** the whole attempt: a server trickling bytes cannot keep the caller forever */
  totalMs: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = {
  connectionMs: 10_000,
  greetingMs: 10_000,
  socketMs: 30_000,
  totalMs: 60_000,
};

export interface SmtpEndpoint {
  host: string;
  port: number;
  /** implicit TLS (smtps://) */
  secure: boolean;
  auth?: { user: string; pass: string };
  /** false only when SMTP_URL says `tls_reject_unauthorized=false` */
  rejectUnauthorized: boolean;
}

const smtpUrlOptionsSchema = z.object({ tls_reject_unauthorized: z.enum(['true', 'false']).optional() }).strict();

/** Parses SMTP_URL. Errors name the problem, never the URL (it holds the password). */
export function parseSmtpUrl(smtpUrl: string): SmtpEndpoint {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new EmailConfigurationError('SMTP_URL is not a valid URL');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new EmailConfigurationError(`SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw new EmailConfigurationError('SMTP_URL has no host');
  const secure = url.protocol === 'smtps:';

  const query = Object.fromEntries(url.searchParams);
  const options = smtpUrlOptionsSchema.safeParse(query);
  if (!options.success) {
    const known = new Set(Object.keys(smtpUrlOptionsSchema.shape));
    const unknown = Object.keys(query).filter((key) => !known.has(key));
    throw new EmailConfigurationError(
      unknown.length > 0
        ? `SMTP_URL has unknown option(s): ${unknown.join(', ')} (supported: tls_reject_unauthorized)`
        : 'SMTP_URL option tls_reject_unauthorized must be true or false',
    );
  }

  let auth: SmtpEndpoint['auth'];
  if (url.username !== '' || url.password !== '') {
    try {
      auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
    } catch {
      throw new EmailConfigurationError('SMTP_URL user or password is not valid percent-encoding');
    }
  }

  return {
    host,
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    ...(auth ? { auth } : {}),
    rejectUnauthorized: options.data.tls_reject_unauthorized !== 'false',
  };
}

export class SmtpEmailSender implements EmailSender {
  readonly kind = 'smtp' as const;
  private readonly transport: Transporter<SMTPSentMessageInfo, SMTPTransportOptions>;
  private readonly timeouts: SmtpTimeouts;

  constructor(options: { smtpUrl: string; timeouts?: Partial<SmtpTimeouts> }) {
    const endpoint = parseSmtpUrl(options.smtpUrl);
    this.timeouts = { ...DEFAULT_SMTP_TIMEOUTS, ...options.timeouts };
    const transportOptions: SMTPTransportOptions = {
      host: endpoint.host,
      port: endpoint.port,
      secure: endpoint.secure,
      ...(endpoint.auth ? { auth: endpoint.auth } : {}),
      tls: { rejectUnauthorized: endpoint.rejectUnauthorized },
      connectionTimeout: this.timeouts.connectionMs,
      greetingTimeout: this.timeouts.greetingMs,
      socketTimeout: this.timeouts.socketMs,
      dnsTimeout: this.timeouts.connectionMs,
      // no `pool`: see the header comment
      logger: false,
      debug: false,
    };
    this.transport = nodemailer.createTransport(transportOptions);
  }

  async send(email: OutgoingEmail): Promise<SentEmail> {
    let info: SMTPSentMessageInfo;
    try {
      info = await this.transport.sendMail({
        ...mailOptions(email),
        signal: AbortSignal.timeout(this.timeouts.totalMs),
      });
    } catch (error) {
      throw this.classify(error);
    }
    return { providerId: info.messageId || email.messageId, response: info.response };
  }

  async close(): Promise<void> {
    this.transport.close();
  }

  /** nodemailer's error → the error the caller acts on (RFC 5321: 5yz permanent, 4yz transient). */
  private classify(error: unknown): EmailDeliveryError {
    if (error instanceof EmailDeliveryError) return error;
    const failure = (typeof error === 'object' && error !== null ? error : {}) as Partial<NodemailerError>;
    const message = typeof failure.message === 'string' ? failure.message : String(error);
    const details = {
      ...(typeof failure.responseCode === 'number' ? { responseCode: failure.responseCode } : {}),
      ...(typeof failure.command === 'string' ? { command: failure.command } : {}),
    };

    if (details.responseCode !== undefined && details.responseCode >= 400) {
      // 503 "bad sequence of commands" is about the session, not the message: a new one may succeed
      const permanent = details.responseCode >= 500 && details.responseCode !== 503;
      return permanent
        ? new EmailRejected(`SMTP server refused the message: ${message}`, details)
        : new EmailTransientError(`SMTP server deferred the message: ${message}`, { reason: 'smtp-reply', ...details });
    }

    switch (failure.code) {
      case 'EABORT':
        return new EmailTransientError(`SMTP delivery did not finish within ${this.timeouts.totalMs} ms`, {
          reason: 'timeout',
          ...details,
        });
      case 'ETIMEDOUT':
        return new EmailTransientError(`SMTP ${describeTimeout(failure.timeoutType)} timed out: ${message}`, {
          reason: 'timeout',
          ...details,
        });
      case 'ECONNECTION':
      case 'ESOCKET':
      case 'EDNS':
        return isCertificateFailure(failure)
          ? new EmailTransientError(`SMTP TLS certificate not accepted: ${message}`, { reason: 'tls', ...details })
          : new EmailTransientError(`SMTP connection failed: ${message}`, { reason: 'connection', ...details });
      case 'ETLS':
        return new EmailTransientError(`SMTP TLS negotiation failed: ${message}`, { reason: 'tls', ...details });
      case 'EAUTH':
      case 'ENOAUTH':
      case 'ECONFIG':
      case 'EREQUIRETLS':
        return new EmailConfigurationError(`SMTP configuration problem: ${message}`, details);
      case 'EENVELOPE':
      case 'EMESSAGE':
        // no reply code: nodemailer refused the message before the server saw it
        return new InvalidOutgoingEmail(`e-mail not sendable: ${message}`, details);
      default:
        return new EmailTransientError(`SMTP delivery failed: ${message}`, { reason: 'protocol', ...details });
    }
  }
}

function describeTimeout(timeoutType: NodemailerError['timeoutType']): string {
  switch (timeoutType) {
    case 'CONNECT_TIMEOUT':
      return 'connection';
    case 'GREETING_TIMEOUT':
      return 'greeting';
    case 'UPGRADE_TIMEOUT':
      return 'TLS upgrade';
    case 'SOCKET_TIMEOUT':
      return 'socket';
    default:
      return 'operation';
  }
}

function isCertificateFailure(failure: Partial<NodemailerError>): boolean {
  const code = failure.originalCode ?? '';
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code);
}
