/**
 * The meeting slot's state and its rules: who is in the slot, what the Zoom meeting shows, what
 * must change at Zoom, and which members must hear what. Pure: the workflow passes the clock
 * (`now`, workflow time) and carries out what these rules ask for; unit tests call them directly.
 */
import type { ZoomCallRefused } from '../../activities/zoom-activity-types';
import type { ZoomMeetingRef } from '../../domain/appointment';
import { ZOOM_REFUSAL } from '../../domain/zoom-failure-types';
import type { MeetingSlotView, MeetingUnavailableReason, SlotMemberRequest, SlotNotice } from '../messages';

export interface SlotMember {
  appointmentId: string;
  topic: string;
  durationMinutes: number;
  /** what this member was last told */
  told: 'nothing' | 'assigned' | 'unavailable';
}

/** The Zoom meeting, with what it shows as we last sent it. */
export interface SlotMeeting extends ZoomMeetingRef {
  topic: string;
  durationMinutes: number;
}

export interface MeetingSlotState {
  /** in join order: the first member's topic names the meeting */
  members: SlotMember[];
  meeting: SlotMeeting | null;
  /** set when creating failed; cleared when a new member joins (the host may have fixed it) */
  unavailable: { reason: MeetingUnavailableReason; message: string } | null;
  /** members that left and must hear what became of the meeting */
  leavers: { appointmentId: string; sharedWith: number }[];
  /** number of create attempts so far: part of the tag that lets a retry find a meeting it made */
  creations: number;
  /** the member whose join made us create the meeting (gets zoom.meeting_created, others link_reused) */
  creatorId: string | null;
}

/** A notice for one appointment. */
export interface AddressedNotice {
  appointmentId: string;
  notice: SlotNotice;
}

export function emptySlot(): MeetingSlotState {
  return { members: [], meeting: null, unavailable: null, leavers: [], creations: 0, creatorId: null };
}

// ── membership ──────────────────────────────────────────────────────────────────────────────────

/** A join; a repeated join only refreshes what the member wants shown. */
export function join(state: MeetingSlotState, request: SlotMemberRequest): void {
  const existing = state.members.find((member) => member.appointmentId === request.appointmentId);
  if (existing) {
    existing.topic = request.topic;
    existing.durationMinutes = request.durationMinutes;
    return;
  }
  state.leavers = state.leavers.filter((leaver) => leaver.appointmentId !== request.appointmentId);
  state.members.push({ ...request, told: 'nothing' });
  state.unavailable = null;
}

export function updateMember(state: MeetingSlotState, request: SlotMemberRequest): void {
  const member = state.members.find((m) => m.appointmentId === request.appointmentId);
  if (!member) return;
  member.topic = request.topic;
  member.durationMinutes = request.durationMinutes;
}

/** A leave; the leaver will hear whether the meeting went with it, or how many still share it. */
export function leave(state: MeetingSlotState, appointmentId: string): void {
  const before = state.members.length;
  state.members = state.members.filter((member) => member.appointmentId !== appointmentId);
  if (state.members.length < before) state.leavers.push({ appointmentId, sharedWith: state.members.length });
}

export function slotView(state: MeetingSlotState, hostUserId: string, startTime: string): MeetingSlotView {
  return {
    hostUserId,
    startTime,
    memberIds: state.members.map((m) => m.appointmentId),
    meeting: state.meeting ? meetingRef(state.meeting) : null,
  };
}

// ── what the meeting should show ────────────────────────────────────────────────────────────────

export function desiredTopic(state: MeetingSlotState): string {
  return state.members[0]?.topic ?? '';
}

/** A shared meeting lasts as long as the longest appointment in it. */
export function desiredDuration(state: MeetingSlotState): number {
  return Math.max(...state.members.map((m) => m.durationMinutes));
}

export function meetingEnded(state: MeetingSlotState, startTime: string, now: number): boolean {
  return now >= Date.parse(startTime) + (state.meeting?.durationMinutes ?? 0) * 60_000;
}

/** What differs between the meeting and what its members want: 'topic', 'duration'. */
export function meetingChanges(meeting: SlotMeeting, topic: string, durationMinutes: number): string[] {
  const changes: string[] = [];
  if (meeting.topic !== topic) changes.push('topic');
  if (meeting.durationMinutes !== durationMinutes) changes.push('duration');
  return changes;
}

// ── what the slot must do next ──────────────────────────────────────────────────────────────────

export function needsCreate(state: MeetingSlotState): boolean {
  return state.members.length > 0 && !state.meeting && !state.unavailable;
}

