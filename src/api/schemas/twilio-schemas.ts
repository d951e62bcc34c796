/** What Twilio posts about an inbound SMS (the fields we read; it sends more, which are kept for the signature). */
import { z } from 'zod';

export const inboundSmsSchema = z
  .looseObject({
    MessageSid: z
      .string()
      .regex(/^[A-Za-z0-9]{1,64}$/, 'must be a Twilio message SID')
      .optional()
      .meta({ description: 'Twilio’s ID of the message: the same message delivered twice acts once' }),
    From: z.string().min(1, 'must name the sender').max(64).meta({ description: 'the sender, E.164' }),
    To: z.string().max(64).optional(),
    Body: z.string().max(1_600, 'must be at most 1600 characters').default(''),
  })
  .meta({
    id: 'TwilioInboundSms',
    description: 'Twilio’s inbound message webhook, form-encoded (other fields are accepted and ignored)',
  });
