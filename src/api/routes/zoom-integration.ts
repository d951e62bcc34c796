/**
 * Connecting a user's Zoom account by OAuth, bound by user ID (never by e-mail), and its status.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZoomAuthorizationCodeInvalid, ZoomError } from '../../integrations/zoom/zoom-errors';
import { ZoomApiClient } from '../../integrations/zoom/zoom-api-client';
import { ZoomOAuthClient } from '../../integrations/zoom/zoom-oauth-client';
import { OAuthStatesRepository } from '../../store/oauth-states-repository';
import { TokenCipher } from '../../store/token-cipher';
import { UsersRepository } from '../../store/users-repository';
import {
  UserHasOtherZoomAccount,
  ZoomAccountInUse,
  ZoomConnectionsRepository,
} from '../../store/zoom-connections-repository';
import { ApiError, notFound } from '../errors';
import type { ApiDependencies } from '../server';
import { parseId } from '../validation';

const callbackQuery = z.object({
  code: z.string().min(1).max(2048).optional(),
  state: z.string().min(1).max(256).optional(),
  error: z.string().max(256).optional(),
});

export function redirectUri(publicBaseUrl: string): string {
  return `${publicBaseUrl}/v1/integrations/zoom/callback`;
}

export function registerZoomIntegrationRoutes(app: FastifyInstance, deps: ApiDependencies): void {
  const users = new UsersRepository(deps.db);
  const states = new OAuthStatesRepository(deps.db);
  const connections = new ZoomConnectionsRepository(deps.db, new TokenCipher(deps.config.encryptionKey));
  const oauthConfig = deps.config.zoom.oauth;
  const oauth = oauthConfig
    ? new ZoomOAuthClient({
        oauthBaseUrl: deps.config.zoom.oauthBaseUrl,
        clientId: oauthConfig.clientId,
        clientSecret: oauthConfig.clientSecret,
      })
    : undefined;
  const api = new ZoomApiClient({ apiBaseUrl: deps.config.zoom.apiBaseUrl });
  const callbackUri = redirectUri(deps.config.publicBaseUrl);

  const requireOAuth = (): ZoomOAuthClient => {
    if (!oauth)
      throw new ApiError(
        503,
        'zoom_not_configured',
        'Zoom is not configured on this engine: set ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET',
      );
    return oauth;
  };

  app.post('/v1/users/:userId/integrations/zoom/authorize', async (request) => {
    const userId = parseId(request.params, 'userId');
    const client = requireOAuth();
    if (!(await users.get(userId))) throw notFound('user', userId);
    const state = await states.issue(userId);
    return { authorizeUrl: client.authorizeUrl(callbackUri, state) };
  });

  app.get('/v1/integrations/zoom/callback', async (request) => {
    const client = requireOAuth();
    const query = callbackQuery.safeParse(request.query);
    if (!query.success || !query.data.state)
      throw new ApiError(400, 'invalid_state', 'the OAuth state is missing or malformed');
    // The state is used up first: a replayed callback fails whatever else it carries.
    const userId = await states.consume(query.data.state);
    if (!userId)
      throw new ApiError(
        400,
        'invalid_state',
        'the OAuth state is unknown, expired or already used; start connecting again',
      );
    if (query.data.error)
      throw new ApiError(400, 'authorization_denied', `Zoom did not authorize the connection (${query.data.error})`);
    if (!query.data.code) throw new ApiError(400, 'invalid_code', 'the callback carries no authorization code');

    try {
      const tokens = await client.exchangeCode(query.data.code, callbackUri);
      const me = await api.getMe(tokens.accessToken);
      const connection = await connections.bind(userId, me.id, me.email, tokens);
      deps.logger.info({ userId, zoomUserId: me.id }, 'zoom connected');
      return {
        connected: true,
        userId,
        zoomUserId: connection.zoomUserId,
        zoomEmail: connection.zoomEmail,
        connectedAt: connection.connectedAt,
      };
    } catch (error) {
      if (error instanceof ZoomAccountInUse) throw new ApiError(409, 'zoom_account_in_use', error.message);
      if (error instanceof UserHasOtherZoomAccount)
        throw new ApiError(409, 'user_has_other_zoom_account', error.message);
      if (error instanceof ZoomAuthorizationCodeInvalid)
        throw new ApiError(
          400,
          'invalid_code',
          'Zoom refused the authorization code (used, expired or for another redirect URI)',
        );
      if (error instanceof ZoomError) {
        deps.logger.warn({ userId, error: error.name }, 'zoom connection failed');
        throw new ApiError(
          error.retryable ? 503 : 502,
          'zoom_unavailable',
          `Zoom could not complete the connection: ${error.message}`,
        );
      }
      throw error;
    }
  });

  app.get('/v1/users/:userId/integrations/zoom', async (request) => {
    const userId = parseId(request.params, 'userId');
    if (!(await users.get(userId))) throw notFound('user', userId);
    const connection = await connections.get(userId);
    if (!connection) return { connected: false };
    if (connection.status === 'broken') {
      return {
        connected: false,
        broken: true,
        reason: connection.brokenReason,
        zoomUserId: connection.zoomUserId,
        zoomEmail: connection.zoomEmail,
      };
    }
    return {
      connected: true,
      zoomUserId: connection.zoomUserId,
      zoomEmail: connection.zoomEmail,
      connectedAt: connection.connectedAt,
    };
  });

  app.delete('/v1/users/:userId/integrations/zoom', async (request, reply) => {
    const userId = parseId(request.params, 'userId');
    if (await connections.delete(userId)) deps.logger.info({ userId }, 'zoom disconnected');
    return reply.status(204).send();
  });
}
