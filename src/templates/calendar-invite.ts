/**
 * The iCalendar invite (RFC 5545, iTIP RFC 5546) a `send_email` step attaches with
 * `attachCalendarInvite`, built with ical-generator from the appointment as it is at send time.
 *
 * A mail client files every invite of one appointment as one event because they share a UID derived
 * from the appointment's ID and the engine, never random; it takes the one with the highest SEQUENCE
 * as current. The SEQUENCE is read off the appointment's timeline, so no workflow keeps a counter:
 * each reschedule, and each move into or out of `cancelled`, raises it by one. A run triggered by the
 * cancellation sends METHOD:CANCEL (STATUS:CANCELLED) with the SEQUENCE the cancellation reached,
 * above every REQUEST before it.
 *
 * Everything in it comes from the appointment's data, DTSTAMP included (its last change), so the
 * same send retried produces the same invite: the message log's exactly-once protocol holds.
 */
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalAttendeeData,
  type ICalOrganizer,
} from 'ical-generator';
import addressparser from 'nodemailer/lib/addressparser';
import type { AppointmentStatus, AppointmentView, TimelineEntry } from '../domain/appointment';

export type CalendarInviteMethod = 'REQUEST' | 'CANCEL';

/** An invite ready to attach: the iCalendar text and its METHOD (which the MIME part repeats). */
export interface CalendarInvite {
  method: CalendarInviteMethod;
  content: string;
}

/** What an invite is made of, loaded by the message preparation at send time. */
export interface CalendarInviteSource {
  appointment: Pick<
    AppointmentView,
    'id' | 'title' | 'startTime' | 'endTime' | 'status' | 'meetingLocation' | 'timeline'
  >;
  /** the status event whose run sends it: `cancelled` sends a cancellation */
  triggerStatus: AppointmentStatus;
  calendarName: string | null;
  /** the host (assigned user); absent on an unassigned calendar, when the sender organizes */
  host: { name: string; email: string } | null;
  /** the contact, when they have an e-mail address */
  contact: { name: string; email: string } | null;
  /** the From of contact e-mails, the organizer when there is no host */
  sender: string;
  /** names the engine in UIDs: the host name of PUBLIC_BASE_URL */
  uidDomain: string;
}

const PRODUCT_ID = { company: 'Appointment automation engine', product: 'appointments', language: 'EN' };

/** Timeline entries that are part of an appointment's history as a calendar sees it. */
const LIFECYCLE_ENTRIES = new Set(['created', 'rescheduled', 'edited', 'status_changed', 'cancelled']);

export function calendarInviteOf(source: CalendarInviteSource): CalendarInvite {
  const { appointment } = source;
  const cancelling = source.triggerStatus === 'cancelled' && appointment.status === 'cancelled';
  const method = cancelling ? 'CANCEL' : 'REQUEST';
  const calendar = ical({
    prodId: PRODUCT_ID,
    method: cancelling ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  const location = appointment.meetingLocation;
  calendar.createEvent({
    id: calendarInviteUid(appointment.id, source.uidDomain),
    sequence: inviteSequence(appointment.timeline),
    stamp: lastChange(appointment),
    start: new Date(appointment.startTime),
    end: new Date(appointment.endTime),
    summary: appointment.title ?? source.calendarName ?? 'Appointment',
    ...(location ? { location } : {}),
    ...(location && isWebAddress(location) ? { url: location } : {}),
    organizer: organizerOf(source),
    attendees: source.contact ? [attendeeOf(source.contact)] : [],
    status: cancelling ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return { method, content: calendar.toString() };
}

/** One UID per appointment of this engine: `appointment-<id>@<engine's host>` (IDs are `[A-Za-z0-9_.:-]`). */
export function calendarInviteUid(appointmentId: string, uidDomain: string): string {
  return `appointment-${appointmentId}@${uidDomain}`;
}

/**
 * How often the event moved in the attendee's calendar: each reschedule, and each status change
 * into or out of `cancelled`. Counted from the timeline the appointment keeps anyway.
 */
export function inviteSequence(timeline: readonly TimelineEntry[]): number {
  return timeline.filter(
    (entry) =>
      entry.type === 'rescheduled' ||
      (entry.type === 'status_changed' && (entry.from === 'cancelled' || entry.to === 'cancelled')),
  ).length;
}

/** When the appointment last changed: the invite's DTSTAMP, stable across retries of one send. */
function lastChange(appointment: CalendarInviteSource['appointment']): Date {
  const entries = appointment.timeline.filter((entry) => LIFECYCLE_ENTRIES.has(entry.type));
  const at = entries[entries.length - 1]?.at;
  return new Date(at ?? appointment.startTime);
}

function organizerOf(source: CalendarInviteSource): ICalOrganizer {
  if (source.host) return { name: source.host.name, email: source.host.email };
  const sender = parseSender(source.sender);
  return { name: source.calendarName ?? sender.name ?? sender.email, email: sender.email };
}

function attendeeOf(contact: { name: string; email: string }): ICalAttendeeData {
  return {
    name: contact.name,
    email: contact.email,
    role: ICalAttendeeRole.REQ,
    status: ICalAttendeeStatus.NEEDSACTION,
    rsvp: true,
  };
}

/** `Clinic <notifications@clinic.example>` or a bare address → its name (if any) and address. */
function parseSender(sender: string): { name: string | undefined; email: string } {
  const [mailbox] = addressparser(sender, { flatten: true });
  return { name: mailbox?.name || undefined, email: mailbox?.address || sender };
}

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
