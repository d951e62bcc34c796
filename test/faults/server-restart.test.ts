/**
 * `npm start` restarted while reminders are pending: the embedded Temporal dev server stops and
 * starts again on the same SQLite file, and every reminder still fires, once.
 */
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { startEngine, type RunningEngine } from '../../src/engine';
import { createLogger } from '../../src/logging';
import { startTwilioFake, type TwilioFake } from '../fakes/twilio-fake';
import { ApiClient } from '../harness/api-client';
import { createPostgresDatabase } from '../harness/databases';
import { eventually, uniqueId } from '../harness/engine';
import { testTempDir, testWorkflowBundlePath } from '../harness/harness-env';
import { freePort } from '../harness/ports';

jest.setTimeout(4 * 60_000);

let twilio: TwilioFake;
let engine: RunningEngine | undefined;
beforeAll(async () => {
  twilio = await startTwilioFake();
});
afterAll(async () => {
  await engine?.stop();
  await twilio?.close();
});

test('reminders pending across a restart of the embedded Temporal server all fire, once', async () => {
  const env = {
    DATA_DIR: mkdtempSync(path.join(testTempDir(), 'restart-')),
    PORT: String(await freePort()),
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    DATABASE_URL: await createPostgresDatabase(),
    API_KEY: 'restart-test-key',
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM_NUMBER: '+15005550006',
    TWILIO_API_BASE_URL: twilio.baseUrl,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  };
  const start = async () => {
    const config = loadConfig(env);
    engine = await startEngine({
      config,
      logger: createLogger(config.logLevel),
      parts: { worker: true, api: true },
      workflowBundle: { codePath: testWorkflowBundlePath() },
    });
    expect(engine.temporalAddress).toBe(`127.0.0.1:${env.TEMPORAL_DEV_PORT}`); // the embedded server
    return new ApiClient(engine.apiUrl as string, env.API_KEY);
  };

  let api = await start();
  const hostId = uniqueId('host');
  await api.put(`/v1/users/${hostId}`, { name: 'Host', email: 'host@example.com', timezone: 'UTC' });
  const contactId = uniqueId('contact');
  await api.put(`/v1/contacts/${contactId}`, { firstName: 'Carla', phone: '+14155550199' });
  const calendarId = uniqueId('cal');
  await api.put(`/v1/calendars/${calendarId}`, {
    name: 'Calls',
    type: 'service',
    teamMemberIds: [hostId],
    meetingLocation: { type: 'static', value: 'Room 1' },
  });
  await api.post('/v1/automations', {
    name: 'remind',
    status: 'published',
    trigger: { type: 'appointment_status', filters: { statuses: ['confirmed'], calendarIds: [calendarId] } },
    actions: [
      { id: 'confirm', type: 'send_sms', to: 'contact', body: 'Booked {{appointment.id}}' },
      { id: 'before', type: 'wait_for_appointment_time', offset: '-20s', ifPassed: 'next' },
      { id: 'remind', type: 'send_sms', to: 'contact', body: 'Soon {{appointment.id}}' },
    ],
  });
  const ids: string[] = [];
  const firstStart = Date.now() + 60_000;
  for (let i = 0; i < 10; i++) {
    const id = uniqueId('restart');
    ids.push(id);
    const startTime = new Date(firstStart + i * 2_000).toISOString();
    const response = await api.post('/v1/appointments', {
      id,
      calendarId,
      contactId,
      startTime,
      endTime: new Date(Date.parse(startTime) + 1_800_000).toISOString(),
    });
    expect(response.status).toBe(201);
  }
  await twilio.waitForMessages(10, 30_000); // the confirmations
  expect(twilio.messages.filter((sms) => sms.body.startsWith('Soon'))).toHaveLength(0);

  await engine!.stop(); // API, worker, then the Temporal server
  engine = undefined;
  api = await start();

  await eventually(
    'every reminder',
    async () => (twilio.messages.filter((sms) => sms.body.startsWith('Soon')).length >= 10 ? true : undefined),
    120_000,
  );
  await eventually(
    'every run completed',
    async () => {
      const views = await Promise.all(ids.map(async (id) => (await api.get(`/v1/appointments/${id}`)).body));
      return views.every((view) => view.automationRuns[0]?.status === 'completed') ? true : undefined;
    },
    60_000,
  );
  const bodies = twilio.messages.map((sms) => sms.body).sort();
  expect(bodies).toEqual(ids.flatMap((id) => [`Booked ${id}`, `Soon ${id}`]).sort());
});
