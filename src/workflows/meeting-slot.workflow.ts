/**
 * Meeting slot: one entity workflow per (host, start instant) that owns the host's Zoom meeting for
 * that time. Appointments join and leave it; it creates the meeting on first use, reuses it for
 * every further appointment in the slot, updates it when what Zoom shows changes, and deletes it
 * when the last appointment leaves. It completes when it has no members and no meeting.
 *
 * Every Zoom call goes through activities that respect the host's daily budget; over budget, the
 * slot waits for 00:00 UTC when the meeting is later than that, and otherwise reports the meeting
 * unavailable to its members.
 */
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  upsertSearchAttributes,
  setHandler,
  workflowInfo,
  log,
} from '@temporalio/workflow';
import type { ZoomActivities, ZoomCallRefused } from '../activities/zoom-activity-types';
import type { ZoomMeetingRef } from '../domain/appointment';
import {
  joinSlotSignal,
  leaveSlotSignal,
  meetingSlotViewQuery,
  slotNoticeSignal,
  updateSlotMemberSignal,
  type MeetingUnavailableReason,
  type SlotMemberRequest,
  type SlotNotice,
} from './messages';
import { appointmentWorkflowId } from './workflow-ids';
import { AppointmentStartKey, HostUserIdKey } from '../temporal/search-attributes';

export interface MeetingSlotInput {
  hostUserId: string;
  /** UTC ISO instant */
  startTime: string;
  /** carried over by continue-as-new */
  state?: MeetingSlotState;
}

interface Member {
  appointmentId: string;
  topic: string;
  durationMinutes: number;
  /** what this member was last told */
  told: 'nothing' | 'assigned' | 'unavailable';
}

interface Meeting extends ZoomMeetingRef {
  topic: string;
  durationMinutes: number;
}

export interface MeetingSlotState {
  /** in join order: the first member's topic names the meeting */
  members: Member[];
  meeting: Meeting | null;
  /** set when creating failed; cleared when a new member joins (the host may have fixed it) */
  unavailable: { reason: MeetingUnavailableReason; message: string } | null;
  /** members that left and must hear what became of the meeting */
  leavers: { appointmentId: string; sharedWith: number }[];
  /** number of create attempts so far: part of the tag that lets a retry find a meeting it made */
  creations: number;
  /** the member whose join made us create the meeting (gets zoom.meeting_created, others link_reused) */
  creatorId: string | null;
}

/** Attempts of one Zoom call before the slot gives up on it (about ten minutes of Zoom failing). */
const ZOOM_ATTEMPTS = 14;

const zoomActivities = proxyActivities<ZoomActivities>({
  startToCloseTimeout: '1 minute',
  // the activities heartbeat: a worker that died mid-call is noticed in seconds
  heartbeatTimeout: '30 seconds',
  // a booking waits for its link: retries stay at most a minute apart
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: ZOOM_ATTEMPTS },
});

/**
 * The Zoom activities, with a call whose retries all failed (Zoom down for long) answered as a
 * refusal like any other, so the slot tells its members instead of failing.
 */
const zoom: ZoomActivities = {
  createZoomMeeting: (input) => refusedWhenExhausted(() => zoomActivities.createZoomMeeting(input)),
  updateZoomMeeting: (input) => refusedWhenExhausted(() => zoomActivities.updateZoomMeeting(input)),
  deleteZoomMeeting: (input) => refusedWhenExhausted(() => zoomActivities.deleteZoomMeeting(input)),
};

async function refusedWhenExhausted<T>(call: () => Promise<T>): Promise<T | ZoomCallRefused> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    const cause = error.cause?.message ?? error.message;
    return {
      ok: false,
      reason: 'rejected',
      message: `Zoom did not complete the request after ${ZOOM_ATTEMPTS} attempts: ${cause}`,
    };
  }
}

