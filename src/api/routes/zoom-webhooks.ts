/**
 * Zoom's event notifications, verified by signature (zoom-webhook-signature.ts): URL validation, app
 * deauthorization (the user's connection is removed), and attendance (the contact joined → showed;
 * the meeting ended without them → no-show), which fires the automations of those statuses.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppointmentStatus, AppointmentView } from '../../domain/appointment';
import { appointmentViewQuery, editAppointmentUpdate, meetingSlotViewQuery } from '../../workflows/messages';
import { appointmentWorkflowId } from '../../workflows/workflow-ids';
import type { ApiDependencies } from '../api-dependencies';
import { ApiError } from '../errors';
import { defineRoute } from '../route-definition';
import { zoomWebhookAnswerSchema } from '../schemas/zoom-schemas';
import { encryptPlainToken, verifyZoomSignature } from '../zoom-webhook-signature';

const eventSchema = z.object({
  event: z.string(),
  event_ts: z.number().optional(),
  payload: z.record(z.string(), z.unknown()).default({}),
});

const urlValidationPayload = z.object({ plainToken: z.string().min(1).max(512) });
const deauthorizationPayload = z.object({ user_id: z.string() });
const meetingPayload = z.object({
  object: z.object({
    id: z.union([z.string(), z.number()]).transform(String),
    participant: z.object({ email: z.string().optional(), user_name: z.string().optional() }).optional(),
  }),
});

type AttendanceEvent = 'meeting.participant_joined' | 'meeting.ended';

const zoomWebhookRoute = defineRoute({
  method: 'POST',
  url: '/v1/webhooks/zoom',
  summary: 'Zoom’s event notifications (signature-verified with `x-zm-signature`; 401 otherwise)',
  tag: 'Zoom connection',
  access: 'public',
  body: eventSchema,
  responses: { 200: { description: 'received (or the URL validation answer)', schema: zoomWebhookAnswerSchema } },
  handler: receiveEvent,
});

export const zoomWebhookRoutes = [zoomWebhookRoute];

async function receiveEvent(deps: ApiDependencies, request: FastifyRequest) {
  const secret = deps.config.zoom.webhookSecretToken;
  if (!secret) throw new ApiError(404, 'not_found', 'Zoom webhooks are not configured (ZOOM_WEBHOOK_SECRET_TOKEN)');
  verifyZoomSignature(request, secret);
  const parsed = eventSchema.safeParse(request.body);
  if (!parsed.success) throw new ApiError(400, 'invalid_request', 'not a Zoom event notification');
  const { event, payload } = parsed.data;
  switch (event) {
    case 'endpoint.url_validation':
      return answerUrlValidation(secret, payload);
    case 'app_deauthorized':
      await removeDeauthorizedConnection(deps, payload);
      return { received: true };
    case 'meeting.participant_joined':
    case 'meeting.ended':
      await recordAttendance(deps, event, payload);
      return { received: true };
    default:
      return { received: true, ignored: event };
  }
}

function answerUrlValidation(secret: string, payload: unknown) {
  const parsed = urlValidationPayload.safeParse(payload);
  if (!parsed.success) throw new ApiError(400, 'invalid_request', 'payload.plainToken is missing');
  const { plainToken } = parsed.data;
  return { plainToken, encryptedToken: encryptPlainToken(secret, plainToken) };
}

async function removeDeauthorizedConnection({ repositories, logger }: ApiDependencies, payload: unknown) {
  const parsed = deauthorizationPayload.safeParse(payload);
  if (!parsed.success) return;
  const connection = await repositories.zoomConnections.getByZoomUserId(parsed.data.user_id);
  if (!connection) return;
  await repositories.zoomConnections.delete(connection.userId);
  logger.info({ userId: connection.userId }, 'zoom app deauthorized: connection removed');
}

/** Moves each booked appointment of the meeting's slot to showed (its contact joined) or noshow (ended without). */
async function recordAttendance(deps: ApiDependencies, event: AttendanceEvent, payload: unknown): Promise<void> {
  const meeting = meetingPayload.safeParse(payload);
  if (!meeting.success) return;
  const slotWorkflowId = await deps.repositories.zoomMeetings.slotOf(meeting.data.object.id);
  if (!slotWorkflowId) return; // not one of ours (meetings made in Zoom itself are not imported)
  const slot = await deps.temporal.workflow
    .getHandle(slotWorkflowId)
    .query(meetingSlotViewQuery)
    .catch(() => undefined);
  for (const appointmentId of slot?.memberIds ?? []) {
    const handle = deps.temporal.workflow.getHandle(appointmentWorkflowId(appointmentId));
    const view = await handle.query(appointmentViewQuery).catch(() => null);
    if (!view || view.deleted || (view.status !== 'confirmed' && view.status !== 'new')) continue;
    const status = await attendanceStatus(deps, event, view, meeting.data.object.participant?.email);
    if (status) await handle.executeUpdate(editAppointmentUpdate, { args: [{ status }] });
  }
}

async function attendanceStatus(
  { repositories }: ApiDependencies,
  event: AttendanceEvent,
  view: AppointmentView,
  participantEmail: string | undefined,
): Promise<AppointmentStatus | undefined> {
  if (event === 'meeting.ended') return 'noshow'; // ended while still booked: the contact never joined
  const contact = await repositories.contacts.get(view.contactId);
  const joined = contact?.email && participantEmail && contact.email.toLowerCase() === participantEmail.toLowerCase();
  return joined ? 'showed' : undefined;
}
