/**
 * Timeline notes: what happened around an appointment without changing it (a contact's SMS reply),
 * recorded on its timeline for whoever follows it. Pure, like appointment-state.ts.
 */
import type { TimelineNote, TimelineNoteType } from '../messages';
import { addTimeline, type AppointmentState } from './appointment-state';

const NOTE_TYPES: readonly TimelineNoteType[] = ['sms.reply_received'];

/** The timeline keeps at most this many notes of a type: a contact texting in a loop cannot grow it without bound. */
export const MAX_NOTES_PER_TYPE = 20;

/** Why a note cannot be recorded (as the update's validator refuses it), or null when it can. */
export function noteRefusal(state: AppointmentState, note: TimelineNote): { type: string; message: string } | null {
  if (!state.record) return { type: 'appointment_not_found', message: 'the appointment does not exist yet' };
  if (state.deleted) return { type: 'appointment_deleted', message: 'the appointment was deleted' };
  if (!NOTE_TYPES.includes(note.type))
    return { type: 'unknown_note', message: `no timeline note of type ${note.type}` };
  return null;
}

/**
 * Records the note: its time, type, who it came from and its details (which cannot pass for those);
 * past MAX_NOTES_PER_TYPE of its type, nothing.
 */
export function recordNote(state: AppointmentState, note: TimelineNote, now: number): void {
  if (state.timeline.filter((entry) => entry.type === note.type).length >= MAX_NOTES_PER_TYPE) return;
  const { at: _at, type: _type, source: _source, ...details } = note.details;
  addTimeline(state, now, note.type, { ...details, source: note.source });
}
