/**
 * The appointment a template preview renders with when no real one is named: a contact in New York
 * booked tomorrow at 3 PM their time with a host in London, on a Zoom calendar.
 */
import { DateTime } from 'luxon';
import type { SelfServiceLinkSet } from '../self-service/self-service-links';
import type { MergeData } from './merge-data';

export const SAMPLE_CONTACT_TIMEZONE = 'America/New_York';

export const SAMPLE_APPOINTMENT_ID = 'sample-appointment';

/** `links`: the sample appointment's, signed like real ones (they lead to a page saying it does not exist). */
export function sampleMergeData(now: Date, links: SelfServiceLinkSet): MergeData {
  const start = DateTime.fromJSDate(now, { zone: SAMPLE_CONTACT_TIMEZONE })
    .plus({ days: 1 })
    .set({ hour: 15, minute: 0, second: 0, millisecond: 0 });
  return {
    appointment: {
      id: SAMPLE_APPOINTMENT_ID,
      title: 'Discovery call',
      notes: 'Wants to talk about the spring campaign.',
      status: 'confirmed',
      startTime: start.toISO() as string,
      endTime: start.plus({ minutes: 30 }).toISO() as string,
      meetingLocation: 'https://zoom.us/j/85012345678?pwd=sample',
      links,
    },
    contact: {
      firstName: 'Jordan',
      lastName: 'Lee',
      email: 'jordan.lee@example.com',
      phone: '+12125550123',
      timezone: SAMPLE_CONTACT_TIMEZONE,
    },
    user: { name: 'Sam Host', email: 'sam.host@example.com', phone: '+442071234567', timezone: 'Europe/London' },
    calendar: { name: 'Discovery calls', timezone: SAMPLE_CONTACT_TIMEZONE },
  };
}
