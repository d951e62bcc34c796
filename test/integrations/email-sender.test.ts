/**
 * E-mail delivery as the recipient's server sees it: a real SMTP server (test/fakes/smtp-fake.ts)
 * receives what the sender sends; failures come back as errors whose `retryable` tells the caller
 * whether to try again. Without SMTP_URL, messages land as .eml files in the outbox.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { createEmailSender, type EmailSender, type OutgoingEmail } from '../../src/integrations/email/email-sender';
import {
  EmailConfigurationError,
  EmailDeliveryError,
  EmailRejected,
  EmailTransientError,
  InvalidOutgoingEmail,
} from '../../src/integrations/email/email-errors';
import { parseSmtpUrl } from '../../src/integrations/email/smtp-email-sender';
import { startSmtpFake, type SmtpFake } from '../fakes/smtp-fake';
import { freePort } from '../harness/ports';

const confirmation = (overrides: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
  from: 'Bright Smiles <notifications@clinic.test>',
  to: 'ann@example.com',
  subject: 'Your appointment on Monday, November 30',
  html: '<p>See you <b>Monday</b> at 3:00 PM</p>',
  text: 'See you Monday at 3:00 PM',
  messageId: '<run-1.step-confirm@appointment-engine>',
  ...overrides,
});

/** the error a send failed with (fails the test if it succeeded) */
async function failureOf(sending: Promise<unknown>): Promise<EmailDeliveryError> {
  const outcome = await sending.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof EmailDeliveryError))
    throw new Error(`expected an EmailDeliveryError, got ${String(outcome)}`);
  return outcome;
}

describe('SMTP sender', () => {
  const auth = { user: 'engine', pass: 'p@ss word/1' };
  let smtp: SmtpFake;
  let sender: EmailSender;

  beforeAll(async () => {
    smtp = await startSmtpFake({ auth });
    sender = createEmailSender({ smtpUrl: smtp.url, outboxDir: '/nonexistent/outbox' });
  });
  afterEach(() => smtp.reset());
  afterAll(async () => {
    await sender.close();
    await smtp.close();
  });

  test('uses SMTP when SMTP_URL is set', () => {
    expect(sender.kind).toBe('smtp');
  });

  test('the server receives From, To, subject, the HTML and text parts and the exact Message-ID, after logging in', async () => {
    const sent = await sender.send(confirmation({ headers: { 'X-Appointment-Id': 'apt-1' } }));

    expect(sent.providerId).toBe('<run-1.step-confirm@appointment-engine>');
    expect(sent.response).toMatch(/^250 /);
    const [received] = await smtp.waitForMessages(1);
    expect(received).toMatchObject({
      envelope: { from: 'notifications@clinic.test', to: ['ann@example.com'] },
      from: 'notifications@clinic.test',
      fromName: 'Bright Smiles',
      to: ['ann@example.com'],
      subject: 'Your appointment on Monday, November 30',
      html: '<p>See you <b>Monday</b> at 3:00 PM</p>',
      messageId: '<run-1.step-confirm@appointment-engine>',
      authenticatedUser: 'engine',
    });
    expect(received?.text?.trim()).toBe('See you Monday at 3:00 PM');
    expect(received?.headers['x-appointment-id']).toBe('apt-1');
    expect(received?.raw).toMatch(/Content-Type: multipart\/alternative/i);
  });

  test('an HTML-only message is sent without a text part (none is derived)', async () => {
    await sender.send(confirmation({ text: undefined }));

    const [received] = await smtp.waitForMessages(1);
    expect(received?.raw).toMatch(/Content-Type: text\/html/i);
    expect(received?.raw).not.toMatch(/Content-Type: text\/plain/i);
  });

  test('a text-only message is sent as text/plain', async () => {
    await sender.send(confirmation({ html: undefined }));

    const [received] = await smtp.waitForMessages(1);
    expect(received?.raw).toMatch(/Content-Type: text\/plain/i);
    expect(received?.html).toBeUndefined();
  });

  test('wrong credentials: rejected for good (535), not retryable, and the password is in no message', async () => {
    const wrong = createEmailSender({
      smtpUrl: smtp.url.replace(encodeURIComponent(auth.pass), 'nope'),
      outboxDir: '/nonexistent',
    });

    const error = await failureOf(wrong.send(confirmation()));

    expect(error).toBeInstanceOf(EmailRejected);
    expect(error).toMatchObject({ retryable: false, responseCode: 535 });
    expect(error.command).toMatch(/^AUTH/);
    expect(error.message).not.toContain('nope');
    expect(smtp.messages).toHaveLength(0);
    await wrong.close();
  });

  test('550 mailbox unavailable at RCPT TO: EmailRejected with the code, not retryable, nothing delivered', async () => {
    smtp.faults.next(1, { kind: 'fail', reply: { code: 550, message: 'Mailbox unavailable' }, at: 'rcpt' });

    const error = await failureOf(sender.send(confirmation()));

    expect(error).toBeInstanceOf(EmailRejected);
    expect(error).toMatchObject({ retryable: false, responseCode: 550, command: 'RCPT TO' });
    expect(smtp.messages).toHaveLength(0);
  });

  test('553 after DATA: EmailRejected with the code', async () => {
    smtp.faults.next(1, { kind: 'fail', reply: { code: 553, message: 'Message refused by policy' } });

    const error = await failureOf(sender.send(confirmation()));

    expect(error).toBeInstanceOf(EmailRejected);
    expect(error).toMatchObject({ retryable: false, responseCode: 553 });
    expect(smtp.messages).toHaveLength(0);
  });

  test('451 try again later: transient and retryable with the code; the next attempt goes through', async () => {
    smtp.faults.next(1, { kind: 'fail', reply: { code: 451, message: 'Temporary local problem, try again later' } });

    const error = await failureOf(sender.send(confirmation()));

    expect(error).toBeInstanceOf(EmailTransientError);
    expect(error).toMatchObject({ retryable: true, responseCode: 451, reason: 'smtp-reply' });
    await sender.send(confirmation());
    expect(smtp.messages).toHaveLength(1);
  });

  test('connection dropped before DATA: transient, and nothing was delivered', async () => {
    smtp.faults.next(1, { kind: 'drop', at: 'rcpt' });

    const error = await failureOf(sender.send(confirmation()));

    expect(error).toBeInstanceOf(EmailTransientError);
    expect(error).toMatchObject({ retryable: true, reason: 'connection' });
    expect(smtp.messages).toHaveLength(0);
  });

  test('connection dropped after DATA but before the 250: transient although the server stored the message (the unavoidable window); a retry re-delivers it under the same Message-ID', async () => {
    smtp.faults.next(1, { kind: 'drop', at: 'data' });

    const error = await failureOf(sender.send(confirmation()));

    expect(error).toBeInstanceOf(EmailTransientError);
    expect(error.retryable).toBe(true);
    expect(smtp.messages).toHaveLength(1);

    // One send() was one attempt: nothing was re-sent behind the caller's back. Retrying is the
    // caller's decision; the copy it produces carries the same Message-ID, so mail systems can tell.
    await sender.send(confirmation());
    expect(smtp.messages.map((message) => message.messageId)).toEqual([
      '<run-1.step-confirm@appointment-engine>',
      '<run-1.step-confirm@appointment-engine>',
    ]);
  });

  test('an invalid message is refused before any connection', async () => {
    const error = await failureOf(
      sender.send(confirmation({ messageId: 'not-a-message-id', html: undefined, text: undefined })),
    );

    expect(error).toBeInstanceOf(InvalidOutgoingEmail);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/messageId/);
    expect(error.message).toMatch(/html or text/);
  });

  test('a header value with a line break is refused (no header injection)', async () => {
    const error = await failureOf(sender.send(confirmation({ headers: { 'X-Note': 'a\r\nBcc: victim@example.com' } })));

    expect(error).toBeInstanceOf(InvalidOutgoingEmail);
  });
});

