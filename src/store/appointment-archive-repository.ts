/** Final views of appointments whose workflow has closed, so GET keeps answering after Temporal's retention. */
import type { AppointmentView } from '../domain/appointment';
import type { Sql } from './database';

export class AppointmentArchiveRepository {
  constructor(private readonly sql: Sql) {}

  async save(view: AppointmentView): Promise<void> {
    await this.sql.query(
      `INSERT INTO appointment_archive (id, view) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET view = EXCLUDED.view, archived_at = now()`,
      [view.id, JSON.stringify(view)],
    );
  }

  async get(id: string): Promise<AppointmentView | undefined> {
    const rows = await this.sql.query<{ view: AppointmentView }>('SELECT view FROM appointment_archive WHERE id = $1', [
      id,
    ]);
    return rows[0]?.view;
  }
}
