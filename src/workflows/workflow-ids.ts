/**
 * Workflow IDs derived from business keys, so a duplicate is impossible and every entity is
 * addressable. Pure: used by the API, activities and workflows alike.
 */
import { utcInstant } from '../domain/appointment';

export const appointmentWorkflowId = (appointmentId: string) => `appointment:${appointmentId}`;

/** One Zoom meeting per (host, start instant): appointments in that slot share it. */
export const meetingSlotWorkflowId = (hostUserId: string, startTime: string) =>
  `zoom-meeting:${hostUserId}:${utcInstant(startTime)}`;

export const automationRunWorkflowId = (automationId: string, appointmentId: string, eventSeq: number) =>
  `automation-run:${automationId}:${appointmentId}:${eventSeq}`;
