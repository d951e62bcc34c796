/**
 * The appointment as the API receives it and as the workflow keeps it. Pure: imported by workflows.
 */
import { z } from 'zod';
import { ENTITY_ID_PATTERN } from './ids';

export const APPOINTMENT_STATUSES = ['new', 'confirmed', 'cancelled', 'showed', 'noshow', 'invalid'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const EVENT_TYPES = ['one_time', 'recurring'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const id = z.string({ error: 'must be a string' }).regex(ENTITY_ID_PATTERN, 'must be 1–128 characters of A–Z, a–z, 0–9, _ . : -');

/** ISO 8601 with an explicit offset (Z or ±hh:mm): a time without one is ambiguous. */
const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with an offset, e.g. 2026-11-30T15:00:00-05:00' });

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

/** Longest appointment we accept; a meeting longer than a day is almost certainly a data error. */
export const MAX_APPOINTMENT_MINUTES = 24 * 60;

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
  .refine((value) => Object.keys(value).length > 0, 'give at least one of startTime, endTime, title, notes, status, assignedUserId');
export type PatchAppointmentInput = z.infer<typeof patchAppointmentSchema>;

function checkTimes(start: string, end: string, ctx: z.RefinementCtx): void {
  const startMs = Date.parse(start);
  const endMs = Date.parse(end);
  if (Number.isNaN(startMs) || Number.isNaN(endMs)) return; // reported by the field schemas
  if (endMs <= startMs) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'must be after startTime' });
  else if (endMs - startMs > MAX_APPOINTMENT_MINUTES * 60_000) {
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: `an appointment may last at most ${MAX_APPOINTMENT_MINUTES / 60} hours` });
  }
}

/** Where the meeting takes place, as the calendar said when the appointment was booked. */
export type LocationPlan = { type: 'zoom' } | { type: 'static'; value: string };

/** What the workflow keeps of an appointment: IDs and the few fields it needs, normalized. */
export interface AppointmentRecord {
  id: string;
  calendarId: string;
  calendarName: string;
  contactId: string;
  /** null on an unassigned calendar */
  assignedUserId: string | null;
  title: string | null;
  notes: string | null;
  /** ISO as given by the caller (offset kept) */
  startTime: string;
  endTime: string;
  status: AppointmentStatus;
  eventType: EventType;
  location: LocationPlan;
}

export interface ZoomMeetingRef {
  id: string;
  joinUrl: string;
}

export type AutomationRunStatus = 'running' | 'completed' | 'stopped' | 'failed';

export interface AutomationRunSummary {
  runId: string;
  automationId: string;
  automationVersion: number;
  status: AutomationRunStatus;
  currentStep: string | null;
}

export interface TimelineEntry {
  at: string;
  type: string;
  [detail: string]: unknown;
}

/** The view of API.md: what GET /v1/appointments/{id} answers. */
export interface AppointmentView {
  id: string;
  calendarId: string;
  contactId: string;
  assignedUserId: string | null;
  title: string | null;
  notes: string | null;
  startTime: string;
  endTime: string;
  status: AppointmentStatus;
  eventType: EventType;
  deleted: boolean;
  meetingLocation: string | null;
  zoomMeeting: ZoomMeetingRef | null;
  automationRuns: AutomationRunSummary[];
  timeline: TimelineEntry[];
}

/** Whether a status keeps the appointment's meeting alive. */
export function isActiveStatus(status: AppointmentStatus): boolean {
  return status !== 'cancelled' && status !== 'invalid';
}

/** Canonical UTC form of an instant, used in keys so that "15:00Z" and "10:00-05:00" are one slot. */
export function utcInstant(iso: string): string {
  return new Date(Date.parse(iso)).toISOString();
}

export function durationMinutes(startTime: string, endTime: string): number {
  return Math.max(1, Math.round((Date.parse(endTime) - Date.parse(startTime)) / 60_000));
}
