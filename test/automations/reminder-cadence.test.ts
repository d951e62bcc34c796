/**
 * Automation runs over weeks, in seconds: the whole engine on a time-skipping Temporal server, driven
 * through the HTTP API, with messages arriving at the SMTP and Twilio fakes.
 */
import { sendSms, waitForAppointmentTime } from '../harness/automation-definitions';
import { publishAutomation, publishRecipe } from '../harness/automation-publishing';
import { book } from '../harness/bookings';
import { eventually } from '../harness/engine';
import { startTimeSkippingEngine, zoomBookingSetup, type TimeSkippingEngine } from '../harness/time-skipping-engine';

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

const messagesOf = async (id: string) =>
  (await t.api.get(`/v1/appointments/${id}/messages`)).body as {
    stepId: string;
    status: string;
    channel: string;
    body: string;
    at: string;
    to: string;
  }[];
const viewOf = async (id: string) => (await t.api.get(`/v1/appointments/${id}`)).body;

async function waitForMessages(id: string, count: number, what: string) {
  return eventually(what, async () => {
    const list = await messagesOf(id);
    return list.length >= count ? list : undefined;
  });
}

/** Wait until a run has reached a step (so everything before it was processed). */
async function runAt(id: string, stepId: string | null, status = 'running') {
  return eventually(`the run at ${stepId} (${status})`, async () => {
    const run = (await viewOf(id)).automationRuns[0];
    return run && run.currentStep === stepId && run.status === status ? run : undefined;
  });
}

const at = (ms: number) => new Date(ms).toISOString();

test('the reference recipe: the one-minute wait precedes a confirmation that carries the Zoom link, then reminders 24 h and 1 h before, 30 days out', async () => {
  const setup = await zoomBookingSetup(t);
  await publishRecipe(t.api, setup);
  const start = Math.floor((await t.now()) / MINUTE) * MINUTE + 30 * DAY;
  const id = await book(t.api, setup, at(start));

  // Within the first minute: the link exists, nothing was sent yet.
  const link = await eventually(
    'the Zoom link',
    async () => (await viewOf(id)).zoomMeeting?.joinUrl as string | undefined,
  );
  await runAt(id, 'wait-for-meeting-link');
  expect(await messagesOf(id)).toEqual([]);

  await t.advanceBy(2 * MINUTE);
  const confirmation = await waitForMessages(id, 3, 'the confirmation e-mail, SMS and in-app note');
  expect(confirmation.map((m) => `${m.stepId}:${m.status}`)).toEqual([
    'confirmation-email:sent',
    'confirmation-sms:sent',
    'notify-host:sent',
  ]);
  const [mail] = await t.smtp.waitForMessages(1);
  expect(mail!.subject).toMatch(/^Your appointment on .* is confirmed$/);
  expect(mail!.text).toContain(`Where: ${link}`);
  expect(mail!.to).toEqual([expect.stringContaining(setup.contactId)]);
  const [sms] = await t.twilio.waitForMessages(1);
  expect(sms!.body).toContain(link);
  expect(sms!.to).toBe('+14155550199');

  // Nothing more until 24 h before.
  await t.advanceTo(start - DAY - HOUR);
  await runAt(id, 'wait-until-24h-before');
  expect(await messagesOf(id)).toHaveLength(3);

  await t.advanceTo(start - DAY + MINUTE);
  const after24h = await waitForMessages(id, 5, 'the 24-hour reminders');
  expect(after24h.slice(3).map((m) => m.stepId)).toEqual(['reminder-24h-email', 'reminder-24h-sms']);

  await t.advanceTo(start - HOUR + MINUTE);
  const after1h = await waitForMessages(id, 7, 'the 1-hour reminders');
  expect(after1h.slice(5).map((m) => m.stepId)).toEqual(['reminder-1h-email', 'reminder-1h-sms']);
  expect(after1h.every((m) => m.status === 'sent')).toBe(true);

  const timeline = (await viewOf(id)).timeline as { type: string; stepId?: string; at: string }[];
  const sentAt = (stepId: string) =>
    Date.parse(timeline.find((e) => e.type === 'message.sent' && e.stepId === stepId)!.at);
  expect(sentAt('confirmation-email')).toBeGreaterThanOrEqual(start - 30 * DAY + MINUTE);
  expect(sentAt('reminder-24h-email')).toBeGreaterThanOrEqual(start - DAY);
  expect(sentAt('reminder-24h-email')).toBeLessThan(start - DAY + MINUTE);
  expect(sentAt('reminder-1h-sms')).toBeGreaterThanOrEqual(start - HOUR);
  expect(t.smtp.messages.filter((m) => m.to.some((to) => to.includes(setup.contactId)))).toHaveLength(3);
});

