/**
 * A local HTTP server speaking Twilio's Messages API the way Twilio does, for the real `twilio`
 * client pointed at it (TWILIO_API_BASE_URL = fake.baseUrl):
 *
 *   POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded To, From | MessagingServiceSid, Body
 *
 * HTTP Basic auth with the account SID and auth token (wrong → 401, code 20003); validation as
 * Twilio answers it (no To → 21604, no Body → 21602, no sender → 21603, To not E.164 → 21211,
 * opted-out To → 21610); success → 201 with Twilio's message JSON (sid SM + 32 hex, status `queued`,
 * or `accepted` when sent through a Messaging Service). Errors use Twilio's body
 * `{code, message, more_info, status}`.
 *
 *   const twilio = await startTwilioFake();
 *   twilio.faults.next(1, { kind: 'answer', status: 429, body: { code: 20429, message: 'Too Many Requests' }, headers: { 'Retry-After': '3' } });
 *   twilio.optOut('+15005550199');
 *   const [sms] = await twilio.waitForMessages(1);
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { waitUntil } from './event-wait';
import { readBody, sendJson, startLoopbackHttpServer, type FakeRequestHandler } from './fake-http';
import { FaultPlan, type Faults } from './fault-plan';

export interface ReceivedSms {
  sid: string;
  accountSid: string;
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
  status: string;
  /** I-Twilio-Idempotency-Token sent with the request, if any */
  idempotencyToken?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** HTTP status the fake answered */
  status: number;
  /** when it arrived (Date.now()) */
  at: number;
  idempotencyToken?: string;
  /** form fields of the body */
  form: Record<string, string>;
}

/** 'answer': this answer instead of Twilio's (nothing is stored), e.g. a 429 or a 5xx. */
export interface TwilioFault {
  kind: 'answer';
  status: number;
  body: object;
  headers?: Record<string, string>;
}

export interface TwilioFakeOptions {
  accountSid?: string;
  authToken?: string;
}

export interface TwilioFake {
  /** http://127.0.0.1:port, what to use as TWILIO_API_BASE_URL */
  readonly baseUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
  /** messages accepted (201) */
  readonly messages: ReceivedSms[];
  /** every request, whatever the answer */
  readonly requests: { readonly count: number; readonly idempotencyTokens: string[]; readonly log: RecordedRequest[] };
  /** resolves once at least n messages were accepted (event-driven); rejects after timeoutMs (default 5 s) */
  waitForMessages(n: number, timeoutMs?: number): Promise<ReceivedSms[]>;
  /** faults of authenticated Messages requests (test/fakes/fault-plan.ts) */
  readonly faults: Faults<TwilioFault>;
  /** messages to this number get 400 / 21610, as after the recipient texted STOP */
  optOut(number: string): void;
  /** forget messages, requests, faults and opt-outs */
  reset(): void;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{1,14}$/;
const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;

export async function startTwilioFake(options: TwilioFakeOptions = {}): Promise<TwilioFake> {
  const accountSid = options.accountSid ?? `AC${randomBytes(16).toString('hex')}`;
  const authToken = options.authToken ?? randomBytes(16).toString('hex');
  const messages: ReceivedSms[] = [];
  const log: RecordedRequest[] = [];
  const faults = new FaultPlan<TwilioFault, void>(() => true);
  const optedOut = new Set<string>();
  const events = new EventEmitter();

  const handle: FakeRequestHandler = async (request, response) => {
    const rawBody = await readBody(request);
    const form = Object.fromEntries(new URLSearchParams(rawBody));
    const tokenHeader = request.headers['i-twilio-idempotency-token'];
    const idempotencyToken = typeof tokenHeader === 'string' ? tokenHeader : undefined;
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    const at = Date.now();

    const answer = (status: number, body: object, headers: Record<string, string> = {}) => {
      log.push({
        method: request.method ?? '',
        path,
        status,
        at,
        form,
        ...(idempotencyToken !== undefined ? { idempotencyToken } : {}),
      });
      sendJson(response, status, body, headers);
    };
    const twilioError = (status: number, code: number, message: string) =>
      answer(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

    if (!authorized(request.headers.authorization, accountSid, authToken)) {
      return twilioError(401, 20003, 'Authenticate');
    }
    const match = MESSAGES_PATH.exec(path);
    if (!match || match[1] !== accountSid) {
      return twilioError(404, 20404, `The requested resource ${path} was not found`);
    }
    if (request.method !== 'POST') return twilioError(405, 20004, 'Method not allowed');

    const fault = faults.take()?.fault;
    if (fault) return answer(fault.status, fault.body, fault.headers);

    const { To: to, From: from, MessagingServiceSid: messagingServiceSid, Body: body } = form;
    if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
    if (!from && !messagingServiceSid) return twilioError(400, 21603, "A 'From' phone number is required.");
    if (!body) return twilioError(400, 21602, 'Message body is required.');
    if (!E164.test(to)) return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (optedOut.has(to)) return twilioError(400, 21610, 'Attempt to send to unsubscribed recipient');

    const sid = `SM${randomBytes(16).toString('hex')}`;
    const status = from ? 'queued' : 'accepted';
    const now = new Date().toUTCString().replace('GMT', '+0000');
    messages.push({
      sid,
      accountSid,
      to,
      ...(from ? { from } : {}),
      ...(messagingServiceSid ? { messagingServiceSid } : {}),
      body,
      status,
      ...(idempotencyToken !== undefined ? { idempotencyToken } : {}),
    });
    answer(201, {
      account_sid: accountSid,
      api_version: '2010-04-01',
      body,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: from ?? null,
      messaging_service_sid: messagingServiceSid ?? null,
      num_media: '0',
      num_segments: String(segments(body)),
      price: null,
      price_unit: 'USD',
      sid,
      status,
      subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
      to,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
    });
    events.emit('message');
  };
  const server = await startLoopbackHttpServer(handle, (response, error) =>
    sendJson(response, 500, { code: 20500, message: String(error), status: 500 }, {}, 'application/json'),
  );

  return {
    baseUrl: server.origin,
    accountSid,
    authToken,
    messages,
    requests: {
      get count() {
        return log.length;
      },
      get idempotencyTokens() {
        return log.flatMap((entry) => (entry.idempotencyToken !== undefined ? [entry.idempotencyToken] : []));
      },
      log,
    },
    waitForMessages(n, timeoutMs = 5_000) {
      return waitUntil(
        events,
        'message',
        () => (messages.length >= n ? messages.slice() : undefined),
        timeoutMs,
        () => `Twilio fake: expected ${n} message(s) within ${timeoutMs} ms, got ${messages.length}`,
      );
    },
    faults,
    optOut(number) {
      optedOut.add(number);
    },
    reset() {
      messages.length = 0;
      log.length = 0;
      faults.clear();
      optedOut.clear();
    },
    close: () => server.close(),
  };
}

function authorized(header: string | undefined, user: string, pass: string): boolean {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  return separator >= 0 && decoded.slice(0, separator) === user && decoded.slice(separator + 1) === pass;
}

/** GSM-7 fits 160 characters (153 per part), anything else UCS-2: 70 (67 per part). Close enough for a fake. */
function segments(body: string): number {
  const gsm = /^[\x20-\x7e\n\r£¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà€]*$/.test(body);
  const [single, part] = gsm ? [160, 153] : [70, 67];
  const length = [...body].length;
  return length <= single ? 1 : Math.ceil(length / part);
}
