/** Merge data for the template tests, and rendering helpers with their defaults. */
import type { MergeData } from '../../../src/templates/merge-data';
import { renderTemplate } from '../../../src/templates/template-render';

/** A Monday-afternoon (UTC) appointment: 10:00 AM in New York, 4:00 PM in Paris. */
export const appointment = (): MergeData => ({
  appointment: {
    id: 'appt-42',
    title: 'Initial consultation',
    notes: 'Bring your passport',
    status: 'confirmed',
    startTime: '2026-11-30T15:00:00Z',
    endTime: '2026-11-30T16:00:00Z',
    meetingLocation: 'https://zoom.us/j/123456789?pwd=abc',
    links: {
      cancel: 'https://engine.example/a/YXBwdC00Mg.tag1/cancel',
      confirm: 'https://engine.example/a/YXBwdC00Mg.tag2/confirm',
      reschedule: 'https://book.example/again?appointmentId=appt-42&token=YXBwdC00Mg.tag3',
    },
  },
  contact: {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@example.com',
    phone: '+14155550123',
    timezone: 'America/New_York',
  },
  user: { name: 'Grace Brewster Hopper', email: 'grace@example.com', phone: '+33612345678', timezone: 'Europe/Paris' },
  calendar: { name: 'Consultations', timezone: 'America/Los_Angeles' },
});

export const text = (template: string, data: MergeData = appointment(), timezone = 'America/New_York') =>
  renderTemplate(template, data, { escape: 'none', timezone });
export const html = (template: string, data: MergeData = appointment(), timezone = 'America/New_York') =>
  renderTemplate(template, data, { escape: 'html', timezone });
