/**
 * A bookable world for the benchmarks: the tests' hosts, contact and group calendar, the hosts'
 * Zoom connected through the real OAuth flow against the Zoom fake (which answers at once), and an
 * automation for the calendar (the reference recipe unless told otherwise).
 */
import type { ZoomFake } from '../test/fakes/zoom-fake';
import type { ApiClient } from '../test/harness/api-client';
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
  const trigger = {
    type: 'appointment_status',
    filters: { eventType: 'any', statuses: ['confirmed'], calendarIds: [calendarId] },
  };
  if (options.actions) {
    await ok(
      api.post('/v1/automations', { name: uniqueId('bench'), status: 'published', trigger, actions: options.actions }),
    );
  } else {
    const recipes = (await api.get('/v1/recipes')).body as {
      id: string;
      automation: { name: string; actions: unknown[] };
    }[];
    const recipe = recipes.find((r) => r.id === 'appointment-confirmation-and-reminders');
    if (!recipe) throw new Error('the reference recipe is missing');
    await ok(
      api.post('/v1/automations', {
        name: recipe.automation.name,
        status: 'published',
        trigger,
        actions: recipe.automation.actions,
      }),
    );
  }
  return { calendarId, contactId, hostIds, zoomUserIds };
}

/** POST /v1/appointments for one booking; throws unless it was created. */
export async function book(
  api: ApiClient,
  world: BookingWorld,
  booking: { id: string; host: number; startMs: number; minutes?: number },
): Promise<void> {
  const response = await api.post('/v1/appointments', {
    id: booking.id,
    calendarId: world.calendarId,
    contactId: world.contactId,
    assignedUserId: world.hostIds[booking.host],
    startTime: new Date(booking.startMs).toISOString(),
    endTime: new Date(booking.startMs + (booking.minutes ?? 30) * 60_000).toISOString(),
    title: 'Consultation',
  });
  if (response.status !== 201)
    throw new Error(`booking ${booking.id}: ${response.status} ${JSON.stringify(response.body)}`);
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
