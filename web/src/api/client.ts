/**
 * The typed client of the engine's /v1 API, its types generated from the server's OpenAPI document
 * (`npm run build:web` writes generated/). Same origin: the session cookie goes with every request,
 * and the API key itself is never held by the console.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { apiErrorFrom, UnreachableError } from './api-error';
import type { paths } from './generated/schema';

const STATE_CHANGING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The API refuses a cookie-authenticated write without this header: a cross-site form cannot set
 * it, so a page elsewhere cannot act with the operator's cookie (CSRF).
 */
const csrfHeader: Middleware = {
  onRequest({ request }) {
    if (STATE_CHANGING_METHODS.has(request.method)) request.headers.set('x-requested-with', 'console');
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' });
api.use(csrfHeader);

interface ClientResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer; otherwise throws ApiError with the server's message and issues. */
export async function unwrap<T>(request: Promise<ClientResult<T>>): Promise<T> {
  let result: ClientResult<T>;
  try {
    result = await request;
  } catch (error) {
    // fetch rejects only when no answer came at all
    if (error instanceof TypeError) throw new UnreachableError();
    throw error;
  }
  if (!result.response.ok) throw apiErrorFrom(result.response, result.error);
  return result.data as T;
}
