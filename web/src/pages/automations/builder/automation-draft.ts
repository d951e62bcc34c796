/**
 * The automation being edited, and the pure edits the builder makes to it: new steps with fresh
 * IDs, moving and removing steps (and the `goto` targets that pointed at a removed one).
 */
import type { ActionOfType, ActionType, AutomationAction, AutomationInput } from '../../../api/api-types';

export type Draft = AutomationInput;

export const ACTION_TYPE_LABELS: Record<ActionType, string> = {
  wait: 'Wait',
  wait_for_appointment_time: 'Wait for the appointment time',
  send_email: 'Send e-mail',
  send_sms: 'Send SMS',
  internal_notification: 'Internal notification',
  condition: 'Condition (if / else)',
};

export const ACTION_TYPES = Object.keys(ACTION_TYPE_LABELS) as ActionType[];

export function blankDraft(): Draft {
  return {
    name: 'New automation',
    status: 'draft',
    trigger: { type: 'appointment_status', filters: { eventType: 'any', statuses: ['confirmed'] } },
    actions: [{ id: 'wait-1', type: 'wait', duration: '1m' }],
  };
}

/** An ID no other step has, e.g. `send-email-2`: IDs are what `goto` names and what runs report. */
export function freshActionId(type: ActionType, actions: readonly AutomationAction[]): string {
  const base = type.replace(/_/g, '-');
  const taken = new Set(actions.map((action) => action.id));
  let n = 1;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

export function newAction(type: ActionType, actions: readonly AutomationAction[]): AutomationAction {
  const id = freshActionId(type, actions);
  switch (type) {
    case 'wait':
      return { id, type, duration: '1h' } satisfies ActionOfType<'wait'>;
    case 'wait_for_appointment_time':
      return { id, type, offset: '-24h', ifPassed: 'next' } satisfies ActionOfType<'wait_for_appointment_time'>;
    case 'send_email':
      return {
        id,
        type,
        to: 'contact',
        subject: 'Your appointment on {{appointment.only_start_date}}',
        html: '<p>Hi {{contact.first_name}},</p>\n<p>See you {{appointment.start_time}}.</p>',
      } satisfies ActionOfType<'send_email'>;
    case 'send_sms':
      return {
        id,
        type,
        to: 'contact',
        body: 'Hi {{contact.first_name}}, see you {{appointment.start_time}}.',
      } satisfies ActionOfType<'send_sms'>;
    case 'internal_notification':
      return {
        id,
        type,
        channel: 'in_app',
        to: 'assigned_user',
        body: '{{contact.name}} booked {{calendar.name}} for {{appointment.start_time}}.',
      } satisfies ActionOfType<'internal_notification'>;
    case 'condition':
      return {
        id,
        type,
        match: 'all',
        if: [{ field: 'status', in: ['confirmed'] }],
        then: 'next',
        else: 'next',
      } satisfies ActionOfType<'condition'>;
    default: {
      const unknown: never = type;
      throw new Error(`unknown action type ${String(unknown)}`);
    }
  }
}

export function moveAction(actions: readonly AutomationAction[], index: number, by: -1 | 1): AutomationAction[] {
  const target = index + by;
  if (target < 0 || target >= actions.length) return [...actions];
  const next = [...actions];
  [next[index], next[target]] = [next[target] as AutomationAction, next[index] as AutomationAction];
  return next;
}

/** Removes a step; a jump that named it (`goto`, a condition's branch) falls back to the next step. */
export function removeAction(actions: readonly AutomationAction[], index: number): AutomationAction[] {
  const removedId = actions[index]?.id;
  return actions.filter((_, position) => position !== index).map((action) => withoutJumpTo(action, removedId));
}

function withoutJumpTo(action: AutomationAction, removedId: string | undefined): AutomationAction {
  if (action.type === 'wait_for_appointment_time' && typeof action.ifPassed === 'object') {
    return action.ifPassed.goto === removedId ? { ...action, ifPassed: 'next' } : action;
  }
  if (action.type === 'condition' && (action.then === removedId || action.else === removedId)) {
    return {
      ...action,
      then: action.then === removedId ? 'next' : action.then,
      else: action.else === removedId ? 'next' : action.else,
    };
  }
  return action;
}

/** "Step 3 · Send e-mail" */
export function stepLabel(actions: readonly AutomationAction[], id: string): string {
  const index = actions.findIndex((action) => action.id === id);
  const action = actions[index];
  return action ? `Step ${index + 1} · ${ACTION_TYPE_LABELS[action.type]}` : id;
}
