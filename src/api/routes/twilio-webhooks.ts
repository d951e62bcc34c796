/**
 * Twilio's inbound SMS webhook (two-way SMS): a contact's reply C/Y/YES confirms their next
 * appointment, STOP (and synonyms) opts the number out of SMS, START back in (api/sms-replies.ts).
 * Verified by Twilio's signature (twilio-webhook-signature.ts), answered with TwiML: a short
 * acknowledgement for a confirmation, an empty `<Response/>` otherwise (Twilio answers STOP and
 * START itself). Without Twilio configured the endpoint does not exist (404), like Zoom's.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import twilio from 'twilio';
import { E164_PATTERN } from '../../domain/contact-points';
import { smsReplyOf } from '../../domain/sms-reply';
import type { ApiDependencies } from '../api-dependencies';
import { ApiError } from '../errors';
import { defineRoute } from '../route-definition';
import { inboundSmsSchema } from '../schemas/twilio-schemas';
import { actOnSmsReply } from '../sms-replies';
import { signedUrl, verifyTwilioSignature } from '../twilio-webhook-signature';
import { parseInput } from '../validation';

const INBOUND_SMS_PATH = '/v1/webhooks/twilio/sms';

const inboundSmsRoute = defineRoute({
  method: 'POST',
  url: INBOUND_SMS_PATH,
  summary:
    'Twilio’s inbound SMS (form-encoded, verified with `X-Twilio-Signature`; 403 otherwise): C/Y/YES confirms the sender’s next appointment, STOP opts out of SMS, START back in',
  tag: 'Two-way SMS',
  access: 'public',
  body: inboundSmsSchema,
  bodyContentType: 'application/x-www-form-urlencoded',
  responses: {
    200: {
      description: 'TwiML: an acknowledgement for a confirmation, else an empty `<Response/>`',
      contentType: 'text/xml',
    },
  },
  handler: receiveInboundSms,
});

export const twilioWebhookRoutes = [inboundSmsRoute];

async function receiveInboundSms(deps: ApiDependencies, request: FastifyRequest, reply: FastifyReply) {
  const credentials = deps.config.twilio.credentials;
  if (!credentials) throw new ApiError(404, 'not_found', 'Twilio is not configured (TWILIO_AUTH_TOKEN)');
  verifyTwilioSignature(
    request,
    credentials.authToken,
    signedUrl(deps.config.publicBaseUrl, INBOUND_SMS_PATH, request),
  );
  const message = parseInput(inboundSmsSchema, request.body);
  const smsReply = smsReplyOf(message.Body);
  // a short code or another channel's address (whatsapp:…) is no contact's phone
  const outcome =
    smsReply && E164_PATTERN.test(message.From)
      ? await actOnSmsReply(deps, message.From, smsReply, message.MessageSid)
      : {};
  const twiml = new twilio.twiml.MessagingResponse();
  if (outcome.answer) twiml.message(outcome.answer);
  return reply.type('text/xml').send(twiml.toString());
}
