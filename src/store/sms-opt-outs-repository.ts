/**
 * The phone numbers that replied STOP (or a synonym) and have not replied START since: no SMS goes
 * to them (activities/message-activities.ts skips the step, recording why). Twilio blocks them on
 * its side too; keeping our own list means no request is made at all, and the skip says why.
 */
import type { Sql } from './database';

export class SmsOptOutsRepository {
  constructor(private readonly sql: Sql) {}

  /** `keyword`: what the number replied (e.g. STOP), kept for the record. Repeating it changes nothing. */
  async optOut(phone: string, keyword: string): Promise<void> {
    await this.sql.query('INSERT INTO sms_opt_outs (phone, keyword) VALUES ($1, $2) ON CONFLICT (phone) DO NOTHING', [
      phone,
      keyword,
    ]);
  }

  /** Back in (START); whether the number was opted out. */
  async optIn(phone: string): Promise<boolean> {
    const rows = await this.sql.query('DELETE FROM sms_opt_outs WHERE phone = $1 RETURNING phone', [phone]);
    return rows.length > 0;
  }

  async isOptedOut(phone: string): Promise<boolean> {
    const rows = await this.sql.query('SELECT 1 FROM sms_opt_outs WHERE phone = $1', [phone]);
    return rows.length > 0;
  }
}
