/**
 * Prepares a message for the send protocol (message-activities.ts): loads the appointment's data,
 * finds the recipient and renders the message for them.
 *
 * Messages render with the appointment's data at send time: its current view (from its workflow),
 * the contact, the assigned user and the calendar as they are now.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import type { AppointmentView } from '../domain/appointment';
import type { OutboundAction } from '../domain/automation';
import type { Config } from '../config';
import type { CalendarsRepository } from '../store/calendars-repository';
import type { ContactsRepository } from '../store/contacts-repository';
import type { UsersRepository } from '../store/users-repository';
import { mergeDataOf } from '../templates/merge-data';
import { namedUserId, resolveRecipient } from '../templates/recipients';
import { renderMessage, type RenderedMessage } from '../templates/rendered-message';
import { appointmentViewQuery } from '../workflows/messages';
import { appointmentWorkflowId } from '../workflows/workflow-ids';

export interface MessagePreparationDependencies {
  client: Client;
  contacts: ContactsRepository;
  users: UsersRepository;
  calendars: CalendarsRepository;
  emailConfig: Config['email'];
}

/** A message ready to send, or one that has nobody to go to (`reason` says why, when known). */
export type PreparedMessage =
  | { addressed: true; appointment: AppointmentView; message: RenderedMessage }
  | { addressed: false; appointment: AppointmentView; reason: string | undefined };

export type PrepareMessage = (appointmentId: string, action: OutboundAction) => Promise<PreparedMessage>;

export function createMessagePreparation(deps: MessagePreparationDependencies): PrepareMessage {
  return async function prepareMessage(appointmentId: string, action: OutboundAction): Promise<PreparedMessage> {
    const appointment = await currentView(appointmentId);
    const [contact, assignedUser, calendar] = await Promise.all([
      deps.contacts.get(appointment.contactId),
      appointment.assignedUserId ? deps.users.get(appointment.assignedUserId) : Promise.resolve(undefined),
      deps.calendars.get(appointment.calendarId),
    ]);
    const named = namedUserId(action);
    const namedUser = named === undefined ? undefined : await deps.users.get(named);
    const recipient = resolveRecipient(action, { contact, assignedUser, namedUser });
    if (!recipient.to) return { addressed: false, appointment, reason: recipient.missing };
    const merge = mergeDataOf(appointment, contact, assignedUser, calendar);
    const message = renderMessage(action, merge, { ...recipient, to: recipient.to }, deps.emailConfig);
    return { addressed: true, appointment, message };
  };

  async function currentView(appointmentId: string): Promise<AppointmentView> {
    const handle = deps.client.workflow.getHandle(appointmentWorkflowId(appointmentId));
    const view = await handle.query(appointmentViewQuery);
    if (!view) throw ApplicationFailure.nonRetryable(`appointment ${appointmentId} has no data`, 'AppointmentMissing');
    return view;
  }
}
