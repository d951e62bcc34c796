/**
 * Meeting slot: one entity workflow per (host, start instant) that owns the host's Zoom meeting for
 * that time. Appointments join and leave it; it creates the meeting on first use, reuses it for
 * every further appointment in the slot, updates it when what Zoom shows changes, and deletes it
 * when the last appointment leaves. It completes when it has no members and no meeting.
 *
 * Every Zoom call goes through activities that respect the host's daily budget; over budget, the
 * slot waits for 00:00 UTC when the meeting is later than that, and otherwise reports the meeting
 * unavailable to its members. The rules are in meeting-slot-state.ts; this file carries them out.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ZoomCallRefused } from '../../activities/zoom-activity-types';
import { ZOOM_REFUSAL } from '../../domain/zoom-failure-types';
import { AppointmentStartKey, HostUserIdKey } from '../../temporal/search-attributes';
import {
  joinSlotSignal,
  leaveSlotSignal,
  meetingSlotViewQuery,
  slotNoticeSignal,
  updateSlotMemberSignal,
} from '../messages';
import { appointmentWorkflowId } from '../workflow-ids';
import {
  budgetResetWorthWaiting,
  desiredDuration,
  desiredTopic,
  deserted,
  emptySlot,
  hasWork,
  join,
  leave,
  meetingChanges,
  meetingEnded,
  needsCreate,
  needsDelete,
  needsTelling,
  needsUpdate,
  slotView,
  takeLeaverNotices,
  takeMemberNotices,
  unavailableReason,
  updatedNotices,
  updateMember,
  type AddressedNotice,
  type MeetingSlotState,
} from './meeting-slot-state';
import { zoom } from './zoom-calls';

export interface MeetingSlotInput {
  hostUserId: string;
  /** UTC ISO instant */
  startTime: string;
  /** carried over by continue-as-new */
  state?: MeetingSlotState;
}

interface Slot {
  hostUserId: string;
  startTime: string;
  slotWorkflowId: string;
  state: MeetingSlotState;
}

export async function meetingSlot(input: MeetingSlotInput): Promise<void> {
  const { hostUserId, startTime } = input;
  const state = input.state ?? emptySlot();
  const slot: Slot = { hostUserId, startTime, slotWorkflowId: workflowInfo().workflowId, state };

  // Slots are searchable by host and time (Temporal UI).
  upsertSearchAttributes([
    { key: HostUserIdKey, value: hostUserId },
    { key: AppointmentStartKey, value: new Date(Date.parse(startTime)) },
  ]);

  setHandler(joinSlotSignal, (request) => join(state, request));
  setHandler(updateSlotMemberSignal, (request) => updateMember(state, request));
  setHandler(leaveSlotSignal, ({ appointmentId }) => leave(state, appointmentId));
  setHandler(meetingSlotViewQuery, () => slotView(state, hostUserId, startTime));

  const working = () => hasWork(state, startTime, Date.now());
  for (;;) {
    // Checked before waiting: every signal brings us back here.
    if (workflowInfo().continueAsNewSuggested && !working() && state.members.length > 0) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof meetingSlot>({ hostUserId, startTime, state });
    }
    await condition(() => working() || deserted(state));

    if (needsDelete(state)) await deleteMeeting(slot);
    else if (needsCreate(state)) await createMeeting(slot);
    else if (needsUpdate(state, startTime, Date.now())) await updateMeeting(slot);
    else if (needsTelling(state)) await tellNews(slot);
    else {
      // Nothing to do and nobody here: done, unless a join arrives while handlers finish.
      await condition(allHandlersFinished);
      if (!working() && deserted(state)) return;
    }
  }
}

/** Leavers of a slot whose meeting survives (someone else still uses it), then members not yet told. */
async function tellNews({ state, slotWorkflowId }: Slot): Promise<void> {
  await tellAll(takeLeaverNotices(state, slotWorkflowId, false, state.meeting?.id ?? null));
  await tellAll(takeMemberNotices(state, slotWorkflowId));
}

