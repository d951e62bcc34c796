/** The appointment's rules, without a server: create, edit, delete, the timeline, closing, the view. */
import {
  CLOSE_GRACE_MS,
  closeAt,
  create,
  edit,
  editRefusal,
  hasWork,
  markDeleted,
  newAppointmentState,
  readyToClose,
  timeToLeave,
  type AppointmentState,
} from '../../../src/workflows/appointment/appointment-state';
import { appointmentRecord, BOOKED_AT, createdAppointment } from './appointment-fixture';
import { snapshotOf, viewOf } from '../../../src/workflows/appointment/appointment-view';

const NOW = BOOKED_AT;
const record = appointmentRecord;
const created = createdAppointment;
const types = (state: AppointmentState) => state.timeline.map((entry) => entry.type);

describe('create', () => {
  test('records the appointment, its first status event and meeting work', () => {
    const state = newAppointmentState();
    expect(create(state, record(), NOW)).toBe('created');
    expect(state.timeline).toEqual([
      {
        at: '2026-12-01T09:00:00.000Z',
        type: 'created',
        status: 'confirmed',
        startTime: '2026-12-10T15:00:00Z',
        endTime: '2026-12-10T15:30:00Z',
        source: 'api',
      },
    ]);
    expect(state.pendingStatusEvents).toEqual([{ seq: 1, status: 'confirmed', source: 'api', booked: true }]);
    expect(state.meetingDirty).toBe(true);
  });

  test('the same creation again is a repeat, even with the times in another offset; other data a conflict', () => {
    const state = created();
    const sameInstant = record({ startTime: '2026-12-10T10:00:00-05:00', endTime: '2026-12-10T10:30:00-05:00' });
    expect(create(state, sameInstant, NOW)).toBe('repeated');
    expect(create(state, record({ title: 'Other' }), NOW)).toBe('conflict');
    expect(state.record?.title).toBe('Consultation');
    expect(state.pendingStatusEvents).toHaveLength(1);
  });
});

describe('edit', () => {
  test('a reschedule is recorded with both times and makes meeting and runs work', () => {
    const state = created();
    state.meetingDirty = false;
    expect(edit(state, { startTime: '2026-12-11T15:00:00Z', endTime: '2026-12-11T15:30:00Z' }, NOW)).toBe(true);
    expect(state.timeline.at(-1)).toMatchObject({
      type: 'rescheduled',
      from: { startTime: '2026-12-10T15:00:00Z', endTime: '2026-12-10T15:30:00Z' },
      to: { startTime: '2026-12-11T15:00:00Z', endTime: '2026-12-11T15:30:00Z' },
    });
    expect(state.meetingDirty && state.runsNeedSnapshot).toBe(true);
  });

  test('a cancellation records the status change, the cancellation and a new status event', () => {
    const state = created();
    edit(state, { status: 'cancelled' }, NOW);
    expect(types(state)).toEqual(['created', 'status_changed', 'cancelled']);
    expect(state.pendingStatusEvents).toEqual([
      { seq: 1, status: 'confirmed', source: 'api', booked: true },
      { seq: 2, status: 'cancelled', source: 'api' },
    ]);
  });

  test('edited fields are named; a repeat of the same values changes nothing', () => {
    const state = created();
    edit(state, { title: 'Review', notes: 'bring the draft' }, NOW);
    expect(state.timeline.at(-1)).toMatchObject({ type: 'edited', fields: ['title', 'notes'] });
    const before = JSON.stringify(state);
    expect(edit(state, { title: 'Review', startTime: '2026-12-10T10:00:00-05:00' }, NOW)).toBe(false);
    expect(JSON.stringify(state)).toBe(before);
  });

  test('is refused before creation, after deletion, with reversed times or over a day long', () => {
    expect(editRefusal(newAppointmentState(), {}, NOW)).toMatchObject({ type: 'appointment_not_found' });
    const state = created();
    expect(editRefusal(state, { endTime: '2026-12-10T14:00:00Z' }, NOW)).toMatchObject({ type: 'invalid_times' });
    expect(editRefusal(state, { endTime: '2026-12-11T15:01:00Z' }, NOW)).toMatchObject({ type: 'too_long' });
    expect(editRefusal(state, { endTime: '2026-12-11T15:00:00Z' }, NOW)).toBeNull();
    markDeleted(state, NOW);
    expect(editRefusal(state, {}, NOW)).toMatchObject({ type: 'appointment_deleted' });
  });

  test('the contact may change it until it starts and while it is not cancelled; the API and the console may', () => {
    const START = Date.parse('2026-12-10T15:00:00Z');
    const state = created();
    const byContact = { status: 'confirmed' as const, source: 'contact' as const };
    expect(editRefusal(state, byContact, START - 1)).toBeNull();
    expect(editRefusal(state, byContact, START)).toEqual({
      type: 'contact_change_refused',
      message: 'the appointment has already started',
    });
    expect(editRefusal(state, { ...byContact, source: 'api' }, START + 1)).toBeNull();
    expect(editRefusal(state, { ...byContact, source: 'user' }, START + 1)).toBeNull();
    edit(state, { status: 'cancelled', source: 'contact' }, NOW);
    expect(editRefusal(state, byContact, NOW)).toEqual({
      type: 'contact_change_refused',
      message: 'the appointment was cancelled',
    });
    expect(editRefusal(state, { status: 'confirmed', source: 'api' }, NOW)).toBeNull();
  });
});