/** Booked 30 minutes before its start, with a reminder step 24 h before. */
async function bookedLate(ifPassed: unknown) {
  const setup = await zoomBookingSetup(t);
  await publishAutomation(t.api, setup, [
    waitForAppointmentTime('w24', '-24h', ifPassed),
    sendSms('r24', 'R24 {{appointment.start_time}}'),
    waitForAppointmentTime('w15', '-15m', 'next'),
    sendSms('r15', 'R15'),
    {
      id: 'final',
      type: 'send_email',
      to: 'contact',
      subject: 'Final',
      text: 'See you at {{appointment.only_start_time}}',
    },
  ]);
  const start = Math.floor((await t.now()) / MINUTE) * MINUTE + 30 * MINUTE;
  const id = await book(t.api, setup, at(start));
  return { id, start };
}

describe('ifPassed policies, booked 30 minutes before the start with a 24 h reminder step', () => {
  test('"next": the 24 h reminder goes out at once, the rest on time', async () => {
    const { id, start } = await bookedLate('next');
    const first = await waitForMessages(id, 1, 'the immediate R24');
    expect(first.map((m) => `${m.stepId}:${m.status}`)).toEqual(['r24:sent']);
    await runAt(id, 'w15');
    await t.advanceTo(start - 15 * MINUTE + MINUTE);
    const all = await waitForMessages(id, 3, 'R15 and the final e-mail');
    expect(all.map((m) => `${m.stepId}:${m.status}`)).toEqual(['r24:sent', 'r15:sent', 'final:sent']);
  });

  test('"skip_outbound_until_next_wait": the 24 h reminder is skipped, the next wait is honoured', async () => {
    const { id, start } = await bookedLate('skip_outbound_until_next_wait');
    await runAt(id, 'w15');
    expect((await messagesOf(id)).map((m) => `${m.stepId}:${m.status}`)).toEqual(['r24:skipped']);
    await t.advanceTo(start - 15 * MINUTE + MINUTE);
    const all = await waitForMessages(id, 3, 'R15 and the final e-mail');
    expect(all.map((m) => `${m.stepId}:${m.status}`)).toEqual(['r24:skipped', 'r15:sent', 'final:sent']);
    expect(t.twilio.messages.filter((m) => m.idempotencyToken?.includes(id))).toHaveLength(1); // R15 only
  });

  test('{"goto": …}: the run jumps to the named step', async () => {
    const { id, start } = await bookedLate({ goto: 'final' });
    const all = await waitForMessages(id, 1, 'the final e-mail');
    expect(all.map((m) => `${m.stepId}:${m.status}`)).toEqual(['final:sent']);
    // what it did is on the appointment's timeline while it lingers, not only once it completes
    const lingering = await eventually('the timeline of the lingering run', async () => {
      const view = await viewOf(id);
      return view.timeline.some(
        (e: { type: string; stepId?: string }) => e.type === 'message.sent' && e.stepId === 'final',
      )
        ? view
        : undefined;
    });
    expect(lingering.automationRuns[0]).toMatchObject({ status: 'running', currentStep: 'final' });
    expect(lingering.timeline.filter((e: { runId?: string }) => e.runId).map((e: { type: string }) => e.type)).toEqual([
      'automation.triggered',
      'automation.wait_passed',
      'message.sent',
    ]);
    // it stays ready for a reschedule until the appointment starts, then completes
    await t.advanceTo(start + MINUTE);
    await eventually('the run completed', async () =>
      (await viewOf(id)).automationRuns[0]?.status === 'completed' ? true : undefined,
    );
    expect(await messagesOf(id)).toHaveLength(1);
  });
});

