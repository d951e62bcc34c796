/**
 * SMS delivery as Twilio sees it: the real `twilio` client, pointed at a local server speaking
 * Twilio's Messages API (test/fakes/twilio-fake.ts) through TWILIO_API_BASE_URL. Failures come back
 * as errors whose `retryable` tells the caller whether to try again. Without credentials, messages
 * land as JSON files in the outbox.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSmsSender, type OutgoingSms, type SmsSender } from '../../src/integrations/sms/sms-sender';
import {
  InvalidOutgoingSms,
  SmsConfigurationError,
  SmsDeliveryError,
  SmsRateLimited,
  SmsRejected,
  SmsTransientError,
} from '../../src/integrations/sms/sms-errors';
import { startTwilioFake, type TwilioFake } from '../fakes/twilio-fake';
import { freePort } from '../harness/ports';

const reminder = (overrides: Partial<OutgoingSms> = {}): OutgoingSms => ({
  to: '+14155550100',
  body: 'Reminder: Bright Smiles tomorrow at 3:00 PM',
  idempotencyKey: 'automation-run:a1:apt-1:1/step-sms',
  ...overrides,
});

/** the error a send failed with (fails the test if it succeeded) */
async function failureOf(sending: Promise<unknown>): Promise<SmsDeliveryError> {
  const outcome = await sending.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof SmsDeliveryError)) throw new Error(`expected an SmsDeliveryError, got ${String(outcome)}`);
  return outcome;
}

