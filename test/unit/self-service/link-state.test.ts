/** When a cancel or confirm link still works: read from the appointment at the moment it is used. */
import type { AppointmentView } from '../../../src/domain/appointment';
import { linkRefusal } from '../../../src/self-service/link-state';

const START = Date.parse('2026-12-10T15:00:00Z');
const BEFORE = START - 60_000;

const view = (overrides: Partial<AppointmentView> = {}): AppointmentView => ({
  id: 'a1',
  calendarId: 'c1',
  contactId: 'k1',
  assignedUserId: 'u1',
  title: 'Consultation',
  notes: null,
  startTime: '2026-12-10T10:00:00-05:00',
  endTime: '2026-12-10T10:30:00-05:00',
  status: 'new',
  eventType: 'one_time',
  deleted: false,
  meetingLocation: null,
  zoomMeeting: null,
  automationRuns: [],
  timeline: [],
  ...overrides,
});

test('both links work before the start of a new appointment; cancel also on a confirmed one', () => {
  expect(linkRefusal(view(), 'cancel', BEFORE)).toBeNull();
  expect(linkRefusal(view(), 'confirm', BEFORE)).toBeNull();
  expect(linkRefusal(view({ status: 'confirmed' }), 'cancel', BEFORE)).toBeNull();
});

test.each<[string, Partial<AppointmentView>, number, 'cancel' | 'confirm', string]>([
  ['started', {}, START, 'cancel', 'This appointment has already started, so this link no longer works.'],
  ['over', { status: 'confirmed' }, START + 3_600_000, 'confirm', 'This appointment has already started'],
  ['cancelled (cancel twice)', { status: 'cancelled' }, BEFORE, 'cancel', 'This appointment is already cancelled.'],
  ['cancelled, then confirm', { status: 'cancelled' }, BEFORE, 'confirm', 'can no longer be confirmed'],
  ['deleted', { deleted: true }, BEFORE, 'cancel', 'This appointment no longer exists.'],
  ['confirmed (confirm twice)', { status: 'confirmed' }, BEFORE, 'confirm', 'This appointment is already confirmed.'],
  ['marked invalid', { status: 'invalid' }, BEFORE, 'cancel', 'can no longer be changed here'],
])('a link is gone (410) once the appointment is %s', (_what, overrides, now, action, sentence) => {
  expect(linkRefusal(view(overrides), action, now)).toEqual({ status: 410, reason: expect.stringContaining(sentence) });
});
