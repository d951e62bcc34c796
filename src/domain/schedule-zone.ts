/**
 * The time zone an appointment's schedule is read in when a rule names none (a wait's window
 * without `timezone`): the calendar's, else the assigned user's, else UTC.
 */
import type { Calendar } from './calendar';
import type { User } from './user';

export type ScheduleZoneSource = 'calendar' | 'assigned_user' | 'utc';

export interface ScheduleZone {
  zone: string;
  /** whose zone it is, for the timeline */
  source: ScheduleZoneSource;
}

export function scheduleZoneOf(
  calendar: Pick<Calendar, 'timezone'> | undefined,
  assignedUser: Pick<User, 'timezone'> | undefined,
): ScheduleZone {
  if (calendar?.timezone) return { zone: calendar.timezone, source: 'calendar' };
  if (assignedUser?.timezone) return { zone: assignedUser.timezone, source: 'assigned_user' };
  return { zone: 'UTC', source: 'utc' };
}
