/**
 * Two-way SMS, end to end: contacts' replies arrive at POST /v1/webhooks/twilio/sms the way Twilio
 * posts them (form-encoded, signed with the auth token: test/harness/twilio-inbound.ts), the engine
 * runs on the real Temporal dev server (the next appointment is found through visibility) and sends
 * its own SMS to the Twilio fake, where what Twilio received is counted.
 */
import { randomInt } from 'node:crypto';
import { DateTime } from 'luxon';
import { startTwilioFake, type TwilioFake } from '../fakes/twilio-fake';
import { sendSms } from '../harness/automation-definitions';
import { publishAutomation } from '../harness/automation-publishing';
import { book } from '../harness/bookings';
import { ApiClient } from '../harness/api-client';
import { eventually, startTestEngine, TEST_API_KEY, type TestEngine } from '../harness/engine';
import { inboundSmsFields, postInboundSms, twilioSignature, type InboundSmsTarget } from '../harness/twilio-inbound';
import { buildApiServer } from '../../src/api/server';
import { createZoomClients } from '../../src/integrations/zoom/zoom-clients';
import { createLogger } from '../../src/logging';
import { createRepositories } from '../../src/store/repositories';
import { deliverySetup, messagesOf, timelineOf, type DeliverySetup } from './delivery-steps';

const HOUR = 3_600_000;
const FROM_NUMBER = '+15005550006';
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

let twilio: TwilioFake;
let t: TestEngine;
let inbound: InboundSmsTarget;
beforeAll(async () => {
  twilio = await startTwilioFake();
  t = await startTestEngine({
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM_NUMBER: FROM_NUMBER,
    TWILIO_API_BASE_URL: twilio.baseUrl,
  });
  inbound = { api: t.api, publicBaseUrl: t.engine.config.publicBaseUrl, authToken: twilio.authToken };
});
afterAll(async () => {
  await t?.stop();
  await twilio?.close();
});

/** Every contact gets a number of its own: replies and counts at the fake are per test. */
const uniquePhone = () => `+1415${String(randomInt(1_000_000, 9_999_999))}`;

async function contactWithPhone(): Promise<DeliverySetup & { phone: string }> {
  const phone = uniquePhone();
  return { ...(await deliverySetup(t.api, { phone })), phone };
}

const hoursAhead = (hours: number) => Math.floor(Date.now() / HOUR) * HOUR + hours * HOUR;
const viewOf = async (id: string) => (await t.api.get(`/v1/appointments/${id}`)).body;

/** Waits until visibility lists these bookings of the calendar (a reply finds appointments through it). */
async function listed(setup: DeliverySetup, ids: string[]): Promise<void> {
  await eventually(`${ids.join(', ')} in the appointment list`, async () => {
    const items = (await t.api.get(`/v1/appointments?calendarId=${setup.calendarId}`)).body.items as { id: string }[];
    return ids.every((id) => items.some((item) => item.id === id)) ? true : undefined;
  });
}

const optedOut = async (phone: string) =>
  (await t.engine.db.query('SELECT phone FROM sms_opt_outs WHERE phone = $1', [phone])).length > 0;
const twilioRequestsTo = (phone: string) => twilio.requests.log.filter((request) => request.form.To === phone);
const replyEntries = async (id: string) =>
  (await timelineOf(t.api, id)).filter((entry) => entry.type === 'sms.reply_received');

test('a signed "C" from the contact’s number confirms their next appointment as the contact, fires the automations of confirmed, and is answered with a TwiML acknowledgement', async () => {
  const setup = await contactWithPhone();
  await publishAutomation(t.api, setup, [sendSms('thanks', 'Thanks {{contact.first_name}}, see you then')]);
  const nextStart = hoursAhead(48);
  const next = await book(t.api, setup, nextStart, { status: 'new' });
  const later = await book(t.api, setup, hoursAhead(96), { status: 'new' });
  await listed(setup, [next, later]);

  const answer = await postInboundSms(inbound, inboundSmsFields(setup.phone, 'C'));

  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toMatch(/^text\/xml/);
  const when = DateTime.fromMillis(nextStart, { zone: 'Europe/Paris' }).setLocale('en-US');
  expect(answer.body).toBe(
    `<?xml version="1.0" encoding="UTF-8"?><Response><Message>Thanks, your appointment on ${when.toFormat('cccc, LLLL d, yyyy h:mm a')} is confirmed.</Message></Response>`,
  );
  const view = await viewOf(next);
  expect(view.status).toBe('confirmed');
  const entries = view.timeline.filter((entry: { type: string }) =>
    ['sms.reply_received', 'status_changed'].includes(entry.type),
  );
  expect(entries).toEqual([
    expect.objectContaining({ type: 'sms.reply_received', keyword: 'C', intent: 'confirm', source: 'contact' }),
    expect.objectContaining({ type: 'status_changed', from: 'new', to: 'confirmed', source: 'contact' }),
  ]);
  expect(JSON.stringify(entries[0])).not.toContain(setup.phone);
  expect((await viewOf(later)).status).toBe('new');
  // the automation of confirmed ran for the confirmed appointment: its SMS reached Twilio
  const [sms] = await eventually('the automation’s SMS at Twilio', async () => {
    const sent = twilio.messages.filter((message) => message.to === setup.phone);
    return sent.length > 0 ? sent : undefined;
  });
  expect(sms!.body).toBe('Thanks Carla, see you then');
  expect((await viewOf(next)).automationRuns).toHaveLength(1);
  expect((await viewOf(later)).automationRuns).toHaveLength(0);
});

