/**
 * The appointment's side of the meeting-slot protocol, as pure rules: which slot it should be in,
 * what to tell the slot after a change, and what the slot's notices change here.
 *
 * The protocol: an appointment with a Zoom location and a host joins the slot of (host, start);
 * a reschedule, a host change, a cancellation or a deletion leaves it (and joins another); the slot
 * answers a join with `assigned` (or `unavailable`), a change with `updated`, a leave with
 * `released` (meeting deleted, or kept for the others). A slot counts as left from the moment the
 * leave is signalled: its answer may arrive in the same workflow task as the signal's completion.
 */
import type { JoinMeetingSlotInput } from '../../activities/appointment-activity-types';
import { durationMinutes, isActiveStatus, utcInstant, type AppointmentRecord } from '../../domain/appointment';
import type { SlotMemberRequest, SlotNotice } from '../messages';
import { meetingSlotWorkflowId } from '../workflow-ids';
import { addTimeline, closeAt, NO_MEETING, recordOf, type AppointmentState } from './appointment-state';

/** The slot the appointment belongs in now, or null (none wanted, or past its close time). */
export function desiredSlot(state: AppointmentState, now: number): string | null {
  const record = recordOf(state);
  if (state.deleted || !isActiveStatus(record.status) || record.location.type !== 'zoom' || !record.assignedUserId) {
    return null;
  }
  if (now >= closeAt(state, now)) return null;
  return meetingSlotWorkflowId(record.assignedUserId, record.startTime);
}

/** What the slot is told after a change of the appointment. */
export type SlotChange =
  | { kind: 'none' }
  /** same slot, other topic or duration */
  | { kind: 'update'; slotWorkflowId: string; member: SlotMemberRequest }
  /** another slot, or none: leave the old one (if any), join the new one (if any) */
  | { kind: 'move'; leave: string | null; join: JoinMeetingSlotInput | null };

/**
 * Compares the record with the slot membership and records the change as made (the slot it left
 * among those whose answer we await; the new slot's meeting pending): the caller then signals it.
 */
export function reconcileSlot(state: AppointmentState, now: number): SlotChange {
  const record = recordOf(state);
  const desired = desiredSlot(state, now);
  const member = memberRequest(record);
  const current = state.meeting.slotWorkflowId;

  if (desired === current) {
    if (
      !desired ||
      (member.topic === state.meeting.sentTopic && member.durationMinutes === state.meeting.sentDuration)
    ) {
      return { kind: 'none' };
    }
    state.meeting.sentTopic = member.topic;
    state.meeting.sentDuration = member.durationMinutes;
    return { kind: 'update', slotWorkflowId: desired, member };
  }
  if (current) state.leftSlots.push(current);
  state.runsNeedSnapshot = true;
  if (!desired || !record.assignedUserId) {
    state.meeting = { ...NO_MEETING };
    return { kind: 'move', leave: current, join: null };
  }
  state.meeting = {
    slotWorkflowId: desired,
    status: 'pending',
    zoom: null,
    sentTopic: member.topic,
    sentDuration: member.durationMinutes,
  };
  const join = {
    slotWorkflowId: desired,
    hostUserId: record.assignedUserId,
    startTime: utcInstant(record.startTime),
    member,
  };
  return { kind: 'move', leave: current, join };
}

/** The leave signal failed: the slot is gone and will send no answer to wait for. */
export function slotAlreadyGone(state: AppointmentState, slotWorkflowId: string): void {
  state.leftSlots = state.leftSlots.filter((slot) => slot !== slotWorkflowId);
}

function memberRequest(record: AppointmentRecord): SlotMemberRequest {
  return {
    appointmentId: record.id,
    topic: record.title ?? record.calendarName,
    durationMinutes: durationMinutes(record.startTime, record.endTime),
  };
}

/** A notice of a slot: the meeting's state, the timeline, and a host notification when there is no meeting. */
export function applySlotNotice(state: AppointmentState, notice: SlotNotice, now: number, workflowId: string): void {
  if (notice.kind === 'released') {
    if (!state.leftSlots.includes(notice.slotWorkflowId)) return;
    state.leftSlots = state.leftSlots.filter((slot) => slot !== notice.slotWorkflowId);
    if (notice.meetingDeleted) addTimeline(state, now, 'zoom.meeting_deleted', { meetingId: notice.meetingId });
    else if (notice.meetingId && notice.sharedWith > 0) {
      addTimeline(state, now, 'zoom.meeting_kept', { meetingId: notice.meetingId, sharedWith: notice.sharedWith });
    }
    return;
  }
  if (notice.slotWorkflowId !== state.meeting.slotWorkflowId) return; // from a slot we already left
  switch (notice.kind) {
    case 'assigned':
      state.meeting.status = 'ready';
      state.meeting.zoom = notice.meeting;
      addTimeline(state, now, notice.createdForThisAppointment ? 'zoom.meeting_created' : 'zoom.link_reused', {
        meetingId: notice.meeting.id,
        joinUrl: notice.meeting.joinUrl,
      });
      break;
    case 'updated':
      state.meeting.zoom = notice.meeting;
      addTimeline(state, now, 'zoom.meeting_updated', { meetingId: notice.meeting.id, changes: notice.changes });
      break;
    case 'unavailable':
      meetingUnavailable(state, notice, now, workflowId);
      break;
    default: {
      const unexpected: never = notice;
      throw new Error(`unknown slot notice ${JSON.stringify(unexpected)}`);
    }
  }
  state.runsNeedSnapshot = true;
}

function meetingUnavailable(
  state: AppointmentState,
  notice: Extract<SlotNotice, { kind: 'unavailable' }>,
  now: number,
  workflowId: string,
): void {
  const type = UNAVAILABLE_TIMELINE_TYPE[notice.reason];
  addTimeline(state, now, type, { reason: notice.message, ...(notice.retryAt ? { retryAt: notice.retryAt } : {}) });
  if (!notice.retryAt) state.meeting.status = 'unavailable';
  state.pendingHostNotices.push({
    key: `${workflowId}:${type}:${state.timeline.length}`,
    subject: notice.retryAt ? 'Zoom meeting delayed' : 'No Zoom meeting for an appointment',
    body: hostNoticeBody(recordOf(state), notice),
  });
}

const UNAVAILABLE_TIMELINE_TYPE = {
  not_connected: 'zoom.not_connected',
  quota_exhausted: 'zoom.quota_exhausted',
  zoom_error: 'zoom.failed',
} as const;

function hostNoticeBody(record: AppointmentRecord, notice: Extract<SlotNotice, { kind: 'unavailable' }>): string {
  const when = new Date(Date.parse(record.startTime)).toISOString();
  if (notice.retryAt) {
    return `The Zoom meeting for appointment ${record.id} (${when}) will be created after ${notice.retryAt}: ${notice.message}`;
  }
  return `Appointment ${record.id} (${when}) has no Zoom meeting: ${notice.message}`;
}
