/**
 * Rules an automation run and its message activity must agree on: the workflow decides with them
 * from its snapshot, the activity re-checks with them against the appointment's current state.
 *
 * Imported by workflow code: type imports only, no zod, no Node modules.
 */
import type { AppointmentStatus } from './appointment';
import type { OutboundAction } from './automation';

export type MessageChannel = 'email' | 'sms' | 'in_app';

/** The channel an outbound action reaches its recipient on. */
export function channelOf(action: OutboundAction): MessageChannel {
  if (action.type === 'send_email') return 'email';
  if (action.type === 'send_sms') return 'sms';
  return action.channel;
}

/**
 * A run sends nothing more once its appointment is deleted, or cancelled — unless the run was
 * triggered by the cancellation itself (its messages are about the cancellation).
 */
export function runIsStopped(
  appointment: { deleted: boolean; status: AppointmentStatus },
  triggerStatus: AppointmentStatus,
): boolean {
  return appointment.deleted || (appointment.status === 'cancelled' && triggerStatus !== 'cancelled');
}
