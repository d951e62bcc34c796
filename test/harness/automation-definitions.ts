/**
 * Automation definitions as the API takes them (API.md "Automations"), built the same way in every
 * test: each action builder takes the step's ID first, then what defines the step, then the rest.
 * Pure data, no I/O: unit tests use them as well as the API tests.
 */

export type ActionBody = Record<string, unknown>;

/** The `appointment_status` trigger: these statuses, any event type, on these calendars (default all). */
export function appointmentStatusTrigger(statuses: string[] = ['confirmed'], calendarIds?: string[]) {
  return {
    type: 'appointment_status',
    filters: { eventType: 'any', statuses, ...(calendarIds ? { calendarIds } : {}) },
  };
}

/** A definition: 'Reminders', published, on confirmed appointments of any calendar; `overrides` replace fields. */
export function automationDefinition(actions: unknown[], overrides: Record<string, unknown> = {}) {
  return { name: 'Reminders', status: 'published', trigger: appointmentStatusTrigger(), actions, ...overrides };
}

export const wait = (id: string, duration = '1m'): ActionBody => ({ id, type: 'wait', duration });

export const waitForAppointmentTime = (id: string, offset = '-24h', ifPassed: unknown = 'next'): ActionBody => ({
  id,
  type: 'wait_for_appointment_time',
  offset,
  ifPassed,
});

export const sendEmail = (id: string, fields: ActionBody = {}): ActionBody => ({
  id,
  type: 'send_email',
  to: 'contact',
  subject: 'Your appointment on {{appointment.only_start_date}}',
  html: '<p>Hi {{contact.first_name}}, see you at {{appointment.start_time}}.</p>',
  text: 'Hi {{contact.first_name}}, see you at {{appointment.start_time}}.',
  ...fields,
});

export const sendSms = (
  id: string,
  body = 'Hi {{contact.first_name}}, see you {{appointment.start_time}}',
  to = 'contact',
): ActionBody => ({ id, type: 'send_sms', to, body });

export const internalNotification = (id: string, fields: ActionBody = {}): ActionBody => ({
  id,
  type: 'internal_notification',
  channel: 'in_app',
  to: 'assigned_user',
  subject: 'New booking',
  body: '{{contact.name}} booked {{calendar.name}}',
  ...fields,
});

/** A `condition` step: `then` when the predicates hold (all of them, unless `match` says any), `else` otherwise. */
export const condition = (
  id: string,
  predicates: unknown[],
  branches: { then?: string; else?: string; match?: 'all' | 'any' } = {},
): ActionBody => ({
  id,
  type: 'condition',
  match: branches.match ?? 'all',
  if: predicates,
  then: branches.then ?? 'next',
  else: branches.else ?? 'next',
});

/** A wait's window: Monday to Friday, 09:00–17:00, in the calendar's zone unless `fields` say otherwise. */
export const weekdayWindow = (fields: ActionBody = {}): ActionBody => ({
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '09:00',
  to: '17:00',
  ...fields,
});
