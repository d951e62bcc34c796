/**
 * SMS through the `twilio` library (Messages API), one HTTP request per `send()`.
 *
 * How TWILIO_API_BASE_URL is honoured: the library hard-codes https://api.twilio.com in its
 * domains, but sends every request through the `httpClient` given to it. `ApiBaseUrlRequestClient`
 * is that client: it replaces the scheme, host and port of each request (and prepends any base path),
 * keeping the library's path, body, Basic auth and headers. Edge/region host rewriting, which the
 * library reads from TWILIO_EDGE/TWILIO_REGION, is thereby overridden too: the base URL is the one
 * source of truth.
 *
 * The same client is where responses are classified: the library's own RestException drops the
 * response headers, and we need Retry-After. An error status therefore becomes one of our
 * sms-errors.ts errors before the library sees it.
 *
 * Retries: the library's 429 auto-retry is off (it is by default; set explicitly), so the caller's
 * retry policy is the only one. Each send carries its idempotency key as I-Twilio-Idempotency-Token
 * (through AsyncLocalStorage, as the library has no per-call headers). Twilio documents that header
 * for the webhooks it sends, not as a dedup key of the Messages API, so deduplication stays the
 * caller's job.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import twilio from 'twilio';
import RequestClient from 'twilio/lib/base/RequestClient';
import { z } from 'zod';
import type { OutgoingSms, SentSms, SmsSender } from './sms-sender';
import {
  SmsConfigurationError,
  SmsDeliveryError,
  SmsRateLimited,
  SmsRejected,
  SmsTransientError,
  SmsUnexpectedResponse,
  type SmsRejectionReason,
} from './sms-errors';

export const IDEMPOTENCY_HEADER = 'I-Twilio-Idempotency-Token';
const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

export interface TwilioSmsSenderOptions {
  accountSid: string;
  authToken: string;
  /** E.164 sender; ignored when `messagingServiceSid` is set (the service picks the sender) */
  fromNumber?: string;
  messagingServiceSid?: string;
  apiBaseUrl: string;
  requestTimeoutMs?: number;
}

/** Twilio's error body: `{code, message, more_info, status}`; newer APIs answer RFC 9457 `{title, detail, code, status}`. */
const twilioErrorBodySchema = z.looseObject({
  code: z.coerce.number().int().optional().catch(undefined),
  message: z.string().optional().catch(undefined),
  detail: z.string().optional().catch(undefined),
  title: z.string().optional().catch(undefined),
  more_info: z.string().optional().catch(undefined),
});

/** The part of the created message we record. */
const createdMessageSchema = z.object({
  sid: z.string().regex(/^[A-Z]{2}[0-9a-fA-F]{32}$/),
  status: z.string().min(1),
});

const idempotencyTokens = new AsyncLocalStorage<string>();

export class TwilioSmsSender implements SmsSender {
  readonly kind = 'twilio' as const;
  private readonly client: twilio.Twilio;
  private readonly sender: { from: string } | { messagingServiceSid: string };

  constructor(options: TwilioSmsSenderOptions) {
    if (options.messagingServiceSid) this.sender = { messagingServiceSid: options.messagingServiceSid };
    else if (options.fromNumber) this.sender = { from: options.fromNumber };
    else throw new SmsConfigurationError('Twilio needs TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID');
    if (!/^AC[0-9a-fA-F]{32}$/.test(options.accountSid)) {
      throw new SmsConfigurationError('TWILIO_ACCOUNT_SID must be AC followed by 32 hex digits');
    }
    const timeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.client = twilio(options.accountSid, options.authToken, {
      httpClient: new ApiBaseUrlRequestClient(parseApiBaseUrl(options.apiBaseUrl), { timeout, autoRetry: false }),
      autoRetry: false,
      // TWILIO_LOG_LEVEL=debug in the environment would print every request
      logLevel: 'info',
    });
  }

