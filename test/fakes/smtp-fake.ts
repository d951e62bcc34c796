/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 that keeps what it receives, parsed
 * with mailparser, and can be told to misbehave on the next messages.
 *
 *   const smtp = await startSmtpFake({ auth: { user: 'engine', pass: 'secret' } });
 *   // SMTP_URL = smtp.url
 *   const [mail] = await smtp.waitForMessages(1);
 *   smtp.faults.next(1, { kind: 'fail', reply: { code: 550, message: 'mailbox unavailable' } }); // DATA refused after reading it
 *   smtp.faults.next(1, { kind: 'drop' });  // message stored, connection cut before the 250
 *   const held = smtp.faults.next(1, { kind: 'hold' });  // message stored, the 250 withheld: a send stays in flight
 *   await held.waitForHeld(1); …; held.release();
 *   await smtp.close();
 *
 * TLS: plain by default (STARTTLS not offered). `secure: true` serves implicit TLS (smtps://) and
 * `starttls: true` offers STARTTLS, both with smtp-server's built-in self-signed localhost
 * certificate, so `url` then carries `?tls_reject_unauthorized=false`. No certificate is generated.
 */
import { EventEmitter } from 'node:events';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { waitUntil } from './event-wait';
import { FaultPlan, type Faults } from './fault-plan';

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
  /** the parts that are neither the text nor the HTML body (attachments, a text/calendar alternative) */
  attachments: ReceivedPart[];
  /** the message as received */
  raw: string;
  /** the user who authenticated, when the fake requires auth */
  authenticatedUser?: string;
  /** true when the session was TLS (implicit or STARTTLS) */
  tls: boolean;
}

/** A part of a received message other than its text and HTML bodies, decoded. */
export interface ReceivedPart {
  /** e.g. `text/calendar`, `application/ics` */
  contentType: string;
  /** the Content-Type's parameters (lower-case names), e.g. `{charset: 'utf-8', method: 'REQUEST'}` */
  contentTypeParams: Record<string, string>;
  filename?: string;
  /** `attachment` or `inline` when the part says so */
  disposition?: string;
  content: string;
}

export interface SmtpReply {
  code: number;
  message: string;
}

/**
 * Where in a transaction a fault strikes: 'rcpt' at RCPT TO, before any of the message is sent;
 * 'data' (the default) once the whole message is read.
 */
export type SmtpStage = 'rcpt' | 'data';

/**
 * 'fail': refused with `reply` (e.g. 550 unknown mailbox at 'rcpt', 451 try again later at 'data').
 * 'drop': the connection is lost: at 'rcpt' nothing is stored; at 'data' the message is stored first,
 * the 250 never sent (the window in which a client cannot know the message went through).
 * 'hold': the transaction stalls without an answer, so a send stays in flight, until the fault is
 * released (then it is answered normally); at 'data' the message is stored first. A client that goes
 * away meanwhile (a killed worker) just leaves, and a stored message stays, as a real server queues it.
 */
export type SmtpFault =
  | { kind: 'fail'; reply: SmtpReply; at?: SmtpStage }
  | { kind: 'drop'; at?: SmtpStage }
  | { kind: 'hold'; at?: SmtpStage };

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
  /** faults of the transactions, each at its stage (test/fakes/fault-plan.ts) */
  readonly faults: Faults<SmtpFault>;
  /** forget messages, attempts and faults */
  reset(): void;
  close(): Promise<void>;
}

export async function startSmtpFake(options: SmtpFakeOptions = {}): Promise<SmtpFake> {
  const messages: ReceivedEmail[] = [];
  const faults = new FaultPlan<SmtpFault, SmtpStage>((fault, _match, stage) => (fault.at ?? 'data') === stage);
  const events = new EventEmitter();
  let attempts = 0;

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
      const hit = faults.take('rcpt');
      if (!hit) return callback();
      if (hit.fault.kind === 'fail') return callback(replyError(hit.fault.reply));
      if (hit.fault.kind === 'drop') return void cut(session);
      void hit.hold().then(() => callback());
    },
    onData(stream, session, callback) {
      readAll(stream)
        .then(async (raw) => {
          const hit = faults.take('data');
          if (hit?.fault.kind === 'fail') return callback(replyError(hit.fault.reply));
          const message = await toReceivedEmail(raw, session);
          messages.push(message);
          events.emit('message');
          const queued = `OK: queued as ${messages.length}`;
          if (hit?.fault.kind === 'drop') return void cut(session);
          if (hit?.fault.kind === 'hold') return void hit.hold().then(() => callback(null, queued));
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
        events,
        'message',
        () => (messages.length >= n ? messages.slice() : undefined),
        timeoutMs,
        () => `SMTP fake: expected ${n} message(s) within ${timeoutMs} ms, got ${messages.length}`,
      );
    },
    faults,
    reset() {
      messages.length = 0;
      faults.clear();
      attempts = 0;
    },
    close() {
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
    attachments: parsed.attachments.map((part) => {
      const contentType = part.headers.get('content-type') as { params?: Record<string, string> } | undefined;
      return {
        contentType: part.contentType,
        contentTypeParams: Object.fromEntries(
          Object.entries(contentType?.params ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
        ),
        ...(part.filename !== undefined ? { filename: part.filename } : {}),
        ...(part.contentDisposition ? { disposition: part.contentDisposition } : {}),
        content: part.content.toString('utf8'),
      };
    }),
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
