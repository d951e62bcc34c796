/** In-app notifications for users, deduplicated by a caller-given key. */
import type { Sql } from './database';
import { isoTimestamp } from './upsert';

export interface InAppNotification {
  id: string;
  at: string;
  subject?: string;
  body: string;
  appointmentId?: string;
  read: boolean;
}

interface NotificationRow {
  id: string;
  user_id: string;
  appointment_id: string | null;
  subject: string | null;
  body: string;
  read: boolean;
  created_at: Date;
}

export class NotificationsRepository {
  constructor(private readonly sql: Sql) {}

  /** Stores it unless a notification with this key exists; returns whether it was new. */
  async create(
    key: string,
    userId: string,
    content: { subject: string | null; body: string; appointmentId: string | null },
  ): Promise<boolean> {
    const rows = await this.sql.query(
      `INSERT INTO notifications (id, user_id, appointment_id, subject, body) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [key, userId, content.appointmentId, content.subject, content.body],
    );
    return rows.length > 0;
  }

  async listForUser(userId: string, limit = 200): Promise<InAppNotification[]> {
    const rows = await this.sql.query<NotificationRow>(
      'SELECT * FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2',
      [userId, limit],
    );
    return rows.map(toNotification);
  }

  /** Marks one of the user's notifications read; undefined when the user has no such notification. */
  async markRead(userId: string, id: string): Promise<InAppNotification | undefined> {
    const rows = await this.sql.query<NotificationRow>(
      'UPDATE notifications SET read = true WHERE user_id = $1 AND id = $2 RETURNING *',
      [userId, id],
    );
    return rows[0] ? toNotification(rows[0]) : undefined;
  }
}

function toNotification(row: NotificationRow): InAppNotification {
  return {
    id: row.id,
    at: isoTimestamp(row.created_at),
    ...(row.subject !== null ? { subject: row.subject } : {}),
    body: row.body,
    ...(row.appointment_id !== null ? { appointmentId: row.appointment_id } : {}),
    read: row.read,
  };
}
