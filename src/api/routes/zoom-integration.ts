/**
 * Connecting a user's Zoom account by OAuth, bound by user ID (never by e-mail), its status, and
 * disconnecting it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ZOOM_API_ERROR_CODE } from '../../domain/zoom-failure-types';
import { ZoomAuthorizationCodeInvalid, ZoomError } from '../../integrations/zoom/zoom-errors';
import type { ZoomOAuthClient } from '../../integrations/zoom/zoom-oauth-client';
import type { OAuthFlow } from '../../store/oauth-states-repository';
import { UserHasOtherZoomAccount, ZoomAccountInUse } from '../../store/zoom-connections-repository';
import type { ApiDependencies } from '../api-dependencies';
import { ApiError, notFound } from '../errors';
import { defineRoute } from '../route-definition';
import { userIdParams } from '../route-params';
import {
  authorizeAnswerSchema,
  authorizeRequestSchema,
  zoomConnectedSchema,
  zoomConnectionStatusSchema,
} from '../schemas/zoom-schemas';
import { parseId, parseInput } from '../validation';

const callbackQuery = z.object({
  code: z.string().min(1).max(2048).optional(),
  state: z.string().min(1).max(256).optional(),
  error: z.string().max(256).optional(),
});

export function redirectUri(publicBaseUrl: string): string {
  return `${publicBaseUrl}/v1/integrations/zoom/callback`;
}

const TAG = 'Zoom connection';

const authorizeRoute = defineRoute({
  method: 'POST',
  url: '/v1/users/:userId/integrations/zoom/authorize',
  summary: 'Start connecting the user’s Zoom account: the URL to send the browser to',
  tag: TAG,
  access: 'api_key',
  params: userIdParams,
  body: authorizeRequestSchema.optional(),
  responses: { 200: { description: 'Zoom’s authorize URL with a single-use state', schema: authorizeAnswerSchema } },
  handler: startAuthorization,
});

const callbackRoute = defineRoute({
  method: 'GET',
  url: '/v1/integrations/zoom/callback',
  summary: 'Zoom’s redirect after the user authorized (binds the Zoom account to the user ID)',
  tag: TAG,
  access: 'public',
  query: callbackQuery,
  responses: {
    200: { description: 'connected (a flow started by an API client)', schema: zoomConnectedSchema },
    303: { description: 'a flow started from the console: back to its Integrations page with the result' },
  },
  handler: completeAuthorization,
});

const statusRoute = defineRoute({
  method: 'GET',
  url: '/v1/users/:userId/integrations/zoom',
  summary: 'Whether the user’s Zoom account is connected (never tokens)',
  tag: TAG,
  access: 'api_key',
  params: userIdParams,
  responses: { 200: { description: 'the connection', schema: zoomConnectionStatusSchema } },
  handler: connectionStatus,
});

const disconnectRoute = defineRoute({
  method: 'DELETE',
  url: '/v1/users/:userId/integrations/zoom',
  summary: 'Disconnect the user’s Zoom account',
  tag: TAG,
  access: 'api_key',
  params: userIdParams,
  responses: { 204: { description: 'disconnected (or was not connected)' } },
  handler: disconnect,
});

export const zoomIntegrationRoutes = [authorizeRoute, callbackRoute, statusRoute, disconnectRoute];

async function startAuthorization({ config, repositories, zoom }: ApiDependencies, request: FastifyRequest) {
  const userId = parseId(request.params, 'userId');
  const body = request.body === undefined ? {} : parseInput(authorizeRequestSchema, request.body);
  const oauth = requireOAuth(zoom.oauth);
  if (!(await repositories.users.get(userId))) throw notFound('user', userId);
  const state = await repositories.oauthStates.issue(userId, body.returnTo ?? 'api');
  return { authorizeUrl: oauth.authorizeUrl(redirectUri(config.publicBaseUrl), state) };
}

async function completeAuthorization(deps: ApiDependencies, request: FastifyRequest, reply: FastifyReply) {
  const { config, repositories, zoom, logger } = deps;
  const oauth = requireOAuth(zoom.oauth);
  const flow = await consumeState(deps, request.query);
  try {
    const code = authorizationCode(request.query);
    const tokens = await oauth.exchangeCode(code, redirectUri(config.publicBaseUrl));
    const me = await zoom.api.getMe(tokens.accessToken);
    const connection = await repositories.zoomConnections.bind(flow.userId, me.id, me.email, tokens);
    logger.info({ userId: flow.userId, zoomUserId: me.id }, 'zoom connected');
    if (flow.returnTo === 'console') return reply.redirect(consolePage(flow.userId, { zoom: 'connected' }), 303);
    return {
      connected: true,
      userId: flow.userId,
      zoomUserId: connection.zoomUserId,
      zoomEmail: connection.zoomEmail,
      connectedAt: connection.connectedAt,
    };
  } catch (error) {
    const failure = connectionFailure(deps, flow.userId, error);
    if (flow.returnTo !== 'console' || !(failure instanceof ApiError)) throw failure;
    const result = { zoom: 'failed', code: failure.code, message: failure.message };
    return reply.redirect(consolePage(flow.userId, result), 303);
  }
}

/** The console's Integrations page, with the outcome of the flow in its query string. */
function consolePage(userId: string, result: Record<string, string>): string {
  return `/integrations?${new URLSearchParams({ ...result, userId }).toString()}`;
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

/** The flow the callback's state started; the state is used up whatever else the callback carries. */
async function consumeState({ repositories }: ApiDependencies, rawQuery: unknown): Promise<OAuthFlow> {
  const query = callbackQuery.safeParse(rawQuery);
  if (!query.success || !query.data.state)
    throw new ApiError(400, ZOOM_API_ERROR_CODE.invalidState, 'the OAuth state is missing or malformed');
  // The state is used up first: a replayed callback fails whatever else it carries.
  const flow = await repositories.oauthStates.consume(query.data.state);
  if (!flow) {
    throw new ApiError(
      400,
      ZOOM_API_ERROR_CODE.invalidState,
      'the OAuth state is unknown, expired or already used; start connecting again',
    );
  }
  return flow;
}

/** Zoom's authorization code, once the state was good: Zoom may have sent an error instead. */
function authorizationCode(rawQuery: unknown): string {
  const query = callbackQuery.parse(rawQuery);
  if (query.error) {
    throw new ApiError(
      400,
      ZOOM_API_ERROR_CODE.authorizationDenied,
      `Zoom did not authorize the connection (${query.error})`,
    );
  }
  if (!query.code)
    throw new ApiError(400, ZOOM_API_ERROR_CODE.invalidCode, 'the callback carries no authorization code');
  return query.code;
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
