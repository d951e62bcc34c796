import type { Calendar, CalendarInput, MeetingLocation } from '../../api/api-types';

export const CALENDAR_TYPE_LABELS: Record<string, string> = {
  round_robin: 'Round robin',
  collective: 'Collective',
  service: 'Service',
  personal: 'Personal',
  class: 'Class',
  event: 'Event',
};

/**
 * Why this calendar cannot have dynamic Zoom links, or null when it can. The server decides
 * (422 dynamic_zoom_not_allowed); this only saves the user a refused save.
 */
export function zoomUnavailableReason(calendar: Calendar): string | null {
  if (calendar.type !== 'round_robin' && calendar.type !== 'collective') {
    return `Dynamic Zoom links are only available on round robin and collective calendars; this one is ${
      CALENDAR_TYPE_LABELS[calendar.type] ?? calendar.type
    }.`;
  }
  if (calendar.teamMemberIds.length === 0) {
    return 'Dynamic Zoom links need at least one team member: an unassigned calendar uses a static location.';
  }
  return null;
}

export function describeLocation(location: MeetingLocation): string {
  return location.type === 'zoom' ? 'Zoom (a new meeting per booking)' : location.value;
}

/** The calendar's full body for PUT: a form changes its own fields, the others pass through as they are. */
export function calendarBody(calendar: Calendar): CalendarInput {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...input } = calendar;
  return input;
}
