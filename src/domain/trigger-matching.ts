import type { AppointmentStatus, EventType } from './appointment';
import type { AutomationTrigger } from './automation';

export interface TriggerEvent {
  calendarId: string;
  assignedUserId: string | null;
  eventType: EventType;
  status: AppointmentStatus;
}

/** Whether an `appointment_status` trigger fires for a status event (all given filters must hold). */
export function triggerMatches(trigger: AutomationTrigger, event: TriggerEvent): boolean {
  const { filters } = trigger;
  if (!filters.statuses.includes(event.status)) return false;
  if (filters.eventType !== 'any' && filters.eventType !== event.eventType) return false;
  if (filters.calendarIds && !filters.calendarIds.includes(event.calendarId)) return false;
  if (filters.userIds && (!event.assignedUserId || !filters.userIds.includes(event.assignedUserId))) return false;
  return true;
}
