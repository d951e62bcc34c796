/**
 * E-mail without an SMTP server: each message becomes one RFC 822 `.eml` file in the outbox
 * directory (`${DATA_DIR}/outbox/email`), so the engine runs with no setup and every message can be
 * opened in a mail client.
 *
 * The file name comes from the Message-ID, so the same (run, step) always maps to the same file:
 * a repeated send finds it and writes nothing (idempotent). Files appear whole or not at all: the
 * content goes to a temporary file in the same directory, is flushed, then renamed into place.
 */
import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { EmailSender, OutgoingEmail, SentEmail } from './email-sender';
import { EmailTransientError } from './email-errors';

export class OutboxEmailSender implements EmailSender {
  readonly kind = 'outbox' as const;

  constructor(private readonly outboxDir: string) {}

  /** Where the message with this Message-ID is (or would be) written. */
  fileFor(messageId: string): string {
    return path.join(this.outboxDir, outboxFileName(messageId, '.eml'));
  }

  async send(email: OutgoingEmail): Promise<SentEmail> {
    const file = this.fileFor(email.messageId);
    const name = path.basename(file);
    try {
      if (await exists(file)) return { providerId: email.messageId, response: `already in outbox as ${name}` };
      const raw = await new MailComposer({
        from: email.from,
        to: email.to,
        subject: email.subject,
        ...(email.html !== undefined ? { html: email.html } : {}),
        ...(email.text !== undefined ? { text: email.text } : {}),
        messageId: email.messageId,
        ...(email.headers ? { headers: email.headers } : {}),
        disableFileAccess: true,
        disableUrlAccess: true,
      })
        .compile()
        .build();
      await mkdir(this.outboxDir, { recursive: true });
      await writeFileAtomically(file, raw);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new EmailTransientError(`could not write ${name} to the e-mail outbox: ${reason}`, { reason: 'outbox' });
    }
    return { providerId: email.messageId, response: `written to outbox as ${name}` };
  }

  async close(): Promise<void> {}
}

/**
 * A file name that is safe on every file system and unique per Message-ID: the ID's own characters
 * where they are safe; if anything had to be replaced or cut, a hash of the exact ID keeps two IDs
 * that look alike apart.
 */
export function outboxFileName(id: string, extension: string): string {
  const bare = id.replace(/^<(.*)>$/, '$1');
  const safe = bare.replace(/[^A-Za-z0-9._@+-]/g, '_').replace(/^\./, '_').slice(0, 150);
  if (safe === bare && safe !== '') return `${safe}${extension}`;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 16);
  return `${safe}-${hash}${extension}`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/** temp file + fsync + rename: readers never see a half-written message, a crash leaves no partial file */
async function writeFileAtomically(file: string, content: Buffer | string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
