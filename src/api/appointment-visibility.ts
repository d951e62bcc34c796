/**
 * Finding appointments through Temporal visibility: the appointment workflow is the source of truth
 * of a live appointment and keeps its host, calendar, status and start as search attributes
 * (temporal/search-attributes.ts), so visibility filters them without a second copy in the store,
 * which holds only the final view of closed appointments. Scoped to this engine's task queue.
 */
import type { temporal } from '@temporalio/proto';
import type { AppointmentStatus } from '../domain/appointment';
import type { ApiDependencies } from './api-dependencies';

export interface AppointmentFilter {
  hostUserId?: string;
  /** any of these contacts' appointments */
  contactIds?: readonly string[];
  calendarId?: string;
  status?: AppointmentStatus;
  /** start at or after */
  from?: Date;
  /** start before */
  to?: Date;
  /** only appointments whose workflow runs (not closed: deleted, or a week past their end) */
  running?: boolean;
}

/**
 * The visibility query of appointments matching `filter`. The values are safe to quote: IDs match
 * `[A-Za-z0-9_.:-]`, statuses are an enum and times are formatted here.
 */
export function appointmentQuery(taskQueue: string, filter: AppointmentFilter): string {
  const clauses = [
    "WorkflowType = 'appointment'",
    `TaskQueue = '${taskQueue.replace(/'/g, "''")}'`,
    // a continued-as-new run is the same appointment as its successor
    filter.running ? "ExecutionStatus = 'Running'" : "ExecutionStatus != 'ContinuedAsNew'",
  ];
  if (filter.hostUserId !== undefined) clauses.push(`HostUserId = '${filter.hostUserId}'`);
  if (filter.contactIds !== undefined)
    clauses.push(`ContactId IN (${filter.contactIds.map((id) => `'${id}'`).join(', ')})`);
  if (filter.calendarId !== undefined) clauses.push(`CalendarId = '${filter.calendarId}'`);
  if (filter.status !== undefined) clauses.push(`AppointmentStatus = '${filter.status}'`);
  if (filter.from !== undefined) clauses.push(`AppointmentStart >= '${filter.from.toISOString()}'`);
  if (filter.to !== undefined) clauses.push(`AppointmentStart < '${filter.to.toISOString()}'`);
  return clauses.join(' AND ');
}

export interface AppointmentExecution {
  appointmentId: string;
  running: boolean;
}

/** One page of matching appointments, newest booking first (visibility's order). */
export async function listAppointmentExecutions(
  { config, temporal }: Pick<ApiDependencies, 'config' | 'temporal'>,
  filter: AppointmentFilter,
  page: { size: number; token?: Buffer },
): Promise<{ executions: AppointmentExecution[]; nextPageToken: Buffer | null }> {
  const response = await temporal.workflowService.listWorkflowExecutions({
    namespace: config.temporal.namespace,
    pageSize: page.size,
    nextPageToken: page.token ?? null,
    query: appointmentQuery(config.temporal.taskQueue, filter),
  });
  const executions = (response.executions ?? []).flatMap((info: temporal.api.workflow.v1.IWorkflowExecutionInfo) => {
    const workflowId = info.execution?.workflowId ?? '';
    if (!workflowId.startsWith('appointment:')) return [];
    return [{ appointmentId: workflowId.slice('appointment:'.length), running: info.status === RUNNING }];
  });
  const token = response.nextPageToken;
  return { executions, nextPageToken: token && token.length > 0 ? Buffer.from(token) : null };
}

/** How many appointments match `filter` (visibility's count). */
export async function countAppointments(
  { config, temporal }: Pick<ApiDependencies, 'config' | 'temporal'>,
  filter: AppointmentFilter,
): Promise<number> {
  const { count } = await temporal.workflow.count(appointmentQuery(config.temporal.taskQueue, filter));
  return count;
}

/** WORKFLOW_EXECUTION_STATUS_RUNNING */
const RUNNING = 1;
