import { z } from 'zod';
import { userInputSchema } from '../../domain/user';
import { notFound } from '../errors';
import { defineRoute } from '../route-definition';
import { userIdParams } from '../route-params';
import { userSchema } from '../schemas/reference-data-schemas';
import { parseId, parseInput } from '../validation';

const putUser = defineRoute({
  method: 'PUT',
  url: '/v1/users/:userId',
  summary: 'Create or update a user (a team member, by the CRM’s user ID)',
  tag: 'Reference data',
  access: 'api_key',
  params: userIdParams,
  body: userInputSchema,
  responses: {
    200: { description: 'updated', schema: userSchema },
    201: { description: 'created', schema: userSchema },
  },
  handler: async ({ repositories: { users } }, request, reply) => {
    const id = parseId(request.params, 'userId');
    const input = parseInput(userInputSchema, request.body);
    const { row, created } = await users.upsert(id, input);
    return reply.status(created ? 201 : 200).send(row);
  },
});

const getUser = defineRoute({
  method: 'GET',
  url: '/v1/users/:userId',
  summary: 'A user',
  tag: 'Reference data',
  access: 'api_key',
  params: userIdParams,
  responses: { 200: { description: 'the user', schema: userSchema } },
  handler: async ({ repositories: { users } }, request) => {
    const id = parseId(request.params, 'userId');
    const user = await users.get(id);
    if (!user) throw notFound('user', id);
    return user;
  },
});

const listUsers = defineRoute({
  method: 'GET',
  url: '/v1/users',
  summary: 'All users, by ID',
  tag: 'Reference data',
  access: 'api_key',
  responses: { 200: { description: 'the users', schema: z.array(userSchema) } },
  handler: ({ repositories: { users } }) => users.list(),
});

export const userRoutes = [putUser, getUser, listUsers];
