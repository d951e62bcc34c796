/** A small HTTP client for tests: real requests over the loopback, JSON by default. */
export interface ApiResponse<Body = any> {
  status: number;
  body: Body;
  headers: Headers;
}

export interface RequestOptions {
  /** false: no Authorization header; a string: that bearer token */
  auth?: string | false;
  /** sent as is (e.g. malformed JSON), with the given content type */
  rawBody?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  async request<Body = any>(
    method: string,
    path: string,
    body?: unknown,
    options: RequestOptions = {},
  ): Promise<ApiResponse<Body>> {
    const headers: Record<string, string> = { ...options.headers };
    const auth = options.auth === undefined ? this.apiKey : options.auth;
    if (auth !== false) headers.authorization = `Bearer ${auth}`;
    let payload: string | Buffer | undefined;
    if (options.rawBody !== undefined) {
      payload = options.rawBody;
      headers['content-type'] = options.contentType ?? 'application/json';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload, redirect: 'manual' });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('application/json') && text !== '')
      parsed = JSON.parse(text);
    return { status: response.status, body: parsed as Body, headers: response.headers };
  }

  get<Body = any>(path: string, options?: RequestOptions) {
    return this.request<Body>('GET', path, undefined, options);
  }
  put<Body = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<Body>('PUT', path, body, options);
  }
  post<Body = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<Body>('POST', path, body, options);
  }
  patch<Body = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<Body>('PATCH', path, body, options);
  }
  delete<Body = any>(path: string, options?: RequestOptions) {
    return this.request<Body>('DELETE', path, undefined, options);
  }
}
