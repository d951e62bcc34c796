/**
 * Condition steps choose a branch on the appointment as it is when they run: the whole engine on a
 * time-skipping Temporal server, driven through the HTTP API, with messages at the Twilio and SMTP
 * fakes, and the branch and its reasons on the appointment's timeline.
 */
import { condition, sendEmail, sendSms, wait } from '../harness/automation-definitions';
import { publishAutomation } from '../harness/automation-publishing';
import { book } from '../harness/bookings';
import { eventually } from '../harness/engine';
import { createBookingSetup } from '../harness/reference-data';
import { startTimeSkippingEngine, type TimeSkippingEngine } from '../harness/time-skipping-engine';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let t: TimeSkippingEngine;
beforeAll(async () => {
  t = await startTimeSkippingEngine();
});
afterAll(async () => {
  await t?.stop();
});

interface TimelineEntry {
  type: string;
  stepId?: string;
  [detail: string]: unknown;
}

const viewOf = async (id: string) => (await t.api.get(`/v1/appointments/${id}`)).body;
const messagesOf = async (id: string) =>
  (await t.api.get(`/v1/appointments/${id}/messages`)).body as { stepId: string; status: string; channel: string }[];

/** The steps whose messages went out, once the run has completed. */
async function sentSteps(id: string): Promise<string[]> {
  await eventually(`the run of ${id} completed`, async () =>
    (await viewOf(id)).automationRuns[0]?.status === 'completed' ? true : undefined,
  );
  return (await messagesOf(id)).map((m) => `${m.stepId}:${m.status}`);
}

async function conditionEntry(id: string, stepId: string): Promise<TimelineEntry> {
  return eventually(`the condition ${stepId}`, async () =>
    ((await viewOf(id)).timeline as TimelineEntry[]).find(
      (e) => e.type === 'automation.condition' && e.stepId === stepId,
    ),
  );
}

/** A calendar with a static location (no Zoom link to wait for), `hosts` team members, and `contact`'s fields. */
const calendar = (options: { hosts?: number; contact?: Record<string, unknown> } = {}) =>
  createBookingSetup(t.api, { location: { type: 'static', value: 'Room 4' }, ...options });

const startIn = async (ms: number) => Math.floor((await t.now()) / MINUTE) * MINUTE + ms;

/** Branches join again at `done`; a condition with the same target on both sides jumps there unconditionally. */
const jumpTo = (id: string, target: string) =>
  condition(id, [{ field: 'rescheduled', is: true }], { then: target, else: target });

test('status is one of [confirmed]: a confirmed booking takes "then", a new one "else"', async () => {
  const setup = await calendar();
  await publishAutomation(
    t.api,
    setup,
    [
      condition('is-confirmed', [{ field: 'status', in: ['confirmed'] }], { then: 'sms-a', else: 'next' }),
      sendSms('sms-b', 'B: please confirm your appointment'),
      jumpTo('skip-a', 'done'),
      sendSms('sms-a', 'A: see you soon'),
      sendSms('done', 'Thanks'),
    ],
    { statuses: ['new', 'confirmed'] },
  );
  const confirmed = await book(t.api, setup, await startIn(3 * DAY), { status: 'confirmed' });
  const unconfirmed = await book(t.api, setup, await startIn(3 * DAY + HOUR), { status: 'new' });

  expect(await sentSteps(confirmed)).toEqual(['sms-a:sent', 'done:sent']);
  expect(await sentSteps(unconfirmed)).toEqual(['sms-b:sent', 'done:sent']);
  expect(await conditionEntry(confirmed, 'is-confirmed')).toMatchObject({
    branch: 'then',
    to: 'sms-a',
    match: 'all',
    predicates: [{ field: 'status', in: ['confirmed'], result: true, actual: 'confirmed' }],
  });
  expect(await conditionEntry(unconfirmed, 'is-confirmed')).toMatchObject({
    branch: 'else',
    to: 'next',
    predicates: [{ field: 'status', in: ['confirmed'], result: false, actual: 'new' }],
  });
  const bodies = t.twilio.messages.filter((sms) =>
    [confirmed, unconfirmed].some((id) => sms.idempotencyToken?.includes(id)),
  );
  expect(bodies.map((sms) => sms.body).sort()).toEqual([
    'A: see you soon',
    'B: please confirm your appointment',
    'Thanks',
    'Thanks',
  ]);
});

