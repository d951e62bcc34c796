import type { ConditionPredicate } from '../../../../api/api-types';

export type PredicateField = ConditionPredicate['field'];

export const PREDICATE_FIELDS: { value: PredicateField; label: string }[] = [
  { value: 'status', label: 'Status' },
  { value: 'rescheduled', label: 'Rescheduled since the run started' },
  { value: 'start', label: 'Start time' },
  { value: 'calendarId', label: 'Calendar' },
  { value: 'assignedUserId', label: 'Assigned user' },
  { value: 'contact.email', label: "Contact's e-mail address" },
  { value: 'contact.phone', label: "Contact's phone number" },
];

/** A predicate on `field` with a sensible first value, when the user picks another field. */
export function newPredicate(field: PredicateField): ConditionPredicate {
  switch (field) {
    case 'status':
      return { field, in: ['confirmed'] };
    case 'rescheduled':
      return { field, is: true };
    case 'start':
      return { field, before: '+24h' };
    case 'calendarId':
    case 'assignedUserId':
      return { field, in: [] };
    case 'contact.email':
    case 'contact.phone':
      return { field, exists: true };
    default: {
      const unknown: never = field;
      throw new Error(`unknown condition field ${String(unknown)}`);
    }
  }
}
