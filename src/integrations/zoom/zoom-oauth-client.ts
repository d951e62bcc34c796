/**
 * Zoom's OAuth 2.0 authorization-code flow for a user-managed app: the authorize URL the user is sent
 * to, the code exchange, and the refresh. Zoom rotates refresh tokens: each refresh returns a new one
 * and the old one dies on use, so callers must store the new pair before anything else (and must
 * serialise refreshes per Zoom user; that is the store's job, not this client's).
 */
import { z } from 'zod';
import { errorFromFetchFailure, oauthErrorFromAnswer, type OAuthGrant } from './zoom-answers';
import { ZoomUnexpectedResponse } from './zoom-errors';

export interface ZoomTokens {
  accessToken: string;
  refreshToken: string;
  /** computed from `expires_in` at the moment the answer arrived */
  expiresAt: Date;
  /** space-separated scopes granted, as Zoom reports them */
  scope?: string;
}

export interface ZoomOAuthClientOptions {
  /** `https://zoom.us` in production */
  oauthBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** per request, default 15 s */
  timeoutMs?: number;
  /** clock for `expiresAt` and rate-limit waits; tests pass the fake's */
  now?: () => Date;
}

/** Zoom's token answer: `{access_token, token_type: "bearer", refresh_token, expires_in, scope, api_url}` */
const tokenAnswer = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
  scope: z.string().optional(),
});

const DEFAULT_TIMEOUT_MS = 15_000;

export class ZoomOAuthClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: ZoomOAuthClientOptions) {
    this.baseUrl = options.oauthBaseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.now = options.now ?? (() => new Date());
  }

  /** Where to send the user's browser; Zoom redirects back to `redirectUri?code=…&state=…`. */
  authorizeUrl(redirectUri: string, state: string): string {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: this.options.clientId,
      redirect_uri: redirectUri,
      state,
    });
    return `${this.baseUrl}/oauth/authorize?${query.toString()}`;
  }

  /** Throws ZoomAuthorizationCodeInvalid for a used, expired or mismatched code. */
  exchangeCode(code: string, redirectUri: string): Promise<ZoomTokens> {
    return this.requestTokens('authorization_code', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
    });
  }

  /** Throws ZoomRefreshTokenInvalid when the token is dead (used, revoked, expired): reconnect needed. */
  refresh(refreshToken: string): Promise<ZoomTokens> {
    return this.requestTokens('refresh_token', { grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  private async requestTokens(grant: OAuthGrant, form: Record<string, string>): Promise<ZoomTokens> {
    const what = `POST /oauth/token (${grant})`;
    const basic = Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString('base64');
    let status: number;
    let headers: Headers;
    let bodyText: string;
    try {
      const response = await fetch(`${this.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      headers = response.headers;
      bodyText = await response.text();
    } catch (error) {
      throw errorFromFetchFailure(what, error, this.timeoutMs);
    }
    const receivedAt = this.now();
    if (status !== 200) throw oauthErrorFromAnswer(grant, { status, headers, bodyText }, receivedAt);

    let json: unknown;
    try {
      json = JSON.parse(bodyText);
    } catch {
      json = undefined;
    }
    const parsed = tokenAnswer.safeParse(json);
    if (!parsed.success) {
      // The tokens may be in there: name the missing fields, never the body.
      const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(body)').join(', ');
      throw new ZoomUnexpectedResponse(`${what}: unreadable token answer (${fields})`, status, undefined);
    }
    return {
      accessToken: parsed.data.access_token,
      refreshToken: parsed.data.refresh_token,
      expiresAt: new Date(receivedAt.getTime() + parsed.data.expires_in * 1000),
      ...(parsed.data.scope !== undefined ? { scope: parsed.data.scope } : {}),
    };
  }
}
