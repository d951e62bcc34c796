/**
 * The console's session as a browser holds it (API.md, "Console and session"): signing in for the
 * cookie, sending it back, and reading the Set-Cookie headers the engine answers with.
 */
import type { ApiClient, ApiResponse, RequestOptions } from './api-client';
import { TEST_API_KEY } from './engine';

export const SESSION_COOKIE = 'console_session';

/** The header (and its one value) that a cookie-authenticated write must carry. */
export const CONSOLE_WRITE_HEADER = { 'x-requested-with': 'console' } as const;

/** One Set-Cookie header: its name, value and attributes (names lower-cased; flags map to true). */
export interface SetCookie {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
}

export function setCookies(response: ApiResponse): SetCookie[] {
  return response.headers.getSetCookie().map((header) => {
    const [pair = '', ...parts] = header.split(';').map((part) => part.trim());
    const separator = pair.indexOf('=');
    const attributes: Record<string, string | true> = {};
    for (const part of parts) {
      const equals = part.indexOf('=');
      if (equals === -1) attributes[part.toLowerCase()] = true;
      else attributes[part.slice(0, equals).toLowerCase()] = part.slice(equals + 1);
    }
    return { name: pair.slice(0, separator), value: pair.slice(separator + 1), attributes };
  });
}

/** The session cookie a response sets, if it sets one. */
export function sessionCookieOf(response: ApiResponse): SetCookie | undefined {
  return setCookies(response).find((cookie) => cookie.name === SESSION_COOKIE);
}

/**
 * POST /v1/session with the key (default the test engine's); returns the `Cookie` header a browser
 * would send from then on, or an error unless the engine answered 204 with the cookie.
 */
export async function signIn(api: ApiClient, apiKey = TEST_API_KEY): Promise<string> {
  const response = await api.post('/v1/session', { apiKey }, { auth: false });
  const cookie = sessionCookieOf(response);
  if (response.status !== 204 || !cookie?.value)
    throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
  return `${SESSION_COOKIE}=${cookie.value}`;
}

/** Request options of a browser that holds `cookie` and no API key; `headers` are added. */
export function asBrowser(cookie: string, headers: Record<string, string> = {}): RequestOptions {
  return { auth: false, headers: { cookie, ...headers } };
}

/** Request options of the console's own code: the cookie and the CSRF header. */
export function asConsole(cookie: string, headers: Record<string, string> = {}): RequestOptions {
  return asBrowser(cookie, { ...CONSOLE_WRITE_HEADER, ...headers });
}
