/**
 * GET /v1/overview: the console's home page figures move with what happens — bookings today and in
 * the next 7 days (not cancelled), messages sent and failed per channel, each host's Zoom calls
 * today, broken Zoom connections — and runs record how they ended for the failing-runs count.
 */
import { randomBytes } from 'node:crypto';
import { startSmtpFake, type SmtpFake } from '../fakes/smtp-fake';
import { startZoomFake, type ZoomFake } from '../fakes/zoom-fake';
import { publishAutomation } from '../harness/automation-publishing';
import { sendEmail, sendSms, internalNotification } from '../harness/automation-definitions';
import { book } from '../harness/bookings';
import { eventually, startTestEngine, zoomEnv, type TestEngine } from '../harness/engine';
import { createBookingSetup, hoursFromNow } from '../harness/reference-data';
import { hostWithZoom } from '../harness/zoom-connect';
import { TokenCipher } from '../../src/store/token-cipher';
import { ZoomConnectionsRepository } from '../../src/store/zoom-connections-repository';

let t: TestEngine;
let smtp: SmtpFake;
let zoom: ZoomFake;
beforeAll(async () => {
  smtp = await startSmtpFake();
  zoom = await startZoomFake();
  t = await startTestEngine({ ...zoomEnv(zoom), SMTP_URL: smtp.url });
});
afterAll(async () => {
  await t?.stop();
  await smtp?.close();
  await zoom?.close();
});

/** A fixed-offset zone where the local hour is now `hour` (noon: "in two hours" is still today there). */
function zoneAt(hour: number, now = new Date()): string {
  let offset = hour - now.getUTCHours();
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  // Etc/GMT zones count the other way round: Etc/GMT-5 is UTC+5
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

const overview = async (timezone = zoneAt(12)) => {
  const response = await t.api.get(`/v1/overview?timezone=${encodeURIComponent(timezone)}`);
  expect(response.status).toBe(200);
  return response.body;
};

test('a fresh engine: nothing booked, sent or failing', async () => {
  expect(await overview()).toEqual({
    bookings: { today: 0, next7Days: 0 },
    messages24h: { email: { sent: 0, failed: 0 }, sms: { sent: 0, failed: 0 }, in_app: { sent: 0, failed: 0 } },
    zoomBudget: [],
    brokenZoomConnections: [],
    failingRuns: 0,
  });
});

test('bookings, messages, Zoom calls and a broken connection show in the figures', async () => {
  const withZoom = await hostWithZoom(t.api, zoom);
  const plain = await createBookingSetup(t.api, { location: { type: 'static', value: 'Room 4' } });
  await publishAutomation(t.api, withZoom, [
    sendSms('text'),
    sendEmail('mail'),
    internalNotification('note', { channel: 'in_app', to: 'assigned_user', body: 'Booked' }),
  ]);
  // the e-mail is refused for good: three attempts, then the step fails
  smtp.faults.next(3, { kind: 'fail', reply: { code: 550, message: '5.1.1 No such user' }, at: 'rcpt' });

  const today = await book(t.api, withZoom, hoursFromNow(2));
  await book(t.api, plain, hoursFromNow(24 * 3));
  const cancelled = await book(t.api, plain, hoursFromNow(24 * 4));
  await t.api.patch(`/v1/appointments/${cancelled}`, { status: 'cancelled' });
  await book(t.api, plain, hoursFromNow(24 * 9)); // beyond the next 7 days

  await eventually('the run completed', async () =>
    (await t.api.get(`/v1/appointments/${today}`)).body.automationRuns[0]?.status === 'completed' ? true : undefined,
  );
  const figures = await eventually('bookings indexed', async () => {
    const body = await overview();
    return body.bookings.next7Days === 2 ? body : undefined;
  });
  expect(figures).toEqual({
    bookings: { today: 1, next7Days: 2 },
    messages24h: { email: { sent: 0, failed: 1 }, sms: { sent: 1, failed: 0 }, in_app: { sent: 1, failed: 0 } },
    zoomBudget: [{ userId: withZoom.hostId, usedToday: 1, limit: 100, exhausted: false }],
    brokenZoomConnections: [],
    failingRuns: 0,
  });

  // the run recorded how it ended, which is what the failing-runs figure counts (for `failed`)
  const completedRuns = await eventually('run status indexed', async () => {
    const { count } = await t.engine.client.workflow.count(
      `TaskQueue = '${t.engine.config.temporal.taskQueue}' AND AutomationRunStatus = 'completed'`,
    );
    return count > 0 ? count : undefined;
  });
  expect(completedRuns).toBe(1);

  // "today" is the calendar day of the given zone: where it is 11 PM now, two hours from now is tomorrow
  expect((await overview(zoneAt(23))).bookings).toEqual({ today: 0, next7Days: 2 });

  // Zoom refused the host's tokens: the connection is broken
  const connections = new ZoomConnectionsRepository(t.engine.db, new TokenCipher(randomBytes(32)));
  await connections.markBroken(withZoom.hostId, 'refresh token revoked');
  expect((await overview()).brokenZoomConnections).toEqual([withZoom.hostId]);
});

test('an unknown time zone is 400 naming it', async () => {
  const response = await t.api.get('/v1/overview?timezone=Mars%2FOlympus');
  expect(response.status).toBe(400);
  expect(response.body.error.issues[0].path).toBe('timezone');
});
