import type { User, UserInput } from '../domain/user';
import type { Sql } from './database';
import { isoTimestamp, upsertById, type UpsertResult } from './upsert';

interface UserRow {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  timezone: string;
  created_at: Date;
  updated_at: Date;
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    timezone: row.timezone,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

export class UsersRepository {
  constructor(private readonly sql: Sql) {}

  async upsert(id: string, input: UserInput): Promise<UpsertResult<User>> {
    const { row, created } = await upsertById<UserRow>(this.sql, 'users', id, {
      name: input.name,
      email: input.email,
      phone: input.phone,
      timezone: input.timezone,
    });
    return { row: toUser(row), created };
  }

  async get(id: string): Promise<User | undefined> {
    const rows = await this.sql.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0] ? toUser(rows[0]) : undefined;
  }

  /** Every user, by ID (a CRM's team: hundreds, not millions). */
  async list(): Promise<User[]> {
    const rows = await this.sql.query<UserRow>('SELECT * FROM users ORDER BY id');
    return rows.map(toUser);
  }

  /** The IDs among `ids` that name no user. */
  async missing(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.sql.query<{ id: string }>('SELECT id FROM users WHERE id = ANY($1::text[])', [[...ids]]);
    const found = new Set(rows.map((row) => row.id));
    return ids.filter((id) => !found.has(id));
  }
}