describe('sources', () => {
  test('every change records who made it on its timeline entries and its status event; none said is the API', () => {
    const state = newAppointmentState();
    create(state, record({ status: 'new' }), NOW, { source: 'user' });
    edit(state, { title: 'Review', source: 'api' }, NOW);
    edit(state, { startTime: '2026-12-11T15:00:00Z', endTime: '2026-12-11T15:30:00Z' }, NOW);
    edit(state, { status: 'confirmed', source: 'contact' }, NOW);
    edit(state, { status: 'cancelled', source: 'automation', sourceAutomationId: 'au9' }, NOW);
    markDeleted(state, NOW, { source: 'user' });
    expect(
      state.timeline.map(({ type, source, sourceAutomationId }) => ({ type, source, sourceAutomationId })),
    ).toEqual([
      { type: 'created', source: 'user', sourceAutomationId: undefined },
      { type: 'edited', source: 'api', sourceAutomationId: undefined },
      { type: 'rescheduled', source: 'api', sourceAutomationId: undefined },
      { type: 'status_changed', source: 'contact', sourceAutomationId: undefined },
      { type: 'status_changed', source: 'automation', sourceAutomationId: 'au9' },
      { type: 'cancelled', source: 'automation', sourceAutomationId: 'au9' },
      { type: 'deleted', source: 'user', sourceAutomationId: undefined },
    ]);
    expect(state.pendingStatusEvents).toEqual([
      { seq: 1, status: 'new', source: 'user', booked: true },
      { seq: 2, status: 'confirmed', source: 'contact' },
      { seq: 3, status: 'cancelled', source: 'automation', sourceAutomationId: 'au9' },
    ]);
  });

  test('only the creation is a booking, whatever its status', () => {
    const state = newAppointmentState();
    create(state, record({ status: 'new' }), NOW);
    edit(state, { status: 'confirmed' }, NOW);
    expect(state.pendingStatusEvents.map((event) => event.booked === true)).toEqual([true, false]);
  });

  test('an automation ID is kept only with the automation source', () => {
    const state = created();
    edit(state, { status: 'cancelled', source: 'api', sourceAutomationId: 'au9' }, NOW);
    expect(state.timeline.at(-1)).toEqual({ at: expect.any(String), type: 'cancelled', source: 'api' });
  });
});

test('a deletion is recorded once', () => {
  const state = created();
  markDeleted(state, NOW);
  markDeleted(state, NOW);
  expect(types(state)).toEqual(['created', 'deleted']);
  expect(state.deleted && state.meetingDirty && state.runsNeedSnapshot).toBe(true);
});

describe('closing', () => {
  const ended = Date.parse('2026-12-10T15:30:00Z');

  test('a week after the appointment ended, or at once when deleted', () => {
    const state = created();
    expect(closeAt(state, NOW)).toBe(ended + CLOSE_GRACE_MS);
    markDeleted(state, NOW);
    expect(closeAt(state, NOW)).toBe(NOW);
  });

  test('only when nothing is left: no slot, no awaited answer, no queued work, no running run', () => {
    const state = created();
    const later = ended + CLOSE_GRACE_MS;
    expect(readyToClose(state, later)).toBe(false); // the status event and meeting work are queued
    state.pendingStatusEvents = [];
    state.meetingDirty = false;
    expect(readyToClose(state, later - 1)).toBe(false);
    expect(readyToClose(state, later)).toBe(true);
    state.leftSlots = ['zoom-meeting:u1:x'];
    expect(readyToClose(state, later)).toBe(false);
    state.leftSlots = [];
    state.runs.r = {
      runId: 'r',
      automationId: 'au',
      automationVersion: 1,
      status: 'running',
      currentStep: 's',
      active: true,
    };
    expect(readyToClose(state, later)).toBe(false);
  });

  test('past the close time a member of a slot leaves it first (its meeting is over and kept)', () => {
    const state = created();
    state.pendingStatusEvents = [];
    state.meetingDirty = false;
    state.meeting.slotWorkflowId = 'zoom-meeting:u1:x';
    const later = ended + CLOSE_GRACE_MS;
    expect(timeToLeave(state, later - 1)).toBe(false);
    expect(timeToLeave(state, later)).toBe(true);
    expect(hasWork(state, later)).toBe(true);
    expect(readyToClose(state, later)).toBe(false);
  });
});

describe('what others see', () => {
  test('the link shows once the meeting is ready; a static location shows as it is', () => {
    const state = created();
    state.meeting = { slotWorkflowId: 's', status: 'pending', zoom: null, sentTopic: 'C', sentDuration: 30 };
    expect(viewOf(state)).toMatchObject({ meetingLocation: null, zoomMeeting: null });
    expect(snapshotOf(state).meetingPending).toBe(true);
    state.meeting.status = 'ready';
    state.meeting.zoom = { id: 'm1', joinUrl: 'https://zoom.example/j/1' };
    expect(viewOf(state)).toMatchObject({ meetingLocation: 'https://zoom.example/j/1', zoomMeeting: { id: 'm1' } });
    const room = created({ location: { type: 'static', value: 'Room 1' } });
    expect(viewOf(room).meetingLocation).toBe('Room 1');
  });

  test("runs show without the appointment's bookkeeping", () => {
    const state = created();
    state.runs.r = {
      runId: 'r',
      automationId: 'au',
      automationVersion: 2,
      status: 'running',
      currentStep: 's',
      active: true,
      snapshot: '{}',
    };
    expect(viewOf(state).automationRuns).toEqual([
      { runId: 'r', automationId: 'au', automationVersion: 2, status: 'running', currentStep: 's' },
    ]);
  });
});
