import { MERGE_FIELDS } from '../../../src/domain/merge-fields';
import { mergeFieldValues } from '../../../src/templates/merge-data';
import { appointment, text } from './merge-data-fixture';

describe('every merge field, for an appointment at 2026-11-30T15:00Z shown in America/New_York', () => {
  const expected: Record<string, string> = {
    'appointment.start_time': 'Monday, November 30, 2026 10:00 AM',
    'appointment.end_time': 'Monday, November 30, 2026 11:00 AM',
    'appointment.only_start_date': 'November 30, 2026',
    'appointment.only_start_time': '10:00 AM',
    'appointment.only_end_time': '11:00 AM',
    'appointment.day_of_week': 'Monday',
    'appointment.month_name': 'November',
    'appointment.timezone': 'America/New_York',
    'appointment.title': 'Initial consultation',
    'appointment.notes': 'Bring your passport',
    'appointment.status': 'confirmed',
    'appointment.id': 'appt-42',
    'appointment.meeting_location': 'https://zoom.us/j/123456789?pwd=abc',
    'appointment.cancel_link': 'https://engine.example/a/YXBwdC00Mg.tag1/cancel',
    'appointment.confirm_link': 'https://engine.example/a/YXBwdC00Mg.tag2/confirm',
    'appointment.reschedule_link': 'https://book.example/again?appointmentId=appt-42&token=YXBwdC00Mg.tag3',
    'contact.first_name': 'Ada',
    'contact.last_name': 'Lovelace',
    'contact.name': 'Ada Lovelace',
    'contact.email': 'ada@example.com',
    'contact.phone': '+14155550123',
    'user.name': 'Grace Brewster Hopper',
    'user.first_name': 'Grace',
    'user.email': 'grace@example.com',
    'user.phone': '+33612345678',
    'calendar.name': 'Consultations',
  };

  test('the expectations cover the whole catalogue', () => {
    expect(Object.keys(expected).sort()).toEqual(MERGE_FIELDS.map((field) => field.path).sort());
  });

  test.each(Object.entries(expected))('{{%s}} renders %j', (field, value) => {
    expect(text(`{{${field}}}`)).toBe(value);
  });

  test('mergeFieldValues gives the same values, for previews', () => {
    expect(mergeFieldValues(appointment(), 'America/New_York')).toEqual(expected);
  });

  test('the same appointment reads differently in Paris and Kolkata', () => {
    const template = '{{appointment.start_time}} – {{appointment.only_end_time}} {{appointment.timezone}}';
    expect(text(template, appointment(), 'Europe/Paris')).toBe(
      'Monday, November 30, 2026 4:00 PM – 5:00 PM Europe/Paris',
    );
    expect(text(template, appointment(), 'Asia/Kolkata')).toBe(
      'Monday, November 30, 2026 8:30 PM – 9:30 PM Asia/Kolkata',
    );
    expect(text(template, appointment(), 'UTC')).toBe('Monday, November 30, 2026 3:00 PM – 4:00 PM UTC');
  });

  test('the weekday, month and date are the recipient’s, not UTC’s', () => {
    const data = appointment();
    data.appointment.startTime = '2026-12-01T02:00:00Z'; // Tuesday in UTC, still Monday evening in New York
    data.appointment.endTime = '2026-12-01T03:00:00Z';
    expect(
      text(
        '{{appointment.day_of_week}} {{appointment.only_start_date}} {{appointment.month_name}} {{appointment.only_start_time}}',
        data,
      ),
    ).toBe('Monday November 30, 2026 November 9:00 PM');
  });

  test('an offset in the stored time does not leak into the rendering', () => {
    const data = appointment();
    data.appointment.startTime = '2026-11-30T16:00:00+01:00'; // the same instant, written in Paris time
    expect(text('{{appointment.start_time}}', data)).toBe('Monday, November 30, 2026 10:00 AM');
  });
});

describe('daylight saving time in the recipient’s timezone', () => {
  const at = (startTime: string) => {
    const data = appointment();
    data.appointment.startTime = startTime;
    data.appointment.endTime = startTime;
    return text('{{appointment.start_time}}', data);
  };

  test('14:00 UTC is 10 AM in New York before the November change and 9 AM after it', () => {
    expect(at('2026-10-31T14:00:00Z')).toBe('Saturday, October 31, 2026 10:00 AM');
    expect(at('2026-11-01T14:00:00Z')).toBe('Sunday, November 1, 2026 9:00 AM');
  });

  test('15:00 UTC is 10 AM in New York before the March change and 11 AM after it', () => {
    expect(at('2026-03-07T15:00:00Z')).toBe('Saturday, March 7, 2026 10:00 AM');
    expect(at('2026-03-08T15:00:00Z')).toBe('Sunday, March 8, 2026 11:00 AM');
  });

  test('the repeated hour on the night of the change shows the same wall-clock time twice', () => {
    expect(at('2026-11-01T05:30:00Z')).toBe('Sunday, November 1, 2026 1:30 AM');
    expect(at('2026-11-01T06:30:00Z')).toBe('Sunday, November 1, 2026 1:30 AM');
  });
});

describe('missing values', () => {
  test('null values render as empty text, and contact.name is just the first name', () => {
    const data = appointment();
    data.appointment.title = null;
    data.appointment.notes = null;
    data.appointment.meetingLocation = null;
    data.contact.lastName = null;
    data.contact.email = null;
    data.contact.phone = null;
    data.user.phone = null;
    expect(
      text(
        '[{{appointment.title}}|{{appointment.notes}}|{{appointment.meeting_location}}|{{contact.last_name}}|{{contact.email}}|{{contact.phone}}|{{user.phone}}|{{contact.name}}]',
        data,
      ),
    ).toBe('[|||||||Ada]');
  });

  test('#if and #unless branch on whether a value is there', () => {
    const template =
      '{{#if appointment.notes}}Notes: {{appointment.notes}}{{else}}No notes{{/if}}{{#unless appointment.meeting_location}}, no location{{/unless}}';
    expect(text(template)).toBe('Notes: Bring your passport');
    const data = appointment();
    data.appointment.notes = null;
    data.appointment.meetingLocation = null;
    expect(text(template, data)).toBe('No notes, no location');
  });

  test('else-if chains work', () => {
    const data = appointment();
    data.appointment.meetingLocation = null;
    expect(
      text('{{#if appointment.meeting_location}}Join{{else if appointment.notes}}See notes{{else}}TBD{{/if}}', data),
    ).toBe('See notes');
  });
});
