/**
 * A marker that makes a Zoom meeting findable by the key of the operation that created it.
 *
 * Why: a worker can die between Zoom's 201 and our record of the meeting. The retry must find the
 * meeting it already created instead of creating a second one (and leaving the first an orphan).
 *
 * Where the tag lives — the agenda, at its very start:
 * - `GET /users/me/meetings` (the only way to search a user's meetings) does return `agenda`, but
 *   truncated to 250 characters ("The length of agenda gets truncated to 250 characters when you list
 *   all meetings for a user", Zoom API reference). A tag at the start survives that; one at the end
 *   would not. Tags are therefore limited to 200 characters.
 * - The topic is also listed, but it is what attendees see as the meeting's title, and the engine
 *   updates it when the appointment's title changes; the agenda is ours to keep stable.
 * Anyone who updates the meeting's agenda must write it through `taggedAgenda` again, or the meeting
 * can no longer be found.
 */
import type { ZoomMeeting } from './zoom-api-client';

const TAG_PREFIX = '[appointment-engine:';
const TAG_SUFFIX = ']';
/** Leaves room below the 250 characters the list keeps. */
const MAX_TAG_LENGTH = 200;
/** Zoom's limit on `agenda`. */
export const ZOOM_AGENDA_MAX_LENGTH = 2000;

/** `[appointment-engine:<key>]`. Keys are ours (workflow ID + step), e.g. `zoom-meeting:u1:2026-03-10T15:00:00Z`. */
export function meetingTag(key: string): string {
  if (key === '' || /[\]\s]/.test(key)) {
    throw new RangeError('a meeting tag key must be non-empty, without whitespace or "]"');
  }
  const tag = `${TAG_PREFIX}${key}${TAG_SUFFIX}`;
  if (tag.length > MAX_TAG_LENGTH) throw new RangeError(`a meeting tag must stay within ${MAX_TAG_LENGTH} characters`);
  return tag;
}

/** The agenda to send to Zoom: the tag first, then the human text, cut to Zoom's agenda limit. */
export function taggedAgenda(key: string, text?: string): string {
  const tag = meetingTag(key);
  const agenda = text === undefined || text.trim() === '' ? tag : `${tag}\n${text}`;
  return agenda.slice(0, ZOOM_AGENDA_MAX_LENGTH);
}

/** Every listed meeting carrying the tag of `key` (more than one only if duplicates were created). */
export function findTaggedMeetings(meetings: readonly ZoomMeeting[], key: string): ZoomMeeting[] {
  const tag = meetingTag(key);
  // Anywhere in the (listed, truncated) agenda, in case someone prepended text in Zoom. The closing
  // "]" is part of the tag, so the key "a" never matches a meeting tagged "ab".
  return meetings.filter((meeting) => meeting.agenda?.includes(tag) === true);
}

/** The meeting created for `key`, if Zoom lists one. */
export function findTaggedMeeting(meetings: readonly ZoomMeeting[], key: string): ZoomMeeting | undefined {
  return findTaggedMeetings(meetings, key)[0];
}

/**
 * The one meeting that stands for `key` when more than one carries its tag (two attempts of the same
 * create ran at once: the server gave up on the first while it still ran). Every attempt picks the
 * same one — the earliest created, then the lowest ID — so the others can remove their own.
 */
export function survivingTaggedMeeting(meetings: readonly ZoomMeeting[], key: string): ZoomMeeting | undefined {
  return [...findTaggedMeetings(meetings, key)].sort(
    (a, b) =>
      (a.createdAt ?? '').localeCompare(b.createdAt ?? '') ||
      (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0),
  )[0];
}
