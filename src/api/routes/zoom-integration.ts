/**
 * Connecting a user's Zoom account by OAuth, bound by user ID (never by e-mail), its status, and
 * disconnecting it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ZOOM_API_ERROR_CODE } from '../../domain/zoom-failure-types';
import { ZoomAuthorizationCodeInvalid, ZoomError } from '../../integrations/zoom/zoom-errors';
import type { ZoomOAuthClient } from '../../integrations/zoom/zoom-oauth-client';
import { UserHasOtherZoomAccount, ZoomAccountInUse } from '../../store/zoom-connections-repository';
import type { ApiDependencies } from '../api-dependencies';
import { ApiError, notFound } from '../errors';
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
  app.post('/v1/users/:userId/integrations/zoom/authorize', (request) => startAuthorization(deps, request));
  app.get('/v1/integrations/zoom/callback', (request) => completeAuthorization(deps, request));
  app.get('/v1/users/:userId/integrations/zoom', (request) => connectionStatus(deps, request));
  app.delete('/v1/users/:userId/integrations/zoom', (request, reply) => disconnect(deps, request, reply));
}

async function startAuthorization({ config, repositories, zoom }: ApiDependencies, request: FastifyRequest) {
  const userId = parseId(request.params, 'userId');
  const oauth = requireOAuth(zoom.oauth);
  if (!(await repositories.users.get(userId))) throw notFound('user', userId);
  const state = await repositories.oauthStates.issue(userId);
  return { authorizeUrl: oauth.authorizeUrl(redirectUri(config.publicBaseUrl), state) };
}

async function completeAuthorization(deps: ApiDependencies, request: FastifyRequest) {
  const { config, repositories, zoom, logger } = deps;
  const oauth = requireOAuth(zoom.oauth);
  const { userId, code } = await consumeCallback(deps, request.query);
  try {
    const tokens = await oauth.exchangeCode(code, redirectUri(config.publicBaseUrl));
    const me = await zoom.api.getMe(tokens.accessToken);
    const connection = await repositories.zoomConnections.bind(userId, me.id, me.email, tokens);
    logger.info({ userId, zoomUserId: me.id }, 'zoom connected');
    return {
      connected: true,
      userId,
      zoomUserId: connection.zoomUserId,
      zoomEmail: connection.zoomEmail,
      connectedAt: connection.connectedAt,
    };
  } catch (error) {
    throw connectionFailure(deps, userId, error);
  }
}

async function connectionStatus({ repositories }: ApiDependencies, request: FastifyRequest) {
  const userId = parseId(request.params, 'userId');
  if (!(await repositories.users.get(userId))) throw notFound('user', userId);
  const connection = await repositories.zoomConnections.get(userId);
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
}

async function disconnect({ repositories, logger }: ApiDependencies, request: FastifyRequest, reply: FastifyReply) {
  const userId = parseId(request.params, 'userId');
  if (await repositories.zoomConnections.delete(userId)) logger.info({ userId }, 'zoom disconnected');
  return reply.status(204).send();
}

function requireOAuth(oauth: ZoomOAuthClient | undefined): ZoomOAuthClient {
  if (oauth) return oauth;
  throw new ApiError(
    503,
    ZOOM_API_ERROR_CODE.notConfigured,
    'Zoom is not configured on this engine: set ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET',
  );
}

/** The user the callback's state names, and Zoom's authorization code. */
async function consumeCallback(
  { repositories }: ApiDependencies,
  rawQuery: unknown,
): Promise<{ userId: string; code: string }> {
  const query = callbackQuery.safeParse(rawQuery);
  if (!query.success || !query.data.state)
    throw new ApiError(400, ZOOM_API_ERROR_CODE.invalidState, 'the OAuth state is missing or malformed');
  // The state is used up first: a replayed callback fails whatever else it carries.
  const userId = await repositories.oauthStates.consume(query.data.state);
  if (!userId) {
    throw new ApiError(
      400,
      ZOOM_API_ERROR_CODE.invalidState,
      'the OAuth state is unknown, expired or already used; start connecting again',
    );
  }
  if (query.data.error) {
    throw new ApiError(
      400,
      ZOOM_API_ERROR_CODE.authorizationDenied,
      `Zoom did not authorize the connection (${query.data.error})`,
    );
  }
  if (!query.data.code)
    throw new ApiError(400, ZOOM_API_ERROR_CODE.invalidCode, 'the callback carries no authorization code');
  return { userId, code: query.data.code };
}

/** What a failed connection answers: the binding's conflicts, a refused code, or Zoom unavailable. */
function connectionFailure({ logger }: ApiDependencies, userId: string, error: unknown): unknown {
  if (error instanceof ZoomAccountInUse) return new ApiError(409, ZOOM_API_ERROR_CODE.accountInUse, error.message);
  if (error instanceof UserHasOtherZoomAccount)
    return new ApiError(409, ZOOM_API_ERROR_CODE.userHasOtherZoomAccount, error.message);
  if (error instanceof ZoomAuthorizationCodeInvalid) {
    return new ApiError(
      400,
      ZOOM_API_ERROR_CODE.invalidCode,
      'Zoom refused the authorization code (used, expired or for another redirect URI)',
    );
  }
  if (error instanceof ZoomError) {
    logger.warn({ userId, error: error.name }, 'zoom connection failed');
    return new ApiError(
      error.retryable ? 503 : 502,
      ZOOM_API_ERROR_CODE.unavailable,
      `Zoom could not complete the connection: ${error.message}`,
    );
  }
  return error;
}