describe('Twilio sender', () => {
  let twilio: TwilioFake;
  let sender: SmsSender;

  beforeAll(async () => {
    twilio = await startTwilioFake();
    sender = createSmsSender({
      credentials: { accountSid: twilio.accountSid, authToken: twilio.authToken, fromNumber: '+15005550006' },
      apiBaseUrl: twilio.baseUrl,
      outboxDir: '/nonexistent/outbox',
    });
  });
  afterEach(() => twilio.reset());
  afterAll(() => twilio.close());

  test('uses Twilio when credentials are set', () => {
    expect(sender.kind).toBe('twilio');
  });

  test('the message reaches Twilio at TWILIO_API_BASE_URL with To, From, Body, Basic auth and the idempotency key; the SID comes back', async () => {
    const sent = await sender.send(reminder());

    expect(sent.providerId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(sent.status).toBe('queued');
    expect(twilio.messages).toEqual([
      {
        sid: sent.providerId,
        accountSid: twilio.accountSid,
        to: '+14155550100',
        from: '+15005550006',
        body: 'Reminder: Bright Smiles tomorrow at 3:00 PM',
        status: 'queued',
        idempotencyToken: 'automation-run:a1:apt-1:1/step-sms',
      },
    ]);
    expect(twilio.requests.count).toBe(1);
  });

  test('a Messaging Service sender sends MessagingServiceSid instead of From', async () => {
    const viaService = createSmsSender({
      credentials: {
        accountSid: twilio.accountSid,
        authToken: twilio.authToken,
        messagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
      },
      apiBaseUrl: twilio.baseUrl,
      outboxDir: '/nonexistent',
    });

    const sent = await viaService.send(reminder());

    expect(sent.status).toBe('accepted');
    const [received] = await twilio.waitForMessages(1);
    expect(received).toMatchObject({ messagingServiceSid: 'MG0123456789abcdef0123456789abcdef', to: '+14155550100' });
    expect(received?.from).toBeUndefined();
  });

  test('an invalid number (21211): SmsRejected with the code, not retryable', async () => {
    const error = await failureOf(sender.send(reminder({ to: '555-0100' })));

    expect(error).toBeInstanceOf(SmsRejected);
    expect(error).toMatchObject({ retryable: false, code: 21211, httpStatus: 400, reason: 'invalid-number' });
    expect(error.moreInfo).toBe('https://www.twilio.com/docs/errors/21211');
    expect(twilio.messages).toHaveLength(0);
  });

  test('an opted-out recipient (21610): SmsRejected with the code, not retryable', async () => {
    twilio.optOut('+14155550100');

    const error = await failureOf(sender.send(reminder()));

    expect(error).toBeInstanceOf(SmsRejected);
    expect(error).toMatchObject({ retryable: false, code: 21610, reason: 'opted-out' });
  });

  test('a number that is not a mobile (21614) and any other 4xx: SmsRejected', async () => {
    twilio.faults.next(1, {
      kind: 'answer',
      status: 400,
      body: { code: 21614, message: "'To' number is not a valid mobile number", status: 400 },
    });
    twilio.faults.next(1, {
      kind: 'answer',
      status: 404,
      body: { code: 20404, message: 'The requested resource was not found', status: 404 },
    });

    const notMobile = await failureOf(sender.send(reminder()));
    const notFound = await failureOf(sender.send(reminder()));

    expect(notMobile).toMatchObject({ retryable: false, code: 21614, reason: 'invalid-number' });
    expect(notFound).toBeInstanceOf(SmsRejected);
    expect(notFound).toMatchObject({ retryable: false, code: 20404, httpStatus: 404, reason: 'invalid-request' });
  });

  test('wrong credentials: 401 / 20003, rejected and not retryable, told apart by reason; the token is in no message', async () => {
    const wrong = createSmsSender({
      credentials: { accountSid: twilio.accountSid, authToken: 'not-the-token', fromNumber: '+15005550006' },
      apiBaseUrl: twilio.baseUrl,
      outboxDir: '/nonexistent',
    });

    const error = await failureOf(wrong.send(reminder()));

    expect(error).toBeInstanceOf(SmsRejected);
    expect(error).toMatchObject({ retryable: false, httpStatus: 401, code: 20003, reason: 'authentication' });
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('not-the-token');
  });

  test('429 with Retry-After: SmsRateLimited, retryable, with retryAfterMs; nothing retried behind the caller', async () => {
    twilio.faults.next(1, {
      kind: 'answer',
      status: 429,
      body: {
        code: 20429,
        message: 'Too Many Requests',
        more_info: 'https://www.twilio.com/docs/errors/20429',
        status: 429,
      },
      headers: { 'Retry-After': '3' },
    });

    const error = await failureOf(sender.send(reminder()));

    expect(error).toBeInstanceOf(SmsRateLimited);
    expect(error).toMatchObject({ retryable: true, code: 20429, retryAfterMs: 3000 });
    expect(twilio.requests.count).toBe(1);
  });

  test('429 without Retry-After: SmsRateLimited without a delay (the caller backs off)', async () => {
    twilio.faults.next(1, {
      kind: 'answer',
      status: 429,
      body: { code: 20429, message: 'Too Many Requests', status: 429 },
    });

    const error = await failureOf(sender.send(reminder()));

    expect(error).toBeInstanceOf(SmsRateLimited);
    expect((error as SmsRateLimited).retryAfterMs).toBeUndefined();
  });

  test('500 from Twilio: transient and retryable; the next attempt goes through', async () => {
    twilio.faults.next(1, {
      kind: 'answer',
      status: 500,
      body: { code: 20500, message: 'Internal Server Error', status: 500 },
    });

    const error = await failureOf(sender.send(reminder()));

    expect(error).toBeInstanceOf(SmsTransientError);
    expect(error).toMatchObject({ retryable: true, httpStatus: 500, reason: 'server' });
    await sender.send(reminder());
    expect(twilio.messages).toHaveLength(1);
    expect(twilio.requests.idempotencyTokens).toEqual([
      'automation-run:a1:apt-1:1/step-sms',
      'automation-run:a1:apt-1:1/step-sms',
    ]);
  });

  test('an invalid message is refused before any request', async () => {
    const error = await failureOf(sender.send(reminder({ body: '', idempotencyKey: 'has spaces' })));

    expect(error).toBeInstanceOf(InvalidOutgoingSms);
    expect(error.retryable).toBe(false);
    expect(twilio.requests.count).toBe(0);
  });
});

describe('Twilio sender without an answer', () => {
  const credentials = { accountSid: `AC${'0'.repeat(32)}`, authToken: 'token', fromNumber: '+15005550006' };

  test('connection refused: transient', async () => {
    const sender = createSmsSender({
      credentials,
      apiBaseUrl: `http://127.0.0.1:${await freePort()}`,
      outboxDir: '/nonexistent',
    });

    const error = await failureOf(sender.send(reminder()));

    expect(error).toBeInstanceOf(SmsTransientError);
    expect(error).toMatchObject({ retryable: true, reason: 'network' });
  });

  test('a server that never answers: a bounded timeout, transient', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const sender = createSmsSender({
      credentials,
      apiBaseUrl: `http://127.0.0.1:${port}`,
      outboxDir: '/nonexistent',
      requestTimeoutMs: 300,
    });

    try {
      const error = await failureOf(sender.send(reminder()));

      expect(error).toBeInstanceOf(SmsTransientError);
      expect(error).toMatchObject({ retryable: true, reason: 'timeout' });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  test('unusable settings are configuration errors', () => {
    expect(() =>
      createSmsSender({
        credentials: { ...credentials, fromNumber: undefined },
        apiBaseUrl: 'https://api.twilio.com',
        outboxDir: '/x',
      }),
    ).toThrow(SmsConfigurationError);
    expect(() =>
      createSmsSender({
        credentials: { ...credentials, accountSid: 'AC1' },
        apiBaseUrl: 'https://api.twilio.com',
        outboxDir: '/x',
      }),
    ).toThrow(SmsConfigurationError);
    expect(() => createSmsSender({ credentials, apiBaseUrl: 'ftp://api.twilio.com', outboxDir: '/x' })).toThrow(
      SmsConfigurationError,
    );
  });
});

describe('outbox (no Twilio credentials)', () => {
  let outboxDir: string;
  let sender: SmsSender;

  beforeEach(async () => {
    outboxDir = path.join(await mkdtemp(path.join(tmpdir(), 'sms-outbox-')), 'outbox', 'sms');
    sender = createSmsSender({ apiBaseUrl: 'https://api.twilio.com', outboxDir });
  });
  afterEach(async () => {
    await rm(path.dirname(path.dirname(outboxDir)), { recursive: true, force: true });
  });

  test('each message becomes one JSON file named by its idempotency key', async () => {
    expect(sender.kind).toBe('outbox');

    const sent = await sender.send(reminder({ idempotencyKey: 'run-1.step-sms' }));

    expect(sent).toEqual({ providerId: 'outbox-run-1.step-sms', status: 'outbox' });
    expect(await readdir(outboxDir)).toEqual(['run-1.step-sms.json']);
    const written: unknown = JSON.parse(await readFile(path.join(outboxDir, 'run-1.step-sms.json'), 'utf8'));
    expect(written).toEqual({
      providerId: 'outbox-run-1.step-sms',
      idempotencyKey: 'run-1.step-sms',
      to: '+14155550100',
      body: 'Reminder: Bright Smiles tomorrow at 3:00 PM',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  test('idempotent per key: repeated and concurrent sends leave one file and give the same providerId; another key gets its own', async () => {
    const first = await sender.send(reminder());
    const again = await Promise.all([sender.send(reminder()), sender.send(reminder())]);
    await sender.send(reminder({ idempotencyKey: 'automation-run:a1:apt-1:1/step-sms-2' }));

    expect(again.map((sent) => sent.providerId)).toEqual([first.providerId, first.providerId]);
    const files = (await readdir(outboxDir)).sort();
    expect(files).toHaveLength(2);
    for (const file of files) expect(file).toMatch(/^[A-Za-z0-9._@+-]+\.json$/);
  });

  test('a number that is not E.164 is refused like Twilio does (21211), nothing written', async () => {
    const error = await failureOf(sender.send(reminder({ to: '555-0100' })));

    expect(error).toBeInstanceOf(SmsRejected);
    expect(error).toMatchObject({ retryable: false, code: 21211 });
    await expect(readdir(outboxDir)).rejects.toThrow(/ENOENT/);
  });
});
