/**
 * Prepares a message for the send protocol (message-activities.ts): loads the appointment's data,
 * finds the recipient and renders the message for them, with its calendar invite when the step asks.
 *
 * Messages render with the appointment's data at send time: its current view (from its workflow),
 * the contact, the assigned user and the calendar as they are now.
 */
import type { Client } from '@temporalio/client';
import type { AppointmentStatus, AppointmentView } from '../domain/appointment';
import type { OutboundAction } from '../domain/automation';
import type { Config } from '../config';
import type { SelfServiceLinks } from '../self-service/self-service-links';
import type { CalendarsRepository } from '../store/calendars-repository';
import type { ContactsRepository } from '../store/contacts-repository';
import type { UsersRepository } from '../store/users-repository';
import { calendarInviteOf } from '../templates/calendar-invite';
import { mergeDataOf, mergeFieldValues } from '../templates/merge-data';
import { namedUserId, resolveRecipient } from '../templates/recipients';
import { renderMessage, type RenderedMessage } from '../templates/rendered-message';
import { currentAppointmentView } from './current-appointment-view';

export interface MessagePreparationDependencies {
  client: Client;
  contacts: ContactsRepository;
  users: UsersRepository;
  calendars: CalendarsRepository;
  emailConfig: Config['email'];
  /** signs the contact's self-service links into each message */
  links: SelfServiceLinks;
  /** names this engine in calendar invites' UIDs: the host name of PUBLIC_BASE_URL */
  calendarInviteDomain: string;
}

/** A message ready to send, or one that has nobody to go to (`reason` says why, when known). */
export type PreparedMessage =
  | { addressed: true; appointment: AppointmentView; message: RenderedMessage }
  | { addressed: false; appointment: AppointmentView; reason: string | undefined };

/** `triggerStatus`: the status event whose run sends it (a cancellation's run sends a cancelling invite). */
export type PrepareMessage = (
  appointmentId: string,
  action: OutboundAction,
  triggerStatus: AppointmentStatus,
) => Promise<PreparedMessage>;

export function createMessagePreparation(deps: MessagePreparationDependencies): PrepareMessage {
  return async function prepareMessage(appointmentId, action, triggerStatus): Promise<PreparedMessage> {
    const appointment = await currentAppointmentView(deps.client, appointmentId);
    const [contact, assignedUser, calendar] = await Promise.all([
      deps.contacts.get(appointment.contactId),
      appointment.assignedUserId ? deps.users.get(appointment.assignedUserId) : Promise.resolve(undefined),
      deps.calendars.get(appointment.calendarId),
    ]);
    const named = namedUserId(action);
    const namedUser = named === undefined ? undefined : await deps.users.get(named);
    const recipient = resolveRecipient(action, { contact, assignedUser, namedUser });
    if (!recipient.to) return { addressed: false, appointment, reason: recipient.missing };
    const links = deps.links.of(appointment.id, calendar?.reschedulePageUrl ?? null);
    const merge = mergeDataOf(appointment, contact, assignedUser, calendar, links);
    const message = renderMessage(action, merge, { ...recipient, to: recipient.to }, deps.emailConfig);
    if (action.type === 'send_email' && action.attachCalendarInvite) {
      const names = mergeFieldValues(merge, 'UTC'); // `contact.name` exactly as the templates write it
      message.calendarInvite = calendarInviteOf({
        appointment,
        triggerStatus,
        calendarName: calendar?.name ?? null,
        host: assignedUser ? { name: assignedUser.name, email: assignedUser.email } : null,
        contact: contact?.email ? { name: names['contact.name'], email: contact.email } : null,
        sender: deps.emailConfig.from,
        uidDomain: deps.calendarInviteDomain,
      });
    }
    return { addressed: true, appointment, message };
  };
}
