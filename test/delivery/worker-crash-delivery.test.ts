/**
 * Exactly once across a worker crash. The worker runs in a process of its own and is killed with
 * SIGKILL while two confirmation e-mails are in flight (the SMTP fake withholds its answers); then
 * the engine's own worker is started, and the runs finish there.
 *
 * The two places a crash can hit a send, one appointment each:
 * - before the SMTP server has the whole message: the server discards it with the connection, the
 *   retry delivers it — one copy;
 * - after the server stored it, before its 250 reached the worker (the window message-activities.ts
 *   documents): nobody can know it went through, so the retry delivers it again — two copies under
 *   one Message-ID (one message for mail systems that deduplicate on it), one "sent" for the user.
 * Every other message of the runs (SMS, in-app) arrives once.
 *
 * Temporal hands a dead worker's activity to another worker when its heartbeat timeout (15 s;
 * sendMessage heartbeats) runs out; the time-skipping server cannot shorten that (it does not skip
 * time while an activity is in flight), hence the real dev server. No fixed sleep: the test waits
 * for the outcome.
 */
import { startSmtpFake, type ReceivedEmail, type SmtpFake } from '../fakes/smtp-fake';
import { startTwilioFake, type TwilioFake } from '../fakes/twilio-fake';
import { createPostgresDatabase } from '../harness/databases';
import { startTestEngine, TEST_API_KEY, type TestEngine } from '../harness/engine';
import { publishAutomation } from '../harness/automation-publishing';
import { book } from '../harness/bookings';
import { deliverySetup, messageEventsOf, messagesAfterRun, twoDaysAfter } from './delivery-steps';
import { startWorkerProcess, type WorkerProcess } from '../harness/worker-process/worker-process';

/** the heartbeat timeout, the sticky queue's timeout and the retry's backoff, with room */
const RECOVERY_MS = 100_000;
jest.setTimeout(RECOVERY_MS + 40_000);

let smtp: SmtpFake;
let twilio: TwilioFake;
let t: TestEngine;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  [smtp, twilio] = await Promise.all([startSmtpFake(), startTwilioFake()]);
  const settings = {
    SMTP_URL: smtp.url,
    EMAIL_FROM: 'notifications@clinic.example',
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM_NUMBER: '+15005550006',
    TWILIO_API_BASE_URL: twilio.baseUrl,
  };
  // PostgreSQL, so that the worker process and the engine share one message log
  const databaseUrl = await createPostgresDatabase();
  t = await startTestEngine(settings, { databaseUrl });
  const { config } = t.engine;
  await t.engine.stopWorker(); // until the crash, the worker process is the only one
  worker = await startWorkerProcess({
    ...settings,
    TEMPORAL_ADDRESS: t.engine.temporalAddress,
    TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
    DATABASE_URL: databaseUrl,
    DATA_DIR: config.dataDir,
    API_KEY: TEST_API_KEY,
    ENCRYPTION_KEY: config.encryptionKey.toString('base64'),
    LOG_LEVEL: 'silent',
  });
});
afterAll(async () => {
  await worker?.kill();
  await t?.stop();
  await Promise.all([smtp?.close(), twilio?.close()]);
});

const mailsOf = (appointmentId: string): ReceivedEmail[] =>
  smtp.messages.filter((mail) => mail.headers['x-appointment-id'] === appointmentId);
const stepsOf = async (appointmentId: string) =>
  (await messageEventsOf(t.api, appointmentId)).map((entry) => `${entry.type}:${entry.stepId}`);

test('a worker killed mid-send: after the restart each message is delivered once — an e-mail the SMTP server had already stored twice under one Message-ID', async () => {
  const setup = await deliverySetup(t.api);
  await publishAutomation(t.api, setup, [
    {
      id: 'confirm',
      type: 'send_email',
      to: 'contact',
      subject: 'Confirmed: {{appointment.title}}',
      text: 'See you, {{contact.first_name}}.',
    },
    { id: 'confirm-sms', type: 'send_sms', to: 'contact', body: 'Confirmed: {{appointment.title}}' },
    {
      id: 'tell-host',
      type: 'internal_notification',
      channel: 'in_app',
      to: 'assigned_user',
      body: 'Booked: {{appointment.title}}',
    },
  ]);
  const startMs = twoDaysAfter(Date.now());

  const beforeData = smtp.faults.next(1, { kind: 'hold', at: 'rcpt' });
  const notYetStored = await book(t.api, setup, startMs, { title: 'First' });
  await beforeData.waitForHeld(1, 15_000);
  const afterData = smtp.faults.next(1, { kind: 'hold', at: 'data' });
  const stored = await book(t.api, setup, startMs + 3_600_000, { title: 'Second' });
  await afterData.waitForHeld(1, 15_000);
  expect(mailsOf(notYetStored)).toHaveLength(0);
  expect(mailsOf(stored)).toHaveLength(1);

  await worker!.kill();
  await t.engine.startWorker();

  for (const id of [notYetStored, stored]) {
    const messages = await messagesAfterRun(t.api, id, RECOVERY_MS);
    expect(messages.map((m) => `${m.stepId}:${m.status}`)).toEqual([
      'confirm:sent',
      'confirm-sms:sent',
      'tell-host:sent',
    ]);
    expect(new Set(mailsOf(id).map((mail) => mail.messageId))).toEqual(new Set([messages[0]!.providerId]));
    expect(await stepsOf(id)).toEqual(['message.sent:confirm', 'message.sent:confirm-sms', 'message.sent:tell-host']);
  }
  expect(mailsOf(notYetStored)).toHaveLength(1);
  expect(mailsOf(stored)).toHaveLength(2); // the documented window
  expect(smtp.attempts).toBe(4); // two cut off by the crash, two retries
  expect(twilio.messages.map((sms) => sms.body).sort()).toEqual(['Confirmed: First', 'Confirmed: Second']);
  const notifications = (await t.api.get(`/v1/users/${setup.hostId}/notifications`)).body as { body: string }[];
  expect(notifications.map((n) => n.body).sort()).toEqual(['Booked: First', 'Booked: Second']);
});
