/**
 * The API's side of the appointment workflow: starting it with its creation (update-with-start),
 * reading its view (from the archive once it has closed), and mapping what it answers to the
 * contract's errors.
 */
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { AppointmentRecord, AppointmentView, ChangeSource } from '../domain/appointment';
import { AppointmentIdKey } from '../temporal/search-attributes';
import type { appointment } from '../workflows';
import { appointmentViewQuery, createAppointmentUpdate, type CreateAppointmentOutcome } from '../workflows/messages';
import { appointmentWorkflowId } from '../workflows/workflow-ids';
import type { ApiDependencies } from './api-dependencies';
import { ApiError, invalidRequest, notFound } from './errors';

type AppointmentDependencies = Pick<ApiDependencies, 'config' | 'temporal' | 'repositories'>;

/** Creates the appointment in its workflow, starting it unless it runs; 409 when it exists and is closed. */
export async function startAppointment(
  { config, temporal, repositories }: AppointmentDependencies,
  record: AppointmentRecord,
  source: ChangeSource,
): Promise<CreateAppointmentOutcome> {
  try {
    return await temporal.workflow.executeUpdateWithStart(createAppointmentUpdate, {
      args: [{ record, source }],
      startWorkflowOperation: new WithStartWorkflowOperation<typeof appointment>('appointment', {
        workflowId: appointmentWorkflowId(record.id),
        taskQueue: config.temporal.taskQueue,
        args: [{ appointmentId: record.id }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        // A closed appointment is never started again under the same ID.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: [{ key: AppointmentIdKey, value: record.id }],
      }),
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    if (!(await repositories.appointmentArchive.get(record.id))) throw error;
    throw new ApiError(409, 'appointment_exists', `appointment ${record.id} exists and is closed`);
  }
}

/** The running workflow's view, else the archived one; 404 for an unknown appointment. */
export async function currentAppointmentView(
  { temporal, repositories }: AppointmentDependencies,
  id: string,
): Promise<AppointmentView> {
  try {
    const view = await temporal.workflow.getHandle(appointmentWorkflowId(id)).query(appointmentViewQuery);
    if (view) return view;
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
  const archived = await repositories.appointmentArchive.get(id);
  if (archived) return archived;
  throw notFound('appointment', id);
}

/** Runs `call` against the appointment's workflow, mapping what it can answer to the contract's errors. */
export async function withAppointmentWorkflowErrors<T>(
  { repositories }: AppointmentDependencies,
  id: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      throwUpdateRefusal(id, error.cause);
    }
    if (!(error instanceof WorkflowNotFoundError || isCompletedWorkflowError(error))) throw error;
    const archived = await repositories.appointmentArchive.get(id);
    if (archived?.deleted) throw new ApiError(409, 'appointment_deleted', `appointment ${id} was deleted`);
    if (archived) throw new ApiError(409, 'appointment_closed', `appointment ${id} is closed and can no longer change`);
    throw notFound('appointment', id);
  }
}

/** Throws the contract's error for an update the workflow refused; returns for a failure it does not know. */
function throwUpdateRefusal(id: string, failure: ApplicationFailure): void {
  switch (failure.type) {
    case 'invalid_times':
      throw invalidRequest([{ path: 'endTime', message: 'must be after startTime' }]);
    case 'too_long':
      throw invalidRequest([{ path: 'endTime', message: failure.message }]);
    case 'appointment_deleted':
      throw new ApiError(409, 'appointment_deleted', `appointment ${id} was deleted`);
    case 'appointment_not_found':
      throw notFound('appointment', id);
  }
}

function isCompletedWorkflowError(error: unknown): boolean {
  return error instanceof Error && /workflow execution already completed/i.test(error.message);
}
