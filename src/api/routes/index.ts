/** Every route of the HTTP API: the server registers these, the OpenAPI document describes them. */
import type { RouteDefinition } from '../route-definition';
import { appointmentRoutes } from './appointments';
import { automationRoutes } from './automations';
import { calendarRoutes } from './calendars';
import { contactRoutes } from './contacts';
import { healthRoutes } from './health';
import { notificationRoutes } from './notifications';
import { openApiRoute } from './openapi';
import { sessionRoutes } from './session';
import { userRoutes } from './users';
import { zoomIntegrationRoutes } from './zoom-integration';
import { zoomWebhookRoutes } from './zoom-webhooks';

export const API_ROUTES: readonly RouteDefinition[] = [
  ...healthRoutes,
  ...sessionRoutes,
  ...userRoutes,
  ...contactRoutes,
  ...calendarRoutes,
  ...appointmentRoutes,
  ...zoomIntegrationRoutes,
  ...zoomWebhookRoutes,
  ...notificationRoutes,
  ...automationRoutes,
  openApiRoute(() => API_ROUTES),
];