async function createMeeting(slot: Slot): Promise<void> {
  const { state } = slot;
  state.creations += 1;
  state.creatorId = state.members[0]?.appointmentId ?? null;
  const topic = desiredTopic(state);
  const durationMinutes = desiredDuration(state);
  const result = await zoom.createZoomMeeting({
    hostUserId: slot.hostUserId,
    slotWorkflowId: slot.slotWorkflowId,
    topic,
    startTime: slot.startTime,
    durationMinutes,
    tag: `${slot.slotWorkflowId}#${state.creations}`,
  });
  if (result.ok) {
    // Members may have come or gone while Zoom worked: the meeting shows what was sent, so the loop
    // updates it if they changed what it should show, or deletes it if all of them left.
    state.meeting = { ...result.meeting, topic, durationMinutes };
    return;
  }
  if (await waitedForBudget(slot, result)) return; // try again after the reset
  state.unavailable = { reason: unavailableReason(result), message: result.message };
}

async function updateMeeting(slot: Slot): Promise<void> {
  const { state } = slot;
  const meeting = state.meeting;
  if (!meeting) return;
  const topic = desiredTopic(state);
  const durationMinutes = desiredDuration(state);
  const changes = meetingChanges(meeting, topic, durationMinutes);
  const result = await zoom.updateZoomMeeting({
    hostUserId: slot.hostUserId,
    meetingId: meeting.id,
    topic,
    durationMinutes,
  });
  if (!result.ok && result.reason === ZOOM_REFUSAL.meetingMissing) {
    // Someone deleted it in Zoom: make a new one for the members.
    state.meeting = null;
    for (const member of state.members) member.told = 'nothing';
    return;
  }
  if (!result.ok && (await waitedForBudget(slot, result))) return;
  // As for a create, the meeting now shows what was sent, whoever came or went meanwhile. A refused
  // update is not worth failing the slot over a topic or duration: keep the meeting as it is, and
  // do not ask again for the same.
  meeting.topic = topic;
  meeting.durationMinutes = durationMinutes;
  if (result.ok) await tellAll(updatedNotices(state, slot.slotWorkflowId, changes));
  else log.warn('Zoom update not possible; keeping the meeting as it is', { reason: result.reason });
}

async function deleteMeeting(slot: Slot): Promise<void> {
  const { state } = slot;
  const meeting = state.meeting;
  if (!meeting) return;
  if (meetingEnded(state, slot.startTime, Date.now())) {
    // The meeting took place: deleting it would spend budget for nothing and erase its record.
    state.meeting = null;
    await tellAll(takeLeaverNotices(state, slot.slotWorkflowId, false, meeting.id));
    return;
  }
  const result = await zoom.deleteZoomMeeting({ hostUserId: slot.hostUserId, meetingId: meeting.id });
  if (!result.ok && result.reason === ZOOM_REFUSAL.quotaExhausted && result.resetAt) {
    // A meeting nobody uses must still go: wait for the budget, unless someone joins meanwhile.
    await condition(() => state.members.length > 0, Math.max(1_000, Date.parse(result.resetAt) - Date.now()));
    return;
  }
  // Without a connection we cannot delete it; say so rather than retry forever.
  if (!result.ok) log.warn('could not delete the Zoom meeting', { reason: result.reason });
  state.meeting = null;
  await tellAll(takeLeaverNotices(state, slot.slotWorkflowId, result.ok, meeting.id));
}

/** Over budget with the meeting still ahead after the reset: tell the members, wait for 00:00 UTC. */
async function waitedForBudget(slot: Slot, refusal: ZoomCallRefused): Promise<boolean> {
  const resetAt = budgetResetWorthWaiting(refusal, slot.startTime);
  if (resetAt === null) return false;
  await tellAll(
    slot.state.members.map((member) => ({
      appointmentId: member.appointmentId,
      notice: {
        kind: 'unavailable',
        slotWorkflowId: slot.slotWorkflowId,
        reason: 'quota_exhausted',
        message: refusal.message,
        retryAt: refusal.resetAt,
      },
    })),
  );
  // Wakes at the reset, or earlier when everyone left (then there is nothing to create).
  await condition(() => slot.state.members.length === 0, Math.max(1_000, resetAt - Date.now()));
  return true;
}

/** Tells appointments what happened; one that has closed meanwhile no longer cares. */
async function tellAll(notices: AddressedNotice[]): Promise<void> {
  for (const { appointmentId, notice } of notices) {
    try {
      await getExternalWorkflowHandle(appointmentWorkflowId(appointmentId)).signal(slotNoticeSignal, notice);
    } catch (error) {
      log.info('appointment no longer listening', { appointmentId, error: String(error) });
    }
  }
}
