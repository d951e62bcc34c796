/**
 * With no SMTP_URL and no Twilio credentials, messages land in the data directory: one `.eml` file
 * per e-mail under ${DATA_DIR}/outbox/email/, one JSON file per SMS under ${DATA_DIR}/outbox/sms/.
 *
 * This stands for "`npm start` writes the outbox files": `npm start` (src/main.ts) builds its
 * senders through the same code path, startEngine → createActivities, from the same configuration;
 * the only differences here are the shared test dev server instead of an embedded one and an
 * in-memory database, neither of which the senders see.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { startTestEngine, type TestEngine } from '../harness/engine';
import { publishAutomation } from '../harness/automation-publishing';
import { book } from '../harness/bookings';
import { deliverySetup, messagesAfterRun, twoDaysAfter } from './delivery-steps';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine(); // no SMTP_URL, no TWILIO_*: the defaults of `npm start`
});
afterAll(async () => {
  await t?.stop();
});

/** The files of an outbox, without the dot-files of writes in progress. */
const outbox = async (channel: 'email' | 'sms') => {
  const dir = path.join(t.engine.config.dataDir, 'outbox', channel);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => !name.startsWith('.')).sort();
  return names.map((name) => path.join(dir, name));
};

test('each e-mail becomes one .eml file and each SMS one JSON file in the data directory, as GET …/messages reports them', async () => {
  const setup = await deliverySetup(t.api);
  await publishAutomation(t.api, setup, [
    {
      id: 'confirm',
      type: 'send_email',
      to: 'contact',
      subject: 'Confirmed: {{appointment.title}}',
      html: '<p>See you, {{contact.first_name}}!</p>',
      text: 'See you, {{contact.first_name}}!',
    },
    { id: 'confirm-sms', type: 'send_sms', to: 'contact', body: 'Confirmed: {{appointment.title}}' },
    {
      id: 'tell-host',
      type: 'internal_notification',
      channel: 'email',
      to: 'assigned_user',
      subject: 'New booking',
      body: '{{contact.name}} booked',
    },
  ]);
  const id = await book(t.api, setup, twoDaysAfter(Date.now()), { title: 'Intro call' });

  const messages = await messagesAfterRun(t.api, id);
  expect(messages.map((m) => `${m.stepId}:${m.status}`)).toEqual([
    'confirm:sent',
    'confirm-sms:sent',
    'tell-host:sent',
  ]);

  const emlFiles = await outbox('email');
  expect(emlFiles).toHaveLength(2);
  expect(emlFiles.every((file) => file.endsWith('.eml'))).toBe(true);
  const mails = await Promise.all(emlFiles.map(async (file) => simpleParser(await readFile(file))));
  const contactMail = mails.find((mail) => mail.subject === 'Confirmed: Intro call');
  const hostMail = mails.find((mail) => mail.subject === 'New booking');
  expect(contactMail?.from?.value).toEqual([{ address: 'notifications@localhost', name: '' }]); // EMAIL_FROM's default
  expect(contactMail?.to).toMatchObject({ value: [{ address: setup.contactEmail }] });
  expect(contactMail?.html).toBe('<p>See you, Carla!</p>');
  expect(contactMail?.text?.trim()).toBe('See you, Carla!');
  expect(contactMail?.messageId).toBe(messages[0]!.providerId);
  expect(hostMail?.from?.value).toEqual([{ address: 'do-not-reply@localhost', name: '' }]); // INTERNAL_EMAIL_FROM's default
  expect(hostMail?.to).toMatchObject({ value: [{ address: setup.hostEmail }] });
  expect(hostMail?.text?.trim()).toBe('Carla Contact booked');
  expect(hostMail?.messageId).toBe(messages[2]!.providerId);

  const smsFiles = await outbox('sms');
  expect(smsFiles).toHaveLength(1);
  expect(smsFiles[0]).toMatch(/\.json$/);
  expect(JSON.parse(await readFile(smsFiles[0]!, 'utf8'))).toEqual({
    providerId: messages[1]!.providerId,
    idempotencyKey: expect.any(String),
    to: '+14155550199',
    body: 'Confirmed: Intro call',
    createdAt: expect.any(String),
  });
});
