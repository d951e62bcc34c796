/**
 * The console's sign-in: the API key is exchanged once for an httpOnly session cookie, so the
 * browser never keeps the key (API.md, Additions). Bearer keys keep working for API clients.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiDependencies } from '../api-dependencies';
import { isApiKey, SESSION_COOKIE, sessionToken } from '../auth';
import { ApiError } from '../errors';
import { defineRoute } from '../route-definition';
import { sessionSchema, signInSchema } from '../schemas/session-schemas';
import { parseInput } from '../validation';

const TAG = 'Console session';

const signIn = defineRoute({
  method: 'POST',
  url: '/v1/session',
  summary: 'Sign in to the console: exchanges the API key for an httpOnly, SameSite=Strict session cookie',
  tag: TAG,
  access: 'public',
  body: signInSchema,
  responses: { 204: { description: 'signed in; the cookie is set' } },
  handler: async ({ config, repositories }: ApiDependencies, request: FastifyRequest, reply: FastifyReply) => {
    const { apiKey } = parseInput(signInSchema, request.body);
    if (!isApiKey(apiKey, config.apiKey)) throw new ApiError(401, 'invalid_api_key', 'this is not the API key');
    const { token, expiresAt } = await repositories.consoleSessions.open();
    return reply
      .setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: isHttps(config.publicBaseUrl, request),
        expires: expiresAt,
      })
      .status(204)
      .send();
  },
});

const signOut = defineRoute({
  method: 'DELETE',
  url: '/v1/session',
  summary: 'Sign out of the console: the session ends and its cookie is cleared',
  tag: TAG,
  access: 'public',
  responses: { 204: { description: 'signed out (or was not signed in)' } },
  handler: async ({ repositories }: ApiDependencies, request: FastifyRequest, reply: FastifyReply) => {
    const token = sessionToken(request);
    if (token !== undefined) await repositories.consoleSessions.close(token);
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).status(204).send();
  },
});

const currentSession = defineRoute({
  method: 'GET',
  url: '/v1/session',
  summary: 'Whether the caller is signed in, and where the Temporal Web UI is',
  tag: TAG,
  access: 'api_key',
  responses: { 200: { description: 'signed in', schema: sessionSchema } },
  handler: ({ config }: ApiDependencies) => ({
    signedIn: true,
    temporalUiUrl: config.temporal.uiUrl ?? null,
    namespace: config.temporal.namespace,
  }),
});

/** `Secure` when the console is served over https (directly or behind a TLS-terminating proxy). */
function isHttps(publicBaseUrl: string, request: FastifyRequest): boolean {
  return publicBaseUrl.startsWith('https:') || request.protocol === 'https';
}

export const sessionRoutes = [signIn, signOut, currentSession];
