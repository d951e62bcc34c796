/**
 * The calendar invite of a send_email step: what it says for an appointment's history (pure, no
 * server; the end-to-end proof at the SMTP server is test/delivery/calendar-invite.test.ts), and where
 * an automation may ask for one.
 */
import type { TimelineEntry } from '../../../src/domain/appointment';
import { validateAutomation } from '../../../src/domain/automation-validation';
import { calendarInviteOf, inviteSequence, type CalendarInviteSource } from '../../../src/templates/calendar-invite';
import { automationDefinition, sendEmail, sendSms } from '../../harness/automation-definitions';

const entry = (
  type: string,
  details: Record<string, unknown> = {},
  at = '2026-11-01T10:00:00.000Z',
): TimelineEntry => ({
  at,
  type,
  ...details,
});

function source(overrides: Partial<CalendarInviteSource> = {}): CalendarInviteSource {
  return {
    appointment: {
      id: 'appt-1',
      title: 'Check-up',
      startTime: '2026-11-30T10:00:00-05:00',
      endTime: '2026-11-30T10:30:00-05:00',
      status: 'confirmed',
      meetingLocation: 'https://zoom.example/j/123',
      timeline: [entry('created', { status: 'confirmed' })],
    },
    triggerStatus: 'confirmed',
    calendarName: 'Discovery call',
    host: { name: 'Hana Host', email: 'hana@example.com' },
    contact: { name: 'Carla Contact', email: 'carla@example.org' },
    sender: 'Clinic <notifications@clinic.example>',
    uidDomain: 'engine.example',
    ...overrides,
  };
}

/** The unfolded content lines of an invite. */
const lines = (content: string) => content.replace(/\r\n[ \t]/g, '').split('\r\n');
const line = (content: string, name: string) => lines(content).find((l) => l.split(/[;:]/)[0] === name);

describe('calendarInviteOf', () => {
  test('a REQUEST for the appointment: UID from its ID and the engine, times in UTC, the title as SUMMARY', () => {
    const invite = calendarInviteOf(source());
    expect(invite.method).toBe('REQUEST');
    expect(line(invite.content, 'METHOD')).toBe('METHOD:REQUEST');
    expect(line(invite.content, 'UID')).toBe('UID:appointment-appt-1@engine.example');
    expect(line(invite.content, 'SEQUENCE')).toBe('SEQUENCE:0');
    expect(line(invite.content, 'DTSTART')).toBe('DTSTART:20261130T150000Z');
    expect(line(invite.content, 'DTEND')).toBe('DTEND:20261130T153000Z');
    expect(line(invite.content, 'SUMMARY')).toBe('SUMMARY:Check-up');
    expect(line(invite.content, 'STATUS')).toBe('STATUS:CONFIRMED');
    expect(line(invite.content, 'LOCATION')).toBe('LOCATION:https://zoom.example/j/123');
    expect(line(invite.content, 'URL')).toBe('URL;VALUE=URI:https://zoom.example/j/123');
  });

  test('the same appointment data gives the same invite, byte for byte (a retried send repeats it)', () => {
    expect(calendarInviteOf(source()).content).toBe(calendarInviteOf(source()).content);
    // DTSTAMP is the appointment's last change, not the clock
    const later = source({
      appointment: {
        ...source().appointment,
        timeline: [entry('created'), entry('edited', { fields: ['title'] }, '2026-11-02T08:30:00.000Z')],
      },
    });
    expect(line(calendarInviteOf(later).content, 'DTSTAMP')).toBe('DTSTAMP:20261102T083000Z');
  });

  test('without a title the calendar’s name is the SUMMARY; a static place is a LOCATION without URL', () => {
    const invite = calendarInviteOf(
      source({ appointment: { ...source().appointment, title: null, meetingLocation: 'Room 4, 12 Main Street' } }),
    );
    expect(line(invite.content, 'SUMMARY')).toBe('SUMMARY:Discovery call');
    expect(line(invite.content, 'LOCATION')).toBe('LOCATION:Room 4\\, 12 Main Street');
    expect(line(invite.content, 'URL')).toBeUndefined();
  });

  test('no meeting location: neither LOCATION nor URL', () => {
    const invite = calendarInviteOf(source({ appointment: { ...source().appointment, meetingLocation: null } }));
    expect(line(invite.content, 'LOCATION')).toBeUndefined();
    expect(line(invite.content, 'URL')).toBeUndefined();
  });

  test('the host organizes and the contact attends; without a host the sender organizes, without an e-mail the contact is not listed', () => {
    const invite = calendarInviteOf(source());
    expect(line(invite.content, 'ORGANIZER')).toBe('ORGANIZER;CN="Hana Host":mailto:hana@example.com');
    expect(line(invite.content, 'ATTENDEE')).toMatch(/;CN="Carla Contact":MAILTO:carla@example\.org$/);
    expect(line(invite.content, 'ATTENDEE')).toMatch(/RSVP=TRUE/);

    const alone = calendarInviteOf(source({ host: null, contact: null }));
    expect(line(alone.content, 'ORGANIZER')).toBe('ORGANIZER;CN="Discovery call":mailto:notifications@clinic.example');
    expect(line(alone.content, 'ATTENDEE')).toBeUndefined();
  });

  test('a run triggered by the cancellation cancels, while the appointment is still cancelled', () => {
    const cancelled = source({
      triggerStatus: 'cancelled',
      appointment: {
        ...source().appointment,
        status: 'cancelled',
        timeline: [
          entry('created'),
          entry('status_changed', { from: 'confirmed', to: 'cancelled' }),
          entry('cancelled'),
        ],
      },
    });
    const invite = calendarInviteOf(cancelled);
    expect(invite.method).toBe('CANCEL');
    expect(line(invite.content, 'METHOD')).toBe('METHOD:CANCEL');
    expect(line(invite.content, 'STATUS')).toBe('STATUS:CANCELLED');
    expect(line(invite.content, 'SEQUENCE')).toBe('SEQUENCE:1');

    // booked again meanwhile: the event stands, so the invite is a REQUEST again
    const rebooked = calendarInviteOf({
      ...cancelled,
      appointment: { ...cancelled.appointment, status: 'confirmed' },
    });
    expect(rebooked.method).toBe('REQUEST');
    // other runs never cancel the event
    expect(calendarInviteOf({ ...cancelled, triggerStatus: 'confirmed' }).method).toBe('REQUEST');
  });
});

