/**
 * SMS without Twilio credentials: each message becomes one JSON file in the outbox directory
 * (`${DATA_DIR}/outbox/sms`), so the engine runs with no setup and every message can be read back.
 *
 * The file name comes from the idempotency key, so the same (run, step) always maps to the same
 * file: a repeated send finds it and writes nothing. Files appear whole or not at all (temporary
 * file in the same directory, flushed, renamed into place). Like Twilio, a `to` that is not E.164
 * is refused with code 21211, so a bad number shows up the same way in a demo as in production.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFile, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
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
    return path.join(this.outboxDir, `${outboxFileStem(idempotencyKey)}.json`);
  }

  async send(sms: OutgoingSms): Promise<SentSms> {
    if (!E164.test(sms.to)) {
      throw new SmsRejected(`the 'To' number is not a valid E.164 phone number`, { code: 21211, reason: 'invalid-number' });
    }
    const file = this.fileFor(sms.idempotencyKey);
    const providerId = `outbox-${outboxFileStem(sms.idempotencyKey)}`;
    try {
      const existing = await readExisting(file);
      if (existing) return { providerId: existing.providerId, status: 'outbox' };
      const record: OutboxSms = { providerId, idempotencyKey: sms.idempotencyKey, to: sms.to, body: sms.body, createdAt: new Date().toISOString() };
      await mkdir(this.outboxDir, { recursive: true });
      await writeFileAtomically(file, `${JSON.stringify(record, null, 2)}\n`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SmsTransientError(`could not write ${path.basename(file)} to the SMS outbox: ${reason}`, { reason: 'outbox' });
    }
    return { providerId, status: 'outbox' };
  }
}

/**
 * Safe on every file system and unique per key: the key's own characters where they are safe; if
 * anything had to be replaced or cut, a hash of the exact key keeps look-alike keys apart.
 */
function outboxFileStem(key: string): string {
  const safe = key.replace(/[^A-Za-z0-9._@+-]/g, '_').replace(/^\./, '_').slice(0, 150);
  if (safe === key) return safe;
  return `${safe}-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

async function readExisting(file: string): Promise<OutboxSms | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as OutboxSms;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** temp file + fsync + rename: readers never see a half-written file, a crash leaves no partial one */
async function writeFileAtomically(file: string, content: string): Promise<void> {
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
