/**
 * Zoom's user-managed OAuth app: /oauth/authorize (the browser's consent, approved as one account at
 * a time) and /oauth/token (authorization code exchange, rotating refresh). Errors as Zoom sends
 * them: a dead, used or revoked refresh token gets 400 `{"reason":"Invalid Token!","error":"invalid_grant"}`;
 * a used or unknown code 400 `{"reason":"Invalid authorization code","error":"invalid_grant"}`; wrong
 * client credentials 401 `{"reason":"Invalid client_id or client_secret","error":"invalid_client"}`.
 */
import { json, oauthError, type ZoomAnswer, type ZoomRequest } from './zoom-http';
import type { ZoomState } from './zoom-state';

const SCOPES = 'meeting:read meeting:write user:read';

export class ZoomOAuth {
  /** who approves at /oauth/authorize; default the first account added */
  private approver: string | undefined;
  private denying = false;

  constructor(
    private readonly state: ZoomState,
    readonly clientId: string,
    readonly clientSecret: string,
    /** the fake's origin, which token answers name as `api_url` */
    private readonly origin: string,
  ) {}

  approveAs(accountId: string): void {
    this.state.account(accountId);
    this.approver = accountId;
    this.denying = false;
  }

  denyAuthorization(): void {
    this.denying = true;
  }

  authorize({ url, call }: ZoomRequest): ZoomAnswer {
    const params = url.searchParams;
    const redirectUri = params.get('redirect_uri');
    if (params.get('client_id') !== this.clientId) return oauthError(400, 'invalid_client', 'Invalid client_id');
    if (params.get('response_type') !== 'code')
      return oauthError(400, 'unsupported_response_type', 'Unsupported response type');
    if (!redirectUri) return oauthError(400, 'invalid_request', 'Redirect URI mismatch.');
    const target = new URL(redirectUri);
    const state = params.get('state');
    if (this.denying) {
      target.searchParams.set('error', 'access_denied');
    } else {
      const accountId = this.approver ?? this.state.accounts.keys().next().value;
      if (accountId === undefined)
        return oauthError(400, 'invalid_request', 'Zoom fake: no account to approve; addAccount() first');
      call.accountId = accountId;
      target.searchParams.set('code', this.state.issueAuthorizationCode(accountId, redirectUri));
    }
    if (state !== null) target.searchParams.set('state', state);
    return { status: 302, headers: { location: target.toString() } };
  }

  token({ url, headers, body, call }: ZoomRequest): ZoomAnswer {
    const expected = `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`;
    const params = new URLSearchParams(url.search);
    // Zoom takes the grant in the form body or, as many clients send it, in the query.
    for (const [name, value] of new URLSearchParams(body)) params.set(name, value);
    const grant = params.get('grant_type');
    if (grant === 'authorization_code' || grant === 'refresh_token') this.state.tokenRequests[grant] += 1;
    if (headers.authorization !== expected)
      return oauthError(401, 'invalid_client', 'Invalid client_id or client_secret');

    if (grant === 'authorization_code') {
      const code = this.state.codes.get(params.get('code') ?? '');
      if (code) call.accountId = code.accountId;
      if (!code || code.state !== 'live' || code.expiresAtMs <= this.state.now().getTime()) {
        return oauthError(400, 'invalid_grant', 'Invalid authorization code');
      }
      if (params.get('redirect_uri') !== code.redirectUri)
        return oauthError(400, 'invalid_request', 'Redirect URI mismatch.');
      code.state = 'used';
      return json(200, this.tokenAnswer(code.accountId));
    }
    if (grant === 'refresh_token') {
      const refresh = this.state.refreshTokens.get(params.get('refresh_token') ?? '');
      if (refresh) call.accountId = refresh.accountId;
      if (!refresh || refresh.state !== 'live') return oauthError(400, 'invalid_grant', 'Invalid Token!');
      refresh.state = 'used'; // rotation: the old refresh token dies on use
      return json(200, this.tokenAnswer(refresh.accountId));
    }
    return oauthError(400, 'unsupported_grant_type', 'Unsupported grant type');
  }

  private tokenAnswer(accountId: string) {
    const { accessToken, refreshToken } = this.state.issueTokens(accountId);
    return {
      access_token: accessToken,
      token_type: 'bearer',
      refresh_token: refreshToken,
      expires_in: this.state.accessTokenTtlSeconds,
      scope: SCOPES,
      api_url: this.origin,
    };
  }
}
