import type { FastifyInstance } from 'fastify';
import { NotificationsRepository } from '../../store/notifications-repository';
import { UsersRepository } from '../../store/users-repository';
import { notFound } from '../errors';
import type { ApiDependencies } from '../server';
import { parseId } from '../validation';

export function registerNotificationRoutes(app: FastifyInstance, deps: ApiDependencies): void {
  const notifications = new NotificationsRepository(deps.db);
  const users = new UsersRepository(deps.db);

  app.get('/v1/users/:userId/notifications', async (request) => {
    const userId = parseId(request.params, 'userId');
    if (!(await users.get(userId))) throw notFound('user', userId);
    return notifications.listForUser(userId);
  });
}
