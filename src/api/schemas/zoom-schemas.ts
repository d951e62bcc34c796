/** What the Zoom connection routes answer. Never tokens. */
import { z } from 'zod';
import { isoTimeSchema } from './common-schemas';

export const zoomConnectionStatusSchema = z
  .union([
    z.object({ connected: z.literal(true), zoomUserId: z.string(), zoomEmail: z.string(), connectedAt: isoTimeSchema }),
    z.object({
      connected: z.literal(false),
      broken: z.literal(true),
      reason: z.string().nullable(),
      zoomUserId: z.string(),
      zoomEmail: z.string(),
    }),
    z.object({ connected: z.literal(false) }),
  ])
  .meta({ id: 'ZoomConnectionStatus' });

export const authorizeRequestSchema = z
  .object({
    returnTo: z
      .enum(['console'])
      .optional()
      .meta({ description: 'after Zoom, send the browser back to the console instead of answering JSON' }),
  })
  .strict();

export const authorizeAnswerSchema = z.object({ authorizeUrl: z.string() });

export const zoomConnectedSchema = z.object({
  connected: z.literal(true),
  userId: z.string(),
  zoomUserId: z.string(),
  zoomEmail: z.string(),
  connectedAt: isoTimeSchema,
});

export const zoomWebhookAnswerSchema = z.union([
  z.object({ plainToken: z.string(), encryptedToken: z.string() }),
  z.object({ received: z.literal(true), ignored: z.string().optional() }),
]);
