/**
 * E-mail, end to end: an automation published and an appointment booked through the HTTP API, the
 * engine on a time-skipping Temporal server, the messages observed where a user would see them —
 * at the SMTP server (a real one, test/fakes/smtp-fake.ts), in GET /v1/appointments/{id}/messages
 * and on the appointment's timeline.
 */
import { DateTime } from 'luxon';
import type { ReceivedEmail } from '../fakes/smtp-fake';
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

// startTimeSkippingEngine's sender settings
const EMAIL_FROM = 'notifications@clinic.example';
const INTERNAL_EMAIL_FROM = 'do-not-reply@clinic.example';

let t: TimeSkippingEngine;
beforeAll(async () => {
  t = await startTimeSkippingEngine();
});
afterAll(async () => {
  await t?.stop();
});
beforeEach(() => t.smtp.reset());

/** The copies of this appointment's e-mails that reached the SMTP server. */
const mailsOf = (appointmentId: string): ReceivedEmail[] =>
  t.smtp.messages.filter((mail) => mail.headers['x-appointment-id'] === appointmentId);

const confirmation = {
  id: 'confirm',
  type: 'send_email',
  to: 'contact',
  subject: 'Your {{appointment.title}} on {{appointment.only_start_date}}',
  html: '<p>Hello {{contact.first_name}},</p><p>{{appointment.title}} at {{appointment.only_start_time}} ({{appointment.timezone}}), {{appointment.meeting_location}}.</p>',
  text: 'Hello {{contact.first_name}}, {{appointment.title}} at {{appointment.only_start_time}} ({{appointment.timezone}}), {{appointment.meeting_location}}.',
};

async function bookWith(
  actions: unknown[],
  title?: string,
): Promise<{ setup: DeliverySetup; id: string; startMs: number }> {
  const setup = await deliverySetup(t.api);
  await publishAutomation(t.api, setup, actions);
  const startMs = twoDaysAfter(await t.now());
  return { setup, id: await book(t.api, setup, startMs, { title }), startMs };
}

test('the e-mail at the SMTP server has EMAIL_FROM, the contact as To, the rendered subject, HTML and text parts, and the Message-ID the API reports', async () => {
  const { setup, id, startMs } = await bookWith([confirmation], 'Check-up & <review>');

  const [message] = await messagesAfterRun(t.api, id);
  const [mail] = mailsOf(id);
  expect(mailsOf(id)).toHaveLength(1);

  const inParis = DateTime.fromMillis(startMs, { zone: 'Europe/Paris' });
  expect(mail!.from).toBe(EMAIL_FROM);
  expect(mail!.fromName).toBe('Clinic');
  expect(mail!.to).toEqual([setup.contactEmail]);
  expect(mail!.envelope).toEqual({ from: EMAIL_FROM, to: [setup.contactEmail] });
  expect(mail!.subject).toBe(`Your Check-up & <review> on ${inParis.toFormat('LLLL d, yyyy')}`);
  // HTML escapes the values, plain text does not; times in the contact's timezone
  expect(mail!.html).toBe(
    `<p>Hello Carla,</p><p>Check-up &amp; &lt;review&gt; at ${inParis.toFormat('h:mm a')} (Europe/Paris), ${MEETING_PLACE}.</p>`,
  );
  expect(mail!.text?.trim()).toBe(
    `Hello Carla, Check-up & <review> at ${inParis.toFormat('h:mm a')} (Europe/Paris), ${MEETING_PLACE}.`,
  );
  expect(mail!.raw).toMatch(/Content-Type: multipart\/alternative/i);
  expect(mail!.messageId).toMatch(/^<[^<>@\s]+@[^<>@\s]+>$/);

  expect(message).toMatchObject({
    stepId: 'confirm',
    channel: 'email',
    to: setup.contactEmail,
    subject: mail!.subject,
    body: mail!.text?.trim(),
    status: 'sent',
    providerId: mail!.messageId,
  });
  expect(await messageEventsOf(t.api, id)).toEqual([
    expect.objectContaining({
      type: 'message.sent',
      stepId: 'confirm',
      channel: 'email',
      to: setup.contactEmail,
      providerId: mail!.messageId,
    }),
  ]);
});

test('every step of every run has its own Message-ID', async () => {
  const second = { ...confirmation, id: 'follow-up', subject: 'Follow-up' };
  const first = await bookWith([confirmation, second]);
  const other = await bookWith([confirmation, second]);
  await runEnded(t.api, first.id);
  await runEnded(t.api, other.id);

  const ids = [...mailsOf(first.id), ...mailsOf(other.id)].map((mail) => mail.messageId);
  expect(ids).toHaveLength(4);
  expect(new Set(ids).size).toBe(4);
});

