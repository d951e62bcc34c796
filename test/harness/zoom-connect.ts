/** Connects a user's Zoom account through the engine's real OAuth flow against the Zoom fake. */
import type { ZoomFake } from '../fakes/zoom-fake';
import type { ApiClient, ApiResponse } from './api-client';
import { uniqueId } from './engine';
import { createBookingSetup } from './reference-data';

/** Follows the browser's path: authorize URL → the fake's consent redirect → our callback. */
export async function connectZoom(
  api: ApiClient,
  fake: ZoomFake,
  userId: string,
  zoomAccountId: string,
): Promise<ApiResponse> {
  return openZoomCallback(api, await approveZoomConsent(api, fake, userId, zoomAccountId));
}

/**
 * The browser's path up to our callback: the path and query it would open next. The fake approves
 * as one account at a time, so consents are given one after another; the callbacks may then race.
 */
export async function approveZoomConsent(
  api: ApiClient,
  fake: ZoomFake,
  userId: string,
  zoomAccountId: string,
): Promise<string> {
  const authorize = await api.post(`/v1/users/${userId}/integrations/zoom/authorize`);
  if (authorize.status !== 200)
    throw new Error(`authorize failed: ${authorize.status} ${JSON.stringify(authorize.body)}`);
  fake.approveAs(zoomAccountId);
  const consent = await fetch(authorize.body.authorizeUrl, { redirect: 'manual' });
  const callback = consent.headers.get('location');
  if (consent.status !== 302 || !callback) throw new Error(`the fake did not redirect: ${consent.status}`);
  const url = new URL(callback);
  return `${url.pathname}${url.search}`;
}

export function openZoomCallback(api: ApiClient, callbackPath: string): Promise<ApiResponse> {
  return api.get(callbackPath, { auth: false });
}

/** A booking setup (host, contact, Zoom calendar) whose host has connected a new Zoom account. */
export async function hostWithZoom(
  api: ApiClient,
  fake: ZoomFake,
  options: Parameters<typeof createBookingSetup>[1] = {},
) {
  const setup = await createBookingSetup(api, options);
  const zoomUserId = uniqueId('zu');
  fake.addAccount({ id: zoomUserId, email: `${setup.hostId}@zoom.example` });
  const connected = await connectZoom(api, fake, setup.hostId, zoomUserId);
  if (connected.status !== 200)
    throw new Error(`zoom connect failed: ${connected.status} ${JSON.stringify(connected.body)}`);
  return { ...setup, zoomUserId };
}
