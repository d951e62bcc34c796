/**
 * Gives Zoom calls a valid access token for a host: refreshes it shortly before expiry or when Zoom
 * refuses it, serialized per connection across all workers (rotating refresh tokens must never be
 * spent twice), and marks the connection broken when the refresh token is dead.
 */
import { ZOOM_FAILURE_TYPE } from '../domain/zoom-failure-types';
import { ZoomRefreshTokenInvalid, ZoomUnauthorized } from '../integrations/zoom/zoom-errors';
import type { ZoomOAuthClient } from '../integrations/zoom/zoom-oauth-client';
import type { ZoomConnectionsRepository, ZoomTokenPair } from '../store/zoom-connections-repository';

/** Refresh this long before the access token expires, so a call never starts with a dying token. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** The host has no working Zoom connection (never connected, disconnected, or broken). */
export class ZoomNotConnected extends Error {
  override name = ZOOM_FAILURE_TYPE.notConnected;
}

export class ZoomTokenProvider {
  constructor(
    private readonly connections: ZoomConnectionsRepository,
    private readonly oauth: ZoomOAuthClient | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The Zoom user ID of the host's working connection. */
  async zoomUserId(hostUserId: string): Promise<string> {
    const connection = await this.connections.get(hostUserId);
    if (!connection) throw new ZoomNotConnected(`user ${hostUserId} has not connected a Zoom account`);
    if (connection.status === 'broken') {
      throw new ZoomNotConnected(
        `the Zoom connection of user ${hostUserId} is broken (${connection.brokenReason ?? 'reconnect needed'})`,
      );
    }
    return connection.zoomUserId;
  }

  /** Runs `call` with a valid access token; after a 401 it refreshes once and tries again. */
  async withAccessToken<T>(hostUserId: string, call: (accessToken: string) => Promise<T>): Promise<T> {
    if (!this.oauth)
      throw new ZoomNotConnected('Zoom is not configured on this engine (ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET)');
    const stored = await this.connections.tokens(hostUserId);
    if (!stored) {
      await this.zoomUserId(hostUserId); // throws the precise reason
      throw new ZoomNotConnected(`user ${hostUserId} has no working Zoom connection`);
    }
    let tokens: ZoomTokenPair = stored;
    if (tokens.expiresAt.getTime() - this.now().getTime() < REFRESH_MARGIN_MS)
      tokens = await this.refresh(hostUserId, tokens.accessToken);
    try {
      return await call(tokens.accessToken);
    } catch (error) {
      if (!(error instanceof ZoomUnauthorized)) throw error;
      const fresh = await this.refresh(hostUserId, tokens.accessToken);
      return call(fresh.accessToken);
    }
  }

  /**
   * Refreshes unless another worker already did while we waited for the lock (then its tokens are
   * used). `staleAccessToken` is the token we found wanting.
   */
  private async refresh(hostUserId: string, staleAccessToken: string): Promise<ZoomTokenPair> {
    const oauth = this.oauth as ZoomOAuthClient;
    try {
      const tokens = await this.connections.refreshLocked(hostUserId, async (current) => {
        const refreshedMeanwhile =
          current.accessToken !== staleAccessToken &&
          current.expiresAt.getTime() - this.now().getTime() >= REFRESH_MARGIN_MS;
        if (refreshedMeanwhile) return current;
        const next = await oauth.refresh(current.refreshToken);
        return { accessToken: next.accessToken, refreshToken: next.refreshToken, expiresAt: next.expiresAt };
      });
      if (!tokens) throw new ZoomNotConnected(`user ${hostUserId} has no working Zoom connection`);
      return tokens;
    } catch (error) {
      if (!(error instanceof ZoomRefreshTokenInvalid)) throw error;
      await this.connections.markBroken(hostUserId, 'Zoom refused the refresh token; the user must connect Zoom again');
      throw new ZoomNotConnected(
        `the Zoom connection of user ${hostUserId} is broken: Zoom refused the refresh token; reconnect Zoom`,
      );
    }
  }
}