test.each([['y'], [' Yes\n'], ['yes']])('%j confirms too (any case, trimmed)', async (text) => {
  const setup = await contactWithPhone();
  const id = await book(t.api, setup, hoursAhead(30), { status: 'new' });
  await listed(setup, [id]);

  const answer = await postInboundSms(inbound, inboundSmsFields(setup.phone, text));

  expect(answer.status).toBe(200);
  expect(answer.body).toContain('is confirmed.');
  expect((await viewOf(id)).status).toBe('confirmed');
});

test('Twilio delivering the same message twice confirms and notes it once', async () => {
  const setup = await contactWithPhone();
  const id = await book(t.api, setup, hoursAhead(30), { status: 'new' });
  await listed(setup, [id]);
  const fields = inboundSmsFields(setup.phone, 'YES');

  expect((await postInboundSms(inbound, fields)).status).toBe(200);
  expect((await postInboundSms(inbound, fields)).status).toBe(200);

  expect(await replyEntries(id)).toHaveLength(1);
  expect((await timelineOf(t.api, id)).filter((entry) => entry.type === 'status_changed')).toHaveLength(1);
});

describe('a wrong or missing signature', () => {
  test.each<[string, (fields: Record<string, string>) => string | null]>([
    ['no X-Twilio-Signature', () => null],
    ['an empty signature', () => ''],
    ['signed with another auth token', (fields) => twilioSignature('not-the-token', webhookUrl(), fields)],
    ['signed for another URL', (fields) => twilioSignature(twilio.authToken, 'https://evil.example/sms', fields)],
    [
      'signed before the body was changed',
      (fields) => twilioSignature(twilio.authToken, webhookUrl(), { ...fields, Body: 'hello' }),
    ],
  ])('%s: 403, and neither a confirmation nor an opt-out happens', async (_what, sign) => {
    const setup = await contactWithPhone();
    const id = await book(t.api, setup, hoursAhead(30), { status: 'new' });
    await listed(setup, [id]);
    const before = await viewOf(id);

    for (const text of ['C', 'STOP']) {
      const fields = inboundSmsFields(setup.phone, text);
      const answer = await postInboundSms(inbound, fields, sign(fields));
      expect(answer.status).toBe(403);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(answer.body).toEqual({
        error: { code: 'invalid_signature', message: expect.any(String) },
      });
    }

    expect(await viewOf(id)).toEqual(before);
    expect(await optedOut(setup.phone)).toBe(false);
  });

  const webhookUrl = () => `${t.engine.config.publicBaseUrl}/v1/webhooks/twilio/sms`;
});

