/** Activities an automation run calls for facts its snapshot lacks (types only: workflows import this file). */
import type { LoadedFacts } from '../domain/condition-evaluation';
import type { ScheduleZone } from '../domain/schedule-zone';

/** What a run may ask about its appointment beyond its snapshot, read as it is now. No addresses: only whether they exist. */
export interface AppointmentFacts extends LoadedFacts {
  /** whose zone a window without one is read in (domain/schedule-zone.ts) */
  scheduleZone: ScheduleZone;
}

export interface AppointmentFactActivities {
  /** the appointment's calendar, host, the contact's reachability and the schedule's zone; read-only */
  loadAppointmentFacts(input: { appointmentId: string }): Promise<AppointmentFacts>;
}
