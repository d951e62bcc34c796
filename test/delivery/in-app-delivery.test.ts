/**
 * In-app notifications, end to end: an `internal_notification` with channel `in_app` is stored for
 * the user it names and listed by GET /v1/users/{userId}/notifications; the appointment's messages
 * and timeline record it. The engine runs against the shared dev server (nothing here waits).
 */
import { publishAutomation } from '../harness/automation-publishing';
import { book } from '../harness/bookings';
import { startTestEngine, type TestEngine } from '../harness/engine';
import { deliverySetup, messageEventsOf, messagesAfterRun, twoDaysAfter } from './delivery-steps';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(async () => {
  await t?.stop();
});

interface NotificationView {
  id: string;
  at: string;
  subject?: string;
  body: string;
  appointmentId?: string;
  read: boolean;
}
const notificationsOf = async (userId: string) => {
  const response = await t.api.get(`/v1/users/${userId}/notifications`);
  expect(response.status).toBe(200);
  return response.body as NotificationView[];
};

test('the assigned user and a named user each find their notification, rendered, linked to the appointment, unread', async () => {
  const setup = await deliverySetup(t.api);
  const colleague = `${setup.hostId}-colleague`;
  await t.api.put(`/v1/users/${colleague}`, {
    name: 'Cole League',
    email: `${colleague}@example.com`,
    timezone: 'UTC',
  });
  await publishAutomation(t.api, setup, [
    {
      id: 'tell-host',
      type: 'internal_notification',
      channel: 'in_app',
      to: 'assigned_user',
      subject: 'New booking',
      body: '{{contact.name}} booked {{appointment.title}}',
    },
    {
      id: 'tell-colleague',
      type: 'internal_notification',
      channel: 'in_app',
      to: { userId: colleague },
      body: 'FYI: {{user.name}} has a new booking',
    },
  ]);
  const id = await book(t.api, setup, twoDaysAfter(Date.now()), { title: 'Intro call' });

  const messages = await messagesAfterRun(t.api, id);
  const [forHost] = await notificationsOf(setup.hostId);
  const [forColleague] = await notificationsOf(colleague);
  expect(await notificationsOf(setup.hostId)).toHaveLength(1);
  expect(await notificationsOf(colleague)).toHaveLength(1);
  expect(forHost).toEqual({
    id: expect.any(String),
    at: expect.any(String),
    subject: 'New booking',
    body: 'Carla Contact booked Intro call',
    appointmentId: id,
    read: false,
  });
  expect(forColleague).toEqual({
    id: expect.any(String),
    at: expect.any(String),
    body: 'FYI: Hana Host0 has a new booking',
    appointmentId: id,
    read: false,
  });

  expect(messages).toEqual([
    expect.objectContaining({
      stepId: 'tell-host',
      channel: 'in_app',
      to: setup.hostId,
      subject: 'New booking',
      body: forHost!.body,
      status: 'sent',
      providerId: forHost!.id,
    }),
    expect.objectContaining({
      stepId: 'tell-colleague',
      channel: 'in_app',
      to: colleague,
      body: forColleague!.body,
      status: 'sent',
      providerId: forColleague!.id,
    }),
  ]);
  expect((await messageEventsOf(t.api, id)).map((entry) => `${entry.type}:${entry.stepId}`)).toEqual([
    'message.sent:tell-host',
    'message.sent:tell-colleague',
  ]);
});

test('a notification for a user who does not exist is skipped, with the reason', async () => {
  const setup = await deliverySetup(t.api);
  await publishAutomation(t.api, setup, [
    {
      id: 'tell-ghost',
      type: 'internal_notification',
      channel: 'in_app',
      to: { userId: 'no-such-user' },
      body: 'hello',
    },
  ]);
  const id = await book(t.api, setup, twoDaysAfter(Date.now()));

  expect(await messagesAfterRun(t.api, id)).toEqual([
    expect.objectContaining({
      stepId: 'tell-ghost',
      channel: 'in_app',
      status: 'skipped',
      reason: 'unknown user no-such-user',
    }),
  ]);
  expect(await messageEventsOf(t.api, id)).toEqual([
    expect.objectContaining({ type: 'message.skipped', stepId: 'tell-ghost', reason: 'unknown user no-such-user' }),
  ]);
});

test('the notifications of an unknown user: 404', async () => {
  expect((await t.api.get('/v1/users/no-such-user/notifications')).status).toBe(404);
});
