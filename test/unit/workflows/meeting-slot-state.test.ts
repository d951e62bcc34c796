/** The meeting slot's rules, without a server: membership, what Zoom must do, who hears what. */
import type { ZoomCallRefused } from '../../../src/activities/zoom-activity-types';
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
  type MeetingSlotState,
} from '../../../src/workflows/meeting-slot/meeting-slot-state';

const START = '2026-12-10T15:00:00.000Z';
const START_MS = Date.parse(START);
const BEFORE = START_MS - 3_600_000;
const SLOT = 'zoom-meeting:u1:2026-12-10T15:00:00.000Z';

function slotWith(...members: [string, string, number][]): MeetingSlotState {
  const state = emptySlot();
  for (const [appointmentId, topic, durationMinutes] of members) join(state, { appointmentId, topic, durationMinutes });
  return state;
}
const withMeeting = (state: MeetingSlotState, topic: string, durationMinutes: number) => {
  state.meeting = { id: 'm1', joinUrl: 'https://zoom.example/j/1', topic, durationMinutes };
  return state;
};

describe('membership', () => {
  test('the first member names the meeting; the longest appointment sets its duration', () => {
    const state = slotWith(['a1', 'Consultation', 30], ['a2', 'Follow-up', 60]);
    expect(desiredTopic(state)).toBe('Consultation');
    expect(desiredDuration(state)).toBe(60);
  });

  test('a repeated join refreshes the member, and is not a second member', () => {
    const state = slotWith(['a1', 'Consultation', 30]);
    join(state, { appointmentId: 'a1', topic: 'Review', durationMinutes: 45 });
    expect(state.members).toEqual([{ appointmentId: 'a1', topic: 'Review', durationMinutes: 45, told: 'nothing' }]);
  });

  test('a new member clears an earlier failure (the host may have fixed it) and a pending leave of its own', () => {
    const state = slotWith(['a1', 'Consultation', 30]);
    leave(state, 'a1');
    state.unavailable = { reason: 'not_connected', message: 'no Zoom' };
    join(state, { appointmentId: 'a1', topic: 'Consultation', durationMinutes: 30 });
    expect(state.unavailable).toBeNull();
    expect(state.leavers).toEqual([]);
  });

  test('a leaver is remembered with how many still share the slot; a stranger leaving changes nothing', () => {
    const state = slotWith(['a1', 'C', 30], ['a2', 'C', 30]);
    leave(state, 'a1');
    leave(state, 'nobody');
    expect(state.leavers).toEqual([{ appointmentId: 'a1', sharedWith: 1 }]);
    leave(state, 'a2');
    expect(state.leavers).toEqual([
      { appointmentId: 'a1', sharedWith: 1 },
      { appointmentId: 'a2', sharedWith: 0 },
    ]);
  });

  test('an update of a member that is not in the slot is ignored', () => {
    const state = slotWith(['a1', 'C', 30]);
    updateMember(state, { appointmentId: 'a2', topic: 'X', durationMinutes: 90 });
    updateMember(state, { appointmentId: 'a1', topic: 'Y', durationMinutes: 40 });
    expect(state.members.map((m) => [m.appointmentId, m.topic, m.durationMinutes])).toEqual([['a1', 'Y', 40]]);
  });

  test('the view lists members and the meeting without what it shows', () => {
    const state = withMeeting(slotWith(['a1', 'C', 30]), 'C', 30);
    expect(slotView(state, 'u1', START)).toEqual({
      hostUserId: 'u1',
      startTime: START,
      memberIds: ['a1'],
      meeting: { id: 'm1', joinUrl: 'https://zoom.example/j/1' },
    });
  });
});

describe('what Zoom must do', () => {
  test('create for the first member, not again while unavailable', () => {
    const state = slotWith(['a1', 'C', 30]);
    expect(needsCreate(state)).toBe(true);
    state.unavailable = { reason: 'zoom_error', message: 'down' };
    expect(needsCreate(state)).toBe(false);
  });

  test('update when the topic or duration members want differs, until the meeting has ended', () => {
    const state = withMeeting(slotWith(['a1', 'C', 30], ['a2', 'D', 45]), 'C', 30);
    expect(meetingChanges(state.meeting!, desiredTopic(state), desiredDuration(state))).toEqual(['duration']);
    expect(needsUpdate(state, START, BEFORE)).toBe(true);
    expect(needsUpdate(state, START, START_MS + 30 * 60_000)).toBe(false);
    state.meeting!.durationMinutes = 45;
    expect(needsUpdate(state, START, BEFORE)).toBe(false);
  });

  test('delete when the last member left and a meeting exists', () => {
    const state = withMeeting(slotWith(['a1', 'C', 30]), 'C', 30);
    expect(needsDelete(state)).toBe(false);
    leave(state, 'a1');
    expect(needsDelete(state)).toBe(true);
    expect(hasWork(state, START, BEFORE)).toBe(true);
  });

  test('an empty slot with nobody left to tell is deserted and has no work', () => {
    const state = emptySlot();
    expect(deserted(state)).toBe(true);
    expect(hasWork(state, START, BEFORE)).toBe(false);
  });
});

