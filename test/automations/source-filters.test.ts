/**
 * Who made a change decides which automations it starts: a confirmation by the contact (through the
 * confirm link of their e-mail), by the console's user (a session-cookie PATCH) or over the API
 * (a bearer key) starts only the automations whose source filter allows it; `appointment_booked`
 * fires once per appointment, on its creation, whatever its status. Real HTTP API, real Temporal
 * (time-skipping server), the SMTP fake.
 */
import { internalNotification, sendEmail } from '../harness/automation-definitions';
import { book } from '../harness/bookings';
import { asConsole, signIn } from '../harness/console-session';
import { eventually, uniqueId } from '../harness/engine';
import { createBookingSetup } from '../harness/reference-data';
import { emailsOf, linkInEmail, openPage, submitPage } from '../harness/self-service';
import { startTimeSkippingEngine, type TimeSkippingEngine } from '../harness/time-skipping-engine';

const DAY = 24 * 60 * 60_000;

let t: TimeSkippingEngine;
beforeAll(async () => {
  t = await startTimeSkippingEngine();
});
afterAll(async () => {
  await t?.stop();
});

interface Run {
  runId: string;
  automationId: string;
  status: string;
}
interface TimelineEntry {
  type: string;
  [detail: string]: unknown;
}

const viewOf = async (id: string) => (await t.api.get(`/v1/appointments/${id}`)).body;
const at = (ms: number) => new Date(ms).toISOString();

