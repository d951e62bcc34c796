/** Activities an automation run calls (types only: workflows import this file). */
import type { AppointmentStatus } from '../domain/appointment';
import type { OutboundAction } from '../domain/automation';
import type { MessageChannel } from '../domain/automation-run-rules';

export type { OutboundAction };

export interface SendMessageInput {
  /** (run, step, execution): the same key never sends twice */
  dedupKey: string;
  appointmentId: string;
  runId: string;
  action: OutboundAction;
  triggerStatus: AppointmentStatus;
  /** set: do not send; log the message as skipped with this reason (it is rendered for the record) */
  skipReason?: string;
}

export interface SendMessageResult {
  status: 'sent' | 'skipped' | 'failed';
  channel: MessageChannel;
  to: string | null;
  providerId?: string;
  /** why skipped or failed */
  reason?: string;
}

export interface MessageActivities {
  sendMessage(input: SendMessageInput): Promise<SendMessageResult>;
  /** marks a message failed whose sending gave up (retries exhausted), unless it was sent meanwhile */
  recordMessageFailure(input: { dedupKey: string; reason: string }): Promise<void>;
}
