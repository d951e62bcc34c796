/**
 * E-mail without an SMTP server: each message becomes one RFC 822 `.eml` file in the outbox
 * directory (`${DATA_DIR}/outbox/email`), so the engine runs with no setup and every message can be
 * opened in a mail client.
 *
 * The file name comes from the Message-ID, so the same (run, step) always maps to the same file:
 * a repeated send finds it and writes nothing (idempotent). Files appear whole or not at all: the
 * content goes to a temporary file in the same directory, is flushed, then renamed into place.
 */
import { mailOptions } from './mail-options';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { fileExists, safeFileStem, writeFileAtomically } from '../outbox-file';
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
      if (await fileExists(file)) return { providerId: email.messageId, response: `already in outbox as ${name}` };
      const raw = await new MailComposer(mailOptions(email)).compile().build();
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
 * A file name that is safe on every file system and unique per Message-ID: the ID without its angle
 * brackets where its characters are safe; otherwise a hash of the exact ID is appended (outbox-file.ts).
 */
export function outboxFileName(id: string, extension: string): string {
  return `${safeFileStem(id.replace(/^<(.*)>$/, '$1'), id)}${extension}`;
}
