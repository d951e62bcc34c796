/**
 * Zoom connections, bound by user ID (never by e-mail): one Zoom account per user ID and one user ID
 * per Zoom account. Tokens are stored encrypted; refreshes are serialized per connection by a row
 * lock, so two workers never spend the same (rotating) refresh token.
 */
import { ZOOM_FAILURE_TYPE } from '../domain/zoom-failure-types';
import type { Database, Sql } from './database';
import type { TokenCipher } from './token-cipher';
import { isoTimestamp } from './upsert';

export interface ZoomTokenPair {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

export interface ZoomConnection {
  userId: string;
  zoomUserId: string;
  zoomEmail: string;
  status: 'connected' | 'broken';
  brokenReason: string | null;
  connectedAt: string;
}

export class ZoomAccountInUse extends Error {
  override name = ZOOM_FAILURE_TYPE.accountInUse;
}
export class UserHasOtherZoomAccount extends Error {
  override name = ZOOM_FAILURE_TYPE.userHasOtherZoomAccount;
}

interface ConnectionRow {
  user_id: string;
  zoom_user_id: string;
  zoom_email: string;
  access_token_encrypted: string;
  refresh_token_encrypted: string;
  access_token_expires_at: Date;
  status: 'connected' | 'broken';
  broken_reason: string | null;
  connected_at: Date;
}

function toConnection(row: ConnectionRow): ZoomConnection {
  return {
    userId: row.user_id,
    zoomUserId: row.zoom_user_id,
    zoomEmail: row.zoom_email,
    status: row.status,
    brokenReason: row.broken_reason,
    connectedAt: isoTimestamp(row.connected_at),
  };
}

export class ZoomConnectionsRepository {
  constructor(
    private readonly db: Database,
    private readonly cipher: TokenCipher,
  ) {}

  /** The users whose connection is broken (tokens refused or revoked), by ID. */
  async brokenUserIds(): Promise<string[]> {
    const rows = await this.db.query<{ user_id: string }>(
      "SELECT user_id FROM zoom_connections WHERE status = 'broken' ORDER BY user_id",
    );
    return rows.map((row) => row.user_id);
  }

  /** Binds a Zoom account to a user ID, or refreshes the tokens of the same binding. */
  async bind(userId: string, zoomUserId: string, zoomEmail: string, tokens: ZoomTokenPair): Promise<ZoomConnection> {
    return this.db.transaction(async (tx) => {
      // FOR UPDATE locks only rows that exist: two first connections at the same moment would both pass
      // the checks below (and the second fail on the unique key, or take the user ID over). Locks on
      // both keys, always the user's first, make check and write one step.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`zoom-connection-user:${userId}`]);
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`zoom-connection-account:${zoomUserId}`]);
      const byZoomUser = await tx.query<ConnectionRow>(
        'SELECT * FROM zoom_connections WHERE zoom_user_id = $1 FOR UPDATE',
        [zoomUserId],
      );
      if (byZoomUser[0] && byZoomUser[0].user_id !== userId) {
        throw new ZoomAccountInUse('this Zoom account is connected to another user ID; disconnect it there first');
      }
      const byUser = await tx.query<ConnectionRow>('SELECT * FROM zoom_connections WHERE user_id = $1 FOR UPDATE', [
        userId,
      ]);
      if (byUser[0] && byUser[0].zoom_user_id !== zoomUserId) {
        throw new UserHasOtherZoomAccount('this user ID is connected to another Zoom account; disconnect it first');
      }
      const rows = await tx.query<ConnectionRow>(
        `INSERT INTO zoom_connections (user_id, zoom_user_id, zoom_email, access_token_encrypted, refresh_token_encrypted, access_token_expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (user_id) DO UPDATE SET zoom_email = EXCLUDED.zoom_email,
           access_token_encrypted = EXCLUDED.access_token_encrypted, refresh_token_encrypted = EXCLUDED.refresh_token_encrypted,
           access_token_expires_at = EXCLUDED.access_token_expires_at, status = 'connected', broken_reason = NULL, updated_at = now()
         RETURNING *`,
        [
          userId,
          zoomUserId,
          zoomEmail,
          this.cipher.encrypt(tokens.accessToken),
          this.cipher.encrypt(tokens.refreshToken),
          tokens.expiresAt,
        ],
      );
      return toConnection(rows[0] as ConnectionRow);
    });
  }

  async get(userId: string): Promise<ZoomConnection | undefined> {
    const rows = await this.db.query<ConnectionRow>('SELECT * FROM zoom_connections WHERE user_id = $1', [userId]);
    return rows[0] ? toConnection(rows[0]) : undefined;
  }

  async getByZoomUserId(zoomUserId: string): Promise<ZoomConnection | undefined> {
    const rows = await this.db.query<ConnectionRow>('SELECT * FROM zoom_connections WHERE zoom_user_id = $1', [
      zoomUserId,
    ]);
    return rows[0] ? toConnection(rows[0]) : undefined;
  }

  /** Removes the binding; returns whether there was one. */
  async delete(userId: string): Promise<boolean> {
    const rows = await this.db.query('DELETE FROM zoom_connections WHERE user_id = $1 RETURNING user_id', [userId]);
    return rows.length > 0;
  }

  /** Current tokens of a working connection, decrypted (undefined: none, or broken). */
  async tokens(userId: string): Promise<(ZoomTokenPair & { zoomUserId: string }) | undefined> {
    const rows = await this.db.query<ConnectionRow>(
      "SELECT * FROM zoom_connections WHERE user_id = $1 AND status = 'connected'",
      [userId],
    );
    return rows[0] ? this.decrypt(rows[0]) : undefined;
  }

  /**
   * Runs `refresh` with the connection's row locked, so concurrent refreshes (any worker) queue up.
   * `refresh` sees the tokens as they are once the lock is held — a refresh that happened meanwhile
   * is visible, and it may return them as they are — and returns the pair to store.
   */
  async refreshLocked(
    userId: string,
    refresh: (current: ZoomTokenPair) => Promise<ZoomTokenPair>,
  ): Promise<ZoomTokenPair | undefined> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<ConnectionRow>(
        "SELECT * FROM zoom_connections WHERE user_id = $1 AND status = 'connected' FOR UPDATE",
        [userId],
      );
      if (!rows[0]) return undefined;
      const current = this.decrypt(rows[0]);
      const next = await refresh(current);
      if (next.accessToken !== current.accessToken || next.refreshToken !== current.refreshToken) {
        await this.storeTokens(tx, userId, next);
      }
      return next;
    });
  }

  async markBroken(userId: string, reason: string): Promise<void> {
    await this.db.query(
      "UPDATE zoom_connections SET status = 'broken', broken_reason = $2, updated_at = now() WHERE user_id = $1",
      [userId, reason],
    );
  }

  private async storeTokens(sql: Sql, userId: string, tokens: ZoomTokenPair): Promise<void> {
    await sql.query(
      `UPDATE zoom_connections SET access_token_encrypted = $2, refresh_token_encrypted = $3, access_token_expires_at = $4, updated_at = now()
       WHERE user_id = $1`,
      [userId, this.cipher.encrypt(tokens.accessToken), this.cipher.encrypt(tokens.refreshToken), tokens.expiresAt],
    );
  }

  private decrypt(row: ConnectionRow): ZoomTokenPair & { zoomUserId: string } {
    return {
      zoomUserId: row.zoom_user_id,
      accessToken: this.cipher.decrypt(row.access_token_encrypted),
      refreshToken: this.cipher.decrypt(row.refresh_token_encrypted),
      expiresAt: new Date(row.access_token_expires_at),
    };
  }
}
