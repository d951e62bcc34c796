import { z } from 'zod';
import { calendarInputSchema, dynamicZoomRefusal } from '../../domain/calendar';
import { ApiError, invalidRequest, notFound } from '../errors';
import type { ApiDependencies } from '../api-dependencies';
import { defineRoute } from '../route-definition';
import { calendarIdParams } from '../route-params';
import { calendarSchema } from '../schemas/reference-data-schemas';
import { parseId, parseInput } from '../validation';

const putCalendar = defineRoute({
  method: 'PUT',
  url: '/v1/calendars/:calendarId',
  summary: 'Create or update a calendar; Zoom only on round-robin and collective calendars with a team (else 422)',
  tag: 'Reference data',
  access: 'api_key',
  params: calendarIdParams,
  body: calendarInputSchema,
  responses: {
    200: { description: 'updated', schema: calendarSchema },
    201: { description: 'created', schema: calendarSchema },
  },
  handler: async ({ repositories }: ApiDependencies, request, reply) => {
    const { calendars, users } = repositories;
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
  },
});

const getCalendar = defineRoute({
  method: 'GET',
  url: '/v1/calendars/:calendarId',
  summary: 'A calendar',
  tag: 'Reference data',
  access: 'api_key',
  params: calendarIdParams,
  responses: { 200: { description: 'the calendar', schema: calendarSchema } },
  handler: async ({ repositories: { calendars } }, request) => {
    const id = parseId(request.params, 'calendarId');
    const calendar = await calendars.get(id);
    if (!calendar) throw notFound('calendar', id);
    return calendar;
  },
});

const listCalendars = defineRoute({
  method: 'GET',
  url: '/v1/calendars',
  summary: 'All calendars, by ID',
  tag: 'Reference data',
  access: 'api_key',
  responses: { 200: { description: 'the calendars', schema: z.array(calendarSchema) } },
  handler: ({ repositories: { calendars } }) => calendars.list(),
});

export const calendarRoutes = [putCalendar, getCalendar, listCalendars];
