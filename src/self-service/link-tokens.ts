/**
 * Tokens of the contact's self-service links: `<appointment ID>.<tag>`, both base64url, the tag an
 * HMAC-SHA256 (LINK_SIGNING_KEY) over the action and the appointment ID. A token says which
 * appointment it is for and acts only on that one, only for the action it was signed for; it cannot
 * be guessed or altered without the key. It holds no expiry: whether the link still works is read
 * from the appointment when it is used (link-state.ts), so a reschedule does not break it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ENTITY_ID_PATTERN } from '../domain/ids';

export const SELF_SERVICE_ACTIONS = ['cancel', 'confirm', 'reschedule'] as const;
export type SelfServiceAction = (typeof SELF_SERVICE_ACTIONS)[number];

/** 128 bits of the HMAC: unguessable, and short enough for an SMS. */
const TAG_BYTES = 16;

export class LinkTokens {
  private readonly key: Buffer;

  constructor(secret: Buffer) {
    // a key of its own, derived from the secret: a token reveals nothing of LINK_SIGNING_KEY
    this.key = createHmac('sha256', secret).update('self-service-links').digest();
  }

  sign(appointmentId: string, action: SelfServiceAction): string {
    const id = Buffer.from(appointmentId, 'utf8').toString('base64url');
    return `${id}.${this.tag(appointmentId, action).toString('base64url')}`;
  }

  /** The appointment ID the token was signed for with `action`, or undefined for any other string. */
  verify(token: string, action: SelfServiceAction): string | undefined {
    const parts = token.split('.');
    if (parts.length !== 2) return undefined;
    const [idPart, tagPart] = parts as [string, string];
    const appointmentId = canonicalBase64url(idPart)?.toString('utf8');
    const given = canonicalBase64url(tagPart);
    if (appointmentId === undefined || given === undefined || !ENTITY_ID_PATTERN.test(appointmentId)) return undefined;
    const expected = this.tag(appointmentId, action);
    return given.length === expected.length && timingSafeEqual(given, expected) ? appointmentId : undefined;
  }

  private tag(appointmentId: string, action: SelfServiceAction): Buffer {
    return createHmac('sha256', this.key).update(`${action}\0${appointmentId}`).digest().subarray(0, TAG_BYTES);
  }
}

/** The bytes of a base64url text, only when it is their one canonical spelling (Node's decoder skips junk). */
function canonicalBase64url(text: string): Buffer | undefined {
  if (text === '' || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}