describe('reschedules and cancellations', () => {
  const reminders = [
    waitForAppointmentTime('w24', '-24h', 'skip_outbound_until_next_wait'),
    sendSms('r24', 'R24 for {{appointment.start_time}}'),
    waitForAppointmentTime('w1', '-1h', 'skip_outbound_until_next_wait'),
    sendSms('r1', 'R1 for {{appointment.start_time}}'),
  ];

  test('a reschedule moves the reminders: none at the old time, one at the new', async () => {
    const setup = await zoomBookingSetup(t);
    await publishAutomation(t.api, setup, reminders);
    const base = Math.floor((await t.now()) / MINUTE) * MINUTE;
    const oldStart = base + 10 * DAY;
    const newStart = base + 20 * DAY;
    const id = await book(t.api, setup, at(oldStart));
    await runAt(id, 'w24');
    await t.advanceBy(DAY);
    await t.api.patch(`/v1/appointments/${id}`, { startTime: at(newStart), endTime: at(newStart + 30 * MINUTE) });

    await t.advanceTo(oldStart + HOUR); // past every reminder time of the old slot
    await runAt(id, 'w24');
    expect(await messagesOf(id)).toEqual([]);

    await t.advanceTo(newStart - DAY + MINUTE);
    const [r24] = await waitForMessages(id, 1, 'the 24 h reminder for the new time');
    expect(r24!.stepId).toBe('r24');
    const sentAt = Date.parse((await viewOf(id)).timeline.find((e: { type: string }) => e.type === 'message.sent').at);
    expect(sentAt).toBeGreaterThanOrEqual(newStart - DAY);
    await t.advanceTo(newStart - HOUR + MINUTE);
    const all = await waitForMessages(id, 2, 'the 1 h reminder');
    expect(all.map((m) => m.stepId)).toEqual(['r24', 'r1']);
  });

  test('a reschedule to a later date after a reminder went out brings that reminder back for the new time', async () => {
    const setup = await zoomBookingSetup(t);
    await publishAutomation(t.api, setup, reminders);
    const base = Math.floor((await t.now()) / MINUTE) * MINUTE;
    const oldStart = base + 3 * DAY;
    const newStart = base + 9 * DAY;
    const id = await book(t.api, setup, at(oldStart));
    await t.advanceTo(oldStart - DAY + MINUTE);
    await waitForMessages(id, 1, 'the first 24 h reminder');
    await runAt(id, 'w1');
    await t.api.patch(`/v1/appointments/${id}`, { startTime: at(newStart), endTime: at(newStart + 30 * MINUTE) });

    await t.advanceTo(oldStart); // the old 1 h reminder time passes in silence
    await runAt(id, 'w24');
    expect(await messagesOf(id)).toHaveLength(1);
    await t.advanceTo(newStart - HOUR + MINUTE);
    const all = await waitForMessages(id, 3, 'both reminders for the new time');
    expect(all.map((m) => m.stepId)).toEqual(['r24', 'r24', 'r1']);
    expect(all[1]!.body).not.toBe(all[0]!.body); // rendered with the new time
  });

  test('a late booking whose reminders were all skipped gets them back when moved to next week', async () => {
    const setup = await zoomBookingSetup(t);
    await publishAutomation(t.api, setup, reminders);
    const base = Math.floor((await t.now()) / MINUTE) * MINUTE;
    const id = await book(t.api, setup, at(base + 30 * MINUTE));
    await waitForMessages(id, 2, 'both reminders skipped');
    const newStart = base + 7 * DAY;
    await t.api.patch(`/v1/appointments/${id}`, { startTime: at(newStart), endTime: at(newStart + 30 * MINUTE) });
    await t.advanceTo(newStart - HOUR + MINUTE);
    const all = await waitForMessages(id, 4, 'the reminders of the new time');
    expect(all.map((m) => `${m.stepId}:${m.status}`)).toEqual(['r24:skipped', 'r1:skipped', 'r24:sent', 'r1:sent']);
  });

  test('a cancellation silences pending reminders; an automation triggered by the cancellation still runs', async () => {
    const setup = await zoomBookingSetup(t);
    await publishAutomation(t.api, setup, reminders);
    await publishAutomation(t.api, setup, [sendSms('sorry', 'Your appointment was cancelled.')], {
      statuses: ['cancelled'],
    });
    const base = Math.floor((await t.now()) / MINUTE) * MINUTE;
    const start = base + 5 * DAY;
    const id = await book(t.api, setup, at(start));
    await runAt(id, 'w24');
    await t.advanceBy(DAY);
    await t.api.patch(`/v1/appointments/${id}`, { status: 'cancelled' });
    const [notice] = await waitForMessages(id, 1, 'the cancellation notice');
    expect(notice).toMatchObject({ stepId: 'sorry', status: 'sent' });

    await t.advanceTo(start + HOUR);
    const runs = await eventually('the reminder run stopped', async () => {
      const list = (await viewOf(id)).automationRuns as { status: string; automationId: string }[];
      return list.length === 2 && list.every((run) => run.status !== 'running') ? list : undefined;
    });
    expect(runs.map((run) => run.status).sort()).toEqual(['completed', 'stopped']);
    expect(await messagesOf(id)).toHaveLength(1);
  });
});
