/** The console's home page: what an operator checks first every day. */
import { z } from 'zod';

const outcomes = z.object({ sent: z.number().int(), failed: z.number().int() });

export const overviewQuerySchema = z
  .object({
    timezone: z
      .string()
      .max(64)
      .optional()
      .meta({ description: 'IANA zone whose calendar day "today" is (default UTC)' }),
  })
  .strict();

export const overviewSchema = z.object({
  bookings: z.object({
    today: z.number().int().meta({ description: 'appointments starting today, not cancelled or deleted' }),
    next7Days: z.number().int().meta({ description: 'appointments starting in the next 7 days (from now)' }),
  }),
  messages24h: z.object({ email: outcomes, sms: outcomes, in_app: outcomes }),
  zoomBudget: z.array(
    z.object({
      userId: z.string(),
      usedToday: z.number().int().meta({ description: 'Zoom meeting calls this UTC day' }),
      limit: z.number().int(),
      exhausted: z.boolean().meta({ description: 'Zoom said the day’s limit is reached' }),
    }),
  ),
  brokenZoomConnections: z.array(z.string()).meta({ description: 'users whose Zoom tokens stopped working' }),
  failingRuns: z.number().int().meta({ description: 'automation runs that failed in the last 24 hours' }),
});
