/**
 * OAuth `state` values: random, single-use, expiring, bound to the user who asked to connect.
 * Only a hash is stored, so a database reader cannot complete someone else's flow.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from './database';

export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;

const hash = (state: string) => createHash('sha256').update(state).digest('hex');

export class OAuthStatesRepository {
  constructor(private readonly sql: Sql) {}

  async issue(userId: string, now = new Date()): Promise<string> {
    const state = randomBytes(24).toString('base64url');
    await this.sql.query('INSERT INTO zoom_oauth_states (state_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
      hash(state),
      userId,
      new Date(now.getTime() + OAUTH_STATE_TTL_MS),
    ]);
    return state;
  }

  /** Uses a state up: the user it names, or undefined when unknown, expired or already used. */
  async consume(state: string, now = new Date()): Promise<string | undefined> {
    const rows = await this.sql.query<{ user_id: string }>(
      `UPDATE zoom_oauth_states SET used_at = $2 WHERE state_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id`,
      [hash(state), now],
    );
    return rows[0]?.user_id;
  }
}