describe('inviteSequence', () => {
  test('counts reschedules and moves into or out of cancelled, nothing else', () => {
    expect(inviteSequence([entry('created')])).toBe(0);
    expect(
      inviteSequence([
        entry('created'),
        entry('edited', { fields: ['title'] }),
        entry('rescheduled'),
        entry('status_changed', { from: 'new', to: 'confirmed' }),
        entry('message.sent'),
        entry('rescheduled'),
        entry('status_changed', { from: 'confirmed', to: 'cancelled' }),
        entry('cancelled'),
        entry('status_changed', { from: 'cancelled', to: 'confirmed' }),
      ]),
    ).toBe(4);
  });
});

describe('attachCalendarInvite in an automation', () => {
  const issuesOf = (actions: unknown[]) => {
    const result = validateAutomation(automationDefinition(actions));
    return result.ok ? [] : result.issues;
  };

  test('a send_email step takes true or false', () => {
    expect(issuesOf([sendEmail('e', { attachCalendarInvite: true })])).toEqual([]);
    expect(issuesOf([sendEmail('e', { attachCalendarInvite: false })])).toEqual([]);
    const result = validateAutomation(automationDefinition([sendEmail('e', { attachCalendarInvite: true })]));
    expect(result.ok && result.value.actions[0]).toMatchObject({ attachCalendarInvite: true });
  });

  test('anything but a boolean is refused at its path', () => {
    expect(issuesOf([sendEmail('e', { attachCalendarInvite: 'yes' })])).toEqual([
      { path: 'actions[0].attachCalendarInvite', message: 'must be true or false' },
    ]);
  });

  test('on another action type it is refused at its path, saying which step takes it', () => {
    expect(issuesOf([sendEmail('e'), { ...sendSms('s'), attachCalendarInvite: true }])).toEqual([
      { path: 'actions[1].attachCalendarInvite', message: 'only a send_email step attaches a calendar invite' },
    ]);
    expect(
      issuesOf([
        {
          id: 'n',
          type: 'internal_notification',
          channel: 'email',
          to: 'assigned_user',
          body: 'x',
          attachCalendarInvite: true,
          bdy: 'typo',
        },
      ]),
    ).toEqual([
      { path: 'actions[0].attachCalendarInvite', message: 'only a send_email step attaches a calendar invite' },
      { path: 'actions[0]', message: 'Unrecognized key: "bdy"' },
    ]);
  });
});
