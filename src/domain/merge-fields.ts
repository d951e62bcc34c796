/**
 * The merge fields a template may use (PRODUCT.md section 5). The renderer fills exactly these and
 * the publish-time validation refuses anything else, so both read this one list.
 *
 * Imported by workflow code: no dependencies at all.
 */

export interface MergeField {
  /** What a template writes between the braces, e.g. `contact.first_name`. */
  path: string;
  description: string;
}

export const MERGE_FIELDS = [
  {
    path: 'appointment.start_time',
    description: 'Start, e.g. "Monday, November 30, 2026 3:00 PM", in the recipient\'s timezone',
  },
  {
    path: 'appointment.end_time',
    description: 'End, e.g. "Monday, November 30, 2026 4:00 PM", in the recipient\'s timezone',
  },
  { path: 'appointment.only_start_date', description: 'Start date only, e.g. "November 30, 2026"' },
  { path: 'appointment.only_start_time', description: 'Start time only, e.g. "3:00 PM"' },
  { path: 'appointment.only_end_time', description: 'End time only, e.g. "4:00 PM"' },
  { path: 'appointment.day_of_week', description: 'Weekday of the start, e.g. "Monday"' },
  { path: 'appointment.month_name', description: 'Month of the start, e.g. "November"' },
  {
    path: 'appointment.timezone',
    description: 'IANA name of the timezone the times are shown in, e.g. "America/New_York"',
  },
  { path: 'appointment.title', description: 'Title of the appointment (empty when it has none)' },
  { path: 'appointment.notes', description: 'Notes on the appointment (empty when there are none)' },
  { path: 'appointment.status', description: 'Status: new, confirmed, cancelled, showed, noshow or invalid' },
  { path: 'appointment.id', description: "The appointment's ID" },
  {
    path: 'appointment.meeting_location',
    description: "Zoom join URL or the calendar's static location (empty when there is none)",
  },
  {
    path: 'appointment.cancel_link',
    description: 'A page where the contact cancels the appointment (works until it starts)',
  },
  {
    path: 'appointment.confirm_link',
    description: 'A page where the contact confirms the appointment (works until it starts)',
  },
  {
    path: 'appointment.reschedule_link',
    description: "The calendar's booking page, for this appointment (empty when the calendar has none)",
  },
  { path: 'contact.first_name', description: 'First name of the contact who booked' },
  { path: 'contact.last_name', description: 'Last name of the contact (empty when unknown)' },
  { path: 'contact.name', description: 'First and last name of the contact' },
  { path: 'contact.email', description: 'E-mail address of the contact (empty when unknown)' },
  { path: 'contact.phone', description: 'Phone number of the contact, E.164 (empty when unknown)' },
  { path: 'user.name', description: 'Full name of the assigned user (the host)' },
  { path: 'user.first_name', description: "First word of the assigned user's name" },
  { path: 'user.email', description: 'E-mail address of the assigned user' },
  { path: 'user.phone', description: 'Phone number of the assigned user, E.164 (empty when unknown)' },
  { path: 'calendar.name', description: "Name of the appointment's calendar" },
] as const satisfies readonly MergeField[];

export type MergeFieldPath = (typeof MERGE_FIELDS)[number]['path'];

const KNOWN_PATHS: ReadonlySet<string> = new Set(MERGE_FIELDS.map((field) => field.path));

export function isKnownMergeField(path: string): path is MergeFieldPath {
  return KNOWN_PATHS.has(path);
}
