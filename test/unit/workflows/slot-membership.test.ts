/** The appointment's side of the meeting-slot protocol, without a server. */
import type { AppointmentRecord } from '../../../src/domain/appointment';
import { CLOSE_GRACE_MS, edit, markDeleted } from '../../../src/workflows/appointment/appointment-state';
import {
  applySlotNotice,
  desiredSlot,
  reconcileSlot,
  slotAlreadyGone,
} from '../../../src/workflows/appointment/slot-membership';
import { BOOKED_AT, createdAppointment } from './appointment-fixture';
import { meetingSlotWorkflowId } from '../../../src/workflows/workflow-ids';

const NOW = BOOKED_AT;
const WF = 'appointment:a1';
// a 45-minute appointment without a title, its time given in New York's offset
const booked = (overrides: Partial<AppointmentRecord> = {}) =>
  createdAppointment({
    title: null,
    startTime: '2026-12-10T10:00:00-05:00',
    endTime: '2026-12-10T10:45:00-05:00',
    ...overrides,
  });
const SLOT = meetingSlotWorkflowId('u1', '2026-12-10T15:00:00Z');

describe('which slot', () => {
  test('a Zoom appointment with a host belongs in the slot of (host, start instant)', () => {
    expect(desiredSlot(booked(), NOW)).toBe(SLOT);
  });

  test('none for a static location, no host, a cancelled or deleted appointment, or past the close time', () => {
    expect(desiredSlot(booked({ location: { type: 'static', value: 'Room' } }), NOW)).toBeNull();
    expect(desiredSlot(booked({ assignedUserId: null }), NOW)).toBeNull();
    expect(desiredSlot(booked({ status: 'cancelled' }), NOW)).toBeNull();
    expect(desiredSlot(booked({ status: 'invalid' }), NOW)).toBeNull();
    const deleted = booked();
    markDeleted(deleted, NOW);
    expect(desiredSlot(deleted, NOW)).toBeNull();
    expect(desiredSlot(booked(), Date.parse('2026-12-10T15:45:00Z') + CLOSE_GRACE_MS)).toBeNull();
  });
});

describe('reconcile', () => {
  test('a new booking joins its slot with the calendar name as topic and its length, the meeting pending', () => {
    const state = booked();
    expect(reconcileSlot(state, NOW)).toEqual({
      kind: 'move',
      leave: null,
      join: {
        slotWorkflowId: SLOT,
        hostUserId: 'u1',
        startTime: '2026-12-10T15:00:00.000Z',
        member: { appointmentId: 'a1', topic: 'Consultations', durationMinutes: 45 },
      },
    });
    expect(state.meeting).toMatchObject({ slotWorkflowId: SLOT, status: 'pending', sentTopic: 'Consultations' });
    expect(state.runsNeedSnapshot).toBe(true);
    expect(reconcileSlot(state, NOW)).toEqual({ kind: 'none' });
  });

  test('a new title in the same slot is an update, sent once', () => {
    const state = booked();
    reconcileSlot(state, NOW);
    edit(state, { title: 'Contract review' }, NOW);
    expect(reconcileSlot(state, NOW)).toEqual({
      kind: 'update',
      slotWorkflowId: SLOT,
      member: { appointmentId: 'a1', topic: 'Contract review', durationMinutes: 45 },
    });
    expect(reconcileSlot(state, NOW)).toEqual({ kind: 'none' });
  });

  test('a reschedule leaves the old slot (counted as left at once) and joins the new one', () => {
    const state = booked();
    reconcileSlot(state, NOW);
    edit(state, { startTime: '2026-12-11T15:00:00Z', endTime: '2026-12-11T15:45:00Z' }, NOW);
    const change = reconcileSlot(state, NOW);
    expect(change).toMatchObject({
      kind: 'move',
      leave: SLOT,
      join: { slotWorkflowId: meetingSlotWorkflowId('u1', '2026-12-11T15:00:00Z') },
    });
    expect(state.leftSlots).toEqual([SLOT]);
  });

  test('a cancellation leaves the slot and joins none; a slot already gone is not waited for', () => {
    const state = booked();
    reconcileSlot(state, NOW);
    edit(state, { status: 'cancelled' }, NOW);
    expect(reconcileSlot(state, NOW)).toEqual({ kind: 'move', leave: SLOT, join: null });
    expect(state.meeting).toMatchObject({ slotWorkflowId: null, status: 'none' });
    slotAlreadyGone(state, SLOT);
    expect(state.leftSlots).toEqual([]);
  });
});

