/**
 * The recipes built on the builder's new parts, run whole on a time-skipping Temporal server through
 * the HTTP API: "Confirm by reply" follows up only on appointments still unconfirmed 2 hours before;
 * "No-show follow-up" apologises with the calendar's booking page.
 */
import { publishRecipe } from '../harness/automation-publishing';
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

const messagesOf = async (id: string) =>
  (await t.api.get(`/v1/appointments/${id}/messages`)).body as { stepId: string; status: string; body: string }[];
const viewOf = async (id: string) => (await t.api.get(`/v1/appointments/${id}`)).body;
const runAt = (id: string, stepId: string) =>
  eventually(`the run of ${id} at ${stepId}`, async () =>
    (await viewOf(id)).automationRuns[0]?.currentStep === stepId ? true : undefined,
  );

test('confirm by reply: asks for a C, and 2 hours before follows up only where the appointment is still new', async () => {
  const setup = await createBookingSetup(t.api, { location: { type: 'static', value: 'Room 4' } });
  await publishRecipe(t.api, setup, 'confirm-by-reply');
  const start = Math.floor((await t.now()) / MINUTE) * MINUTE + 3 * DAY;
  const unconfirmed = await book(t.api, setup, start, { status: 'new' });
  const confirmed = await book(t.api, setup, start + HOUR, { status: 'new' });
  await runAt(unconfirmed, 'wait-for-meeting-link');
  await runAt(confirmed, 'wait-for-meeting-link');

  await t.advanceBy(2 * MINUTE);
  const request = await eventually('the request to confirm', async () => {
    const sms = (await messagesOf(unconfirmed)).find((m) => m.stepId === 'request-sms');
    return sms?.status === 'sent' ? sms : undefined;
  });
  expect(request.body).toMatch(/Reply C to confirm\.$/);
  const email = (await messagesOf(unconfirmed)).find((m) => m.stepId === 'request-email');
  expect(email?.body).toMatch(/Confirm: http:\/\/127\.0\.0\.1:\d+\/a\/[^/\s]+\/confirm\n/);

  // the contact of the second one confirms (as a C reply or the link would)
  expect((await t.api.patch(`/v1/appointments/${confirmed}`, { status: 'confirmed' })).status).toBe(200);

  await t.advanceTo(start + HOUR + 30 * MINUTE); // past 2 h before both, and 1 h before the first
  const sentSteps = async (id: string) =>
    (await messagesOf(id)).filter((m) => m.status === 'sent').map((m) => m.stepId);
  await eventually('the first run past its 1-hour reminder', async () =>
    (await sentSteps(unconfirmed)).includes('reminder-1h-sms') ? true : undefined,
  );
  await eventually('the second run past its 2-hour check', async () =>
    (await viewOf(confirmed)).timeline.some(
      (e: { type: string; stepId?: string }) => e.type === 'automation.condition' && e.stepId === 'still-unconfirmed',
    )
      ? true
      : undefined,
  );
  expect(await sentSteps(unconfirmed)).toContain('unconfirmed-sms');
  expect(await sentSteps(confirmed)).not.toContain('unconfirmed-sms');
  const followUp = (await messagesOf(unconfirmed)).find((m) => m.stepId === 'unconfirmed-sms');
  expect(followUp?.body).toMatch(/not confirmed yet\. Reply C to confirm, or cancel: http:\/\/\S+\/a\/\S+\/cancel$/);
});

test('no-show follow-up: the apology carries the calendar’s booking page with the appointment', async () => {
  const setup = await createBookingSetup(t.api, { location: { type: 'static', value: 'Room 4' } });
  const calendar = (await t.api.get(`/v1/calendars/${setup.calendarId}`)).body;
  const { id: _id, createdAt: _c, updatedAt: _u, ...input } = calendar;
  expect(
    (
      await t.api.put(`/v1/calendars/${setup.calendarId}`, {
        ...input,
        reschedulePageUrl: 'https://book.example/sales',
      })
    ).status,
  ).toBe(200);
  await publishRecipe(t.api, setup, 'no-show-follow-up');
  const start = Math.floor((await t.now()) / MINUTE) * MINUTE + DAY;
  const id = await book(t.api, setup, start);
  await t.advanceTo(start + 40 * MINUTE);
  expect((await t.api.patch(`/v1/appointments/${id}`, { status: 'noshow' })).status).toBe(200);
  await runAt(id, 'grace-period');
  await t.advanceBy(20 * MINUTE);
  const email = await eventually('the apology', async () => {
    const message = (await messagesOf(id)).find((m) => m.stepId === 'follow-up-email');
    return message?.status === 'sent' ? message : undefined;
  });
  expect(email.body).toContain('we are sorry it did not work out.');
  expect(email.body).toMatch(new RegExp(`Book another time: https://book\\.example/sales\\?\\S*${id}`));
});
