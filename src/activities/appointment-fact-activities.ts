/**
 * Facts an automation run needs only for some steps (a condition on the host or the contact, a
 * wait's window without a zone), read when such a step runs, so runs without those steps ask
 * nothing. Read-only, so retries are harmless. Answers whether the contact has an e-mail or a
 * phone, never the address itself: the answer is recorded in the run's history.
 */
import type { Client } from '@temporalio/client';
import { scheduleZoneOf } from '../domain/schedule-zone';
import type { CalendarsRepository } from '../store/calendars-repository';
import type { ContactsRepository } from '../store/contacts-repository';
import type { UsersRepository } from '../store/users-repository';
import type { AppointmentFactActivities, AppointmentFacts } from './appointment-fact-activity-types';
import { currentAppointmentView } from './current-appointment-view';

export interface AppointmentFactActivityDependencies {
  client: Client;
  contacts: ContactsRepository;
  users: UsersRepository;
  calendars: CalendarsRepository;
}

export function createAppointmentFactActivities(deps: AppointmentFactActivityDependencies): AppointmentFactActivities {
  return {
    async loadAppointmentFacts({ appointmentId }): Promise<AppointmentFacts> {
      const appointment = await currentAppointmentView(deps.client, appointmentId);
      const [contact, calendar, assignedUser] = await Promise.all([
        deps.contacts.get(appointment.contactId),
        deps.calendars.get(appointment.calendarId),
        appointment.assignedUserId ? deps.users.get(appointment.assignedUserId) : Promise.resolve(undefined),
      ]);
      return {
        calendarId: appointment.calendarId,
        assignedUserId: appointment.assignedUserId,
        contactHasEmail: Boolean(contact?.email),
        contactHasPhone: Boolean(contact?.phone),
        scheduleZone: scheduleZoneOf(calendar, assignedUser),
      };
    },
  };
}
