import { PGlite } from '@electric-sql/pglite';
import type { Database, Sql, SqlValue } from './database';

/**
 * Embedded PostgreSQL. PGlite runs one query at a time in this process, so a transaction holds the
 * whole database until it ends: keep transactions short.
 */
export async function openPgliteDatabase(dataDir: string | undefined): Promise<Database> {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  const wrap = (runner: Pick<PGlite, 'query'>): Sql => ({
    async query<Row>(text: string, params: SqlValue[] = []) {
      const result = await runner.query<Row>(text, params);
      return result.rows;
    },
  });
  return {
    kind: 'pglite',
    ...wrap(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    async exec(script) {
      await db.exec(script);
    },
    close: () => db.close(),
  };
}
