/**
 * The appointment as the workflow keeps it and the API shows it. Pure and free of zod: imported by
 * workflows, whose every cached execution would carry its own copy of a schema library (the API's
 * request schemas are in appointment-requests.ts).
 */

export const APPOINTMENT_STATUSES = ['new', 'confirmed', 'cancelled', 'showed', 'noshow', 'invalid'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const EVENT_TYPES = ['one_time', 'recurring'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Who made a change of an appointment (API.md "Appointment changes record a source"): a bearer-key
 * request (`api`), the web console (`user`), the contact through a self-service link or an SMS reply
 * (`contact`), or an automation's own step (`automation`).
 */
export const CHANGE_SOURCES = ['api', 'contact', 'user', 'automation'] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];

/** Longest appointment we accept; a meeting longer than a day is almost certainly a data error. */
export const MAX_APPOINTMENT_MINUTES = 24 * 60;

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
