/**
 * Booking through the API as most tests do: a 30-minute appointment titled 'Consultation' on a
 * setup's calendar, for its contact, starting at an ISO instant or epoch milliseconds.
 */
import type { ApiClient, ApiResponse } from './api-client';
import { uniqueId } from './engine';
import { plusMinutes } from './reference-data';

/** Where a booking goes: what createBookingSetup and its kin return. */
export interface BookingTarget {
  calendarId: string;
  contactId: string;
}

/** The body of POST /v1/appointments (API.md); a type, not an interface, so that it is a Record too. */
export type AppointmentBody = {
  id: string;
  calendarId: string;
  contactId: string;
  startTime: string;
  endTime: string;
  title?: string | null;
  notes?: string | null;
  status?: string;
  eventType?: string;
  assignedUserId?: string;
};

export type BookingFields = Partial<Omit<AppointmentBody, 'calendarId' | 'contactId' | 'startTime' | 'endTime'>> & {
  /** from start to end; default 30 */
  minutes?: number;
};

/** `id` defaults to a fresh `appt-…`, `title` to 'Consultation'; the other fields are sent only when given. */
export function appointmentBody(
  target: BookingTarget,
  start: string | number,
  fields: BookingFields = {},
): AppointmentBody {
  const { minutes = 30, id = uniqueId('appt'), title = 'Consultation', ...rest } = fields;
  const startTime = typeof start === 'number' ? new Date(start).toISOString() : start;
  return {
    id,
    calendarId: target.calendarId,
    contactId: target.contactId,
    startTime,
    endTime: plusMinutes(startTime, minutes),
    title,
    ...rest,
  };
}

/** POST /v1/appointments with appointmentBody(); the answer, whatever it is. */
export function postBooking(
  api: ApiClient,
  target: BookingTarget,
  start: string | number,
  fields: BookingFields = {},
): Promise<ApiResponse> {
  return api.post('/v1/appointments', appointmentBody(target, start, fields));
}

/** POST /v1/appointments with appointmentBody(); the appointment's ID, or an error unless it was created (201). */
export async function book(
  api: ApiClient,
  target: BookingTarget,
  start: string | number,
  fields: BookingFields = {},
): Promise<string> {
  const body = appointmentBody(target, start, fields);
  const response = await api.post('/v1/appointments', body);
  if (response.status !== 201)
    throw new Error(`booking ${body.id} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return body.id;
}
