/**
 * SMS, end to end: automations published and appointments booked through the HTTP API, the engine
 * on a time-skipping Temporal server with the real `twilio` client pointed at a Twilio fake
 * (test/fakes/twilio-fake.ts); what Twilio received is counted at the fake, what the user sees is
 * read from GET /v1/appointments/{id}/messages and the appointment's timeline.
 */
import { randomInt } from 'node:crypto';
import { startTimeSkippingEngine, type TimeSkippingEngine } from '../harness/time-skipping-engine';
import { publishAutomation } from '../harness/automation-publishing';
import { book } from '../harness/bookings';
import {
  deliverySetup,
  MEETING_PLACE,
  messageEventsOf,
  messagesAfterRun,
  runEnded,
  twoDaysAfter,
  type DeliverySetup,
} from './delivery-steps';

const FROM_NUMBER = '+15005550006'; // startTimeSkippingEngine's TWILIO_FROM_NUMBER

let t: TimeSkippingEngine;
beforeAll(async () => {
  t = await startTimeSkippingEngine();
});
afterAll(async () => {
  await t?.stop();
});
beforeEach(() => t.twilio.reset());

/** Every contact gets a number of its own, so counts at the fake are per test. */
const uniquePhone = () => `+1415${String(randomInt(1_000_000, 9_999_999))}`;

const reminder = {
  id: 'reminder',
  type: 'send_sms',
  to: 'contact',
  body: 'Hi {{contact.first_name}}, see you on {{appointment.only_start_date}} at {{appointment.meeting_location}}.',
};
const tellHost = {
  id: 'tell-host',
  type: 'internal_notification',
  channel: 'in_app',
  to: 'assigned_user',
  body: 'Booked: {{contact.name}}',
};

async function bookWith(
  actions: unknown[],
  contact: Record<string, unknown> = { phone: uniquePhone() },
): Promise<{ setup: DeliverySetup; id: string; phone: string }> {
  const setup = await deliverySetup(t.api, contact);
  await publishAutomation(t.api, setup, actions);
  const id = await book(t.api, setup, twoDaysAfter(await t.now()));
  return { setup, id, phone: contact.phone as string };
}

const requestsTo = (phone: string) => t.twilio.requests.log.filter((request) => request.form.To === phone);
const smsTo = (phone: string) => t.twilio.messages.filter((sms) => sms.to === phone);

test("the SMS reaches Twilio with the contact's number, TWILIO_FROM_NUMBER and the rendered body; its SID is the providerId", async () => {
  const { id, phone } = await bookWith([reminder]);

  const [message] = await messagesAfterRun(t.api, id);
  const [sms] = smsTo(phone);
  expect(smsTo(phone)).toHaveLength(1);
  expect(sms).toMatchObject({
    from: FROM_NUMBER,
    to: phone,
    body: expect.stringMatching(new RegExp(`^Hi Carla, see you on .+ at ${MEETING_PLACE}\\.$`)),
  });
  expect(message).toMatchObject({
    stepId: 'reminder',
    channel: 'sms',
    to: phone,
    body: sms!.body,
    status: 'sent',
    providerId: sms!.sid,
  });
  expect(await messageEventsOf(t.api, id)).toEqual([
    expect.objectContaining({
      type: 'message.sent',
      stepId: 'reminder',
      channel: 'sms',
      to: phone,
      providerId: sms!.sid,
    }),
  ]);
});

