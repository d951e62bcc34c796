/**
 * Who may call a route. Every `/v1` route needs the API key unless its definition says `public`:
 * private is the default. The key comes as a bearer token (API clients) or was exchanged for a
 * console session cookie; a cookie-authenticated write must also carry `x-requested-with: console`,
 * which a cross-site form cannot send (CSRF).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ChangeSource } from '../domain/appointment';
import type { ConsoleSessionsRepository } from '../store/console-sessions-repository';
import { ApiError } from './errors';

/** How a request was let in: set by authenticate(), absent on public routes. */
export type Authentication = 'bearer_key' | 'console_session';

declare module 'fastify' {
  interface FastifyRequest {
    authenticatedBy?: Authentication;
  }
}

export const SESSION_COOKIE = 'console_session';
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'console';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Constant-time comparison of a given key with the API key (hashed first: equal lengths). */
export function isApiKey(given: string, apiKey: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(apiKey));
}

export function checkBearer(header: string | undefined, apiKey: string): void {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) throw new ApiError(401, 'unauthorized', 'missing bearer token: send "Authorization: Bearer <API_KEY>"');
  if (!isApiKey(match[1] as string, apiKey)) throw new ApiError(401, 'unauthorized', 'wrong API key');
}

/** The console session token the request carries, if any. */
export function sessionToken(request: FastifyRequest): string | undefined {
  const token = request.cookies[SESSION_COOKIE];
  return token && token.length <= 128 ? token : undefined;
}

/** Lets the request through with a good bearer key or console session, or throws 401/403. */
export async function authenticate(
  request: FastifyRequest,
  apiKey: string,
  sessions: ConsoleSessionsRepository,
): Promise<void> {
  // An Authorization header decides alone: a wrong key is not rescued by a cookie.
  if (request.headers.authorization !== undefined) {
    checkBearer(request.headers.authorization, apiKey);
    request.authenticatedBy = 'bearer_key';
    return;
  }
  const token = sessionToken(request);
  if (token === undefined || !(await sessions.isValid(token))) {
    throw new ApiError(
      401,
      'unauthorized',
      'missing bearer token: send "Authorization: Bearer <API_KEY>", or sign in to the console',
    );
  }
  if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== CSRF_HEADER_VALUE) {
    throw new ApiError(403, 'csrf', `a console request that changes state must send "${CSRF_HEADER}: console"`);
  }
  request.authenticatedBy = 'console_session';
}

/** The source an appointment change made by this request records: the console's user, else the API. */
export function changeSourceOf(request: FastifyRequest): ChangeSource {
  return request.authenticatedBy === 'console_session' ? 'user' : 'api';
}
