/** What the reference-data routes answer: users, contacts and calendars as stored. */
import { z } from 'zod';
import { CALENDAR_TYPES, meetingLocationSchema, type Calendar } from '../../domain/calendar';
import type { Contact } from '../../domain/contact';
import type { User } from '../../domain/user';
import { storedRowTimes } from './common-schemas';

export const userSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    timezone: z.string(),
    ...storedRowTimes,
  })
  .meta({ id: 'User' }) satisfies z.ZodType<User>;

export const contactSchema = z
  .object({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    timezone: z.string().nullable(),
    ...storedRowTimes,
  })
  .meta({ id: 'Contact' }) satisfies z.ZodType<Contact>;

export const calendarSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.enum(CALENDAR_TYPES),
    teamMemberIds: z.array(z.string()),
    meetingLocation: meetingLocationSchema,
    slotCapacity: z.number().int(),
    timezone: z.string().nullable(),
    reschedulePageUrl: z
      .string()
      .nullable()
      .meta({ description: 'the booking page `{{appointment.reschedule_link}}` leads to; null: the link is empty' }),
    ...storedRowTimes,
  })
  .meta({ id: 'Calendar' }) satisfies z.ZodType<Calendar>;
