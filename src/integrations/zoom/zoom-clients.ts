/**
 * The engine's Zoom clients, built once from the configuration: the REST client always (it needs no
 * secret), the OAuth client only when the app's credentials are set (Zoom is disabled otherwise).
 */
import type { Config } from '../../config';
import { ZoomApiClient } from './zoom-api-client';
import { ZoomOAuthClient } from './zoom-oauth-client';

export interface ZoomClients {
  api: ZoomApiClient;
  /** undefined: ZOOM_CLIENT_ID / ZOOM_CLIENT_SECRET are not set */
  oauth: ZoomOAuthClient | undefined;
}

export function createZoomClients(zoom: Config['zoom']): ZoomClients {
  return {
    api: new ZoomApiClient({ apiBaseUrl: zoom.apiBaseUrl }),
    oauth: zoom.oauth
      ? new ZoomOAuthClient({
          oauthBaseUrl: zoom.oauthBaseUrl,
          clientId: zoom.oauth.clientId,
          clientSecret: zoom.oauth.clientSecret,
        })
      : undefined,
  };
}
