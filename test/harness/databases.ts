/** The two databases the store runs on, for suites that must pass on both. */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Database } from '../../src/store/database';
import { openDatabase } from '../../src/store/open-database';
import { testPostgresAdminUrl } from './harness-env';

/** A fresh, empty PostgreSQL database in the test cluster; returns its URL. */
export async function createPostgresDatabase(): Promise<string> {
  const admin = new Client({ connectionString: testPostgresAdminUrl() });
  await admin.connect();
  const name = `test_${randomUUID().replace(/-/g, '')}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testPostgresAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export const DATABASE_KINDS = ['pglite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

export async function openTestDatabase(kind: DatabaseKind): Promise<Database> {
  return kind === 'pglite' ? openDatabase({}) : openDatabase({ databaseUrl: await createPostgresDatabase() });
}
