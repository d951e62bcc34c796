import type { FastifyInstance } from 'fastify';
import { userInputSchema } from '../../domain/user';
import { notFound } from '../errors';
import type { ApiDependencies } from '../api-dependencies';
import { parseId, parseInput } from '../validation';

export function registerUserRoutes(app: FastifyInstance, { repositories: { users } }: ApiDependencies): void {
  app.put('/v1/users/:userId', async (request, reply) => {
    const id = parseId(request.params, 'userId');
    const input = parseInput(userInputSchema, request.body);
    const { row, created } = await users.upsert(id, input);
    return reply.status(created ? 201 : 200).send(row);
  });

  app.get('/v1/users/:userId', async (request) => {
    const id = parseId(request.params, 'userId');
    const user = await users.get(id);
    if (!user) throw notFound('user', id);
    return user;
  });
}
