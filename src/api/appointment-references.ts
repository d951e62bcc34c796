/**
 * The references an appointment request names (calendar, contact, assigned user), checked against the
 * store and resolved into the record the appointment workflow keeps; each unknown one is a 400 issue
 * naming its field.
 */
import type { AppointmentRecord } from '../domain/appointment';
import type { CreateAppointmentInput } from '../domain/appointment-requests';
import type { Calendar } from '../domain/calendar';
import type { Repositories } from '../store/repositories';
import { invalidRequest, type Issue } from './errors';

type ReferenceRepositories = Pick<Repositories, 'calendars' | 'contacts' | 'users'>;

/** Resolves references and the calendar's settings into the record the workflow keeps. */
export async function resolveAppointmentRecord(
  repositories: ReferenceRepositories,
  input: CreateAppointmentInput,
): Promise<AppointmentRecord> {
  const [calendar, contact] = await Promise.all([
    repositories.calendars.get(input.calendarId),
    repositories.contacts.get(input.contactId),
  ]);
  const issues: Issue[] = [];
  if (!calendar) issues.push({ path: 'calendarId', message: `unknown calendar ${input.calendarId}` });
  if (!contact) issues.push({ path: 'contactId', message: `unknown contact ${input.contactId}` });
  if (input.assignedUserId !== undefined) {
    const issue = await assignedUserIssue(repositories, calendar, input.assignedUserId);
    if (issue) issues.push(issue);
  }
  if (issues.length > 0 || !calendar) throw invalidRequest(issues);
  return {
    id: input.id,
    calendarId: calendar.id,
    calendarName: calendar.name,
    contactId: input.contactId,
    assignedUserId: input.assignedUserId ?? calendar.teamMemberIds[0] ?? null,
    title: input.title ?? null,
    notes: input.notes ?? null,
    startTime: input.startTime,
    endTime: input.endTime,
    status: input.status,
    eventType: input.eventType,
    location: calendar.meetingLocation,
  };
}

/** Throws 400 unless `userId` is a known user and (when the calendar exists) one of its team members. */
export async function checkAssignedUser(
  repositories: ReferenceRepositories,
  calendarId: string,
  userId: string,
): Promise<void> {
  const calendar = await repositories.calendars.get(calendarId);
  const issue = await assignedUserIssue(repositories, calendar, userId);
  if (issue) throw invalidRequest([issue]);
}

async function assignedUserIssue(
  { users }: ReferenceRepositories,
  calendar: Calendar | undefined,
  userId: string,
): Promise<Issue | undefined> {
  if (!(await users.get(userId))) return { path: 'assignedUserId', message: `unknown user ${userId}` };
  if (calendar && !calendar.teamMemberIds.includes(userId)) {
    return { path: 'assignedUserId', message: `user ${userId} is not a team member of calendar ${calendar.id}` };
  }
  return undefined;
}
