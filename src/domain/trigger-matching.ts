/**
 * Which published automations an appointment event starts. Pure: the appointment workflow's
 * matching activity calls it with every published automation; unit tests call it directly.
 */
import type { AppointmentStatus, ChangeSource, EventType } from './appointment';
import type { Automation, AutomationTrigger } from './automation';

/** A status event of an appointment: its creation, or a change of its status. */
export interface TriggerEvent {
  calendarId: string;
  assignedUserId: string | null;
  eventType: EventType;
  status: AppointmentStatus;
  /** who made the change */
  source: ChangeSource;
  /** with source `automation`: the automation whose own change this is */
  sourceAutomationId?: string;
  /** true for the appointment's creation (which `appointment_booked` fires on), false for later changes */
  booked: boolean;
}

/**
 * Whether `automation` starts a run for `event`: its trigger matches, and the event is not the
 * automation's own change (a run never re-triggers the automation that made it).
 */
export function automationFires(automation: Pick<Automation, 'id' | 'trigger'>, event: TriggerEvent): boolean {
  if (event.source === 'automation' && event.sourceAutomationId === automation.id) return false;
  return triggerMatches(automation.trigger, event);
}

/** Whether a trigger fires for an event (all given filters must hold). */
export function triggerMatches(trigger: AutomationTrigger, event: TriggerEvent): boolean {
  switch (trigger.type) {
    case 'appointment_status': {
      const { filters } = trigger;
      if (!filters.statuses.includes(event.status)) return false;
      if (filters.eventType !== 'any' && filters.eventType !== event.eventType) return false;
      return commonFiltersHold(filters, event);
    }
    case 'appointment_booked':
      // stored definitions are plain JSON: filters may be absent
      return event.booked && commonFiltersHold(trigger.filters ?? {}, event);
    default: {
      const unknown: never = trigger;
      throw new Error(`unknown trigger ${JSON.stringify(unknown)}`);
    }
  }
}

interface CommonFilters {
  calendarIds?: string[];
  userIds?: string[];
  sources?: ChangeSource[];
}

function commonFiltersHold(filters: CommonFilters, event: TriggerEvent): boolean {
  if (filters.calendarIds && !filters.calendarIds.includes(event.calendarId)) return false;
  if (filters.userIds && (!event.assignedUserId || !filters.userIds.includes(event.assignedUserId))) return false;
  if (filters.sources && !filters.sources.includes(event.source)) return false;
  return true;
}