test('contact has an e-mail: a contact without one takes "else" (an SMS instead), one with an e-mail gets the e-mail', async () => {
  const actions = [
    condition('has-email', [{ field: 'contact.email', exists: true }], { then: 'by-email', else: 'next' }),
    sendSms('by-sms', 'Your booking is confirmed'),
    jumpTo('skip-email', 'end'),
    sendEmail('by-email', { subject: 'Your booking is confirmed' }),
    sendSms('end', 'Bye'),
  ];
  const withoutEmail = await calendar({ contact: { email: undefined } });
  const withEmail = await calendar();
  await publishAutomation(t.api, withoutEmail, actions);
  await publishAutomation(t.api, withEmail, actions);
  const smsOnly = await book(t.api, withoutEmail, await startIn(2 * DAY));
  const mailed = await book(t.api, withEmail, await startIn(2 * DAY));

  expect(await sentSteps(smsOnly)).toEqual(['by-sms:sent', 'end:sent']);
  expect(await sentSteps(mailed)).toEqual(['by-email:sent', 'end:sent']);
  expect(await conditionEntry(smsOnly, 'has-email')).toMatchObject({
    branch: 'else',
    predicates: [{ field: 'contact.email', exists: true, result: false, actual: false }],
  });
  const mail = await eventually('the e-mail at the SMTP fake', async () =>
    t.smtp.messages.find((m) => m.to.some((to) => to.includes(withEmail.contactId))),
  );
  expect(mail.subject).toBe('Your booking is confirmed');
  expect(t.smtp.messages.some((m) => m.to.some((to) => to.includes(withoutEmail.contactId)))).toBe(false);
});

test('rescheduled since the run started: the moved appointment takes "then", the other "else"', async () => {
  const setup = await calendar();
  await publishAutomation(t.api, setup, [
    wait('an-hour', '1h'),
    condition('was-moved', [{ field: 'rescheduled', is: true }], { then: 'moved', else: 'next' }),
    sendSms('unchanged', 'Still on for {{appointment.start_time}}'),
    jumpTo('skip-moved', 'end'),
    sendSms('moved', 'Your new time: {{appointment.start_time}}'),
    sendSms('end', 'Bye'),
  ]);
  const start = await startIn(5 * DAY);
  const moved = await book(t.api, setup, start);
  const kept = await book(t.api, setup, start + HOUR);
  await eventually('both runs waiting', async () =>
    (await viewOf(moved)).automationRuns[0]?.currentStep === 'an-hour' &&
    (await viewOf(kept)).automationRuns[0]?.currentStep === 'an-hour'
      ? true
      : undefined,
  );
  const patched = await t.api.patch(`/v1/appointments/${moved}`, {
    startTime: new Date(start + DAY).toISOString(),
    endTime: new Date(start + DAY + 30 * MINUTE).toISOString(),
  });
  expect(patched.status).toBe(200);

  await t.advanceBy(HOUR + MINUTE);
  expect(await sentSteps(moved)).toEqual(['moved:sent', 'end:sent']);
  expect(await sentSteps(kept)).toEqual(['unchanged:sent', 'end:sent']);
  expect(await conditionEntry(moved, 'was-moved')).toMatchObject({
    branch: 'then',
    predicates: [{ field: 'rescheduled', is: true, result: true, actual: true }],
  });
  expect(await conditionEntry(kept, 'was-moved')).toMatchObject({ branch: 'else' });
});

test('assigned user and start: the host is read as it is when the step runs, after a change of host', async () => {
  const setup = await calendar({ hosts: 2 });
  const [firstHost, secondHost] = setup.hostIds as [string, string];
  await publishAutomation(t.api, setup, [
    wait('an-hour', '1h'),
    condition(
      'second-host-soon',
      [
        { field: 'assignedUserId', in: [secondHost] },
        { field: 'start', before: '+2d' },
        { field: 'calendarId', in: [setup.calendarId] },
      ],
      { then: 'next', else: 'other' },
    ),
    sendSms('handover', 'Your host changed'),
    jumpTo('skip-other', 'end'),
    sendSms('other', 'Nothing changed'),
    sendSms('end', 'Bye'),
  ]);
  const start = await startIn(DAY);
  const handedOver = await book(t.api, setup, start, { assignedUserId: firstHost });
  const notHandedOver = await book(t.api, setup, start + HOUR, { assignedUserId: firstHost });
  await eventually('the run waiting', async () =>
    (await viewOf(handedOver)).automationRuns[0]?.currentStep === 'an-hour' ? true : undefined,
  );
  expect((await t.api.patch(`/v1/appointments/${handedOver}`, { assignedUserId: secondHost })).status).toBe(200);

  await t.advanceBy(HOUR + MINUTE);
  expect(await sentSteps(handedOver)).toEqual(['handover:sent', 'end:sent']);
  expect(await sentSteps(notHandedOver)).toEqual(['other:sent', 'end:sent']);
  expect(await conditionEntry(handedOver, 'second-host-soon')).toMatchObject({
    branch: 'then',
    to: 'next',
    predicates: [
      { field: 'assignedUserId', result: true, actual: secondHost },
      { field: 'start', before: '+2d', result: true, actual: new Date(start).toISOString() },
      { field: 'calendarId', result: true, actual: setup.calendarId },
    ],
  });
  expect(await conditionEntry(notHandedOver, 'second-host-soon')).toMatchObject({
    branch: 'else',
    predicates: [{ field: 'assignedUserId', result: false, actual: firstHost }, { result: true }, { result: true }],
  });
});
