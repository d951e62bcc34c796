/**
 * Sessions of the web console: a random token in an httpOnly cookie, exchanged once for the API key.
 * Only a hash is stored, so a database reader cannot sign in with it; sessions end when they expire
 * or when the operator signs out. Kept in the database so every API process honours them.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from './database';

export const CONSOLE_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export class ConsoleSessionsRepository {
  constructor(private readonly sql: Sql) {}

  /** A new session; returns its token and when it expires. Expired sessions are swept on the way. */
  async open(now = new Date()): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + CONSOLE_SESSION_TTL_MS);
    await this.sql.query('DELETE FROM console_sessions WHERE expires_at <= $1', [now]);
    await this.sql.query('INSERT INTO console_sessions (token_hash, expires_at) VALUES ($1, $2)', [
      hash(token),
      expiresAt,
    ]);
    return { token, expiresAt };
  }

  async isValid(token: string, now = new Date()): Promise<boolean> {
    const rows = await this.sql.query('SELECT 1 FROM console_sessions WHERE token_hash = $1 AND expires_at > $2', [
      hash(token),
      now,
    ]);
    return rows.length > 0;
  }

  async close(token: string): Promise<void> {
    await this.sql.query('DELETE FROM console_sessions WHERE token_hash = $1', [hash(token)]);
  }
}
