/** Activities the appointment workflow calls (types only: workflows import this file). */
import type { AppointmentView } from '../domain/appointment';
import type { AutomationAction, AutomationTriggerType } from '../domain/automation';
import type { TriggerEvent } from '../domain/trigger-matching';
import type { SlotMemberRequest } from '../workflows/messages';

export interface JoinMeetingSlotInput {
  slotWorkflowId: string;
  hostUserId: string;
  /** UTC ISO */
  startTime: string;
  member: SlotMemberRequest;
}

export interface StatusEvent extends TriggerEvent {
  appointmentId: string;
}

/** A published automation whose trigger matches a status event, at the version the run will keep. */
export interface MatchedAutomation {
  automationId: string;
  version: number;
  /** absent in results recorded before the booked trigger existed: `appointment_status` */
  trigger?: AutomationTriggerType;
  actions: AutomationAction[];
}

export interface InAppNotificationInput {
  /** deduplicates: the same key never creates a second notification */
  key: string;
  userId: string;
  appointmentId: string | null;
  subject: string | null;
  body: string;
}

export interface AppointmentActivities {
  joinMeetingSlot(input: JoinMeetingSlotInput): Promise<void>;
  matchAutomations(event: StatusEvent): Promise<MatchedAutomation[]>;
  createInAppNotification(input: InAppNotificationInput): Promise<void>;
  archiveAppointment(view: AppointmentView): Promise<void>;
}
