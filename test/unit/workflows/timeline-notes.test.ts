import { markDeleted, newAppointmentState } from '../../../src/workflows/appointment/appointment-state';
import { MAX_NOTES_PER_TYPE, noteRefusal, recordNote } from '../../../src/workflows/appointment/timeline-notes';
import type { TimelineNote } from '../../../src/workflows/messages';
import { BOOKED_AT, createdAppointment } from './appointment-fixture';

const reply: TimelineNote = {
  type: 'sms.reply_received',
  source: 'contact',
  details: { keyword: 'C', intent: 'confirm' },
};

test('a note goes on the timeline with its type, its details and who it came from, and changes nothing else', () => {
  const state = createdAppointment();
  const before = structuredClone(state);
  const at = BOOKED_AT + 60_000;

  expect(noteRefusal(state, reply)).toBeNull();
  recordNote(state, reply, at);

  expect(state.timeline.at(-1)).toEqual({
    at: new Date(at).toISOString(),
    type: 'sms.reply_received',
    keyword: 'C',
    intent: 'confirm',
    source: 'contact',
  });
  expect({ ...state, timeline: before.timeline }).toEqual(before);
});

test('details cannot pass for the note’s time, type or source', () => {
  const state = createdAppointment();
  const details = { source: 'api', type: 'created', at: '2020-01-01T00:00:00.000Z', keyword: 'C' };
  recordNote(state, { ...reply, details }, BOOKED_AT);
  expect(state.timeline.at(-1)).toEqual({
    at: new Date(BOOKED_AT).toISOString(),
    type: 'sms.reply_received',
    source: 'contact',
    keyword: 'C',
  });
});

test('no note before the appointment exists, after it was deleted, or of a type that is not a note', () => {
  expect(noteRefusal(newAppointmentState(), reply)).toMatchObject({ type: 'appointment_not_found' });
  const deleted = createdAppointment();
  markDeleted(deleted, BOOKED_AT, {});
  expect(noteRefusal(deleted, reply)).toMatchObject({ type: 'appointment_deleted' });
  const created = { ...reply, type: 'created' } as unknown as TimelineNote;
  expect(noteRefusal(createdAppointment(), created)).toMatchObject({ type: 'unknown_note' });
});

test(`the timeline keeps at most ${MAX_NOTES_PER_TYPE} notes of a type`, () => {
  const state = createdAppointment();
  for (let i = 0; i < MAX_NOTES_PER_TYPE + 5; i++) recordNote(state, reply, BOOKED_AT + i);
  const notes = state.timeline.filter((entry) => entry.type === 'sms.reply_received');
  expect(notes).toHaveLength(MAX_NOTES_PER_TYPE);
  expect(notes.at(-1)?.at).toBe(new Date(BOOKED_AT + MAX_NOTES_PER_TYPE - 1).toISOString());
});
