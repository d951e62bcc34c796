/**
 * `GET /v1/overview`: bookings today and in the next 7 days, messages of the last 24 hours, each
 * host's Zoom budget today, broken Zoom connections and failing automation runs.
 */
import type { FastifyRequest } from 'fastify';
import { DateTime, IANAZone } from 'luxon';
import type { AppointmentStatus } from '../../domain/appointment';
import { utcDay } from '../../domain/utc-day';
import { ZOOM_DAILY_LIMIT } from '../../store/zoom-quota-repository';
import { AutomationRunStatusKey } from '../../temporal/search-attributes';
import type { ApiDependencies } from '../api-dependencies';
import { countAppointments } from '../appointment-visibility';
import { invalidRequest } from '../errors';
import { defineRoute } from '../route-definition';
import { overviewQuerySchema, overviewSchema } from '../schemas/overview-schemas';
import { parseInput } from '../validation';

const DAY_MS = 24 * 60 * 60 * 1000;

const overviewRoute = defineRoute({
  method: 'GET',
  url: '/v1/overview',
  summary: 'Today at a glance: bookings, messages, Zoom budgets, broken connections, failing runs',
  tag: 'Operations',
  access: 'api_key',
  query: overviewQuerySchema,
  responses: { 200: { description: 'the figures', schema: overviewSchema } },
  handler: overview,
});

export const overviewRoutes = [overviewRoute];

async function overview(deps: ApiDependencies, request: FastifyRequest) {
  const { timezone = 'UTC' } = parseInput(overviewQuerySchema, request.query ?? {});
  if (!IANAZone.isValidZone(timezone)) throw invalidRequest([{ path: 'timezone', message: 'unknown IANA time zone' }]);
  const now = new Date();
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf('day');
  const { messageLog, zoomQuota, zoomConnections } = deps.repositories;
  const [bookingsToday, bookingsNext7Days, messages24h, usage, broken, failingRuns] = await Promise.all([
    countBookings(deps, today.toJSDate(), today.plus({ days: 1 }).toJSDate()),
    countBookings(deps, now, new Date(now.getTime() + 7 * DAY_MS)),
    messageLog.outcomesSince(new Date(now.getTime() - DAY_MS)),
    zoomQuota.usageByUser(utcDay(now)),
    zoomConnections.brokenUserIds(),
    countFailedRuns(deps, new Date(now.getTime() - DAY_MS)),
  ]);
  return {
    bookings: { today: bookingsToday, next7Days: bookingsNext7Days },
    messages24h,
    zoomBudget: usage.map(({ userId, calls, exhausted }) => ({
      userId,
      usedToday: calls,
      limit: ZOOM_DAILY_LIMIT,
      exhausted,
    })),
    brokenZoomConnections: broken,
    failingRuns,
  };
}

/**
 * Live bookings starting in [from, to): an appointment's workflow runs until a week after its end
 * unless it is deleted, so running executions are exactly the appointments not deleted.
 */
async function countBookings(deps: ApiDependencies, from: Date, to: Date): Promise<number> {
  const count = (status?: AppointmentStatus) => countAppointments(deps, { from, to, running: true, status });
  const [all, cancelled, invalid] = await Promise.all([count(), count('cancelled'), count('invalid')]);
  return all - cancelled - invalid;
}

/** Runs that ended failed (they record it as a search attribute), or whose workflow failed, since `since`. */
async function countFailedRuns({ config, temporal }: ApiDependencies, since: Date): Promise<number> {
  const queue = config.temporal.taskQueue.replace(/'/g, "''");
  const { count } = await temporal.workflow.count(
    `WorkflowType = 'automationRun' AND TaskQueue = '${queue}' AND CloseTime >= '${since.toISOString()}' AND ` +
      `(${AutomationRunStatusKey.name} = 'failed' OR ExecutionStatus = 'Failed' OR ExecutionStatus = 'TimedOut')`,
  );
  return count;
}
