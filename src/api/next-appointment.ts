/**
 * A contact's next appointment: the earliest that has not started, is not cancelled (or invalid) and
 * not deleted, among the appointments of one or more contacts (a phone number may be shared, e.g. by
 * a family). Found through visibility (ContactId, AppointmentStart and the running workflows), then
 * checked against each candidate's own view, which is the source of truth.
 */
import { isActiveStatus, type AppointmentView } from '../domain/appointment';
import { appointmentViewQuery } from '../workflows/messages';
import { appointmentWorkflowId } from '../workflows/workflow-ids';
import type { ApiDependencies } from './api-dependencies';
import { listAppointmentExecutions } from './appointment-visibility';

/** Candidates read from visibility; a contact with more upcoming appointments than this is not expected. */
const MAX_CANDIDATES = 100;

export async function nextAppointmentOf(
  deps: Pick<ApiDependencies, 'config' | 'temporal'>,
  contactIds: readonly string[],
  now = new Date(),
): Promise<AppointmentView | undefined> {
  if (contactIds.length === 0) return undefined;
  const { executions } = await listAppointmentExecutions(
    deps,
    { contactIds, from: now, running: true },
    { size: MAX_CANDIDATES },
  );
  const views = await Promise.all(
    executions.map(
      ({ appointmentId }) =>
        deps.temporal.workflow
          .getHandle(appointmentWorkflowId(appointmentId))
          .query(appointmentViewQuery)
          .catch(() => null), // closed meanwhile: not upcoming
    ),
  );
  const upcoming = views.filter(
    (view): view is AppointmentView =>
      view !== null && !view.deleted && isActiveStatus(view.status) && Date.parse(view.startTime) > now.getTime(),
  );
  return upcoming.sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime))[0];
}
