/**
 * Inbound SMS as Twilio delivers them: POST /v1/webhooks/twilio/sms, form-encoded, with the
 * X-Twilio-Signature Twilio computes (base64 HMAC-SHA1 keyed with the auth token, over the URL and
 * the fields sorted by name, each as name then value). Written out here from Twilio's documentation
 * rather than taken from the twilio package the engine checks it with.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { ApiClient, ApiResponse } from './api-client';

export const INBOUND_SMS_PATH = '/v1/webhooks/twilio/sms';

export function twilioSignature(authToken: string, url: string, fields: Record<string, string>): string {
  const data = Object.keys(fields)
    .sort()
    .reduce((text, name) => text + name + fields[name], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** The fields Twilio posts for an inbound SMS from `from`, with a fresh MessageSid. */
export function inboundSmsFields(from: string, body: string, to = '+15005550006'): Record<string, string> {
  const sid = `SM${randomBytes(16).toString('hex')}`;
  return {
    ToCountry: 'US',
    SmsMessageSid: sid,
    NumMedia: '0',
    SmsSid: sid,
    SmsStatus: 'received',
    Body: body,
    To: to,
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: `AC${'0'.repeat(32)}`,
    From: from,
    ApiVersion: '2010-04-01',
  };
}

export interface InboundSmsTarget {
  api: ApiClient;
  /** the engine's PUBLIC_BASE_URL, which Twilio was told to call */
  publicBaseUrl: string;
  authToken: string;
}

/**
 * Posts `fields` to the webhook; signed for the engine's URL unless `signature` says otherwise
 * (a string: sent as is; null: no header). The answer's body is text (TwiML), or the JSON error.
 */
export function postInboundSms(
  target: InboundSmsTarget,
  fields: Record<string, string>,
  signature?: string | null,
): Promise<ApiResponse> {
  const signed =
    signature === undefined
      ? twilioSignature(target.authToken, `${target.publicBaseUrl}${INBOUND_SMS_PATH}`, fields)
      : signature;
  return target.api.request('POST', INBOUND_SMS_PATH, undefined, {
    auth: false,
    rawBody: new URLSearchParams(fields).toString(),
    contentType: 'application/x-www-form-urlencoded',
    headers: signed === null ? {} : { 'x-twilio-signature': signed },
  });
}