describe("the slot's notices", () => {
  const joined = () => {
    const state = booked();
    reconcileSlot(state, NOW);
    state.runsNeedSnapshot = false;
    return state;
  };
  const meeting = { id: 'm1', joinUrl: 'https://zoom.example/j/1' };

  test('assigned: the link is ready; created or reused says the timeline', () => {
    const state = joined();
    applySlotNotice(
      state,
      { kind: 'assigned', slotWorkflowId: SLOT, meeting, createdForThisAppointment: false },
      NOW,
      WF,
    );
    expect(state.meeting).toMatchObject({ status: 'ready', zoom: meeting });
    expect(state.timeline.at(-1)).toMatchObject({ type: 'zoom.link_reused', meetingId: 'm1' });
    expect(state.runsNeedSnapshot).toBe(true);
  });

  test('a notice from a slot we already left changes nothing', () => {
    const state = joined();
    applySlotNotice(
      state,
      { kind: 'assigned', slotWorkflowId: 'zoom-meeting:u1:other', meeting, createdForThisAppointment: true },
      NOW,
      WF,
    );
    expect(state.meeting.status).toBe('pending');
    expect(state.timeline).toHaveLength(1);
  });

  test('unavailable: the timeline says why, the host is to be told, and a retry keeps the meeting pending', () => {
    const state = joined();
    const notice = {
      kind: 'unavailable',
      slotWorkflowId: SLOT,
      reason: 'quota_exhausted',
      message: 'budget spent',
    } as const;
    applySlotNotice(state, { ...notice, retryAt: '2026-12-02T00:00:00.000Z' }, NOW, WF);
    expect(state.meeting.status).toBe('pending');
    expect(state.timeline.at(-1)).toMatchObject({ type: 'zoom.quota_exhausted', retryAt: '2026-12-02T00:00:00.000Z' });
    expect(state.pendingHostNotices[0]).toMatchObject({
      key: `${WF}:zoom.quota_exhausted:2`,
      subject: 'Zoom meeting delayed',
    });
    applySlotNotice(state, { ...notice, reason: 'not_connected' }, NOW, WF);
    expect(state.meeting.status).toBe('unavailable');
    expect(state.pendingHostNotices[1]).toMatchObject({
      subject: 'No Zoom meeting for an appointment',
      body: 'Appointment a1 (2026-12-10T15:00:00.000Z) has no Zoom meeting: budget spent',
    });
  });

  test('released: awaited answers end the wait; the last leaver sees the meeting deleted, others it kept', () => {
    const state = joined();
    edit(state, { status: 'cancelled' }, NOW);
    reconcileSlot(state, NOW);
    applySlotNotice(
      state,
      { kind: 'released', slotWorkflowId: SLOT, meetingDeleted: false, meetingId: 'm1', sharedWith: 2 },
      NOW,
      WF,
    );
    expect(state.leftSlots).toEqual([]);
    expect(state.timeline.at(-1)).toMatchObject({ type: 'zoom.meeting_kept', meetingId: 'm1', sharedWith: 2 });
    const alone = joined();
    edit(alone, { status: 'cancelled' }, NOW);
    reconcileSlot(alone, NOW);
    applySlotNotice(
      alone,
      { kind: 'released', slotWorkflowId: SLOT, meetingDeleted: true, meetingId: 'm1', sharedWith: 0 },
      NOW,
      WF,
    );
    expect(alone.timeline.at(-1)).toMatchObject({ type: 'zoom.meeting_deleted', meetingId: 'm1' });
  });

  test('released by a slot we are not waiting for changes nothing', () => {
    const state = joined();
    applySlotNotice(
      state,
      { kind: 'released', slotWorkflowId: SLOT, meetingDeleted: true, meetingId: 'm1', sharedWith: 0 },
      NOW,
      WF,
    );
    expect(state.timeline).toHaveLength(1);
  });
});
