/**
 * Records the replay fixtures: runs named scenarios through the real engine (HTTP API, worker,
 * fakes) and saves every workflow's history with historyToJSON under test/replay/histories/.
 *
 *   npm run replay:record            # all scenarios
 *   REPLAY_SCENARIOS=booking npm run replay:record
 *
 * Run it after a deliberate change of workflow behaviour that is guarded with patched(): keep the
 * old fixtures (they prove old executions still replay) and add the new ones. Most scenarios run on
 * the time-skipping server (weeks pass in seconds); the continue-as-new one on a dev server told
 * to suggest continue-as-new after a few events.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import { startDevServer } from '../../src/temporal/dev-server';
import { meetingSlotWorkflowId } from '../../src/workflows/workflow-ids';
import { startZoomFake } from '../fakes/zoom-fake';
import { eventually, startTestEngine, uniqueId, zoomEnv } from '../harness/engine';
import { plusMinutes } from '../harness/reference-data';
import { freePort } from '../harness/ports';
import { startTimeSkippingEngine, zoomBookingSetup, type TimeSkippingEngine } from '../harness/time-skipping-engine';
import { connectZoom } from '../harness/zoom-connect';
import { createBookingSetup } from '../harness/reference-data';
import { publishAutomation } from '../harness/automation-publishing';
import { appointmentBody, book as bookAt, type BookingTarget } from '../harness/bookings';
import { asConsole, signIn } from '../harness/console-session';
import { emailsOf, linkInEmail, openPage, submitPage } from '../harness/self-service';

const HISTORIES_DIR = path.join(__dirname, 'histories');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const only = process.env.REPLAY_SCENARIOS?.split(',');
const scenario = (name: string, fn: () => Promise<void>, timeout = 120_000) =>
  (only && !only.includes(name) ? test.skip : test)(name, fn, timeout);

async function save(client: Client, name: string, workflowIds: string[]): Promise<void> {
  mkdirSync(HISTORIES_DIR, { recursive: true });
  for (const workflowId of workflowIds) {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const kind = workflowId.split(':')[0];
    const file = path.join(HISTORIES_DIR, `${name}--${kind}.json`);
    writeFileSync(file, `${historyToJSON(history)}\n`);
  }
}

const at = (ms: number) => new Date(ms).toISOString();

describe('on the time-skipping server', () => {
  let t: TimeSkippingEngine;
  beforeAll(async () => {
    t = await startTimeSkippingEngine();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const view = async (id: string) => (await t.api.get(`/v1/appointments/${id}`)).body;
  const book = (setup: BookingTarget, start: number) => bookAt(t.api, setup, start, { id: uniqueId('rec') });
  const linked = (id: string) =>
    eventually(`link of ${id}`, async () => (await view(id)).zoomMeeting?.joinUrl as string | undefined);
  const publish = (calendarId: string, actions: unknown[]) => publishAutomation(t.api, { calendarId }, actions);
  const base = async () => Math.floor((await t.now()) / MINUTE) * MINUTE;

  scenario('booking-with-zoom', async () => {
    const setup = await zoomBookingSetup(t);
    const start = (await base()) + 3 * DAY;
    const id = await book(setup, start);
    await linked(id);
    await save(t.engine.client, 'booking-with-zoom', [
      `appointment:${id}`,
      meetingSlotWorkflowId(setup.hostId, at(start)),
    ]);
  });

  scenario('edit-same-time', async () => {
    const setup = await zoomBookingSetup(t);
    const start = (await base()) + 3 * DAY;
    const id = await book(setup, start);
    await linked(id);
    await t.api.patch(`/v1/appointments/${id}`, { title: 'Contract review', notes: 'bring the draft' });
    await eventually('update', async () =>
      (await view(id)).timeline.some((e: { type: string }) => e.type === 'zoom.meeting_updated') ? true : undefined,
    );
    await save(t.engine.client, 'edit-same-time', [
      `appointment:${id}`,
      meetingSlotWorkflowId(setup.hostId, at(start)),
    ]);
  });

  scenario('reschedule-free-slot', async () => {
    const setup = await zoomBookingSetup(t);
    const start = (await base()) + 3 * DAY;
    const id = await book(setup, start);
    const oldLink = await linked(id);
    await t.api.patch(`/v1/appointments/${id}`, { startTime: at(start + DAY), endTime: at(start + DAY + 30 * MINUTE) });
    await eventually('new link and old meeting deleted', async () => {
      const current = await view(id);
      return current.zoomMeeting &&
        current.zoomMeeting.joinUrl !== oldLink &&
        current.timeline.some((e: { type: string }) => e.type === 'zoom.meeting_deleted')
        ? true
        : undefined;
    });
    await save(t.engine.client, 'reschedule-free-slot', [
      `appointment:${id}`,
      meetingSlotWorkflowId(setup.hostId, at(start)),
      meetingSlotWorkflowId(setup.hostId, at(start + DAY)),
    ]);
  });

  scenario('reschedule-occupied-slot', async () => {
    const setup = await zoomBookingSetup(t, { slotCapacity: 2 });
    const start = (await base()) + 3 * DAY;
    const mover = await book(setup, start);
    const resident = await book(setup, start + DAY);
    await linked(mover);
    const residentLink = await linked(resident);
    await t.api.patch(`/v1/appointments/${mover}`, {
      startTime: at(start + DAY),
      endTime: at(start + DAY + 30 * MINUTE),
    });
    await eventually('link reused', async () =>
      (await view(mover)).meetingLocation === residentLink ? true : undefined,
    );
    await eventually('old deleted', async () =>
      (await view(mover)).timeline.some((e: { type: string }) => e.type === 'zoom.meeting_deleted') ? true : undefined,
    );
    await save(t.engine.client, 'reschedule-occupied-slot', [
      `appointment:${mover}`,
      meetingSlotWorkflowId(setup.hostId, at(start + DAY)),
    ]);
  });

  scenario('cancel-shared-slot', async () => {
    const setup = await zoomBookingSetup(t, { slotCapacity: 2 });
    const start = (await base()) + 3 * DAY;
    const first = await book(setup, start);
    const second = await book(setup, start);
    await linked(first);
    await linked(second);
    await t.api.patch(`/v1/appointments/${first}`, { status: 'cancelled' });
    await t.api.patch(`/v1/appointments/${second}`, { status: 'cancelled' });
    await eventually('deleted', async () =>
      (await view(second)).timeline.some((e: { type: string }) => e.type === 'zoom.meeting_deleted') ? true : undefined,
    );
    await save(t.engine.client, 'cancel-shared-slot', [
      `appointment:${second}`,
      meetingSlotWorkflowId(setup.hostId, at(start)),
    ]);
  });

  scenario('reminder-cadence', async () => {
    const setup = await zoomBookingSetup(t);
    const recipes = (await t.api.get('/v1/recipes')).body as {
      id: string;
      automation: { trigger: { filters: object }; actions: unknown[] };
    }[];
    const recipe = recipes.find((r) => r.id === 'appointment-confirmation-and-reminders')!;
    await publish(setup.calendarId, recipe.automation.actions);
    const start = (await base()) + 30 * DAY;
    const id = await book(setup, start);
    await linked(id);
    await t.advanceTo(start + HOUR);
    const runId = await eventually('the run completed', async () => {
      const run = (await view(id)).automationRuns[0];
      return run?.status === 'completed' ? (run.runId as string) : undefined;
    });
    await save(t.engine.client, 'reminder-cadence', [`appointment:${id}`, runId]);
  });

  for (const [name, ifPassed] of [
    ['if-passed-next', 'next'],
    ['if-passed-skip', 'skip_outbound_until_next_wait'],
    ['if-passed-goto', { goto: 'final' }],
  ] as const) {
    scenario(name, async () => {
      const setup = await zoomBookingSetup(t);
      await publish(setup.calendarId, [
        { id: 'w24', type: 'wait_for_appointment_time', offset: '-24h', ifPassed },
        { id: 'r24', type: 'send_sms', to: 'contact', body: 'R24 {{appointment.start_time}}' },
        { id: 'w15', type: 'wait_for_appointment_time', offset: '-15m', ifPassed: 'next' },
        { id: 'r15', type: 'send_sms', to: 'contact', body: 'R15' },
        {
          id: 'final',
          type: 'send_email',
          to: 'contact',
          subject: 'Final',
          text: 'At {{appointment.only_start_time}}',
        },
      ]);
      const start = (await base()) + 30 * MINUTE;
      const id = await book(setup, start);
      await t.advanceTo(start + MINUTE);
      const runId = await eventually('the run completed', async () => {
        const run = (await view(id)).automationRuns[0];
        return run?.status === 'completed' ? (run.runId as string) : undefined;
      });
      await save(t.engine.client, name, [runId]);
    });
  }

  const completedRun = (id: string) =>
    eventually('the run completed', async () => {
      const run = (await view(id)).automationRuns[0];
      return run?.status === 'completed' ? (run.runId as string) : undefined;
    });
  const staticCalendar = () => createBookingSetup(t.api, { location: { type: 'static', value: 'Room 4' } });

  scenario('wait-window', async () => {
    // Held from Saturday 14:00 to Monday 09:00 in the calendar's zone (read by an activity), then a
    // reminder 24 h before a Monday appointment held by a window in its own zone.
    const zone = 'America/New_York';
    const setup = await staticCalendar();
    const weekdays = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' };
    await publish(setup.calendarId, [
      { id: 'later', type: 'wait', duration: '1h', window: weekdays },
      { id: 'note', type: 'send_sms', to: 'contact', body: 'After the weekend' },
      {
        id: 'day-before',
        type: 'wait_for_appointment_time',
        offset: '-24h',
        ifPassed: 'next',
        window: { ...weekdays, timezone: zone },
      },
      { id: 'reminder', type: 'send_sms', to: 'contact', body: 'See you {{appointment.start_time}}' },
    ]);
    let saturday = DateTime.fromMillis((await t.now()) + DAY, { zone }).set({ hour: 13, minute: 0, second: 0 });
    while (saturday.weekday !== 6) saturday = saturday.plus({ days: 1 });
    const appointment = saturday.plus({ days: 9 }).set({ hour: 11 }); // the Monday after next
    await t.advanceTo(saturday.toMillis());
    const id = await book(setup, appointment.toMillis());
    await t.advanceTo(appointment.toMillis() + MINUTE);
    await save(t.engine.client, 'wait-window', [await completedRun(id)]);
  });

  scenario('condition-branches', async () => {
    // A condition on the snapshot, a reschedule during a wait, then one that loads the contact's facts.
    const setup = await staticCalendar();
    await publish(setup.calendarId, [
      {
        id: 'check',
        type: 'condition',
        match: 'all',
        if: [{ field: 'status', in: ['new'] }],
        then: 'end',
        else: 'next',
      },
      { id: 'later', type: 'wait', duration: '1h' },
      {
        id: 'moved',
        type: 'condition',
        match: 'any',
        if: [
          { field: 'rescheduled', is: true },
          { field: 'contact.email', exists: false },
        ],
        then: 'next',
        else: 'end',
      },
      { id: 'new-time', type: 'send_sms', to: 'contact', body: 'New time {{appointment.start_time}}' },
      { id: 'end', type: 'send_sms', to: 'contact', body: 'Bye' },
    ]);
    const start = (await base()) + 3 * DAY;
    const id = await book(setup, start);
    await eventually('the run waiting', async () =>
      (await view(id)).automationRuns[0]?.currentStep === 'later' ? true : undefined,
    );
    await t.api.patch(`/v1/appointments/${id}`, { startTime: at(start + DAY), endTime: at(start + DAY + 30 * MINUTE) });
    await t.advanceBy(HOUR + MINUTE);
    await save(t.engine.client, 'condition-branches', [await completedRun(id)]);
  });

  scenario('self-service-cancel', async () => {
    // Booked by the console (source user), the link opened by the contact, then cancelled through it
    // (source contact): the meeting is deleted and the run stops.
    const setup = await zoomBookingSetup(t);
    await publish(setup.calendarId, [
      { id: 'mail', type: 'send_email', to: 'contact', subject: 'Booked', text: 'Cancel: {{appointment.cancel_link}}' },
      { id: 'day-before', type: 'wait_for_appointment_time', offset: '-24h', ifPassed: 'next' },
      { id: 'reminder', type: 'send_sms', to: 'contact', body: 'Tomorrow' },
    ]);
    const start = (await base()) + 3 * DAY;
    const cookie = await signIn(t.api);
    const id = uniqueId('rec');
    await t.api.post('/v1/appointments', appointmentBody(setup, start, { id }), asConsole(cookie));
    await linked(id);
    const mail = await eventually('the e-mail with the link', async () => emailsOf(t.smtp.messages, id)[0]);
    const link = linkInEmail(mail, 'cancel');
    await openPage(link);
    await submitPage(link);
    await eventually('the meeting deleted', async () =>
      (await view(id)).timeline.some((e: { type: string }) => e.type === 'zoom.meeting_deleted') ? true : undefined,
    );
    await t.advanceTo(start - DAY + MINUTE);
    await eventually('the run ended', async () =>
      (await view(id)).automationRuns[0]?.status === 'running' ? undefined : true,
    );
    await save(t.engine.client, 'self-service-cancel', [`appointment:${id}`]);
  });
});

describe('on a dev server that suggests continue-as-new early', () => {
  scenario(
    'continue-as-new',
    async () => {
      const server = await startDevServer({
        port: await freePort(),
        extraArgs: ['--dynamic-config-value', 'limit.historyCount.suggestContinueAsNew=40'],
      });
      const zoom = await startZoomFake();
      const engine = await startTestEngine({ TEMPORAL_ADDRESS: server.address, ...zoomEnv(zoom) });
      try {
        const setup = await createBookingSetup(engine.api);
        const zoomUserId = uniqueId('zu');
        zoom.addAccount({ id: zoomUserId, email: 'can@zoom.example' });
        await connectZoom(engine.api, zoom, setup.hostId, zoomUserId);
        const id = uniqueId('can');
        const start = new Date(Date.now() + 5 * DAY).toISOString();
        await engine.api.post('/v1/appointments', {
          id,
          calendarId: setup.calendarId,
          contactId: setup.contactId,
          startTime: start,
          endTime: plusMinutes(start, 30),
        });
        for (let i = 0; i < 25; i++) await engine.api.patch(`/v1/appointments/${id}`, { notes: `edit ${i}` });
        const handle = engine.engine.client.workflow.getHandle(`appointment:${id}`);
        const firstRunId = async () => (await handle.describe()).raw.workflowExecutionInfo?.firstRunId as string;
        await eventually('a continued run', async () =>
          (await handle.describe()).runId !== (await firstRunId()) ? true : undefined,
        );
        // the first run's history ends in continue-as-new
        const firstRun = engine.engine.client.workflow.getHandle(`appointment:${id}`, await firstRunId());
        mkdirSync(HISTORIES_DIR, { recursive: true });
        writeFileSync(
          path.join(HISTORIES_DIR, 'continue-as-new--appointment.json'),
          `${historyToJSON(await firstRun.fetchHistory())}\n`,
        );
        if ((await engine.api.get(`/v1/appointments/${id}`)).body.notes !== 'edit 24')
          throw new Error('state lost across continue-as-new');
      } finally {
        await engine.stop();
        await zoom.close();
        await server.stop({ kill: true });
      }
    },
    180_000,
  );
});
