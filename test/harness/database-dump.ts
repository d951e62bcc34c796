/** Every row of every table of an engine's database, as text: "nothing changed" is equal dumps. */
import type { Database } from '../../src/store/database';

export async function dumpDatabase(db: Database): Promise<string> {
  const tables = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const dump: Record<string, string[]> = {};
  for (const { table_name: table } of tables) {
    dump[table] = (await db.query(`SELECT * FROM "${table}"`)).map((row) => JSON.stringify(row)).sort();
  }
  return JSON.stringify(dump, null, 1);
}
