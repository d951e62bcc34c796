/** Activities of the appointment workflow: slot membership, trigger routing, host notices, archive. */
import type { Client } from '@temporalio/client';
import { automationFires } from '../domain/trigger-matching';
import type { AppointmentView } from '../domain/appointment';
import type { AppointmentArchiveRepository } from '../store/appointment-archive-repository';
import type { AutomationsRepository } from '../store/automations-repository';
import type { NotificationsRepository } from '../store/notifications-repository';
import { joinSlotSignal } from '../workflows/messages';
import type {
  AppointmentActivities,
  InAppNotificationInput,
  JoinMeetingSlotInput,
  MatchedAutomation,
  StatusEvent,
} from './appointment-activity-types';

export interface AppointmentActivityDependencies {
  client: Client;
  taskQueue: string;
  automations: AutomationsRepository;
  notifications: NotificationsRepository;
  archive: AppointmentArchiveRepository;
}

export function createAppointmentActivities(deps: AppointmentActivityDependencies): AppointmentActivities {
  return {
    /** Signal-with-start: the slot workflow is created by its first member. */
    async joinMeetingSlot(input: JoinMeetingSlotInput): Promise<void> {
      await deps.client.workflow.signalWithStart('meetingSlot', {
        workflowId: input.slotWorkflowId,
        taskQueue: deps.taskQueue,
        args: [{ hostUserId: input.hostUserId, startTime: input.startTime }],
        signal: joinSlotSignal,
        signalArgs: [input.member],
      });
    },

    async matchAutomations(event: StatusEvent): Promise<MatchedAutomation[]> {
      const published = await deps.automations.listPublished();
      return published
        .filter((automation) => automationFires(automation, event))
        .map((automation) => ({
          automationId: automation.id,
          version: automation.version,
          trigger: automation.trigger.type,
          actions: automation.actions,
        }));
    },

    async createInAppNotification(input: InAppNotificationInput): Promise<void> {
      await deps.notifications.create(input.key, input.userId, {
        subject: input.subject,
        body: input.body,
        appointmentId: input.appointmentId,
      });
    },

    async archiveAppointment(view: AppointmentView): Promise<void> {
      await deps.archive.save(view);
    },
  };
}