  async send(sms: OutgoingSms): Promise<SentSms> {
    let created: { sid?: unknown; status?: unknown };
    try {
      created = await idempotencyTokens.run(sms.idempotencyKey, () =>
        this.client.messages.create({ to: sms.to, body: sms.body, ...this.sender }),
      );
    } catch (error) {
      if (error instanceof SmsDeliveryError) throw error;
      throw networkFailure(error);
    }
    const message = createdMessageSchema.safeParse({ sid: created.sid, status: created.status });
    if (!message.success) {
      throw new SmsUnexpectedResponse(
        'Twilio accepted the request but its answer has no usable message SID and status',
      );
    }
    return { providerId: message.data.sid, status: message.data.status };
  }
}

function parseApiBaseUrl(apiBaseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(apiBaseUrl);
  } catch {
    throw new SmsConfigurationError('TWILIO_API_BASE_URL is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SmsConfigurationError('TWILIO_API_BASE_URL must be an http(s) URL');
  }
  if (url.username || url.password) throw new SmsConfigurationError('TWILIO_API_BASE_URL must not contain credentials');
  return url;
}

type TwilioResponse<T> = Awaited<ReturnType<RequestClient['request']>> & { body: T };

/** The library's HTTP client, pointed at the configured base URL, turning error answers into our errors. */
class ApiBaseUrlRequestClient extends RequestClient {
  constructor(
    private readonly apiBaseUrl: URL,
    options: RequestClient.RequestClientOptions,
  ) {
    super(options);
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<TwilioResponse<TData>> {
    const token = idempotencyTokens.getStore();
    const response = await super.request<TData>({
      ...opts,
      uri: this.rebase(opts.uri),
      headers: { ...opts.headers, ...(token !== undefined ? { [IDEMPOTENCY_HEADER]: token } : {}) },
    });
    if (response.statusCode >= 400) throw errorFromResponse(response.statusCode, response.body, response.headers);
    return response as TwilioResponse<TData>;
  }

  private rebase(uri: string): string {
    const original = new URL(uri);
    const basePath = this.apiBaseUrl.pathname.replace(/\/+$/, '');
    return `${this.apiBaseUrl.origin}${basePath}${original.pathname}${original.search}`;
  }
}

/** An HTTP error answer from Twilio → the error the caller acts on. */
export function errorFromResponse(status: number, rawBody: unknown, headers: unknown): SmsDeliveryError {
  const body = twilioErrorBodySchema.safeParse(typeof rawBody === 'string' ? safeJson(rawBody) : rawBody);
  const fields = body.success ? body.data : {};
  const code = fields.code;
  const details = {
    httpStatus: status,
    ...(code !== undefined ? { code } : {}),
    ...(fields.more_info ? { moreInfo: fields.more_info } : {}),
  };
  const said = fields.message ?? fields.detail ?? fields.title;
  const describe = (what: string) =>
    `${what} (HTTP ${status}${code !== undefined ? `, code ${code}` : ''})${said ? `: ${said}` : ''}`;

  if (status === 429 || code === 20429) {
    const retryAfterMs = retryAfterMsFrom(headerValue(headers, 'retry-after'));
    return new SmsRateLimited(describe('Twilio rate limit'), {
      ...details,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  if (status >= 500 || status === 408)
    return new SmsTransientError(describe('Twilio unavailable'), { ...details, reason: 'server' });
  return new SmsRejected(describe('Twilio rejected the SMS'), { ...details, reason: rejectionReason(status, code) });
}

function rejectionReason(status: number, code: number | undefined): SmsRejectionReason {
  if (status === 401 || code === 20003) return 'authentication';
  if (code === 21610) return 'opted-out';
  if (code === 21211 || code === 21614) return 'invalid-number';
  return 'invalid-request';
}

/** Retry-After: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
function retryAfterMsFrom(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  const value: unknown = entry?.[1];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** No HTTP answer: connection refused/reset, DNS, timeout. Only the code and message are kept (see sms-errors.ts). */
function networkFailure(error: unknown): SmsTransientError {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  const code = typeof failure.code === 'string' ? failure.code : undefined;
  const message = typeof failure.message === 'string' ? failure.message : String(error);
  const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message);
  return new SmsTransientError(`Twilio request failed${code ? ` (${code})` : ''}: ${message}`, {
    reason: timedOut ? 'timeout' : 'network',
  });
}
