/** Every route of the HTTP API: the server registers these, the OpenAPI document describes them. */
import type { RouteDefinition } from '../route-definition';
import { appointmentListRoutes } from './appointment-list';
import { appointmentRoutes } from './appointments';
import { automationRoutes } from './automations';
import { calendarRoutes } from './calendars';
import { contactRoutes } from './contacts';
import { healthRoutes } from './health';
import { notificationRoutes } from './notifications';
import { openApiRoute } from './openapi';
import { overviewRoutes } from './overview';
import { selfServiceRoutes } from './self-service';
import { sessionRoutes } from './session';
import { templatePreviewRoutes } from './template-preview';
import { twilioWebhookRoutes } from './twilio-webhooks';
import { userRoutes } from './users';
import { zoomIntegrationRoutes } from './zoom-integration';
import { zoomWebhookRoutes } from './zoom-webhooks';

export const API_ROUTES: readonly RouteDefinition[] = [
  ...healthRoutes,
  ...sessionRoutes,
  ...userRoutes,
  ...contactRoutes,
  ...calendarRoutes,
  ...appointmentListRoutes,
  ...appointmentRoutes,
  ...zoomIntegrationRoutes,
  ...zoomWebhookRoutes,
  ...twilioWebhookRoutes,
  ...notificationRoutes,
  ...automationRoutes,
  ...templatePreviewRoutes,
  ...overviewRoutes,
  ...selfServiceRoutes,
  openApiRoute(() => API_ROUTES),
];
