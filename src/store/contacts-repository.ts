import type { Contact, ContactInput } from '../domain/contact';
import type { Sql } from './database';
import { isoTimestamp, upsertById, type UpsertResult } from './upsert';

interface ContactRow {
  id: string;
  first_name: string;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  timezone: string | null;
  created_at: Date;
  updated_at: Date;
}

function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    timezone: row.timezone,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

export class ContactsRepository {
  constructor(private readonly sql: Sql) {}

  async upsert(id: string, input: ContactInput): Promise<UpsertResult<Contact>> {
    const { row, created } = await upsertById<ContactRow>(this.sql, 'contacts', id, {
      first_name: input.firstName,
      last_name: input.lastName,
      email: input.email,
      phone: input.phone,
      timezone: input.timezone,
    });
    return { row: toContact(row), created };
  }

  async get(id: string): Promise<Contact | undefined> {
    const rows = await this.sql.query<ContactRow>('SELECT * FROM contacts WHERE id = $1', [id]);
    return rows[0] ? toContact(rows[0]) : undefined;
  }

  /** The contacts with this phone number (E.164, as stored), e.g. the sender of an SMS reply. */
  async listByPhone(phone: string, limit = 50): Promise<Contact[]> {
    const rows = await this.sql.query<ContactRow>('SELECT * FROM contacts WHERE phone = $1 ORDER BY id LIMIT $2', [
      phone,
      limit,
    ]);
    return rows.map(toContact);
  }
}
