/** What the appointment routes answer: the view of API.md, its messages, and a page of the list. */
import { z } from 'zod';
import { APPOINTMENT_STATUSES, EVENT_TYPES, type AppointmentView } from '../../domain/appointment';
import { isoTimeSchema } from './common-schemas';

const timelineEntrySchema = z
  .looseObject({
    at: isoTimeSchema,
    type: z.string().meta({ description: 'e.g. `created`, `zoom.meeting_created`, `message.sent`' }),
  })
  .meta({ id: 'TimelineEntry', description: 'what happened, with details that depend on the type' });

const automationRunSummarySchema = z.object({
  runId: z.string(),
  automationId: z.string(),
  automationVersion: z.number().int(),
  status: z.enum(['running', 'completed', 'stopped', 'failed']),
  currentStep: z.string().nullable(),
});

const appointmentFields = {
  id: z.string(),
  calendarId: z.string(),
  contactId: z.string(),
  assignedUserId: z.string().nullable(),
  title: z.string().nullable(),
  notes: z.string().nullable(),
  startTime: isoTimeSchema,
  endTime: isoTimeSchema,
  status: z.enum(APPOINTMENT_STATUSES),
  eventType: z.enum(EVENT_TYPES),
  deleted: z.boolean(),
  meetingLocation: z.string().nullable().meta({ description: 'the Zoom join URL or the static location' }),
  zoomMeeting: z.object({ id: z.string(), joinUrl: z.string() }).nullable(),
  automationRuns: z.array(automationRunSummarySchema),
};

export const appointmentViewSchema = z
  .object({ ...appointmentFields, timeline: z.array(timelineEntrySchema) })
  .meta({ id: 'Appointment' }) satisfies z.ZodType<AppointmentView>;

export const appointmentListItemSchema = z
  .object(appointmentFields)
  .meta({ id: 'AppointmentListItem', description: 'the view without its timeline' });

export const appointmentPageSchema = z.object({
  items: z.array(appointmentListItemSchema),
  nextPageToken: z.string().nullable().meta({ description: 'pass as `pageToken` for the next page; null at the end' }),
});

export const messageSchema = z
  .object({
    runId: z.string(),
    stepId: z.string(),
    channel: z.enum(['email', 'sms', 'in_app']),
    to: z.string(),
    subject: z.string().optional(),
    body: z.string(),
    status: z.enum(['sent', 'failed', 'skipped']),
    providerId: z.string().optional(),
    reason: z.string().optional().meta({ description: 'why it failed or was skipped' }),
    at: isoTimeSchema,
  })
  .meta({ id: 'Message' });