export function needsUpdate(state: MeetingSlotState, startTime: string, now: number): boolean {
  return (
    state.members.length > 0 &&
    state.meeting !== null &&
    !meetingEnded(state, startTime, now) &&
    meetingChanges(state.meeting, desiredTopic(state), desiredDuration(state)).length > 0
  );
}

export function needsDelete(state: MeetingSlotState): boolean {
  return state.members.length === 0 && state.meeting !== null;
}

export function needsTelling(state: MeetingSlotState): boolean {
  return (
    state.leavers.length > 0 ||
    state.members.some(
      (m) => (state.meeting && m.told !== 'assigned') || (state.unavailable && m.told !== 'unavailable'),
    )
  );
}

export function hasWork(state: MeetingSlotState, startTime: string, now: number): boolean {
  return needsCreate(state) || needsUpdate(state, startTime, now) || needsDelete(state) || needsTelling(state);
}

/** Nobody in the slot and nobody left to tell: the slot may complete. */
export function deserted(state: MeetingSlotState): boolean {
  return state.members.length === 0 && state.leavers.length === 0;
}

// ── what members hear ───────────────────────────────────────────────────────────────────────────

/** Members not yet told of the meeting (or of its absence): the notices, marked as told. */
export function takeMemberNotices(state: MeetingSlotState, slotWorkflowId: string): AddressedNotice[] {
  const notices: AddressedNotice[] = [];
  for (const member of state.members) {
    if (state.meeting && member.told !== 'assigned') {
      member.told = 'assigned';
      notices.push({
        appointmentId: member.appointmentId,
        notice: {
          kind: 'assigned',
          slotWorkflowId,
          meeting: meetingRef(state.meeting),
          createdForThisAppointment: member.appointmentId === state.creatorId,
        },
      });
    } else if (state.unavailable && member.told !== 'unavailable') {
      member.told = 'unavailable';
      notices.push({
        appointmentId: member.appointmentId,
        notice: { kind: 'unavailable', slotWorkflowId, ...state.unavailable },
      });
    }
  }
  return notices;
}

/** Leavers hear what became of the meeting: deleted (when they were the last) or kept. */
export function takeLeaverNotices(
  state: MeetingSlotState,
  slotWorkflowId: string,
  meetingDeleted: boolean,
  meetingId: string | null,
): AddressedNotice[] {
  const leavers = state.leavers;
  state.leavers = [];
  return leavers.map((leaver) => ({
    appointmentId: leaver.appointmentId,
    notice: {
      kind: 'released',
      slotWorkflowId,
      meetingDeleted: meetingDeleted && leaver.sharedWith === 0,
      meetingId,
      sharedWith: leaver.sharedWith,
    },
  }));
}

/** Every member hears that the meeting changed. */
export function updatedNotices(state: MeetingSlotState, slotWorkflowId: string, changes: string[]): AddressedNotice[] {
  const meeting = state.meeting;
  if (!meeting) return [];
  return state.members.map((member) => ({
    appointmentId: member.appointmentId,
    notice: { kind: 'updated', slotWorkflowId, meeting: meetingRef(meeting), changes },
  }));
}

// ── Zoom's answers ──────────────────────────────────────────────────────────────────────────────

export function meetingRef(meeting: SlotMeeting): ZoomMeetingRef {
  return { id: meeting.id, joinUrl: meeting.joinUrl };
}

/** What members are told when Zoom refused to create the meeting. */
export function unavailableReason(refusal: ZoomCallRefused): MeetingUnavailableReason {
  switch (refusal.reason) {
    case ZOOM_REFUSAL.notConnected:
      return 'not_connected';
    case ZOOM_REFUSAL.quotaExhausted:
      return 'quota_exhausted';
    case ZOOM_REFUSAL.meetingMissing:
    case ZOOM_REFUSAL.rejected:
      return 'zoom_error';
    default: {
      const unexpected: never = refusal.reason;
      throw new Error(`unexpected refusal ${String(unexpected)}`);
    }
  }
}

/**
 * Over budget, a meeting that is still ahead after the budget resets waits for the reset: answers
 * when, or null when waiting is no use (another refusal, or the meeting starts before the reset).
 */
export function budgetResetWorthWaiting(refusal: ZoomCallRefused, startTime: string): number | null {
  if (refusal.reason !== ZOOM_REFUSAL.quotaExhausted || !refusal.resetAt) return null;
  const resetAt = Date.parse(refusal.resetAt);
  return resetAt >= Date.parse(startTime) ? null : resetAt;
}
