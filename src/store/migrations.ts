/**
 * Schema migrations, applied in order, each once, under an advisory lock so that several processes
 * starting against one PostgreSQL do not race. Never edit a released migration: add a new one.
 */
import type { Database } from './database';

export const migrations: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'reference data',
    sql: `
      CREATE TABLE users (
        id text PRIMARY KEY,
        name text NOT NULL,
        email text NOT NULL,
        phone text,
        timezone text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE contacts (
        id text PRIMARY KEY,
        first_name text NOT NULL,
        last_name text,
        email text,
        phone text,
        timezone text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE calendars (
        id text PRIMARY KEY,
        name text NOT NULL,
        type text NOT NULL,
        team_member_ids jsonb NOT NULL,
        meeting_location jsonb NOT NULL,
        slot_capacity integer NOT NULL DEFAULT 1,
        timezone text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];

/** arbitrary constant naming "this project's migrations" for pg_advisory_xact_lock */
const MIGRATION_LOCK_KEY = 715_402_117;

export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (tx) => {
    // The lock comes first: even CREATE TABLE IF NOT EXISTS races between concurrent sessions.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => row.version),
    );
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      done.push(migration.version);
    }
    return done;
  });
}

/** Our migrations hold no semicolons inside literals or function bodies, so splitting on them is safe. */
function splitStatements(sql: string): string[] {
  return sql
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}
