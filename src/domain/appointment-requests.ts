/** What the API accepts to create or change an appointment (zod: not for workflow code). */
import { z } from 'zod';
import { APPOINTMENT_STATUSES, EVENT_TYPES, MAX_APPOINTMENT_MINUTES } from './appointment';
import { entityIdSchema as id } from './ids';

/** ISO 8601 with an explicit offset (Z or ±hh:mm): a time without one is ambiguous. */
export const instant = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time with an offset, e.g. 2026-11-30T15:00:00-05:00',
});

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

export const createAppointmentSchema = z
  .object({
    id,
    calendarId: id,
    contactId: id,
    assignedUserId: id.optional(),
    title: text(300).nullish(),
    notes: text(5000).nullish(),
    startTime: instant,
    endTime: instant,
    status: z.enum(['new', 'confirmed']).default('confirmed'),
    eventType: z.enum(EVENT_TYPES).default('one_time'),
  })
  .superRefine((value, ctx) => checkTimes(value.startTime, value.endTime, ctx));
export type CreateAppointmentInput = z.infer<typeof createAppointmentSchema>;

export const patchAppointmentSchema = z
  .object({
    startTime: instant.optional(),
    endTime: instant.optional(),
    title: text(300).nullable().optional(),
    notes: text(5000).nullable().optional(),
    status: z.enum(APPOINTMENT_STATUSES).optional(),
    assignedUserId: id.optional(),
  })
  .strict()
  .refine(
    (value) => Object.keys(value).length > 0,
    'give at least one of startTime, endTime, title, notes, status, assignedUserId',
  );
export type PatchAppointmentInput = z.infer<typeof patchAppointmentSchema>;

function checkTimes(start: string, end: string, ctx: z.RefinementCtx): void {
  const startMs = Date.parse(start);
  const endMs = Date.parse(end);
  if (Number.isNaN(startMs) || Number.isNaN(endMs)) return; // reported by the field schemas
  if (endMs <= startMs) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'must be after startTime' });
  else if (endMs - startMs > MAX_APPOINTMENT_MINUTES * 60_000) {
    ctx.addIssue({
      code: 'custom',
      path: ['endTime'],
      message: `an appointment may last at most ${MAX_APPOINTMENT_MINUTES / 60} hours`,
    });
  }
}
