import { z } from 'zod';
import { nameSchema, timezoneSchema } from './contact-points';
import { entityIdSchema } from './ids';

export const CALENDAR_TYPES = ['round_robin', 'collective', 'service', 'personal', 'class', 'event'] as const;
export type CalendarType = (typeof CALENDAR_TYPES)[number];

/** Only group calendars may generate a Zoom meeting per booking (the reference product's rule). */
export const ZOOM_CALENDAR_TYPES: readonly CalendarType[] = ['round_robin', 'collective'];

export const meetingLocationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('zoom') }),
  z.object({
    type: z.literal('static'),
    value: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
  }),
]);
export type MeetingLocation = z.infer<typeof meetingLocationSchema>;

/** The calendar's own booking page, where `{{appointment.reschedule_link}}` leads: an absolute http(s) URL. */
export const reschedulePageUrlSchema = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL, e.g. https://example.com/book' }));

export const calendarInputSchema = z.object({
  name: nameSchema,
  type: z.enum(CALENDAR_TYPES),
  teamMemberIds: z
    .array(entityIdSchema)
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a user'),
  meetingLocation: meetingLocationSchema,
  slotCapacity: z.number().int().min(1).max(1000).default(1),
  timezone: timezoneSchema.nullish().transform((value) => value ?? null),
  reschedulePageUrl: reschedulePageUrlSchema.nullish().transform((value) => value ?? null),
});
export type CalendarInput = z.infer<typeof calendarInputSchema>;

export interface Calendar extends CalendarInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** Why a calendar may not use dynamic Zoom links, or undefined when it may. */
export function dynamicZoomRefusal(
  calendar: Pick<CalendarInput, 'type' | 'teamMemberIds' | 'meetingLocation'>,
): string | undefined {
  if (calendar.meetingLocation.type !== 'zoom') return undefined;
  if (!ZOOM_CALENDAR_TYPES.includes(calendar.type)) {
    return `dynamic Zoom links are only available on round_robin and collective calendars, not ${calendar.type}; use a static location`;
  }
  if (calendar.teamMemberIds.length === 0) {
    return 'dynamic Zoom links need at least one team member (an unassigned calendar uses a static location)';
  }
  return undefined;
}
