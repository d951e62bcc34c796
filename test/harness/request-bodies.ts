/**
 * Valid bodies of the reference-data PUTs and of an automation (API.md), for tests that start from
 * one and change a field. Appointments: bookings.ts's appointmentBody().
 */
import {
  automationDefinition,
  condition,
  sendSms,
  wait,
  waitForAppointmentTime,
  weekdayWindow,
} from './automation-definitions';

export const validUserBody = () => ({
  name: 'Ann Lee',
  email: 'ann@example.com',
  phone: '+14155550100',
  timezone: 'Europe/Paris',
});

export const validContactBody = () => ({
  firstName: 'Bob',
  lastName: 'Stone',
  email: 'bob@example.org',
  phone: '+442071838750',
  timezone: 'Europe/London',
});

/** A round-robin calendar of these team members, in Room 1. */
export const validCalendarBody = (teamMemberIds: string[]) => ({
  name: 'Intro',
  type: 'round_robin',
  teamMemberIds,
  meetingLocation: { type: 'static', value: 'Room 1' },
  slotCapacity: 1,
  timezone: 'America/New_York',
});

/**
 * A draft of every kind of step: a wait (with a window), an e-mail, an SMS, an in-app note, a wait for
 * the appointment's time, a condition (last, both branches "next").
 */
export const validAutomationBody = () =>
  automationDefinition(
    [
      { ...wait('w1'), window: weekdayWindow() },
      {
        id: 'mail',
        type: 'send_email',
        to: 'contact',
        subject: 'Hi {{contact.first_name}}',
        text: 'See you {{appointment.start_time}}',
      },
      sendSms('sms', 'Join {{appointment.meeting_location}}'),
      {
        id: 'note',
        type: 'internal_notification',
        channel: 'in_app',
        to: 'assigned_user',
        body: '{{contact.name}} booked',
      },
      waitForAppointmentTime('remind', '-1h', 'next'),
      condition('check', [{ field: 'status', in: ['confirmed'] }]),
    ],
    { status: 'draft' },
  );
