/**
 * Page tokens of the lists: Temporal's own token, signed together with the query it belongs to, so
 * a made-up, altered or foreign token is refused with 400 here instead of reaching Temporal.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export class PageTokens {
  private readonly key: Buffer;

  constructor(secret: Buffer) {
    // a key of its own, derived from the engine's secret: a token reveals nothing of the secret
    this.key = createHmac('sha256', secret).update('page-tokens').digest();
  }

  /** `query` names what the page is of (the filters): the token only continues that list. */
  sign(token: Buffer, query: string): string {
    return `${token.toString('base64url')}.${this.mac(token, query).toString('base64url')}`;
  }

  /** The upstream token, or undefined when the token was not signed here for this query. */
  verify(signed: string, query: string): Buffer | undefined {
    const [tokenPart, macPart, ...rest] = signed.split('.');
    if (tokenPart === undefined || macPart === undefined || rest.length > 0) return undefined;
    const token = Buffer.from(tokenPart, 'base64url');
    const given = Buffer.from(macPart, 'base64url');
    const expected = this.mac(token, query);
    return given.length === expected.length && timingSafeEqual(given, expected) ? token : undefined;
  }

  private mac(token: Buffer, query: string): Buffer {
    return createHmac('sha256', this.key).update(query).update('\0').update(token).digest();
  }
}
