/**
 * The daily budget of Zoom meeting create/update/delete calls per Zoom user (Zoom allows 100 per UTC
 * day). A call is reserved before it is sent, atomically across workers, so the 101st is never sent.
 */
import { utcDay } from '../domain/utc-day';
import type { Sql } from './database';

export const ZOOM_DAILY_LIMIT = 100;

export class ZoomQuotaRepository {
  constructor(
    private readonly sql: Sql,
    private readonly limit = ZOOM_DAILY_LIMIT,
  ) {}

  /** Takes one call from today's budget: true when granted, false when the budget is spent. */
  async reserve(zoomUserId: string, now = new Date()): Promise<boolean> {
    const rows = await this.sql.query(
      `INSERT INTO zoom_daily_usage (zoom_user_id, utc_day, calls) VALUES ($1, $2, 1)
       ON CONFLICT (zoom_user_id, utc_day) DO UPDATE SET calls = zoom_daily_usage.calls + 1
       WHERE zoom_daily_usage.calls < $3 AND NOT zoom_daily_usage.exhausted
       RETURNING calls`,
      [zoomUserId, utcDay(now), this.limit],
    );
    return rows.length > 0;
  }

  /** Zoom said the daily limit is reached (e.g. calls made outside this engine): stop for today. */
  async markExhausted(zoomUserId: string, now = new Date()): Promise<void> {
    await this.sql.query(
      `INSERT INTO zoom_daily_usage (zoom_user_id, utc_day, calls, exhausted) VALUES ($1, $2, 0, true)
       ON CONFLICT (zoom_user_id, utc_day) DO UPDATE SET exhausted = true`,
      [zoomUserId, utcDay(now)],
    );
  }

  async callsOn(zoomUserId: string, day: string): Promise<number> {
    const rows = await this.sql.query<{ calls: number }>(
      'SELECT calls FROM zoom_daily_usage WHERE zoom_user_id = $1 AND utc_day = $2',
      [zoomUserId, day],
    );
    return rows[0]?.calls ?? 0;
  }

  /** Each connected user's Zoom calls on a UTC day (the console's overview). */
  async usageByUser(day: string): Promise<{ userId: string; calls: number; exhausted: boolean }[]> {
    const rows = await this.sql.query<{ user_id: string; calls: number | null; exhausted: boolean | null }>(
      `SELECT c.user_id, u.calls, u.exhausted FROM zoom_connections c
       LEFT JOIN zoom_daily_usage u ON u.zoom_user_id = c.zoom_user_id AND u.utc_day = $1
       ORDER BY c.user_id`,
      [day],
    );
    return rows.map((row) => ({ userId: row.user_id, calls: row.calls ?? 0, exhausted: row.exhausted ?? false }));
  }
}
