/**
 * Appointments: each request becomes an update of the appointment's workflow (update-with-start
 * on creation), which answers with the appointment's view. Closed appointments answer from the archive.
 */
import {
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowExecutionAlreadyStartedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyInstance } from 'fastify';
import type { AppointmentRecord, AppointmentView } from '../../domain/appointment';
import {
  createAppointmentSchema,
  patchAppointmentSchema,
  type CreateAppointmentInput,
} from '../../domain/appointment-requests';
import { AppointmentArchiveRepository } from '../../store/appointment-archive-repository';
import { CalendarsRepository } from '../../store/calendars-repository';
import { ContactsRepository } from '../../store/contacts-repository';
import { MessageLogRepository } from '../../store/message-log-repository';
import { UsersRepository } from '../../store/users-repository';
import { AppointmentIdKey } from '../../temporal/search-attributes';
import type { appointment } from '../../workflows/appointment.workflow';
import {
  appointmentViewQuery,
  createAppointmentUpdate,
  deleteAppointmentUpdate,
  editAppointmentUpdate,
  type CreateAppointmentOutcome,
} from '../../workflows/messages';
import { appointmentWorkflowId } from '../../workflows/workflow-ids';
import { ApiError, invalidRequest, notFound, type Issue } from '../errors';
import type { ApiDependencies } from '../server';
import { parseId, parseInput } from '../validation';

