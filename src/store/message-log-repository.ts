/**
 * The message log: one row per action execution, keyed by (run, step, execution). It is what makes
 * a retried or re-executed send a no-op once the provider accepted the message.
 */
import type { Sql } from './database';
import { isoTimestamp } from './upsert';

export type MessageChannel = 'email' | 'sms' | 'in_app';
export type MessageStatus = 'sending' | 'sent' | 'failed' | 'skipped';

export interface MessageRecord {
  dedupKey: string;
  appointmentId: string;
  runId: string;
  stepId: string;
  channel: MessageChannel;
  to: string | null;
  subject: string | null;
  body: string;
  status: MessageStatus;
  providerId: string | null;
  error: string | null;
  at: string;
}

interface MessageRow {
  dedup_key: string;
  appointment_id: string;
  run_id: string;
  step_id: string;
  channel: MessageChannel;
  recipient: string | null;
  subject: string | null;
  body: string;
  status: MessageStatus;
  provider_id: string | null;
  error: string | null;
  created_at: Date;
}

function toRecord(row: MessageRow): MessageRecord {
  return {
    dedupKey: row.dedup_key,
    appointmentId: row.appointment_id,
    runId: row.run_id,
    stepId: row.step_id,
    channel: row.channel,
    to: row.recipient,
    subject: row.subject,
    body: row.body,
    status: row.status,
    providerId: row.provider_id,
    error: row.error,
    at: isoTimestamp(row.created_at),
  };
}

export type NewMessage = Omit<MessageRecord, 'status' | 'providerId' | 'error' | 'at'>;

export class MessageLogRepository {
  constructor(private readonly sql: Sql) {}

  /** Records the intent to send (status 'sending') unless this execution is already logged; returns the log row. */
  async begin(message: NewMessage): Promise<MessageRecord> {
    await this.sql.query(
      `INSERT INTO messages (dedup_key, appointment_id, run_id, step_id, channel, recipient, subject, body, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'sending') ON CONFLICT (dedup_key) DO NOTHING`,
      [
        message.dedupKey,
        message.appointmentId,
        message.runId,
        message.stepId,
        message.channel,
        message.to,
        message.subject,
        message.body,
      ],
    );
    return (await this.get(message.dedupKey)) as MessageRecord;
  }

  async get(dedupKey: string): Promise<MessageRecord | undefined> {
    const rows = await this.sql.query<MessageRow>('SELECT * FROM messages WHERE dedup_key = $1', [dedupKey]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  /** Final outcome. A message that reached 'sent' never changes again. */
  async finish(
    dedupKey: string,
    outcome: { status: 'sent' | 'failed' | 'skipped'; providerId?: string | null; error?: string | null },
  ): Promise<void> {
    await this.sql.query(
      `UPDATE messages SET status = $2, provider_id = $3, error = $4, updated_at = now() WHERE dedup_key = $1 AND status <> 'sent'`,
      [dedupKey, outcome.status, outcome.providerId ?? null, outcome.error ?? null],
    );
  }

  /** Logs a message that was not sent (no recipient, …) in one step. */
  async skipped(message: NewMessage, reason: string): Promise<void> {
    await this.begin(message);
    await this.finish(message.dedupKey, { status: 'skipped', error: reason });
  }

  async listByAppointment(appointmentId: string): Promise<MessageRecord[]> {
    const rows = await this.sql.query<MessageRow>(
      'SELECT * FROM messages WHERE appointment_id = $1 ORDER BY created_at, dedup_key',
      [appointmentId],
    );
    return rows.map(toRecord);
  }

  /** Messages sent and failed since `since`, per channel (the console's overview). */
  async outcomesSince(since: Date): Promise<Record<MessageChannel, { sent: number; failed: number }>> {
    const rows = await this.sql.query<{ channel: MessageChannel; status: 'sent' | 'failed'; count: string }>(
      `SELECT channel, status, count(*) AS count FROM messages
       WHERE updated_at >= $1 AND status IN ('sent', 'failed') GROUP BY channel, status`,
      [since],
    );
    const outcomes = { email: { sent: 0, failed: 0 }, sms: { sent: 0, failed: 0 }, in_app: { sent: 0, failed: 0 } };
    for (const row of rows) outcomes[row.channel][row.status] = Number(row.count);
    return outcomes;
  }
}