test('STOP opts the number out: a later SMS step is skipped with the reason and Twilio gets no request for it; START opts it back in', async () => {
  const setup = await contactWithPhone();
  await publishAutomation(t.api, setup, [sendSms('reminder')]);
  const first = await book(t.api, setup, hoursAhead(48), { status: 'new' });
  await listed(setup, [first]);

  const stop = await postInboundSms(inbound, inboundSmsFields(setup.phone, 'Stop'));
  expect(stop.status).toBe(200);
  expect(stop.headers.get('content-type')).toMatch(/^text\/xml/);
  expect(stop.body).toBe(EMPTY_TWIML); // Twilio answers STOP itself
  expect(await replyEntries(first)).toEqual([
    expect.objectContaining({ type: 'sms.reply_received', keyword: 'STOP', intent: 'opt_out', source: 'contact' }),
  ]);

  // confirmed later: the automation's SMS step is skipped, with the reason, and nothing goes to Twilio
  expect((await t.api.patch(`/v1/appointments/${first}`, { status: 'confirmed' })).status).toBe(200);
  const [skipped] = await eventually('the skipped SMS', async () => {
    const messages = await messagesOf(t.api, first);
    return messages.length > 0 ? messages : undefined;
  });
  expect(skipped).toMatchObject({
    stepId: 'reminder',
    channel: 'sms',
    status: 'skipped',
    to: setup.phone,
    reason: expect.stringMatching(/opted out of SMS/),
  });
  // the run reports its timeline after the message log is written: wait for the entry to arrive
  const skippedEntry = await eventually('the skip on the timeline', async () =>
    (await timelineOf(t.api, first)).find(
      (entry: { type: string; stepId?: string }) => entry.type === 'message.skipped' && entry.stepId === 'reminder',
    ),
  );
  expect(skippedEntry).toMatchObject({ reason: skipped!.reason });
  expect(twilioRequestsTo(setup.phone)).toEqual([]);

  // START: the next booking's SMS goes out again
  const start = await postInboundSms(inbound, inboundSmsFields(setup.phone, 'start'));
  expect(start.status).toBe(200);
  expect(start.body).toBe(EMPTY_TWIML);
  expect(await optedOut(setup.phone)).toBe(false);
  const second = await book(t.api, setup, hoursAhead(72));
  const [sent] = await eventually('the SMS after START', async () => {
    const messages = await messagesOf(t.api, second);
    return messages.length > 0 ? messages : undefined;
  });
  expect(sent).toMatchObject({ stepId: 'reminder', status: 'sent', to: setup.phone });
  expect(twilioRequestsTo(setup.phone)).toHaveLength(1);
});

test('every opt-out keyword opts out, in any case; START opts back in', async () => {
  for (const keyword of ['STOP', 'unsubscribe', 'Cancel', 'END', 'quit ']) {
    const phone = uniquePhone();
    const answer = await postInboundSms(inbound, inboundSmsFields(phone, keyword));
    expect({ keyword, status: answer.status, body: answer.body }).toEqual({ keyword, status: 200, body: EMPTY_TWIML });
    expect({ keyword, optedOut: await optedOut(phone) }).toEqual({ keyword, optedOut: true });
    await postInboundSms(inbound, inboundSmsFields(phone, 'START'));
    expect({ keyword, optedOut: await optedOut(phone) }).toEqual({ keyword, optedOut: false });
  }
});

test('an unknown number, or a text that is no keyword: 200 with an empty Response, and nothing changes', async () => {
  const setup = await contactWithPhone();
  const id = await book(t.api, setup, hoursAhead(30), { status: 'new' });
  await listed(setup, [id]);
  const before = await viewOf(id);

  for (const [from, text] of [
    [uniquePhone(), 'C'],
    [setup.phone, 'hello'],
    [setup.phone, 'yes please'],
    [setup.phone, ''],
  ] as const) {
    const answer = await postInboundSms(inbound, inboundSmsFields(from, text));
    expect({ text, status: answer.status, body: answer.body }).toEqual({ text, status: 200, body: EMPTY_TWIML });
  }

  expect(await viewOf(id)).toEqual(before);
  expect(await optedOut(setup.phone)).toBe(false);
});

test('a signed request without a sender is refused with 400 naming From', async () => {
  const fields = inboundSmsFields(uniquePhone(), 'C');
  delete fields.From;
  const answer = await postInboundSms(inbound, fields);
  expect(answer.status).toBe(400);
  expect(answer.body.error.issues).toEqual([expect.objectContaining({ path: 'From' })]);
});

test('without Twilio configured the webhook answers 404, like Zoom’s without its secret', async () => {
  const { config, db, client } = t.engine;
  const app = buildApiServer({
    config: { ...config, twilio: { apiBaseUrl: config.twilio.apiBaseUrl } },
    db,
    temporal: client,
    logger: createLogger('silent'),
    repositories: createRepositories(db, config.encryptionKey),
    zoom: createZoomClients(config.zoom),
  });
  try {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const fields = inboundSmsFields(uniquePhone(), 'STOP');
    const response = await postInboundSms({ ...inbound, api: new ApiClient(address, TEST_API_KEY) }, fields);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    expect(await optedOut(fields.From!)).toBe(false);
  } finally {
    await app.close();
  }
});