describe('SMTP sender against an unreachable or silent server', () => {
  test('connection refused: transient', async () => {
    const port = await freePort();
    const sender = createEmailSender({ smtpUrl: `smtp://127.0.0.1:${port}`, outboxDir: '/nonexistent' });

    const error = await failureOf(sender.send(confirmation()));

    expect(error).toBeInstanceOf(EmailTransientError);
    expect(error).toMatchObject({ retryable: true, reason: 'connection' });
  });

  test('a server that accepts the connection but never greets: a bounded timeout, transient', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const sender = createEmailSender({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      outboxDir: '/nonexistent',
      smtpTimeouts: { greetingMs: 300 },
    });

    try {
      const error = await failureOf(sender.send(confirmation()));

      expect(error).toBeInstanceOf(EmailTransientError);
      expect(error).toMatchObject({ retryable: true, reason: 'timeout' });
      expect(error.message).toMatch(/greeting/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('SMTP sender over TLS', () => {
  test('smtps:// (implicit TLS) with a self-signed certificate accepted explicitly', async () => {
    const smtp = await startSmtpFake({ secure: true, auth: { user: 'engine', pass: 'secret' } });
    const sender = createEmailSender({ smtpUrl: smtp.url, outboxDir: '/nonexistent' });
    try {
      expect(smtp.url).toMatch(/^smtps:\/\/.*\?tls_reject_unauthorized=false$/);
      await sender.send(confirmation());

      const [received] = await smtp.waitForMessages(1);
      expect(received).toMatchObject({
        tls: true,
        authenticatedUser: 'engine',
        messageId: '<run-1.step-confirm@appointment-engine>',
      });
    } finally {
      await sender.close();
      await smtp.close();
    }
  });

  test('smtp:// upgrades with STARTTLS when the server offers it', async () => {
    const smtp = await startSmtpFake({ starttls: true });
    const sender = createEmailSender({ smtpUrl: smtp.url, outboxDir: '/nonexistent' });
    try {
      await sender.send(confirmation());

      const [received] = await smtp.waitForMessages(1);
      expect(received?.tls).toBe(true);
    } finally {
      await sender.close();
      await smtp.close();
    }
  });

  test('a self-signed certificate is refused unless the URL says tls_reject_unauthorized=false', async () => {
    const smtp = await startSmtpFake({ secure: true });
    const sender = createEmailSender({
      smtpUrl: smtp.url.replace('?tls_reject_unauthorized=false', ''),
      outboxDir: '/nonexistent',
    });
    try {
      const error = await failureOf(sender.send(confirmation()));

      expect(error).toBeInstanceOf(EmailTransientError);
      expect(error).toMatchObject({ retryable: true, reason: 'tls' });
      expect(smtp.messages).toHaveLength(0);
    } finally {
      await sender.close();
      await smtp.close();
    }
  });
});

describe('SMTP_URL', () => {
  test('smtp:// and smtps:// with their default ports, percent-decoded credentials, certificates checked by default', () => {
    expect(parseSmtpUrl('smtp://mailer:p%40ss%20word@mail.example.com')).toEqual({
      host: 'mail.example.com',
      port: 587,
      secure: false,
      auth: { user: 'mailer', pass: 'p@ss word' },
      rejectUnauthorized: true,
    });
    expect(parseSmtpUrl('smtps://mail.example.com')).toEqual({
      host: 'mail.example.com',
      port: 465,
      secure: true,
      rejectUnauthorized: true,
    });
    expect(parseSmtpUrl('smtp://127.0.0.1:2525?tls_reject_unauthorized=false')).toMatchObject({
      port: 2525,
      rejectUnauthorized: false,
    });
  });

  test('unusable URLs are configuration errors that never repeat the URL (it holds the password)', () => {
    const attempts = [
      'http://user:hunter2@mail.example.com',
      'smtp://user:hunter2@mail.example.com?pool=true',
      'smtp://user:hunter2@',
    ];
    for (const url of attempts) {
      let error: unknown;
      try {
        parseSmtpUrl(url);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(EmailConfigurationError);
      expect((error as Error).message).not.toContain('hunter2');
    }
    expect(() => parseSmtpUrl('smtp://mail.example.com?pool=true')).toThrow(/unknown option\(s\): pool/);
  });
});

describe('outbox (no SMTP_URL)', () => {
  let outboxDir: string;
  let sender: EmailSender;

  beforeEach(async () => {
    outboxDir = path.join(await mkdtemp(path.join(tmpdir(), 'email-outbox-')), 'outbox', 'email');
    sender = createEmailSender({ outboxDir });
  });
  afterEach(async () => {
    await sender.close();
    await rm(path.dirname(path.dirname(outboxDir)), { recursive: true, force: true });
  });

  test('each message becomes one .eml file a mail client can parse', async () => {
    expect(sender.kind).toBe('outbox');

    const sent = await sender.send(confirmation({ headers: { 'X-Appointment-Id': 'apt-1' } }));

    expect(sent.providerId).toBe('<run-1.step-confirm@appointment-engine>');
    expect(await readdir(outboxDir)).toEqual(['run-1.step-confirm@appointment-engine.eml']);
    const parsed = await simpleParser(
      await readFile(path.join(outboxDir, 'run-1.step-confirm@appointment-engine.eml')),
    );
    expect(parsed.messageId).toBe('<run-1.step-confirm@appointment-engine>');
    expect(parsed.from?.value).toEqual([{ name: 'Bright Smiles', address: 'notifications@clinic.test' }]);
    expect(parsed.to).toMatchObject({ value: [{ address: 'ann@example.com' }] });
    expect(parsed.subject).toBe('Your appointment on Monday, November 30');
    expect(parsed.html).toBe('<p>See you <b>Monday</b> at 3:00 PM</p>');
    expect(parsed.text?.trim()).toBe('See you Monday at 3:00 PM');
    expect(parsed.headers.get('x-appointment-id')).toBe('apt-1');
  });

  test('idempotent per Message-ID: repeated and concurrent sends of one message leave one file; another message gets its own', async () => {
    await sender.send(confirmation());
    await Promise.all([sender.send(confirmation()), sender.send(confirmation())]);
    await sender.send(confirmation({ messageId: '<run-1.step-reminder-24h@appointment-engine>' }));

    expect((await readdir(outboxDir)).sort()).toEqual([
      'run-1.step-confirm@appointment-engine.eml',
      'run-1.step-reminder-24h@appointment-engine.eml',
    ]);
  });

  test('a Message-ID with unsafe characters gets a safe, distinct file name', async () => {
    await sender.send(confirmation({ messageId: '<run/1..step*2@appointment-engine>' }));
    await sender.send(confirmation({ messageId: '<run_1..step_2@appointment-engine>' }));

    const files = (await readdir(outboxDir)).sort();
    expect(files).toHaveLength(2);
    for (const file of files) expect(file).toMatch(/^[A-Za-z0-9._@+-]+\.eml$/);
  });
});
