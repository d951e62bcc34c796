/**
 * Zoom's event notifications, verified by signature (x-zm-signature over the raw body with the
 * webhook secret token; stale timestamps refused): URL validation, app deauthorization (the user's
 * connection is removed), and attendance (the contact joined → showed; the meeting ended without
 * them → no-show), which fires the automations of those statuses.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppointmentStatus } from '../../domain/appointment';
import { ContactsRepository } from '../../store/contacts-repository';
import { TokenCipher } from '../../store/token-cipher';
import { ZoomConnectionsRepository } from '../../store/zoom-connections-repository';
import { ZoomMeetingsRepository } from '../../store/zoom-meetings-repository';
import { appointmentViewQuery, editAppointmentUpdate, meetingSlotViewQuery } from '../../workflows/messages';
import { appointmentWorkflowId } from '../../workflows/workflow-ids';
import { ApiError } from '../errors';
import type { ApiDependencies } from '../server';

/** Zoom's own guidance: refuse notifications older than five minutes (replays). */
const MAX_AGE_MS = 5 * 60 * 1000;

const eventSchema = z.object({
  event: z.string(),
  event_ts: z.number().optional(),
  payload: z.record(z.string(), z.unknown()).default({}),
});

const meetingObject = z.object({
  object: z.object({
    id: z.union([z.string(), z.number()]).transform(String),
    participant: z.object({ email: z.string().optional(), user_name: z.string().optional() }).optional(),
  }),
});

export function zoomSignature(secret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export function registerZoomWebhookRoutes(app: FastifyInstance, deps: ApiDependencies): void {
  const secret = deps.config.zoom.webhookSecretToken;
  const connections = new ZoomConnectionsRepository(deps.db, new TokenCipher(deps.config.encryptionKey));
  const meetings = new ZoomMeetingsRepository(deps.db);
  const contacts = new ContactsRepository(deps.db);

  app.post('/v1/webhooks/zoom', async (request) => {
    if (!secret) throw new ApiError(404, 'not_found', 'Zoom webhooks are not configured (ZOOM_WEBHOOK_SECRET_TOKEN)');
    verifySignature(request, secret);
    const parsed = eventSchema.safeParse(request.body);
    if (!parsed.success) throw new ApiError(400, 'invalid_request', 'not a Zoom event notification');
    const { event, payload } = parsed.data;

    switch (event) {
      case 'endpoint.url_validation': {
        const plainToken = z.object({ plainToken: z.string().min(1).max(512) }).safeParse(payload);
        if (!plainToken.success) throw new ApiError(400, 'invalid_request', 'payload.plainToken is missing');
        return {
          plainToken: plainToken.data.plainToken,
          encryptedToken: createHmac('sha256', secret).update(plainToken.data.plainToken).digest('hex'),
        };
      }
      case 'app_deauthorized': {
        const zoomUserId = z.object({ user_id: z.string() }).safeParse(payload);
        if (zoomUserId.success) {
          const connection = await connections.getByZoomUserId(zoomUserId.data.user_id);
          if (connection) {
            await connections.delete(connection.userId);
            deps.logger.info({ userId: connection.userId }, 'zoom app deauthorized: connection removed');
          }
        }
        return { received: true };
      }
      case 'meeting.participant_joined':
      case 'meeting.ended': {
        const meeting = meetingObject.safeParse(payload);
        if (meeting.success)
          await recordAttendance(event, meeting.data.object.id, meeting.data.object.participant?.email);
        return { received: true };
      }
      default:
        return { received: true, ignored: event };
    }
  });

  async function recordAttendance(
    event: string,
    meetingId: string,
    participantEmail: string | undefined,
  ): Promise<void> {
    const slotWorkflowId = await meetings.slotOf(meetingId);
    if (!slotWorkflowId) return; // not one of ours (meetings made in Zoom itself are not imported)
    const slot = await deps.temporal.workflow
      .getHandle(slotWorkflowId)
      .query(meetingSlotViewQuery)
      .catch(() => undefined);
    for (const appointmentId of slot?.memberIds ?? []) {
      const handle = deps.temporal.workflow.getHandle(appointmentWorkflowId(appointmentId));
      const view = await handle.query(appointmentViewQuery).catch(() => null);
      if (!view || view.deleted || (view.status !== 'confirmed' && view.status !== 'new')) continue;
      let status: AppointmentStatus | undefined;
      if (event === 'meeting.participant_joined') {
        const contact = await contacts.get(view.contactId);
        if (contact?.email && participantEmail && contact.email.toLowerCase() === participantEmail.toLowerCase())
          status = 'showed';
      } else {
        status = 'noshow'; // ended while still booked: the contact never joined
      }
      if (status) await handle.executeUpdate(editAppointmentUpdate, { args: [{ status }] });
    }
  }
}

function verifySignature(request: FastifyRequest, secret: string): void {
  const signature = request.headers['x-zm-signature'];
  const timestamp = request.headers['x-zm-request-timestamp'];
  const rawBody = (request as FastifyRequest & { rawBody?: string }).rawBody;
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || rawBody === undefined) {
    throw new ApiError(401, 'invalid_signature', 'missing x-zm-signature or x-zm-request-timestamp');
  }
  const sentAt = Number(timestamp) * 1000;
  if (!Number.isFinite(sentAt) || Math.abs(Date.now() - sentAt) > MAX_AGE_MS) {
    throw new ApiError(401, 'invalid_signature', 'the notification is too old (or its timestamp is wrong)');
  }
  const expected = Buffer.from(zoomSignature(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ApiError(401, 'invalid_signature', 'the signature does not match');
  }
}
