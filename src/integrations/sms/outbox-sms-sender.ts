/**
 * SMS without Twilio credentials: each message becomes one JSON file in the outbox directory
 * (`${DATA_DIR}/outbox/sms`), so the engine runs with no setup and every message can be read back.
 *
 * The file name comes from the idempotency key, so the same (run, step) always maps to the same
 * file: a repeated send finds it and writes nothing. Files appear whole or not at all (temporary
 * file in the same directory, flushed, renamed into place). Like Twilio, a `to` that is not E.164
 * is refused with code 21211, so a bad number shows up the same way in a demo as in production.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { safeFileStem, writeFileAtomically } from '../outbox-file';
import type { OutgoingSms, SentSms, SmsSender } from './sms-sender';
import { SmsRejected, SmsTransientError } from './sms-errors';

/** What one outbox file holds. */
export interface OutboxSms {
  providerId: string;
  idempotencyKey: string;
  to: string;
  body: string;
  /** ISO 8601, when the file was written */
  createdAt: string;
}

const E164 = /^\+[1-9]\d{1,14}$/;

export class OutboxSmsSender implements SmsSender {
  readonly kind = 'outbox' as const;

  constructor(private readonly outboxDir: string) {}

  /** Where the message with this idempotency key is (or would be) written. */
  fileFor(idempotencyKey: string): string {
    return path.join(this.outboxDir, `${safeFileStem(idempotencyKey)}.json`);
  }

  async send(sms: OutgoingSms): Promise<SentSms> {
    if (!E164.test(sms.to)) {
      throw new SmsRejected(`the 'To' number is not a valid E.164 phone number`, {
        code: 21211,
        reason: 'invalid-number',
      });
    }
    const file = this.fileFor(sms.idempotencyKey);
    const providerId = `outbox-${safeFileStem(sms.idempotencyKey)}`;
    try {
      const existing = await readExisting(file);
      if (existing) return { providerId: existing.providerId, status: 'outbox' };
      const record: OutboxSms = {
        providerId,
        idempotencyKey: sms.idempotencyKey,
        to: sms.to,
        body: sms.body,
        createdAt: new Date().toISOString(),
      };
      await writeFileAtomically(file, `${JSON.stringify(record, null, 2)}\n`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SmsTransientError(`could not write ${path.basename(file)} to the SMS outbox: ${reason}`, {
        reason: 'outbox',
      });
    }
    return { providerId, status: 'outbox' };
  }
}

async function readExisting(file: string): Promise<OutboxSms | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as OutboxSms;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
