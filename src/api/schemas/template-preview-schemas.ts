/** A template preview: the templates of one message step, rendered as a send would render them. */
import { z } from 'zod';
import { entityIdSchema } from '../../domain/ids';

const template = z.string().max(100_000);

export const templatePreviewRequestSchema = z
  .object({
    channel: z.enum(['email', 'sms']),
    subject: template.optional(),
    html: template.optional(),
    text: template.optional(),
    body: template.optional(),
    appointmentId: entityIdSchema
      .optional()
      .meta({ description: 'render with this appointment’s data as it is now; a sample appointment when absent' }),
    to: z
      .enum(['contact', 'assigned_user'])
      .default('contact')
      .meta({ description: 'whose time zone the dates read in, as for a message to them' }),
  })
  .strict()
  .refine((input) => (input.channel === 'sms' ? input.body !== undefined : true), {
    message: 'an SMS preview needs a body',
    path: ['body'],
  });

export type TemplatePreviewRequest = z.infer<typeof templatePreviewRequestSchema>;

export const templatePreviewSchema = z.object({
  subject: z.string().optional(),
  html: z.string().optional(),
  text: z.string().optional(),
  body: z.string().optional(),
});
