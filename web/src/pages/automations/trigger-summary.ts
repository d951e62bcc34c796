import type { AutomationTrigger, ChangeSource } from '../../api/api-types';

const EVENT_TYPES: Record<string, string> = {
  any: 'an appointment',
  one_time: 'a one-time appointment',
  recurring: 'a recurring appointment',
};

export const SOURCE_LABELS: Record<ChangeSource, string> = {
  api: 'the CRM (through the API)',
  contact: 'the contact (self-service link or SMS reply)',
  user: 'a team member (in this console)',
  automation: 'an automation',
};

const SOURCE_SHORT: Record<ChangeSource, string> = {
  api: 'the CRM',
  contact: 'the contact',
  user: 'a team member',
  automation: 'an automation',
};

const plural = (count: number, word: string) => `${count} ${word}${count > 1 ? 's' : ''}`;

/** "When an appointment is confirmed, on 2 calendars, by the contact" */
export function triggerSummary(trigger: AutomationTrigger): string {
  const filters = trigger.filters ?? {};
  const parts =
    trigger.type === 'appointment_status'
      ? [
          `When ${EVENT_TYPES[trigger.filters.eventType ?? 'any'] ?? trigger.filters.eventType} is ${
            trigger.filters.statuses.join(' or ') || 'in any status'
          }`,
        ]
      : ['When an appointment is booked'];
  if (filters.calendarIds?.length) parts.push(`on ${plural(filters.calendarIds.length, 'calendar')}`);
  if (filters.userIds?.length) parts.push(`for ${plural(filters.userIds.length, 'host')}`);
  if (filters.sources?.length) parts.push(`by ${filters.sources.map((source) => SOURCE_SHORT[source]).join(' or ')}`);
  return parts.join(', ');
}
