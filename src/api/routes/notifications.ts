import { z } from 'zod';
import { entityIdSchema } from '../../domain/ids';
import { ApiError, notFound } from '../errors';
import { defineRoute } from '../route-definition';
import { userIdParams } from '../route-params';
import { notificationSchema } from '../schemas/operator-schemas';
import { parseId, parseInput } from '../validation';

const listNotifications = defineRoute({
  method: 'GET',
  url: '/v1/users/:userId/notifications',
  summary: 'A user’s in-app notifications, newest first (the last 200)',
  tag: 'Notifications',
  access: 'api_key',
  params: userIdParams,
  responses: { 200: { description: 'the notifications', schema: z.array(notificationSchema) } },
  handler: async ({ repositories: { notifications, users } }, request) => {
    const userId = parseId(request.params, 'userId');
    if (!(await users.get(userId))) throw notFound('user', userId);
    return notifications.listForUser(userId);
  },
});

// Notification IDs are the engine's own deduplication keys: longer than the CRM's IDs.
const notificationParams = z.object({ userId: entityIdSchema, notificationId: z.string().min(1).max(512) });
const notificationPatchSchema = z.object({ read: z.literal(true) }).strict();

const markNotificationRead = defineRoute({
  method: 'PATCH',
  url: '/v1/users/:userId/notifications/:notificationId',
  summary: 'Mark a notification read',
  tag: 'Notifications',
  access: 'api_key',
  params: notificationParams,
  body: notificationPatchSchema,
  responses: { 200: { description: 'the notification, read', schema: notificationSchema } },
  handler: async ({ repositories: { notifications } }, request) => {
    const { userId, notificationId } = parseInput(notificationParams, request.params);
    parseInput(notificationPatchSchema, request.body);
    const notification = await notifications.markRead(userId, notificationId);
    if (!notification) throw new ApiError(404, 'not_found', `user ${userId} has no notification ${notificationId}`);
    return notification;
  },
});

export const notificationRoutes = [listNotifications, markNotificationRead];