test("an internal notification by e-mail comes from INTERNAL_EMAIL_FROM, in the host's timezone; the contact's e-mail from EMAIL_FROM", async () => {
  const { setup, id, startMs } = await bookWith([
    { ...confirmation, subject: 'Confirmed' },
    {
      id: 'tell-host',
      type: 'internal_notification',
      channel: 'email',
      to: 'assigned_user',
      subject: 'New booking: {{contact.name}}',
      body: '{{contact.name}} at {{appointment.only_start_time}} ({{appointment.timezone}})',
    },
  ]);

  await messagesAfterRun(t.api, id);
  const mails = mailsOf(id);
  const toContact = mails.find((mail) => mail.subject === 'Confirmed');
  const toHost = mails.find((mail) => mail.subject === 'New booking: Carla Contact');
  expect(mails).toHaveLength(2);
  expect(toContact).toMatchObject({ from: EMAIL_FROM, to: [setup.contactEmail] });
  expect(toHost).toMatchObject({ from: INTERNAL_EMAIL_FROM, fromName: '', to: [setup.hostEmail] });
  expect(toHost!.text?.trim()).toBe(
    `Carla Contact at ${DateTime.fromMillis(startMs, { zone: 'America/New_York' }).toFormat('h:mm a')} (America/New_York)`,
  );
});

describe('SMTP failures', () => {
  // RFC 5321: 4xx is transient; 503 (bad sequence of commands) is about the session, not the message
  test.each([
    ['451 "try again later"', { code: 451, message: '4.3.0 Try again later' }],
    ['503 "bad sequence of commands"', { code: 503, message: '5.5.1 Bad sequence of commands' }],
    // a 5xx once (a server misbehaving for a moment) is retried too, within a few attempts
    ['554 "transaction failed" once', { code: 554, message: '5.3.0 Transaction failed' }],
  ])('%s: retried, and the server holds one copy in the end', async (_what, reply) => {
    t.smtp.faults.next(1, { kind: 'fail', reply });
    const { id } = await bookWith([confirmation]);

    const [message] = await messagesAfterRun(t.api, id);
    expect(t.smtp.attempts).toBe(2);
    expect(mailsOf(id)).toHaveLength(1);
    expect(message).toMatchObject({ stepId: 'confirm', status: 'sent', providerId: mailsOf(id)[0]!.messageId });
    expect((await messageEventsOf(t.api, id)).map((entry) => entry.type)).toEqual(['message.sent']);
  });

  test('a connection dropped before DATA: retried, one copy at the server', async () => {
    t.smtp.faults.next(1, { kind: 'drop', at: 'rcpt' });
    const { id } = await bookWith([confirmation]);

    const [message] = await messagesAfterRun(t.api, id);
    expect(t.smtp.attempts).toBe(2);
    expect(mailsOf(id)).toHaveLength(1);
    expect(message).toMatchObject({ status: 'sent', providerId: mailsOf(id)[0]!.messageId });
    expect((await messageEventsOf(t.api, id)).map((entry) => entry.type)).toEqual(['message.sent']);
  });

  test('a connection dropped after the server stored the message but before its 250: the retry delivers a second copy under the same Message-ID (the one window no client can close)', async () => {
    t.smtp.faults.next(1, { kind: 'drop', at: 'data' });
    const { id } = await bookWith([confirmation]);

    const [message] = await messagesAfterRun(t.api, id);
    const copies = mailsOf(id);
    expect(copies).toHaveLength(2);
    expect(new Set(copies.map((mail) => mail.messageId)).size).toBe(1);
    expect(copies[1]).toMatchObject({ subject: copies[0]!.subject, text: copies[0]!.text, html: copies[0]!.html });
    // for the user it is one message, sent once
    expect(message).toMatchObject({ status: 'sent', providerId: copies[0]!.messageId });
    expect((await messageEventsOf(t.api, id)).map((entry) => entry.type)).toEqual(['message.sent']);
  });

  test('550 "mailbox unavailable" three times: the step fails with the code on the timeline, the run goes on to its next step', async () => {
    t.smtp.faults.next(3, { kind: 'fail', reply: { code: 550, message: '5.1.1 No such user' }, at: 'rcpt' });
    const { setup, id } = await bookWith([
      confirmation,
      {
        id: 'tell-host',
        type: 'internal_notification',
        channel: 'in_app',
        to: 'assigned_user',
        body: 'The confirmation bounced',
      },
    ]);

    const messages = await messagesAfterRun(t.api, id);
    expect(await runEnded(t.api, id)).toBe('completed');
    expect(t.smtp.attempts).toBe(3); // a 5xx gets a few attempts, then the step fails
    expect(mailsOf(id)).toEqual([]);
    expect(messages.map((m) => `${m.stepId}:${m.status}`)).toEqual(['confirm:failed', 'tell-host:sent']);
    expect(messages[0]!.reason).toMatch(/550/);
    const events = await messageEventsOf(t.api, id);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'message.failed',
        stepId: 'confirm',
        channel: 'email',
        to: setup.contactEmail,
        reason: expect.stringMatching(/550/),
      }),
      expect.objectContaining({ type: 'message.sent', stepId: 'tell-host', channel: 'in_app' }),
    ]);
  });
});
