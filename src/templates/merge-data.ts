/**
 * What a message is rendered from, and the text of every merge field (PRODUCT.md section 5) for
 * one recipient: the same appointment reads 10:00 AM to a contact in New York and 4:00 PM to a host
 * in Paris. Loaded by an activity at send time, never kept in workflow history.
 */
import { DateTime, IANAZone } from 'luxon';
import type { AppointmentStatus, AppointmentView } from '../domain/appointment';
import type { Calendar } from '../domain/calendar';
import type { Contact } from '../domain/contact';
import type { MergeFieldPath } from '../domain/merge-fields';
import type { User } from '../domain/user';
import { NO_SELF_SERVICE_LINKS, type SelfServiceLinkSet } from '../self-service/self-service-links';

export interface MergeData {
  appointment: {
    id: string;
    title: string | null;
    notes: string | null;
    status: AppointmentStatus;
    /** ISO 8601 with offset */
    startTime: string;
    endTime: string;
    meetingLocation: string | null;
    /** the contact's self-service links, signed when the message is rendered */
    links: SelfServiceLinkSet;
  };
  contact: {
    firstName: string;
    lastName: string | null;
    email: string | null;
    phone: string | null;
    timezone: string | null;
  };
  user: { name: string; email: string; phone: string | null; timezone: string };
  calendar: { name: string; timezone: string | null };
}

/**
 * The merge data of an appointment as it is now; a missing contact, user or calendar reads as empty.
 * `links` are signed by the caller that renders messages (message-preparation.ts); text that shows
 * no links (a page, an SMS acknowledgement) leaves them out.
 */
export function mergeDataOf(
  view: AppointmentView,
  contact: Contact | undefined,
  user: User | undefined,
  calendar: Calendar | undefined,
  links: SelfServiceLinkSet = NO_SELF_SERVICE_LINKS,
): MergeData {
  return {
    appointment: {
      id: view.id,
      title: view.title,
      notes: view.notes,
      status: view.status,
      startTime: view.startTime,
      endTime: view.endTime,
      meetingLocation: view.meetingLocation,
      links,
    },
    contact: {
      firstName: contact?.firstName ?? '',
      lastName: contact?.lastName ?? null,
      email: contact?.email ?? null,
      phone: contact?.phone ?? null,
      timezone: contact?.timezone ?? null,
    },
    user: {
      name: user?.name ?? '',
      email: user?.email ?? '',
      phone: user?.phone ?? null,
      timezone: user?.timezone ?? '',
    },
    calendar: { name: calendar?.name ?? '', timezone: calendar?.timezone ?? null },
  };
}

// Luxon tokens of PRODUCT.md section 5, always in US English.
const LOCALE = 'en-US';
const DATE_TIME_FORMAT = 'cccc, LLLL d, yyyy h:mm a';
const DATE_FORMAT = 'LLLL d, yyyy';
const TIME_FORMAT = 'h:mm a';
const WEEKDAY_FORMAT = 'cccc';
const MONTH_FORMAT = 'LLLL';

/** The value of every merge field, as text, with dates in `timezone`. */
export function mergeFieldValues(data: MergeData, timezone: string): Record<MergeFieldPath, string> {
  if (!IANAZone.isValidZone(timezone)) throw new RangeError(`unknown timezone "${timezone}"`);
  const start = localTime(data.appointment.startTime, 'startTime', timezone);
  const end = localTime(data.appointment.endTime, 'endTime', timezone);
  const text = (value: string | null) => value ?? '';
  return {
    'appointment.start_time': start.toFormat(DATE_TIME_FORMAT),
    'appointment.end_time': end.toFormat(DATE_TIME_FORMAT),
    'appointment.only_start_date': start.toFormat(DATE_FORMAT),
    'appointment.only_start_time': start.toFormat(TIME_FORMAT),
    'appointment.only_end_time': end.toFormat(TIME_FORMAT),
    'appointment.day_of_week': start.toFormat(WEEKDAY_FORMAT),
    'appointment.month_name': start.toFormat(MONTH_FORMAT),
    'appointment.timezone': start.zoneName ?? timezone,
    'appointment.title': text(data.appointment.title),
    'appointment.notes': text(data.appointment.notes),
    'appointment.status': data.appointment.status,
    'appointment.id': data.appointment.id,
    'appointment.meeting_location': text(data.appointment.meetingLocation),
    'appointment.cancel_link': data.appointment.links.cancel,
    'appointment.confirm_link': data.appointment.links.confirm,
    'appointment.reschedule_link': data.appointment.links.reschedule,
    'contact.first_name': data.contact.firstName,
    'contact.last_name': text(data.contact.lastName),
    'contact.name': [data.contact.firstName, data.contact.lastName ?? '']
      .map((part) => part.trim())
      .filter(Boolean)
      .join(' '),
    'contact.email': text(data.contact.email),
    'contact.phone': text(data.contact.phone),
    'user.name': data.user.name,
    'user.first_name': data.user.name.trim().split(/\s+/)[0] ?? '',
    'user.email': data.user.email,
    'user.phone': text(data.user.phone),
    'calendar.name': data.calendar.name,
  };
}

function localTime(iso: string, field: string, timezone: string): DateTime {
  const time = DateTime.fromISO(iso, { setZone: true });
  if (!time.isValid) throw new RangeError(`appointment.${field} is not an ISO 8601 time: "${iso}"`);
  return time.setZone(timezone).setLocale(LOCALE);
}
