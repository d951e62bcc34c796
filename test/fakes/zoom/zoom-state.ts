/**
 * What the Zoom fake knows: its users, the codes and tokens it issued, the meetings that exist, and
 * every request it received. The endpoints read and change it; tests inspect it through ZoomFake.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { ZoomFault } from './zoom-faults';

export interface FakeAccountInput {
  /** the Zoom user ID */
  id: string;
  email: string;
  firstName?: string;
  lastName?: string;
  /** the Zoom account (organisation) the user belongs to; default `acct-<id>` */
  zoomAccountId?: string;
}

export interface FakeMeeting {
  id: string;
  uuid: string;
  hostId: string;
  topic: string;
  /** `yyyy-MM-ddTHH:mm:ssZ` */
  startTime: string;
  duration: number;
  timezone: string;
  agenda: string;
  joinUrl: string;
  password: string;
  createdAt: string;
}

export interface FakeCall {
  method: string;
  /** path without query, e.g. `/v2/users/me/meetings`, `/oauth/token` */
  path: string;
  /** the Zoom user the request was made for, when the fake could tell */
  accountId: string | undefined;
  /** what was (or, for 'drop', would have been) answered; null when nothing was ('timeout') */
  status: number | null;
  fault?: ZoomFault['kind'];
  at: Date;
}

export interface Account {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  zoomAccountId: string;
  pmi: number;
}

interface AccessTokenRecord {
  accountId: string;
  expiresAtMs: number;
  forcedExpired: boolean;
  revoked: boolean;
}

interface RefreshTokenRecord {
  accountId: string;
  state: 'live' | 'used' | 'revoked';
}

export interface CodeRecord {
  accountId: string;
  redirectUri: string;
  expiresAtMs: number;
  state: 'live' | 'used' | 'revoked';
}

const AUTHORIZATION_CODE_TTL_MS = 5 * 60 * 1000;

/** A random URL-safe secret, as Zoom's tokens, codes and page tokens look. */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

export class ZoomState {
  readonly accounts = new Map<string, Account>();
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly codes = new Map<string, CodeRecord>();
  readonly meetings = new Map<string, FakeMeeting>();
  readonly calls: FakeCall[] = [];
  readonly tokenRequests = { authorization_code: 0, refresh_token: 0 };

  constructor(
    /** the fake's clock */
    readonly now: () => Date,
    readonly accessTokenTtlSeconds: number,
  ) {}

  addAccount(input: FakeAccountInput): void {
    if (this.accounts.has(input.id)) throw new Error(`Zoom fake: account ${input.id} exists already`);
    this.accounts.set(input.id, {
      id: input.id,
      email: input.email,
      firstName: input.firstName ?? '',
      lastName: input.lastName ?? '',
      zoomAccountId: input.zoomAccountId ?? `acct-${input.id}`,
      pmi: randomInt(1_000_000_000, 9_999_999_999),
    });
  }

  account(accountId: string): Account {
    const account = this.accounts.get(accountId);
    if (!account) throw new Error(`Zoom fake: no account ${accountId}; addAccount() first`);
    return account;
  }

  /** Single-use, bound to `redirectUri`, valid 5 minutes. */
  issueAuthorizationCode(accountId: string, redirectUri: string): string {
    this.account(accountId);
    const code = randomToken(24);
    this.codes.set(code, {
      accountId,
      redirectUri,
      expiresAtMs: this.now().getTime() + AUTHORIZATION_CODE_TTL_MS,
      state: 'live',
    });
    return code;
  }

  issueTokens(accountId: string): { accessToken: string; refreshToken: string } {
    const accessToken = randomToken();
    const refreshToken = randomToken();
    this.accessTokens.set(accessToken, {
      accountId,
      expiresAtMs: this.now().getTime() + this.accessTokenTtlSeconds * 1000,
      forcedExpired: false,
      revoked: false,
    });
    this.refreshTokens.set(refreshToken, { accountId, state: 'live' });
    return { accessToken, refreshToken };
  }

  revokeTokens(accountId: string): void {
    for (const record of this.accessTokens.values()) if (record.accountId === accountId) record.revoked = true;
    for (const record of this.refreshTokens.values()) if (record.accountId === accountId) record.state = 'revoked';
    for (const record of this.codes.values())
      if (record.accountId === accountId && record.state === 'live') record.state = 'revoked';
  }

  expireAccessTokens(accountId?: string): void {
    for (const record of this.accessTokens.values()) {
      if (accountId === undefined || record.accountId === accountId) record.forcedExpired = true;
    }
  }

  /** The account an `Authorization: Bearer` header stands for, whether or not the token still works. */
  bearerAccount(authorization: string | undefined): string | undefined {
    const match = /^Bearer (.+)$/i.exec(authorization ?? '');
    return match ? this.accessTokens.get(match[1]!.trim())?.accountId : undefined;
  }
}
