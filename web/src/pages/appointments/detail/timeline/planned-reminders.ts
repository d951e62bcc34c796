import type { Appointment, Automation } from '../../../../api/api-types';
import { offsetMs } from '../../../../format/durations';
import type { PlannedReminder } from './timeline-kinds';

/**
 * The appointment-time waits still ahead for the running automation runs, computed from their
 * automation's steps and the appointment's start. Only for runs on the automation's current
 * version: the API does not serve older versions, whose steps may differ.
 */
export function plannedReminders(
  appointment: Appointment,
  automations: ReadonlyMap<string, Automation>,
  now: number,
): PlannedReminder[] {
  if (appointment.status === 'cancelled' || appointment.deleted) return [];
  const start = Date.parse(appointment.startTime);
  return appointment.automationRuns.flatMap((run) => {
    const automation = automations.get(run.automationId);
    if (run.status !== 'running' || !automation || automation.version !== run.automationVersion) return [];
    return automation.actions.flatMap((action) => {
      if (action.type !== 'wait_for_appointment_time') return [];
      const offset = offsetMs(action.offset);
      if (offset === null || start + offset <= now) return [];
      const reminder: PlannedReminder = {
        at: new Date(start + offset).toISOString(),
        type: 'reminder.scheduled',
        stepId: action.id,
        runId: run.runId,
      };
      return [reminder];
    });
  });
}
