import type { FastifyInstance } from 'fastify';
import { calendarInputSchema, dynamicZoomRefusal } from '../../domain/calendar';
import { ApiError, invalidRequest, notFound } from '../errors';
import type { ApiDependencies } from '../api-dependencies';
import { parseId, parseInput } from '../validation';

export function registerCalendarRoutes(app: FastifyInstance, { repositories }: ApiDependencies): void {
  const { calendars, users } = repositories;

  app.put('/v1/calendars/:calendarId', async (request, reply) => {
    const id = parseId(request.params, 'calendarId');
    const input = parseInput(calendarInputSchema, request.body);
    const missing = await users.missing(input.teamMemberIds);
    if (missing.length > 0) {
      throw invalidRequest(
        missing.map((userId) => ({
          path: `teamMemberIds[${input.teamMemberIds.indexOf(userId)}]`,
          message: `unknown user ${userId}`,
        })),
      );
    }
    const refusal = dynamicZoomRefusal(input);
    if (refusal) {
      throw new ApiError(422, 'dynamic_zoom_not_allowed', refusal, [
        { path: 'meetingLocation.type', message: refusal },
      ]);
    }
    const { row, created } = await calendars.upsert(id, input);
    return reply.status(created ? 201 : 200).send(row);
  });

  app.get('/v1/calendars/:calendarId', async (request) => {
    const id = parseId(request.params, 'calendarId');
    const calendar = await calendars.get(id);
    if (!calendar) throw notFound('calendar', id);
    return calendar;
  });
}