async function publish(name: string, trigger: object, actions: unknown[]): Promise<string> {
  const response = await t.api.post('/v1/automations', { name, status: 'published', trigger, actions });
  if (response.status !== 201) throw new Error(`publishing ${name}: ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

/**
 * A calendar with four automations: one on bookings (it e-mails the confirm link), and three on
 * confirmations, from the contact only, from the team only (API or console), from anyone.
 */
async function calendarWithAutomations() {
  const setup = await createBookingSetup(t.api, { location: { type: 'static', value: 'Room 4' } });
  const calendarIds = [setup.calendarId];
  const onConfirmed = (sources?: string[]) => ({
    type: 'appointment_status',
    filters: { statuses: ['confirmed'], calendarIds, ...(sources ? { sources } : {}) },
  });
  const note = (id: string) => [internalNotification(id, { body: `${id} for {{contact.name}}` })];
  const ids = {
    booked: await publish('On booking', { type: 'appointment_booked', filters: { calendarIds } }, [
      sendEmail('ask', { subject: 'Please confirm', text: 'Confirm: {{appointment.confirm_link}}', html: undefined }),
    ]),
    byContact: await publish('Confirmed by the contact', onConfirmed(['contact']), note('by-contact')),
    byTeam: await publish('Confirmed by the team', onConfirmed(['api', 'user']), note('by-team')),
    byAnyone: await publish('Confirmed by anyone', onConfirmed(), note('by-anyone')),
  };
  return { setup, ids };
}

/** The runs of an appointment once they are exactly the automations expected, all finished. */
async function runsSettle(appointmentId: string, automationIds: string[]): Promise<Run[]> {
  return eventually(`runs of ${automationIds.length} automations on ${appointmentId}`, async () => {
    const runs = (await viewOf(appointmentId)).automationRuns as Run[];
    const started = runs.map((run) => run.automationId).sort();
    return JSON.stringify(started) === JSON.stringify([...automationIds].sort()) &&
      runs.every((run) => run.status === 'completed')
      ? runs
      : undefined;
  });
}

const triggered = async (appointmentId: string) =>
  ((await viewOf(appointmentId)).timeline as TimelineEntry[]).filter((entry) => entry.type === 'automation.triggered');

test('a confirmation through the contact’s link starts the automations that allow the contact, and not those of the team', async () => {
  const { setup, ids } = await calendarWithAutomations();
  const id = await book(t.api, setup, at((await t.now()) + 2 * DAY), { status: 'new' });

  // booked in status new: only the booking trigger fires
  await runsSettle(id, [ids.booked]);
  const [ask] = await eventually('the e-mail with the confirm link', async () => {
    const received = emailsOf(t.smtp.messages, id);
    return received.length > 0 ? received : undefined;
  });
  const link = linkInEmail(ask!, 'confirm');
  expect((await openPage(link)).status).toBe(200);
  expect((await submitPage(link)).status).toBe(200);

  await runsSettle(id, [ids.booked, ids.byContact, ids.byAnyone]);
  expect(await triggered(id)).toEqual([
    expect.objectContaining({ automationId: ids.booked, trigger: 'appointment_booked', status: 'new', source: 'api' }),
    ...[ids.byContact, ids.byAnyone].map(() =>
      expect.objectContaining({ trigger: 'appointment_status', status: 'confirmed', source: 'contact' }),
    ),
  ]);
  const timeline = (await viewOf(id)).timeline as TimelineEntry[];
  expect(timeline).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ type: 'created', source: 'api' }),
      expect.objectContaining({ type: 'status_changed', from: 'new', to: 'confirmed', source: 'contact' }),
    ]),
  );
});

test('a confirmation in the console starts the team’s automations, not the contact’s; over the API the same', async () => {
  const { setup, ids } = await calendarWithAutomations();
  const cookie = await signIn(t.api);
  const start = (await t.now()) + 3 * DAY;

  const inConsole = await book(t.api, setup, at(start), { status: 'new' });
  await runsSettle(inConsole, [ids.booked]);
  const patched = await t.api.patch(`/v1/appointments/${inConsole}`, { status: 'confirmed' }, asConsole(cookie));
  expect(patched.status).toBe(200);
  await runsSettle(inConsole, [ids.booked, ids.byTeam, ids.byAnyone]);
  expect((await triggered(inConsole)).slice(1).map((entry) => entry.source)).toEqual(['user', 'user']);
  expect((await viewOf(inConsole)).timeline).toEqual(
    expect.arrayContaining([expect.objectContaining({ type: 'status_changed', to: 'confirmed', source: 'user' })]),
  );

  const overApi = await book(t.api, setup, at(start + 60 * 60_000), { status: 'new' });
  await runsSettle(overApi, [ids.booked]);
  expect((await t.api.patch(`/v1/appointments/${overApi}`, { status: 'confirmed' })).status).toBe(200);
  await runsSettle(overApi, [ids.booked, ids.byTeam, ids.byAnyone]);
  expect((await triggered(overApi)).slice(1).map((entry) => entry.source)).toEqual(['api', 'api']);
});

test('appointment_booked fires once, on the creation, whatever the status, never on later changes; its source filter holds', async () => {
  const { setup, ids } = await calendarWithAutomations();
  const fromConsoleOnly = await publish(
    'Booked in the console',
    { type: 'appointment_booked', filters: { calendarIds: [setup.calendarId], sources: ['user'] } },
    [internalNotification('console-booking')],
  );
  const cookie = await signIn(t.api);
  const start = (await t.now()) + 4 * DAY;

  // booked confirmed in the console: the booking triggers (both) and the confirmation ones the team allows
  const id = uniqueId('appt');
  const body = {
    id,
    calendarId: setup.calendarId,
    contactId: setup.contactId,
    startTime: at(start),
    endTime: at(start + 30 * 60_000),
  };
  expect((await t.api.post('/v1/appointments', body, asConsole(cookie))).status).toBe(201);
  await runsSettle(id, [ids.booked, fromConsoleOnly, ids.byTeam, ids.byAnyone]);
  expect((await viewOf(id)).timeline[0]).toMatchObject({ type: 'created', status: 'confirmed', source: 'user' });

  // later changes: a repeat of the booking, a reschedule, new, confirmed again, cancelled: no booking run more
  expect((await t.api.post('/v1/appointments', body)).status).toBe(200);
  await t.api.patch(`/v1/appointments/${id}`, { startTime: at(start + DAY), endTime: at(start + DAY + 30 * 60_000) });
  await t.api.patch(`/v1/appointments/${id}`, { status: 'new' });
  await t.api.patch(`/v1/appointments/${id}`, { status: 'confirmed' });
  await runsSettle(id, [ids.booked, fromConsoleOnly, ids.byTeam, ids.byAnyone, ids.byTeam, ids.byAnyone]);
  const bookingRuns = (await triggered(id)).filter((entry) => entry.trigger === 'appointment_booked');
  expect(bookingRuns.map((entry) => entry.automationId).sort()).toEqual([ids.booked, fromConsoleOnly].sort());

  // booked over the API, status new: the booking trigger fires; the console-only one does not
  const overApi = await book(t.api, setup, at(start + 2 * DAY), { status: 'new' });
  await runsSettle(overApi, [ids.booked]);
});
