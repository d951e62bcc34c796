/** Connects a user's Zoom account through the engine's real OAuth flow against the Zoom fake. */
import type { ZoomFake } from '../fakes/zoom-fake';
import type { ApiClient, ApiResponse } from './api-client';

/** Follows the browser's path: authorize URL → the fake's consent redirect → our callback. */
export async function connectZoom(api: ApiClient, fake: ZoomFake, userId: string, zoomAccountId: string): Promise<ApiResponse> {
  const authorize = await api.post(`/v1/users/${userId}/integrations/zoom/authorize`);
  if (authorize.status !== 200) throw new Error(`authorize failed: ${authorize.status} ${JSON.stringify(authorize.body)}`);
  fake.approveAs(zoomAccountId);
  const consent = await fetch(authorize.body.authorizeUrl, { redirect: 'manual' });
  const callback = consent.headers.get('location');
  if (consent.status !== 302 || !callback) throw new Error(`the fake did not redirect: ${consent.status}`);
  const url = new URL(callback);
  return api.get(`${url.pathname}${url.search}`, { auth: false });
}
