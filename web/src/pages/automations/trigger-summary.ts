import type { AutomationTrigger } from '../../api/api-types';

const EVENT_TYPES: Record<string, string> = {
  any: 'any appointment',
  one_time: 'a one-time appointment',
  recurring: 'a recurring appointment',
};

/** "When any appointment is confirmed, on 2 calendars" */
export function triggerSummary(trigger: AutomationTrigger): string {
  const { filters } = trigger;
  const statuses = filters.statuses.length > 0 ? filters.statuses.join(' or ') : 'any status';
  const parts = [`When ${EVENT_TYPES[filters.eventType ?? 'any'] ?? filters.eventType} is ${statuses}`];
  if (filters.calendarIds?.length) {
    parts.push(`on ${filters.calendarIds.length} calendar${filters.calendarIds.length > 1 ? 's' : ''}`);
  }
  if (filters.userIds?.length) {
    parts.push(`for ${filters.userIds.length} host${filters.userIds.length > 1 ? 's' : ''}`);
  }
  return parts.join(', ');
}