describe('who hears what', () => {
  test('members hear of the meeting once; the one it was created for is told so', () => {
    const state = withMeeting(slotWith(['a1', 'C', 30], ['a2', 'C', 30]), 'C', 30);
    state.creatorId = 'a1';
    expect(needsTelling(state)).toBe(true);
    const notices = takeMemberNotices(state, SLOT);
    expect(notices).toEqual([
      {
        appointmentId: 'a1',
        notice: {
          kind: 'assigned',
          slotWorkflowId: SLOT,
          meeting: { id: 'm1', joinUrl: 'https://zoom.example/j/1' },
          createdForThisAppointment: true,
        },
      },
      expect.objectContaining({
        appointmentId: 'a2',
        notice: expect.objectContaining({ createdForThisAppointment: false }),
      }),
    ]);
    expect(needsTelling(state)).toBe(false);
    expect(takeMemberNotices(state, SLOT)).toEqual([]);
  });

  test('members hear once that there is no meeting', () => {
    const state = slotWith(['a1', 'C', 30]);
    state.unavailable = { reason: 'not_connected', message: 'Zoom is not connected' };
    expect(takeMemberNotices(state, SLOT)).toEqual([
      {
        appointmentId: 'a1',
        notice: {
          kind: 'unavailable',
          slotWorkflowId: SLOT,
          reason: 'not_connected',
          message: 'Zoom is not connected',
        },
      },
    ]);
    expect(needsTelling(state)).toBe(false);
  });

  test('only the last leaver hears that the meeting was deleted', () => {
    const state = slotWith(['a1', 'C', 30], ['a2', 'C', 30]);
    leave(state, 'a1');
    leave(state, 'a2');
    const notices = takeLeaverNotices(state, SLOT, true, 'm1');
    expect(notices.map((n) => n.notice)).toEqual([
      { kind: 'released', slotWorkflowId: SLOT, meetingDeleted: false, meetingId: 'm1', sharedWith: 1 },
      { kind: 'released', slotWorkflowId: SLOT, meetingDeleted: true, meetingId: 'm1', sharedWith: 0 },
    ]);
    expect(state.leavers).toEqual([]);
  });

  test('every member hears of an update', () => {
    const state = withMeeting(slotWith(['a1', 'C', 30], ['a2', 'C', 30]), 'C', 30);
    expect(updatedNotices(state, SLOT, ['topic']).map((n) => n.appointmentId)).toEqual(['a1', 'a2']);
    state.meeting = null;
    expect(updatedNotices(state, SLOT, ['topic'])).toEqual([]);
  });
});

describe("Zoom's refusals", () => {
  const refusal = (reason: ZoomCallRefused['reason'], resetAt?: string): ZoomCallRefused => ({
    ok: false,
    reason,
    message: 'refused',
    ...(resetAt ? { resetAt } : {}),
  });

  test('are told to members as one of three reasons', () => {
    expect(unavailableReason(refusal('not_connected'))).toBe('not_connected');
    expect(unavailableReason(refusal('quota_exhausted'))).toBe('quota_exhausted');
    expect(unavailableReason(refusal('meeting_missing'))).toBe('zoom_error');
    expect(unavailableReason(refusal('rejected'))).toBe('zoom_error');
  });

  test('over budget, the slot waits for the reset only when the meeting is still ahead after it', () => {
    const midnight = '2026-12-10T00:00:00.000Z';
    expect(budgetResetWorthWaiting(refusal('quota_exhausted', midnight), START)).toBe(Date.parse(midnight));
    expect(budgetResetWorthWaiting(refusal('quota_exhausted', '2026-12-11T00:00:00.000Z'), START)).toBeNull();
    expect(budgetResetWorthWaiting(refusal('quota_exhausted'), START)).toBeNull();
    expect(budgetResetWorthWaiting(refusal('rejected', midnight), START)).toBeNull();
  });
});
