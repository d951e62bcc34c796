/**
 * A bookable world for the benchmarks: the tests' hosts, contact and group calendar, the hosts'
 * Zoom connected through the real OAuth flow against the Zoom fake (which answers at once), and an
 * automation for the calendar (the reference recipe unless told otherwise).
 */
import type { ZoomFake } from '../test/fakes/zoom-fake';
import type { ApiClient } from '../test/harness/api-client';
import { publishAutomation, publishRecipe } from '../test/harness/automation-publishing';
import { book as bookAppointment } from '../test/harness/bookings';
import { uniqueId } from '../test/harness/engine';
import { createBookingSetup } from '../test/harness/reference-data';
import { connectZoom } from '../test/harness/zoom-connect';

export interface BookingWorld {
  calendarId: string;
  contactId: string;
  hostIds: string[];
  zoomUserIds: string[];
}

export async function createBookingWorld(
  api: ApiClient,
  zoom: ZoomFake | undefined,
  options: {
    hosts: number;
    slotCapacity?: number;
    location?: { type: 'zoom' } | { type: 'static'; value: string };
    actions?: unknown[];
  },
): Promise<BookingWorld> {
  const { calendarId, contactId, hostIds } = await createBookingSetup(api, {
    hosts: options.hosts,
    slotCapacity: options.slotCapacity,
    location: options.location,
  });
  const zoomUserIds: string[] = [];
  for (const hostId of zoom ? hostIds : []) {
    const zoomUserId = uniqueId('zu');
    zoom!.addAccount({ id: zoomUserId, email: `${hostId}@zoom.example` });
    await ok(connectZoom(api, zoom!, hostId, zoomUserId));
    zoomUserIds.push(zoomUserId);
  }
  if (options.actions) await publishAutomation(api, { calendarId }, options.actions, { name: uniqueId('bench') });
  else await publishRecipe(api, { calendarId });
  return { calendarId, contactId, hostIds, zoomUserIds };
}

/** Books for the world's `host`-th host; throws unless it was created. */
export async function book(
  api: ApiClient,
  world: BookingWorld,
  booking: { id: string; host: number; startMs: number; minutes?: number },
): Promise<void> {
  await bookAppointment(api, world, booking.startMs, {
    id: booking.id,
    assignedUserId: world.hostIds[booking.host],
    minutes: booking.minutes,
  });
}

/** Whether the appointment's view shows its Zoom link and a started automation run. */
export async function linkedAndTriggered(api: ApiClient, id: string): Promise<boolean> {
  const view = (await api.get(`/v1/appointments/${id}`)).body as { zoomMeeting: unknown; automationRuns: unknown[] };
  return view.zoomMeeting !== null && view.automationRuns.length > 0;
}

async function ok(response: Promise<{ status: number; body: unknown }>): Promise<void> {
  const { status, body } = await response;
  if (status !== 200 && status !== 201) throw new Error(`setup request failed: ${status} ${JSON.stringify(body)}`);
}
