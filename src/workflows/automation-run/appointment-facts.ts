/** The run's way to facts its snapshot lacks: an activity, called only by the steps that need them. */
import { proxyActivities } from '@temporalio/workflow';
import type { AppointmentFactActivities, AppointmentFacts } from '../../activities/appointment-fact-activity-types';
import type { RunContext } from './run-context';

const facts = proxyActivities<AppointmentFactActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export function loadAppointmentFacts(run: RunContext): Promise<AppointmentFacts> {
  return facts.loadAppointmentFacts({ appointmentId: run.input.appointmentId });
}
