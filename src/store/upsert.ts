import type { Sql, SqlValue } from './database';

export interface UpsertResult<Row> {
  row: Row;
  created: boolean;
}

/**
 * INSERT … ON CONFLICT DO UPDATE that leaves an unchanged row alone (a repeated PUT changes nothing,
 * not even updated_at) and says whether the row was created.
 */
export async function upsertById<Row>(
  sql: Sql,
  table: string,
  id: string,
  values: Record<string, SqlValue>,
): Promise<UpsertResult<Row>> {
  const columns = Object.keys(values);
  const placeholders = columns.map((_, index) => `$${index + 2}`);
  const assignments = columns.map((column) => `${column} = EXCLUDED.${column}`).join(', ');
  const changed = `(${columns.map((c) => `${table}.${c}`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `EXCLUDED.${c}`).join(', ')})`;
  const rows = await sql.query<Row & { inserted: boolean }>(
    `INSERT INTO ${table} (id, ${columns.join(', ')}) VALUES ($1, ${placeholders.join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${assignments}, updated_at = now() WHERE ${changed}
     RETURNING *, (xmax = 0) AS inserted`,
    [id, ...columns.map((column) => values[column] as SqlValue)],
  );
  if (rows.length > 0) {
    const { inserted, ...row } = rows[0] as Row & { inserted: boolean };
    return { row: row as Row, created: inserted };
  }
  const existing = await sql.query<Row>(`SELECT * FROM ${table} WHERE id = $1`, [id]);
  return { row: existing[0] as Row, created: false };
}

export function isoTimestamp(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}
