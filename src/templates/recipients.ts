/**
 * Who a message goes to, and in which time zone it shows the appointment. Contact messages go to the
 * contact (or a literal address) and read in the contact's zone; internal ones go to users (or a
 * literal address) and read in the user's zone.
 */
import { IANAZone } from 'luxon';
import type { ActionOfType, OutboundAction } from '../domain/automation';
import type { Contact } from '../domain/contact';
import type { User } from '../domain/user';
import type { MergeData } from './merge-data';

export type RecipientKind = 'contact' | 'internal';

/** Where a message goes; `to` null: nowhere, and `missing` says why. */
export interface Recipient {
  kind: RecipientKind;
  to: string | null;
  /** the user an internal message is for, when it is for a user */
  userId?: string;
  missing?: string;
}

/** The people an appointment's messages can reach, as they are now. */
export interface AppointmentPeople {
  contact: Contact | undefined;
  /** the appointment's assigned user */
  assignedUser: User | undefined;
  /** the user named by the action (`to: {userId}`), looked up by namedUserId */
  namedUser?: User | undefined;
}

/** The user an action names by ID (`internal_notification` to `{userId}`), whose record resolving needs. */
export function namedUserId(action: OutboundAction): string | undefined {
  return action.type === 'internal_notification' && typeof action.to === 'object' ? action.to.userId : undefined;
}

const NO_ASSIGNED_USER = 'the appointment has no assigned user';

/** The recipient of `action` among the appointment's people. */
export function resolveRecipient(action: OutboundAction, people: AppointmentPeople): Recipient {
  const { contact, assignedUser } = people;
  switch (action.type) {
    case 'send_email':
      if (action.to === 'contact')
        return { kind: 'contact', to: contact?.email ?? null, missing: 'the contact has no e-mail address' };
      if (action.to === 'assigned_user')
        return { kind: 'internal', to: assignedUser?.email ?? null, missing: NO_ASSIGNED_USER };
      return { kind: 'contact', to: action.to };
    case 'send_sms':
      if (action.to === 'contact')
        return { kind: 'contact', to: contact?.phone ?? null, missing: 'the contact has no phone number' };
      if (action.to === 'assigned_user') {
        const missing = assignedUser ? 'the assigned user has no phone number' : NO_ASSIGNED_USER;
        return { kind: 'internal', to: assignedUser?.phone ?? null, missing };
      }
      return { kind: 'contact', to: action.to };
    case 'internal_notification':
      return internalRecipient(action, people);
    default: {
      const unknown: never = action;
      throw new Error(`unknown action ${JSON.stringify(unknown)}`);
    }
  }
}

/** An internal notification's recipient: a user (assigned or named) on any channel, or a literal address. */
function internalRecipient(action: ActionOfType<'internal_notification'>, people: AppointmentPeople): Recipient {
  if (typeof action.to === 'string' && action.to !== 'assigned_user') {
    return action.channel === 'in_app'
      ? { kind: 'internal', to: null, missing: 'in-app notifications go to users' }
      : { kind: 'internal', to: action.to };
  }
  const target = action.to === 'assigned_user' ? people.assignedUser : people.namedUser;
  if (!target) {
    const missing = typeof action.to === 'object' ? `unknown user ${action.to.userId}` : NO_ASSIGNED_USER;
    return { kind: 'internal', to: null, missing };
  }
  switch (action.channel) {
    case 'email':
      return { kind: 'internal', to: target.email, userId: target.id };
    case 'sms':
      return {
        kind: 'internal',
        to: target.phone,
        userId: target.id,
        missing: `user ${target.id} has no phone number`,
      };
    case 'in_app':
      return { kind: 'internal', to: target.id, userId: target.id };
  }
}

/**
 * Contact messages show the contact's timezone, internal ones the user's; then the calendar's;
 * then UTC. A zone this runtime does not know is passed over rather than failing the message.
 */
export function recipientTimezone(kind: RecipientKind, data: MergeData): string {
  const preferred = kind === 'contact' ? data.contact.timezone : data.user.timezone;
  for (const zone of [preferred, data.calendar.timezone]) {
    if (zone != null && IANAZone.isValidZone(zone)) return zone;
  }
  return 'UTC';
}
