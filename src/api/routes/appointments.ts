/**
 * Appointments: each request becomes an update of the appointment's workflow (update-with-start
 * on creation), which answers with the appointment's view. Closed appointments answer from the archive.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createAppointmentSchema, patchAppointmentSchema } from '../../domain/appointment-requests';
import type { MessageRecord } from '../../store/message-log-repository';
import { deleteAppointmentUpdate, editAppointmentUpdate } from '../../workflows/messages';
import { appointmentWorkflowId } from '../../workflows/workflow-ids';
import type { ApiDependencies } from '../api-dependencies';
import { checkAssignedUser, resolveAppointmentRecord } from '../appointment-references';
import { changeSourceOf } from '../auth';
import { currentAppointmentView, startAppointment, withAppointmentWorkflowErrors } from '../appointment-workflow';
import { ApiError } from '../errors';
import { defineRoute } from '../route-definition';
import { appointmentIdParams } from '../route-params';
import { appointmentViewSchema, messageSchema } from '../schemas/appointment-schemas';
import { parseId, parseInput } from '../validation';

const TAG = 'Appointments';

const createAppointmentRoute = defineRoute({
  method: 'POST',
  url: '/v1/appointments',
  summary: 'Book an appointment: starts its workflow (Zoom meeting, automations)',
  tag: TAG,
  access: 'api_key',
  body: createAppointmentSchema,
  responses: {
    200: { description: 'the same booking again: nothing changed', schema: appointmentViewSchema },
    201: { description: 'booked', schema: appointmentViewSchema },
  },
  handler: createAppointment,
});

const getAppointmentRoute = defineRoute({
  method: 'GET',
  url: '/v1/appointments/:appointmentId',
  summary: 'The appointment’s view: status, meeting, automation runs and timeline',
  tag: TAG,
  access: 'api_key',
  params: appointmentIdParams,
  responses: { 200: { description: 'the view', schema: appointmentViewSchema } },
  handler: getAppointment,
});

const patchAppointmentRoute = defineRoute({
  method: 'PATCH',
  url: '/v1/appointments/:appointmentId',
  summary: 'Change an appointment: new times reschedule it, `status: cancelled` cancels it',
  tag: TAG,
  access: 'api_key',
  params: appointmentIdParams,
  body: patchAppointmentSchema,
  responses: { 200: { description: 'the view after the change', schema: appointmentViewSchema } },
  handler: patchAppointment,
});

const deleteAppointmentRoute = defineRoute({
  method: 'DELETE',
  url: '/v1/appointments/:appointmentId',
  summary: 'Delete an appointment: its meeting goes unless shared, its runs stop',
  tag: TAG,
  access: 'api_key',
  params: appointmentIdParams,
  responses: { 204: { description: 'deleted' } },
  handler: deleteAppointment,
});

const listMessagesRoute = defineRoute({
  method: 'GET',
  url: '/v1/appointments/:appointmentId/messages',
  summary: 'The messages its automations sent, failed or skipped',
  tag: TAG,
  access: 'api_key',
  params: appointmentIdParams,
  responses: { 200: { description: 'the messages', schema: z.array(messageSchema) } },
  handler: listMessages,
});

export const appointmentRoutes = [
  createAppointmentRoute,
  getAppointmentRoute,
  patchAppointmentRoute,
  deleteAppointmentRoute,
  listMessagesRoute,
];

async function createAppointment(deps: ApiDependencies, request: FastifyRequest, reply: FastifyReply) {
  const input = parseInput(createAppointmentSchema, request.body);
  const record = await resolveAppointmentRecord(deps.repositories, input);
  const result = await startAppointment(deps, record, changeSourceOf(request));
  if (result.outcome === 'conflict') {
    throw new ApiError(
      409,
      'appointment_exists',
      `appointment ${record.id} exists with different data; use PATCH to change it`,
    );
  }
  return reply.status(result.outcome === 'created' ? 201 : 200).send(result.view);
}

async function getAppointment(deps: ApiDependencies, request: FastifyRequest) {
  return currentAppointmentView(deps, parseId(request.params, 'appointmentId'));
}

async function patchAppointment(deps: ApiDependencies, request: FastifyRequest) {
  const id = parseId(request.params, 'appointmentId');
  const patch = parseInput(patchAppointmentSchema, request.body);
  if (patch.assignedUserId !== undefined) {
    const current = await currentAppointmentView(deps, id);
    await checkAssignedUser(deps.repositories, current.calendarId, patch.assignedUserId);
  }
  return withAppointmentWorkflowErrors(deps, id, () =>
    deps.temporal.workflow
      .getHandle(appointmentWorkflowId(id))
      .executeUpdate(editAppointmentUpdate, { args: [{ ...patch, source: changeSourceOf(request) }] }),
  );
}

async function deleteAppointment(deps: ApiDependencies, request: FastifyRequest, reply: FastifyReply) {
  const id = parseId(request.params, 'appointmentId');
  try {
    await withAppointmentWorkflowErrors(deps, id, () =>
      deps.temporal.workflow
        .getHandle(appointmentWorkflowId(id))
        .executeUpdate(deleteAppointmentUpdate, { args: [{ source: changeSourceOf(request) }] }),
    );
  } catch (error) {
    // Deleting an appointment that is already deleted (and closed) is a repeat: nothing to do.
    if (!(error instanceof ApiError && error.code === 'appointment_deleted')) throw error;
  }
  return reply.status(204).send();
}

async function listMessages(deps: ApiDependencies, request: FastifyRequest) {
  const id = parseId(request.params, 'appointmentId');
  await currentAppointmentView(deps, id); // 404 for an unknown appointment
  const records = await deps.repositories.messageLog.listByAppointment(id);
  return records.filter((record) => record.status !== 'sending').map(messageView);
}

/** A message as GET …/messages shows it: optional fields only when they hold something. */
function messageView(record: MessageRecord) {
  return {
    runId: record.runId,
    stepId: record.stepId,
    channel: record.channel,
    to: record.to,
    ...(record.subject !== null ? { subject: record.subject } : {}),
    body: record.body,
    status: record.status,
    ...(record.providerId ? { providerId: record.providerId } : {}),
    ...(record.error ? { reason: record.error } : {}),
    at: record.at,
  };
}
