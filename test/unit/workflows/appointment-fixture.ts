/** An appointment as the workflow keeps it, created at a fixed instant, for the unit tests of its rules. */
import type { AppointmentRecord } from '../../../src/domain/appointment';
import {
  create,
  newAppointmentState,
  type AppointmentState,
} from '../../../src/workflows/appointment/appointment-state';

/** When the tests' appointments are booked (workflow time). */
export const BOOKED_AT = Date.parse('2026-12-01T09:00:00Z');

/** A confirmed 30-minute Zoom consultation with host u1 on 10 December, 15:00 UTC. */
export function appointmentRecord(overrides: Partial<AppointmentRecord> = {}): AppointmentRecord {
  return {
    id: 'a1',
    calendarId: 'c1',
    calendarName: 'Consultations',
    contactId: 'k1',
    assignedUserId: 'u1',
    title: 'Consultation',
    notes: null,
    startTime: '2026-12-10T15:00:00Z',
    endTime: '2026-12-10T15:30:00Z',
    status: 'confirmed',
    eventType: 'one_time',
    location: { type: 'zoom' },
    ...overrides,
  };
}

export function createdAppointment(overrides: Partial<AppointmentRecord> = {}): AppointmentState {
  const state = newAppointmentState();
  create(state, appointmentRecord(overrides), BOOKED_AT);
  return state;
}
