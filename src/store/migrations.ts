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
  {
    version: 2,
    name: 'zoom connections, automations, messages, notifications',
    sql: `
      CREATE TABLE zoom_connections (
        user_id text PRIMARY KEY,
        zoom_user_id text NOT NULL UNIQUE,
        zoom_email text NOT NULL,
        access_token_encrypted text NOT NULL,
        refresh_token_encrypted text NOT NULL,
        access_token_expires_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'connected',
        broken_reason text,
        connected_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE zoom_oauth_states (
        state_hash text PRIMARY KEY,
        user_id text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE TABLE zoom_daily_usage (
        zoom_user_id text NOT NULL,
        utc_day date NOT NULL,
        calls integer NOT NULL DEFAULT 0,
        exhausted boolean NOT NULL DEFAULT false,
        PRIMARY KEY (zoom_user_id, utc_day)
      );
      CREATE TABLE automations (
        id text PRIMARY KEY,
        version integer NOT NULL,
        status text NOT NULL,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE automation_versions (
        automation_id text NOT NULL REFERENCES automations (id),
        version integer NOT NULL,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (automation_id, version)
      );
      CREATE TABLE messages (
        dedup_key text PRIMARY KEY,
        appointment_id text NOT NULL,
        run_id text NOT NULL,
        step_id text NOT NULL,
        channel text NOT NULL,
        recipient text,
        subject text,
        body text NOT NULL,
        status text NOT NULL,
        provider_id text,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX messages_by_appointment ON messages (appointment_id, created_at);
      CREATE TABLE notifications (
        id text PRIMARY KEY,
        user_id text NOT NULL,
        appointment_id text,
        subject text,
        body text NOT NULL,
        read boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX notifications_by_user ON notifications (user_id, created_at);
      CREATE TABLE zoom_meetings (
        meeting_id text PRIMARY KEY,
        slot_workflow_id text NOT NULL,
        host_user_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE appointment_archive (
        id text PRIMARY KEY,
        view jsonb NOT NULL,
        archived_at timestamptz NOT NULL DEFAULT now()
      )
    `,
  },
  {
    version: 3,
    name: 'console sessions and where an OAuth flow returns to',
    sql: `
      CREATE TABLE console_sessions (
        token_hash text PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      ALTER TABLE zoom_oauth_states ADD COLUMN return_to text
    `,
  },
  {
    version: 4,
    name: "the calendar's reschedule page",
    sql: `ALTER TABLE calendars ADD COLUMN reschedule_page_url text`,
  },
  {
    version: 5,
    name: 'SMS opt-outs, contacts by phone',
    sql: `
      CREATE TABLE sms_opt_outs (
        phone text PRIMARY KEY,
        keyword text NOT NULL,
        opted_out_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX contacts_phone ON contacts (phone)
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
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
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
