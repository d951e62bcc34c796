import { timingSafeEqual, createHash } from 'node:crypto';
import { ApiError } from './errors';

/**
 * The only routes that need no API key: health, Zoom's browser redirect and Zoom's signed webhooks.
 * Every other route needs the key: private is the default. Compared with the route that matched (its
 * pattern), never with the raw URL, which the router decodes (`/%76%31/…` is `/v1/…`).
 */
export const PUBLIC_ROUTES = new Set(['/healthz', '/v1/integrations/zoom/callback', '/v1/webhooks/zoom']);

/** Constant-time comparison of the bearer token with the API key (hashed first: equal lengths). */
export function checkBearer(header: string | undefined, apiKey: string): void {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) throw new ApiError(401, 'unauthorized', 'missing bearer token: send "Authorization: Bearer <API_KEY>"');
  const given = createHash('sha256')
    .update(match[1] as string)
    .digest();
  const expected = createHash('sha256').update(apiKey).digest();
  if (!timingSafeEqual(given, expected)) throw new ApiError(401, 'unauthorized', 'wrong API key');
}
