/** The appointment as its workflow sees it now: the source of truth of a live appointment. */
import { ApplicationFailure } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import type { AppointmentView } from '../domain/appointment';
import { appointmentViewQuery } from '../workflows/messages';
import { appointmentWorkflowId } from '../workflows/workflow-ids';

/** Queries the appointment's workflow; an appointment without data fails for good (AppointmentMissing). */
export async function currentAppointmentView(client: Client, appointmentId: string): Promise<AppointmentView> {
  const view = await client.workflow.getHandle(appointmentWorkflowId(appointmentId)).query(appointmentViewQuery);
  if (!view) throw ApplicationFailure.nonRetryable(`appointment ${appointmentId} has no data`, 'AppointmentMissing');
  return view;
}
