/**
 * The one database interface the rest of the code sees. Two implementations share the same SQL:
 * PGlite (PostgreSQL compiled to WebAssembly, embedded, data in DATA_DIR) and PostgreSQL (DATABASE_URL).
 */
export type SqlValue = string | number | boolean | null | Date | object;

export interface Sql {
  query<Row = Record<string, unknown>>(text: string, params?: SqlValue[]): Promise<Row[]>;
}

export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}
