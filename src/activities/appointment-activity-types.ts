/** Activities the appointment workflow calls (types only: workflows import this file). */
import type { AppointmentStatus, AppointmentView, EventType } from '../domain/appointment';
import type { AutomationAction } from '../domain/automation';
import type { SlotMemberRequest } from '../workflows/messages';

export interface JoinMeetingSlotInput {
  slotWorkflowId: string;
  hostUserId: string;
  /** UTC ISO */
  startTime: string;
  member: SlotMemberRequest;
}

export interface StatusEvent {
  appointmentId: string;
  calendarId: string;
  assignedUserId: string | null;
  eventType: EventType;
  status: AppointmentStatus;
}

/** A published automation whose trigger matches a status event, at the version the run will keep. */
export interface MatchedAutomation {
  automationId: string;
  version: number;
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
