/** What the health and notification routes answer. */
import { z } from 'zod';
import { isoTimeSchema } from './common-schemas';

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  temporal: z.string().meta({ description: '`ok`, or `down: <reason>`' }),
  database: z.string().meta({ description: '`ok`, or `down: <reason>`' }),
});

export const notificationSchema = z
  .object({
    id: z.string(),
    at: isoTimeSchema,
    subject: z.string().optional(),
    body: z.string(),
    appointmentId: z.string().optional(),
    read: z.boolean(),
  })
  .meta({ id: 'Notification' });
