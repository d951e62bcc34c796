import type { FastifyInstance } from 'fastify';
import { notFound } from '../errors';
import type { ApiDependencies } from '../api-dependencies';
import { parseId } from '../validation';

export function registerNotificationRoutes(app: FastifyInstance, { repositories }: ApiDependencies): void {
  const { notifications, users } = repositories;

  app.get('/v1/users/:userId/notifications', async (request) => {
    const userId = parseId(request.params, 'userId');
    if (!(await users.get(userId))) throw notFound('user', userId);
    return notifications.listForUser(userId);
  });
}