export function registerAppointmentRoutes(app: FastifyInstance, deps: ApiDependencies): void {
  const calendars = new CalendarsRepository(deps.db);
  const contacts = new ContactsRepository(deps.db);
  const users = new UsersRepository(deps.db);
  const archive = new AppointmentArchiveRepository(deps.db);
  const messages = new MessageLogRepository(deps.db);
  const client: Client = deps.temporal;
  const taskQueue = deps.config.temporal.taskQueue;

  /** Resolves references and the calendar's settings into the record the workflow keeps. */
  async function resolveRecord(input: CreateAppointmentInput): Promise<AppointmentRecord> {
    const [calendar, contact] = await Promise.all([calendars.get(input.calendarId), contacts.get(input.contactId)]);
    const issues: Issue[] = [];
    if (!calendar) issues.push({ path: 'calendarId', message: `unknown calendar ${input.calendarId}` });
    if (!contact) issues.push({ path: 'contactId', message: `unknown contact ${input.contactId}` });
    if (input.assignedUserId !== undefined) {
      if (!(await users.get(input.assignedUserId)))
        issues.push({ path: 'assignedUserId', message: `unknown user ${input.assignedUserId}` });
      else if (calendar && !calendar.teamMemberIds.includes(input.assignedUserId)) {
        issues.push({
          path: 'assignedUserId',
          message: `user ${input.assignedUserId} is not a team member of calendar ${calendar.id}`,
        });
      }
    }
    if (issues.length > 0 || !calendar) throw invalidRequest(issues);
    return {
      id: input.id,
      calendarId: calendar.id,
      calendarName: calendar.name,
      contactId: input.contactId,
      assignedUserId: input.assignedUserId ?? calendar.teamMemberIds[0] ?? null,
      title: input.title ?? null,
      notes: input.notes ?? null,
      startTime: input.startTime,
      endTime: input.endTime,
      status: input.status,
      eventType: input.eventType,
      location: calendar.meetingLocation,
    };
  }

  app.post('/v1/appointments', async (request, reply) => {
    const input = parseInput(createAppointmentSchema, request.body);
    const record = await resolveRecord(input);
    let result: CreateAppointmentOutcome;
    try {
      result = await client.workflow.executeUpdateWithStart(createAppointmentUpdate, {
        args: [{ record }],
        startWorkflowOperation: new WithStartWorkflowOperation<typeof appointment>('appointment', {
          workflowId: appointmentWorkflowId(record.id),
          taskQueue,
          args: [{ appointmentId: record.id }],
          workflowIdConflictPolicy: 'USE_EXISTING',
          // A closed appointment is never started again under the same ID.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: [{ key: AppointmentIdKey, value: record.id }],
        }),
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      const archived = await archive.get(record.id);
      if (!archived) throw error;
      throw new ApiError(409, 'appointment_exists', `appointment ${record.id} exists and is closed`);
    }
    if (result.outcome === 'conflict') {
      throw new ApiError(
        409,
        'appointment_exists',
        `appointment ${record.id} exists with different data; use PATCH to change it`,
      );
    }
    return reply.status(result.outcome === 'created' ? 201 : 200).send(result.view);
  });

  app.get('/v1/appointments/:appointmentId', async (request) => {
    const id = parseId(request.params, 'appointmentId');
    return currentView(id);
  });

  app.patch('/v1/appointments/:appointmentId', async (request) => {
    const id = parseId(request.params, 'appointmentId');
    const patch = parseInput(patchAppointmentSchema, request.body);
    if (patch.assignedUserId !== undefined) {
      const current = await currentView(id);
      const calendar = await calendars.get(current.calendarId);
      if (!(await users.get(patch.assignedUserId)))
        throw invalidRequest([{ path: 'assignedUserId', message: `unknown user ${patch.assignedUserId}` }]);
      if (calendar && !calendar.teamMemberIds.includes(patch.assignedUserId)) {
        throw invalidRequest([
          {
            path: 'assignedUserId',
            message: `user ${patch.assignedUserId} is not a team member of calendar ${calendar.id}`,
          },
        ]);
      }
    }
    return withWorkflowErrors(id, () =>
      client.workflow.getHandle(appointmentWorkflowId(id)).executeUpdate(editAppointmentUpdate, { args: [patch] }),
    );
  });

  app.delete('/v1/appointments/:appointmentId', async (request, reply) => {
    const id = parseId(request.params, 'appointmentId');
    try {
      await withWorkflowErrors(id, () =>
        client.workflow.getHandle(appointmentWorkflowId(id)).executeUpdate(deleteAppointmentUpdate),
      );
    } catch (error) {
      // Deleting an appointment that is already deleted (and closed) is a repeat: nothing to do.
      if (!(error instanceof ApiError && error.code === 'appointment_deleted')) throw error;
    }
    return reply.status(204).send();
  });

  app.get('/v1/appointments/:appointmentId/messages', async (request) => {
    const id = parseId(request.params, 'appointmentId');
    await currentView(id); // 404 for an unknown appointment
    const records = await messages.listByAppointment(id);
    return records
      .filter((record) => record.status !== 'sending')
      .map((record) => ({
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
      }));
  });

  async function currentView(id: string): Promise<AppointmentView> {
    try {
      const view = await client.workflow.getHandle(appointmentWorkflowId(id)).query(appointmentViewQuery);
      if (view) return view;
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
    const archived = await archive.get(id);
    if (archived) return archived;
    throw notFound('appointment', id);
  }

  /** Maps what an appointment workflow can answer to the contract's errors. */
  async function withWorkflowErrors<T>(id: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        switch (error.cause.type) {
          case 'invalid_times':
            throw invalidRequest([{ path: 'endTime', message: 'must be after startTime' }]);
          case 'too_long':
            throw invalidRequest([{ path: 'endTime', message: error.cause.message }]);
          case 'appointment_deleted':
            throw new ApiError(409, 'appointment_deleted', `appointment ${id} was deleted`);
          case 'appointment_not_found':
            throw notFound('appointment', id);
        }
      }
      if (error instanceof WorkflowNotFoundError || isCompletedWorkflowError(error)) {
        const archived = await archive.get(id);
        if (archived?.deleted) throw new ApiError(409, 'appointment_deleted', `appointment ${id} was deleted`);
        if (archived)
          throw new ApiError(409, 'appointment_closed', `appointment ${id} is closed and can no longer change`);
        throw notFound('appointment', id);
      }
      throw error;
    }
  }
}

function isCompletedWorkflowError(error: unknown): boolean {
  return error instanceof Error && /workflow execution already completed/i.test(error.message);
}
