/** The API's schema of a wait's window (zod: not for workflow code); the arithmetic is in wait-window.ts. */
import { z } from 'zod';
import { timezoneSchema } from './contact-points';
import { END_OF_DAY, minutesOfDay, TIME_OF_DAY_PATTERN, WEEKDAYS, type WaitWindow } from './wait-window';

const DAYS_MESSAGE = `must be one of ${WEEKDAYS.join(', ')}`;

export const waitWindowSchema = z
  .strictObject(
    {
      days: z
        .array(z.enum(WEEKDAYS, { error: DAYS_MESSAGE }), { error: 'must be a list of days, e.g. ["mon", "tue"]' })
        .min(1, 'must name at least one day')
        .refine((days) => new Set(days).size === days.length, 'must not repeat a day'),
      from: z
        .string({ error: 'must be a time of day HH:MM, e.g. 09:00' })
        .regex(TIME_OF_DAY_PATTERN, 'must be a time of day HH:MM from 00:00 to 23:59, e.g. 09:00'),
      to: z
        .string({ error: 'must be a time of day HH:MM, e.g. 17:00' })
        .refine(
          (to) => to === END_OF_DAY || TIME_OF_DAY_PATTERN.test(to),
          'must be a time of day HH:MM from 00:01 to 24:00, e.g. 17:00',
        ),
      timezone: timezoneSchema.optional(),
    },
    {
      // a missing or non-object window; other issues (e.g. an unknown key) keep their own message
      error: (issue) =>
        issue.code === 'invalid_type'
          ? 'must be a window: {"days": ["mon", …], "from": "09:00", "to": "17:00", "timezone"?: "<IANA>"}'
          : undefined,
    },
  )
  .superRefine((window, ctx) => {
    const well =
      TIME_OF_DAY_PATTERN.test(window.from) && (window.to === END_OF_DAY || TIME_OF_DAY_PATTERN.test(window.to));
    if (well && minutesOfDay(window.from) >= minutesOfDay(window.to)) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: `must be before "to" (${window.to})` });
    }
  }) satisfies z.ZodType<WaitWindow>;
