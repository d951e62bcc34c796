/**
 * How Zoom misbehaves in the fake, injected through `zoom.faults` (test/fakes/fault-plan.ts), and
 * what the faults that answer send: 5xx bodies are not documented by Zoom, so 500 answers
 * `{"code":500,"message":"Internal server error."}` and 502/503/504 an HTML gateway page; a
 * per-second 429 carries `X-RateLimit-Type: QPS` and `Retry-After: <seconds>`.
 */
import { apiError, json, type ZoomAnswer } from './zoom-http';

/**
 * '5xx': a server error, nothing done; 'timeout': never answered (until the client gives up or the
 * fake closes); '429': a per-second rate limit; 'drop': the operation is done, then the socket
 * destroyed before the answer (a crash between Zoom's answer and our record); 'hold': the request
 * waits, then is handled normally once the fault is released (a slow Zoom, for races).
 */
export type ZoomFault =
  | { kind: '5xx'; /** default 500 */ status?: 500 | 502 | 503 | 504 }
  | { kind: '429'; /** the Retry-After seconds; default 1 */ retryAfterSeconds?: number }
  | { kind: 'timeout' }
  | { kind: 'drop' }
  | { kind: 'hold' };

/** Which requests a fault hits; `pathPrefix` is matched against the full path, e.g. `/v2/users/me/meetings`. */
export interface ZoomRequestMatch {
  method?: string;
  pathPrefix?: string;
}

export function matchesZoomRequest(
  match: ZoomRequestMatch | undefined,
  request: { method: string; path: string },
): boolean {
  if (match?.method !== undefined && match.method.toUpperCase() !== request.method) return false;
  return match?.pathPrefix === undefined || request.path.startsWith(match.pathPrefix);
}

/** The answer of a fault that answers instead of Zoom's endpoints; undefined for those that do not. */
export function faultAnswer(fault: ZoomFault, path: string): ZoomAnswer | undefined {
  if (fault.kind === '5xx') return serverError(fault.status ?? 500);
  if (fault.kind === '429') return perSecondLimit(path, fault.retryAfterSeconds ?? 1);
  return undefined;
}

function serverError(status: 500 | 502 | 503 | 504): ZoomAnswer {
  if (status === 500) return apiError(500, 500, 'Internal server error.');
  return { status, body: `<html><body><h1>${status}</h1>The server is temporarily unavailable.</body></html>` };
}

function perSecondLimit(path: string, retryAfterSeconds: number): ZoomAnswer {
  const medium = path.startsWith('/v2/users/me/meetings');
  return json(
    429,
    { code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' },
    {
      'x-ratelimit-category': medium ? 'Medium' : 'Light',
      'x-ratelimit-type': 'QPS',
      'x-ratelimit-limit': medium ? '20' : '30',
      'x-ratelimit-remaining': '0',
      'retry-after': String(retryAfterSeconds),
    },
  );
}
