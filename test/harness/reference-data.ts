/** Builders of the reference data most tests need: a host, a contact, a group calendar. */
import type { ApiClient } from './api-client';
import { uniqueId } from './engine';

export interface Booking {
  hostId: string;
  contactId: string;
  calendarId: string;
}

export async function createBookingSetup(
  api: ApiClient,
  options: {
    slotCapacity?: number;
    location?: { type: 'zoom' } | { type: 'static'; value: string };
    calendarType?: string;
    contact?: Record<string, unknown>;
    hosts?: number;
  } = {},
): Promise<Booking & { hostIds: string[] }> {
  const hostIds: string[] = [];
  for (let i = 0; i < (options.hosts ?? 1); i++) {
    const hostId = uniqueId('host');
    await expectOk(
      api.put(`/v1/users/${hostId}`, {
        name: `Hana Host${i}`,
        email: `${hostId}@example.com`,
        phone: '+14155550100',
        timezone: 'America/New_York',
      }),
    );
    hostIds.push(hostId);
  }
  const contactId = uniqueId('contact');
  await expectOk(
    api.put(`/v1/contacts/${contactId}`, {
      firstName: 'Carla',
      lastName: 'Contact',
      email: `${contactId}@example.org`,
      phone: '+14155550199',
      timezone: 'Europe/Paris',
      ...options.contact,
    }),
  );
  const calendarId = uniqueId('cal');
  await expectOk(
    api.put(`/v1/calendars/${calendarId}`, {
      name: 'Discovery call',
      type: options.calendarType ?? 'round_robin',
      teamMemberIds: hostIds,
      meetingLocation: options.location ?? { type: 'zoom' },
      slotCapacity: options.slotCapacity ?? 1,
      timezone: 'America/New_York',
    }),
  );
  return { hostId: hostIds[0] as string, hostIds, contactId, calendarId };
}

async function expectOk(response: Promise<{ status: number; body: unknown }>): Promise<void> {
  const { status, body } = await response;
  if (status !== 200 && status !== 201) throw new Error(`setup request failed: ${status} ${JSON.stringify(body)}`);
}

/** An ISO instant `hours` from now, on a whole minute (start of a slot). */
export function hoursFromNow(hours: number, base = Date.now()): string {
  const at = new Date(base + hours * 3_600_000);
  at.setUTCSeconds(0, 0);
  return at.toISOString();
}

export function plusMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}
