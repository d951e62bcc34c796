/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 that keeps what it receives, parsed
 * with mailparser, and can be told to misbehave on the next messages.
 *
 *   const smtp = await startSmtpFake({ auth: { user: 'engine', pass: 'secret' } });
 *   // SMTP_URL = smtp.url
 *   const [mail] = await smtp.waitForMessages(1);
 *   smtp.failNext(1, { code: 550, message: 'mailbox unavailable' });   // DATA refused after reading it
 *   smtp.dropNext(1, 'after-data');  // message stored, connection cut before the 250
 *   smtp.holdNext(1, 'after-data');  // message stored, the 250 withheld: a send stays in flight
 *   await smtp.waitForHeld(1); …; smtp.release();
 *   await smtp.close();
 *
 * TLS: plain by default (STARTTLS not offered). `secure: true` serves implicit TLS (smtps://) and
 * `starttls: true` offers STARTTLS, both with smtp-server's built-in self-signed localhost
 * certificate, so `url` then carries `?tls_reject_unauthorized=false`. No certificate is generated.
 */
import { EventEmitter } from 'node:events';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface ReceivedEmail {
  /** SMTP envelope: MAIL FROM and RCPT TO */
  envelope: { from: string; to: string[] };
  /** address of the From header */
  from: string;
  /** display name of the From header, '' when none */
  fromName: string;
  /** addresses of the To header */
  to: string[];
  subject: string;
  html?: string;
  /** the text/plain part; mailparser derives one from the HTML when the message has none (see `raw`) */
  text?: string;
  messageId?: string;
  /** header name (lower case) → unfolded value, first occurrence */
  headers: Record<string, string>;
  /** the message as received */
  raw: string;
  /** the user who authenticated, when the fake requires auth */
  authenticatedUser?: string;
  /** true when the session was TLS (implicit or STARTTLS) */
  tls: boolean;
}

export interface SmtpReply {
  code: number;
  message: string;
}

export interface SmtpFakeOptions {
  /** implicit TLS (smtps://) with the built-in self-signed certificate */
  secure?: boolean;
  /** offer STARTTLS (with the built-in self-signed certificate) on a plain connection */
  starttls?: boolean;
  /** require this login (PLAIN or LOGIN) before MAIL FROM */
  auth?: { user: string; pass: string };
}

export interface SmtpFake {
  /** what to use as SMTP_URL: `smtp://user:pass@127.0.0.1:port` (smtps:// when secure) */
  readonly url: string;
  readonly port: number;
  readonly messages: ReceivedEmail[];
  /** transactions begun (MAIL FROM received), whatever became of them: delivery attempts */
  readonly attempts: number;
  /** resolves once at least n messages are stored (event-driven); rejects after timeoutMs (default 5 s) */
  waitForMessages(n: number, timeoutMs?: number): Promise<ReceivedEmail[]>;
  /**
   * The next `count` messages are refused with this reply: at DATA after the message was read
   * (default), or at RCPT TO (e.g. 550 unknown mailbox, as most servers do it).
   */
  failNext(count: number, reply: SmtpReply, stage?: 'data' | 'rcpt'): void;
  /**
   * The next `count` transactions lose their connection: 'before-data' at RCPT TO, nothing stored;
   * 'after-data' (default) once the whole message is read AND stored, before the 250 is sent (the
   * window in which a client cannot know the message went through).
   */
  dropNext(count: number, when?: 'before-data' | 'after-data'): void;
  /**
   * The next `count` transactions stall without an answer, so a send stays in flight: 'before-data'
   * at RCPT TO (nothing stored), 'after-data' (default) once the whole message is read AND stored,
   * before the 250. `release()` answers them normally; a client that goes away first (a killed
   * worker) just leaves — an 'after-data' message stays stored, as a real server would have queued it.
   */
  holdNext(count: number, when?: 'before-data' | 'after-data'): void;
  /** resolves once at least n transactions have been held since the start or the last reset (event-driven) */
  waitForHeld(n: number, timeoutMs?: number): Promise<void>;
  /** answers every transaction held so far as if nothing had happened */
  release(): void;
  /** forget messages and pending faults */
  reset(): void;
  close(): Promise<void>;
}

type Fault =
  | { kind: 'fail'; stage: 'rcpt' | 'data'; reply: SmtpReply }
  | { kind: 'drop' | 'hold'; when: 'before-data' | 'after-data' };

const atRcpt = (fault: Fault | undefined) =>
  fault !== undefined && (fault.kind === 'fail' ? fault.stage === 'rcpt' : fault.when === 'before-data');

export async function startSmtpFake(options: SmtpFakeOptions = {}): Promise<SmtpFake> {
  const messages: ReceivedEmail[] = [];
  const faults: Fault[] = [];
  const events = new EventEmitter();
  let attempts = 0;
  /** answers of held transactions, in the order they were held */
  let held: (() => void)[] = [];
  let heldSoFar = 0;
  const hold = (answer: () => void) => {
    held.push(answer);
    heldSoFar += 1;
    events.emit('held');
  };

  /** resolves once `ready()` holds, re-checked on each `event`; rejects after timeoutMs */
  const waitUntil = <T>(
    event: string,
    ready: () => T | undefined,
    timeoutMs: number,
    failure: () => string,
  ): Promise<T> => {
    const now = ready();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = ready();
        if (value === undefined) return;
        clearTimeout(timer);
        events.off(event, check);
        resolve(value);
      };
      const timer = setTimeout(() => {
        events.off(event, check);
        reject(new Error(failure()));
      }, timeoutMs);
      events.on(event, check);
    });
  };

  const replyError = (reply: SmtpReply) => Object.assign(new Error(reply.message), { responseCode: reply.code });
  // Closes the session's connection without an answer. Through the SMTP connection, never the raw
  // TCP socket: tearing a TLS socket down from below crashes Node.
  const cut = (session: SMTPServerSession) => {
    for (const connection of server.connections) if (connection.id === session.id) connection.close();
  };

  const server = new SMTPServer({
    secure: options.secure ?? false,
    disabledCommands: [...(options.auth ? [] : ['AUTH']), ...(options.starttls || options.secure ? [] : ['STARTTLS'])],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, callback) {
      const expected = options.auth;
      if (expected && auth.username === expected.user && auth.password === expected.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(replyError({ code: 535, message: 'Authentication credentials invalid' }));
      }
    },
    onMailFrom(_address, _session, callback) {
      attempts += 1;
      callback();
    },
    onRcptTo(_address, session, callback) {
      const fault = atRcpt(faults[0]) ? faults.shift() : undefined;
      if (!fault) return callback();
      if (fault.kind === 'fail') return callback(replyError(fault.reply));
      if (fault.kind === 'drop') return void cut(session);
      hold(() => callback());
    },
    onData(stream, session, callback) {
      readAll(stream)
        .then(async (raw) => {
          const fault = atRcpt(faults[0]) ? undefined : faults.shift();
          if (fault?.kind === 'fail') return callback(replyError(fault.reply));
          const message = await toReceivedEmail(raw, session);
          messages.push(message);
          events.emit('message');
          const queued = `OK: queued as ${messages.length}`;
          if (fault?.kind === 'drop') return void cut(session);
          if (fault?.kind === 'hold') return hold(() => callback(null, queued));
          callback(null, queued);
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });

  // Sessions that fail on the client's side (a refused certificate, a cut connection) surface as
  // 'error' events; unhandled, they would crash the test process. They are the client's outcome.
  server.on('error', () => {});

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const credentials = options.auth
    ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@`
    : '';
  const tlsOption = options.secure || options.starttls ? '?tls_reject_unauthorized=false' : '';
  const url = `${options.secure ? 'smtps' : 'smtp'}://${credentials}127.0.0.1:${port}${tlsOption}`;

  return {
    url,
    port,
    messages,
    get attempts() {
      return attempts;
    },
    waitForMessages(n, timeoutMs = 5_000) {
      return waitUntil(
        'message',
        () => (messages.length >= n ? messages.slice() : undefined),
        timeoutMs,
        () => `SMTP fake: expected ${n} message(s) within ${timeoutMs} ms, got ${messages.length}`,
      );
    },
    failNext(count, reply, stage = 'data') {
      for (let i = 0; i < count; i++) faults.push({ kind: 'fail', stage, reply });
    },
    dropNext(count, when = 'after-data') {
      for (let i = 0; i < count; i++) faults.push({ kind: 'drop', when });
    },
    holdNext(count, when = 'after-data') {
      for (let i = 0; i < count; i++) faults.push({ kind: 'hold', when });
    },
    async waitForHeld(n, timeoutMs = 5_000) {
      await waitUntil(
        'held',
        () => (heldSoFar >= n ? true : undefined),
        timeoutMs,
        () => `SMTP fake: expected ${n} held transaction(s) within ${timeoutMs} ms, got ${heldSoFar}`,
      );
    },
    release() {
      const answers = held;
      held = [];
      for (const answer of answers) answer();
    },
    reset() {
      messages.length = 0;
      faults.length = 0;
      held = [];
      heldSoFar = 0;
      attempts = 0;
    },
    close() {
      held = [];
      for (const connection of server.connections) connection.close();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

async function toReceivedEmail(raw: Buffer, session: SMTPServerSession): Promise<ReceivedEmail> {
  const parsed = await simpleParser(raw);
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    const name = key.toLowerCase();
    if (name in headers) continue;
    headers[name] = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  }
  const from = parsed.from?.value[0];
  return {
    envelope: {
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      to: session.envelope.rcptTo.map((recipient) => recipient.address),
    },
    from: from?.address ?? '',
    fromName: from?.name ?? '',
    to: addresses(parsed.to),
    subject: parsed.subject ?? '',
    ...(typeof parsed.html === 'string' ? { html: parsed.html } : {}),
    ...(parsed.text !== undefined ? { text: parsed.text } : {}),
    ...(parsed.messageId !== undefined ? { messageId: parsed.messageId } : {}),
    headers,
    raw: raw.toString('utf8'),
    ...(typeof session.user === 'string' ? { authenticatedUser: session.user } : {}),
    tls: session.secure,
  };
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  if (!field) return [];
  return (Array.isArray(field) ? field : [field]).flatMap((object) =>
    object.value.flatMap((entry) =>
      entry.address
        ? [entry.address]
        : (entry.group ?? []).flatMap((member) => (member.address ? [member.address] : [])),
    ),
  );
}