describe('errors a retry cannot fix fail the step at once, on the timeline, and the run goes on', () => {
  test('an opted-out recipient (21610): exactly one request, the step failed with the code, the next step sent', async () => {
    const phone = uniquePhone();
    t.twilio.optOut(phone);
    const { setup, id } = await bookWith([reminder, tellHost], { phone });

    const messages = await messagesAfterRun(t.api, id);
    expect(await runEnded(t.api, id)).toBe('completed');
    expect(requestsTo(phone)).toHaveLength(1);
    expect(requestsTo(phone)[0]!.status).toBe(400);
    expect(smsTo(phone)).toEqual([]);
    expect(messages.map((m) => `${m.stepId}:${m.status}`)).toEqual(['reminder:failed', 'tell-host:sent']);
    expect(messages[0]!.reason).toContain('21610');
    expect(await messageEventsOf(t.api, id)).toEqual([
      expect.objectContaining({
        type: 'message.failed',
        stepId: 'reminder',
        channel: 'sms',
        to: phone,
        reason: expect.stringContaining('21610'),
      }),
      expect.objectContaining({ type: 'message.sent', stepId: 'tell-host', channel: 'in_app', to: setup.hostId }),
    ]);
  });

  test.each([
    [
      'an invalid number (21211)',
      { status: 400, body: { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 } },
      '21211',
    ],
    [
      'any other 4xx (403, 21408: region not enabled)',
      { status: 403, body: { code: 21408, message: 'Permission to send an SMS has not been enabled', status: 403 } },
      '21408',
    ],
  ])('%s: one request, the step failed with the code', async (_what, answer, code) => {
    t.twilio.faults.next(1, { kind: 'answer', ...answer });
    const { id, phone } = await bookWith([reminder, tellHost]);

    const messages = await messagesAfterRun(t.api, id);
    expect(requestsTo(phone)).toHaveLength(1);
    expect(messages.map((m) => `${m.stepId}:${m.status}`)).toEqual(['reminder:failed', 'tell-host:sent']);
    expect(messages[0]!.reason).toContain(code);
    expect((await messageEventsOf(t.api, id)).map((entry) => `${entry.type}:${entry.stepId}`)).toEqual([
      'message.failed:reminder',
      'message.sent:tell-host',
    ]);
  });
});

describe('answers that may succeed later are retried with backoff, without a second SMS', () => {
  // the activity retry policy starts at 2 s; a 429 waits for Retry-After instead
  test.each([
    [
      '429 Too Many Requests, Retry-After: 1',
      {
        status: 429,
        body: { code: 20429, message: 'Too Many Requests', status: 429 },
        headers: { 'Retry-After': '1' },
      },
      1_000,
    ],
    [
      '503 Service Unavailable',
      { status: 503, body: { code: 20503, message: 'Service Unavailable', status: 503 } },
      2_000,
    ],
  ])(
    '%s, then 201: retried after the delay, two requests with the same idempotency token, one SMS, sent',
    async (_what, answer, delayMs) => {
      t.twilio.faults.next(1, { kind: 'answer', ...answer });
      const { id, phone } = await bookWith([reminder]);

      const [message] = await messagesAfterRun(t.api, id);
      const requests = requestsTo(phone);
      expect(requests.map((request) => request.status)).toEqual([answer.status, 201]);
      expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(delayMs - 50);
      expect(new Set(requests.map((request) => request.idempotencyToken)).size).toBe(1);
      expect(smsTo(phone)).toHaveLength(1);
      expect(message).toMatchObject({ status: 'sent', providerId: smsTo(phone)[0]!.sid });
      expect((await messageEventsOf(t.api, id)).map((entry) => entry.type)).toEqual(['message.sent']);
    },
  );
});

test('a contact without a phone number: the SMS is skipped with the reason, nothing reaches Twilio', async () => {
  const { id } = await bookWith([reminder], { phone: undefined });

  const messages = await messagesAfterRun(t.api, id);
  expect(t.twilio.requests.count).toBe(0);
  expect(messages).toEqual([
    expect.objectContaining({
      stepId: 'reminder',
      channel: 'sms',
      status: 'skipped',
      reason: 'the contact has no phone number',
    }),
  ]);
  expect(await messageEventsOf(t.api, id)).toEqual([
    expect.objectContaining({ type: 'message.skipped', stepId: 'reminder', reason: 'the contact has no phone number' }),
  ]);
});
