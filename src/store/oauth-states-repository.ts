/**
 * OAuth `state` values: random, single-use, expiring, bound to the user who asked to connect.
 * Only a hash is stored, so a database reader cannot complete someone else's flow.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from './database';

export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;

/** Where the browser is sent after Zoom: the API's JSON answer, or back to the web console. */
export type OAuthReturn = 'api' | 'console';

export interface OAuthFlow {
  userId: string;
  returnTo: OAuthReturn;
}

const hash = (state: string) => createHash('sha256').update(state).digest('hex');

export class OAuthStatesRepository {
  constructor(private readonly sql: Sql) {}

  /** A new state for the user; `returnTo` says where the browser goes after the callback. */
  async issue(userId: string, returnTo: OAuthReturn = 'api', now = new Date()): Promise<string> {
    const state = randomBytes(24).toString('base64url');
    await this.sql.query(
      'INSERT INTO zoom_oauth_states (state_hash, user_id, expires_at, return_to) VALUES ($1, $2, $3, $4)',
      [hash(state), userId, new Date(now.getTime() + OAUTH_STATE_TTL_MS), returnTo],
    );
    return state;
  }

  /** Uses a state up: the flow it started, or undefined when unknown, expired or already used. */
  async consume(state: string, now = new Date()): Promise<OAuthFlow | undefined> {
    const rows = await this.sql.query<{ user_id: string; return_to: string | null }>(
      `UPDATE zoom_oauth_states SET used_at = $2 WHERE state_hash = $1 AND used_at IS NULL AND expires_at > $2
       RETURNING user_id, return_to`,
      [hash(state), now],
    );
    const row = rows[0];
    return row ? { userId: row.user_id, returnTo: row.return_to === 'console' ? 'console' : 'api' } : undefined;
  }
}