export async function meetingSlot(input: MeetingSlotInput): Promise<void> {
  const { hostUserId, startTime } = input;
  const state: MeetingSlotState = input.state ?? {
    members: [],
    meeting: null,
    unavailable: null,
    leavers: [],
    creations: 0,
    creatorId: null,
  };

  // Slots became searchable by host and time (Temporal UI). Slots started before this change have
  // no such command in their history: patched() keeps them replaying.
  if (patched('slot-search-attributes')) {
    upsertSearchAttributes([
      { key: HostUserIdKey, value: hostUserId },
      { key: AppointmentStartKey, value: new Date(Date.parse(startTime)) },
    ]);
  }

  setHandler(joinSlotSignal, (request: SlotMemberRequest) => {
    const existing = state.members.find((member) => member.appointmentId === request.appointmentId);
    if (existing) {
      existing.topic = request.topic;
      existing.durationMinutes = request.durationMinutes;
      return;
    }
    state.leavers = state.leavers.filter((leaver) => leaver.appointmentId !== request.appointmentId);
    state.members.push({ ...request, told: 'nothing' });
    state.unavailable = null;
  });
  setHandler(updateSlotMemberSignal, (request: SlotMemberRequest) => {
    const member = state.members.find((m) => m.appointmentId === request.appointmentId);
    if (!member) return;
    member.topic = request.topic;
    member.durationMinutes = request.durationMinutes;
  });
  setHandler(leaveSlotSignal, ({ appointmentId }) => {
    const before = state.members.length;
    state.members = state.members.filter((member) => member.appointmentId !== appointmentId);
    if (state.members.length < before) state.leavers.push({ appointmentId, sharedWith: state.members.length });
  });
  setHandler(meetingSlotViewQuery, () => ({
    hostUserId,
    startTime,
    memberIds: state.members.map((m) => m.appointmentId),
    meeting: state.meeting ? { id: state.meeting.id, joinUrl: state.meeting.joinUrl } : null,
  }));

  const desiredTopic = () => state.members[0]?.topic ?? '';
  // A shared meeting lasts as long as the longest appointment in it.
  const desiredDuration = () => Math.max(...state.members.map((m) => m.durationMinutes));
  const meetingEnded = () => Date.now() >= Date.parse(startTime) + (state.meeting?.durationMinutes ?? 0) * 60_000;

  const needsCreate = () => state.members.length > 0 && !state.meeting && !state.unavailable;
  const needsUpdate = () =>
    state.members.length > 0 &&
    state.meeting !== null &&
    !meetingEnded() &&
    (state.meeting.topic !== desiredTopic() || state.meeting.durationMinutes !== desiredDuration());
  const needsDelete = () => state.members.length === 0 && state.meeting !== null;
  const needsTelling = () =>
    state.leavers.length > 0 ||
    state.members.some(
      (m) => (state.meeting && m.told !== 'assigned') || (state.unavailable && m.told !== 'unavailable'),
    );
  const hasWork = () => needsCreate() || needsUpdate() || needsDelete() || needsTelling();

  for (;;) {
    // Checked before waiting: every signal brings us back here.
    if (workflowInfo().continueAsNewSuggested && !hasWork() && state.members.length > 0) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof meetingSlot>({ hostUserId, startTime, state });
    }
    await condition(() => hasWork() || (state.members.length === 0 && state.leavers.length === 0));

    if (needsDelete()) {
      await deleteMeeting();
      continue;
    }
    if (needsCreate()) {
      await createMeeting();
      continue;
    }
    if (needsUpdate()) {
      await updateMeeting();
      continue;
    }
    if (needsTelling()) {
      await tellMembers();
      continue;
    }
    // Nothing to do and nobody here: done, unless a join arrives while handlers finish.
    await condition(allHandlersFinished);
    if (!hasWork() && state.members.length === 0 && state.leavers.length === 0) return;
  }

  async function createMeeting(): Promise<void> {
    state.creations += 1;
    state.creatorId = state.members[0]?.appointmentId ?? null;
    const tag = `${workflowInfo().workflowId}#${state.creations}`;
    const topic = desiredTopic();
    const durationMinutes = desiredDuration();
    const result = await zoom.createZoomMeeting({
      hostUserId,
      slotWorkflowId: workflowInfo().workflowId,
      topic,
      startTime,
      durationMinutes,
      tag,
    });
    if (result.ok) {
      // Members may have come or gone while Zoom worked: the meeting is what was sent, so the loop
      // updates it if they changed what it should show, or deletes it if all of them left. (Before
      // this patch it took the members' wishes as Zoom's state: a meeting whose last member left
      // during the create was kept as if it had ended, an orphan.)
      state.meeting = patched('slot-meeting-as-created')
        ? { ...result.meeting, topic, durationMinutes }
        : { ...result.meeting, topic: desiredTopic(), durationMinutes: desiredDuration() };
      return;
    }
    if (await waitedForBudget(result)) return; // try again after the reset
    state.unavailable = { reason: unavailableReason(result), message: result.message };
  }

  async function updateMeeting(): Promise<void> {
    const meeting = state.meeting as Meeting;
    const topic = desiredTopic();
    const durationMinutes = desiredDuration();
    const changes: string[] = [];
    if (meeting.topic !== topic) changes.push('topic');
    if (meeting.durationMinutes !== durationMinutes) changes.push('duration');
    const result = await zoom.updateZoomMeeting({ hostUserId, meetingId: meeting.id, topic, durationMinutes });
    // As for a create: the meeting now shows what was sent, whoever came or went meanwhile (before
    // this patch, a last member leaving during the update left a meeting kept as if it had ended).
    const sentOnly = patched('slot-meeting-as-updated');
    const settle = () => {
      meeting.topic = sentOnly ? topic : desiredTopic();
      meeting.durationMinutes = sentOnly ? durationMinutes : desiredDuration();
    };
    if (result.ok) {
      settle();
      for (const member of state.members) {
        await notify(member.appointmentId, {
          kind: 'updated',
          slotWorkflowId: workflowInfo().workflowId,
          meeting: ref(meeting),
          changes,
        });
      }
      return;
    }
    if (result.reason === 'meeting_missing') {
      // Someone deleted it in Zoom: make a new one for the members.
      state.meeting = null;
      for (const member of state.members) member.told = 'nothing';
      return;
    }
    if (await waitedForBudget(result)) return;
    // Not worth failing the slot over a topic or duration: keep the meeting as it is, and do not ask
    // again for the same.
    log.warn('Zoom update not possible; keeping the meeting as it is', { reason: result.reason });
    settle();
  }

  async function deleteMeeting(): Promise<void> {
    const meeting = state.meeting as Meeting;
    if (meetingEnded()) {
      // The meeting took place: deleting it would spend budget for nothing and erase its record.
      state.meeting = null;
      await tellLeavers(false, meeting.id);
      return;
    }
    const result = await zoom.deleteZoomMeeting({ hostUserId, meetingId: meeting.id });
    if (result.ok) {
      state.meeting = null;
      await tellLeavers(true, meeting.id);
      return;
    }
    if (result.reason === 'quota_exhausted' && result.resetAt) {
      // A meeting nobody uses must still go: wait for the budget, unless someone joins meanwhile.
      await condition(() => state.members.length > 0, Math.max(1_000, Date.parse(result.resetAt) - Date.now()));
      return;
    }
    // Without a connection we cannot delete it; say so rather than retry forever.
    state.meeting = null;
    await tellLeavers(false, meeting.id);
    log.warn('could not delete the Zoom meeting', { reason: result.reason });
  }

  /** Over budget with the meeting still ahead after the reset: wait for 00:00 UTC. */
  async function waitedForBudget(refusal: ZoomCallRefused): Promise<boolean> {
    if (refusal.reason !== 'quota_exhausted' || !refusal.resetAt) return false;
    const resetAt = Date.parse(refusal.resetAt);
    if (resetAt >= Date.parse(startTime)) return false;
    for (const member of state.members) {
      await notify(member.appointmentId, {
        kind: 'unavailable',
        slotWorkflowId: workflowInfo().workflowId,
        reason: 'quota_exhausted',
        message: refusal.message,
        retryAt: refusal.resetAt,
      });
    }
    // Wakes at the reset, or earlier when everyone left (then there is nothing to create).
    await condition(() => state.members.length === 0, Math.max(1_000, resetAt - Date.now()));
    return true;
  }

  async function tellMembers(): Promise<void> {
    if (state.leavers.length > 0) {
      // Leavers of a slot whose meeting survives (someone else still uses it).
      await tellLeavers(false, state.meeting?.id ?? null);
    }
    for (const member of state.members) {
      if (state.meeting && member.told !== 'assigned') {
        member.told = 'assigned';
        await notify(member.appointmentId, {
          kind: 'assigned',
          slotWorkflowId: workflowInfo().workflowId,
          meeting: ref(state.meeting),
          createdForThisAppointment: member.appointmentId === state.creatorId,
        });
      } else if (state.unavailable && member.told !== 'unavailable') {
        member.told = 'unavailable';
        await notify(member.appointmentId, {
          kind: 'unavailable',
          slotWorkflowId: workflowInfo().workflowId,
          reason: state.unavailable.reason,
          message: state.unavailable.message,
        });
      }
    }
  }

  async function tellLeavers(meetingDeleted: boolean, meetingId: string | null): Promise<void> {
    const leavers = state.leavers;
    state.leavers = [];
    for (const leaver of leavers) {
      await notify(leaver.appointmentId, {
        kind: 'released',
        slotWorkflowId: workflowInfo().workflowId,
        meetingDeleted: meetingDeleted && leaver.sharedWith === 0,
        meetingId,
        sharedWith: leaver.sharedWith,
      });
    }
  }
}

function ref(meeting: Meeting): ZoomMeetingRef {
  return { id: meeting.id, joinUrl: meeting.joinUrl };
}

function unavailableReason(refusal: ZoomCallRefused): MeetingUnavailableReason {
  switch (refusal.reason) {
    case 'not_connected':
      return 'not_connected';
    case 'quota_exhausted':
      return 'quota_exhausted';
    case 'meeting_missing':
    case 'rejected':
      return 'zoom_error';
    default: {
      const unexpected: never = refusal.reason;
      throw ApplicationFailure.nonRetryable(`unexpected refusal ${String(unexpected)}`);
    }
  }
}

/** Tells an appointment what happened; an appointment that has closed meanwhile no longer cares. */
async function notify(appointmentId: string, notice: SlotNotice): Promise<void> {
  try {
    await getExternalWorkflowHandle(appointmentWorkflowId(appointmentId)).signal(slotNoticeSignal, notice);
  } catch (error) {
    log.info('appointment no longer listening', { appointmentId, error: String(error) });
  }
}
