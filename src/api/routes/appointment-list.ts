/**
 * `GET /v1/appointments`: a page of appointments filtered by host, calendar, status and start range,
 * found through Temporal visibility (appointment-visibility.ts says why), each shown as its view
 * without the timeline. Deleted appointments are left out.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { APPOINTMENT_STATUSES, type AppointmentView } from '../../domain/appointment';
import { instant } from '../../domain/appointment-requests';
import { entityIdSchema } from '../../domain/ids';
import type { ApiDependencies } from '../api-dependencies';
import { currentAppointmentView } from '../appointment-workflow';
import { appointmentQuery, listAppointmentExecutions, type AppointmentExecution } from '../appointment-visibility';
import { ApiError } from '../errors';
import { PageTokens } from '../page-tokens';
import { defineRoute } from '../route-definition';
import { appointmentPageSchema } from '../schemas/appointment-schemas';
import { parseInput } from '../validation';

const listQuerySchema = z
  .object({
    hostUserId: entityIdSchema.optional(),
    calendarId: entityIdSchema.optional(),
    status: z.enum(APPOINTMENT_STATUSES).optional(),
    from: instant.optional().meta({ description: 'appointments starting at or after' }),
    to: instant.optional().meta({ description: 'appointments starting before' }),
    pageToken: z.string().max(8192).optional(),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();

const listRoute = defineRoute({
  method: 'GET',
  url: '/v1/appointments',
  summary: 'A page of appointments by host, calendar, status and start range (from Temporal visibility)',
  tag: 'Appointments',
  access: 'api_key',
  query: listQuerySchema,
  responses: { 200: { description: 'a page; `nextPageToken` null on the last', schema: appointmentPageSchema } },
  handler: listAppointments,
});

export const appointmentListRoutes = [listRoute];

async function listAppointments(deps: ApiDependencies, request: FastifyRequest) {
  const query = parseInput(listQuerySchema, request.query ?? {});
  const filter = {
    hostUserId: query.hostUserId,
    calendarId: query.calendarId,
    status: query.status,
    from: query.from === undefined ? undefined : new Date(query.from),
    to: query.to === undefined ? undefined : new Date(query.to),
  };
  const tokens = new PageTokens(deps.config.encryptionKey);
  const listKey = appointmentQuery(deps.config.temporal.taskQueue, filter);
  const token = query.pageToken === undefined ? undefined : tokens.verify(query.pageToken, listKey);
  if (query.pageToken !== undefined && token === undefined) {
    throw new ApiError(400, 'invalid_request', 'pageToken is not a nextPageToken of this list', [
      { path: 'pageToken', message: 'must be the nextPageToken of an earlier page with the same filters' },
    ]);
  }
  const page = await listAppointmentExecutions(deps, filter, { size: query.pageSize, token });
  const views = await Promise.all(page.executions.map((execution) => viewOf(deps, execution)));
  return {
    items: views.filter((view): view is AppointmentView => view !== undefined && !view.deleted).map(withoutTimeline),
    nextPageToken: page.nextPageToken === null ? null : tokens.sign(page.nextPageToken, listKey),
  };
}

/** A closed appointment answers from the archive (no replay); a live one from its workflow. */
async function viewOf(deps: ApiDependencies, execution: AppointmentExecution): Promise<AppointmentView | undefined> {
  if (!execution.running) {
    const archived = await deps.repositories.appointmentArchive.get(execution.appointmentId);
    if (archived) return archived;
  }
  try {
    return await currentAppointmentView(deps, execution.appointmentId);
  } catch (error) {
    // gone between the listing and the query (e.g. retention): not an error of the list
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

function withoutTimeline({ timeline: _timeline, ...view }: AppointmentView) {
  return view;
}
