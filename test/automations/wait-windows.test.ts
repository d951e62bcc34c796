/**
 * Waits with a window (days and hours in the calendar's zone, or the window's own), over days and a
 * DST change in seconds: the whole engine on a time-skipping Temporal server, driven through the
 * HTTP API, with the SMS arriving at the Twilio fake.
 */
import { DateTime } from 'luxon';
import { sendSms, wait, waitForAppointmentTime, weekdayWindow } from '../harness/automation-definitions';
import { publishAutomation } from '../harness/automation-publishing';
import { book } from '../harness/bookings';
import { eventually } from '../harness/engine';
import { createBookingSetup } from '../harness/reference-data';
import { startTimeSkippingEngine, type TimeSkippingEngine } from '../harness/time-skipping-engine';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** the calendar's zone (createBookingSetup) */
const NEW_YORK = 'America/New_York';

let t: TimeSkippingEngine;
beforeAll(async () => {
  t = await startTimeSkippingEngine();
});
afterAll(async () => {
  await t?.stop();
});

interface TimelineEntry {
  at: string;
  type: string;
  stepId?: string;
  [detail: string]: unknown;
}

const timelineOf = async (id: string) => (await t.api.get(`/v1/appointments/${id}`)).body.timeline as TimelineEntry[];
const messagesOf = async (id: string) =>
  (await t.api.get(`/v1/appointments/${id}/messages`)).body as { stepId: string; status: string }[];

/** When the timeline says a step's message was sent (workflow time: the test server's clock). */
async function sentAt(id: string, stepId: string): Promise<DateTime> {
  const entry = await eventually(`${stepId} sent`, async () =>
    (await timelineOf(id)).find((e) => e.type === 'message.sent' && e.stepId === stepId),
  );
  return DateTime.fromISO(entry.at);
}

async function heldEntry(id: string, stepId: string): Promise<TimelineEntry> {
  return eventually(`the hold of ${stepId}`, async () =>
    (await timelineOf(id)).find((e) => e.type === 'automation.held_for_window' && e.stepId === stepId),
  );
}

/**
 * The first Saturday 13:00 in `zone` more than a day ahead of the test server's clock whose weekend
 * has a DST change (or has none), so that Monday 09:00 is on another offset than Saturday (or the same).
 */
async function nextSaturday(zone: string, acrossDst: boolean): Promise<DateTime> {
  const now = await t.now();
  let day = DateTime.fromMillis(now + 24 * HOUR, { zone }).set({ hour: 13, minute: 0, second: 0, millisecond: 0 });
  for (;;) {
    const monday = day.plus({ days: 2 }).set({ hour: 9 });
    if (day.weekday === 6 && (monday.offset !== day.offset) === acrossDst) return day;
    day = day.plus({ days: 1 });
  }
}

/** A calendar in New York with a static location (no Zoom link to wait for), and its automation. */
async function calendarWith(actions: unknown[]) {
  const setup = await createBookingSetup(t.api, { location: { type: 'static', value: 'Room 4' } });
  await publishAutomation(t.api, setup, actions);
  return setup;
}

describe('a wait ending Saturday 14:00 with a Mon–Fri 09:00–17:00 window', () => {
  test.each([
    ['on an ordinary weekend', false],
    ['across a DST change (Monday 09:00 is on another UTC offset than Saturday)', true],
  ])('%s: the next message goes out Monday 09:00 in the calendar’s zone', async (_, acrossDst) => {
    const setup = await calendarWith([
      { ...wait('hour-later', '1h'), window: weekdayWindow() },
      sendSms('after-window', 'Hi {{contact.first_name}}, about your appointment'),
    ]);
    const saturday = await nextSaturday(NEW_YORK, acrossDst);
    const monday = saturday.plus({ days: 2 }).set({ hour: 9 });
    expect(monday.offset !== saturday.offset).toBe(acrossDst);
    await t.advanceTo(saturday.toMillis());
    const id = await book(t.api, setup, monday.plus({ days: 1, hours: 1 }).toMillis());

    // Saturday 14:00: the wait is over, the window closed; the timeline says until when and why
    await t.advanceTo(saturday.toMillis() + HOUR + MINUTE);
    const held = await heldEntry(id, 'hour-later');
    expect(DateTime.fromISO(held.at).setZone(NEW_YORK).toFormat('ccc HH:mm')).toBe('Sat 14:00');
    expect(held).toMatchObject({
      until: monday.toUTC().toISO(),
      window: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00', timezone: NEW_YORK },
      timezoneFrom: 'calendar',
      reason: 'the wait ended outside its window',
    });

    await t.advanceTo(monday.toMillis() - MINUTE);
    expect(await messagesOf(id)).toEqual([]);
    expect(t.twilio.messages.filter((sms) => sms.idempotencyToken?.includes(id))).toHaveLength(0);

    await t.advanceTo(monday.toMillis() + MINUTE);
    const sent = await sentAt(id, 'after-window');
    expect(sent.toMillis()).toBeGreaterThanOrEqual(monday.toMillis());
    expect(sent.toMillis()).toBeLessThan(monday.toMillis() + MINUTE);
    expect(sent.setZone(NEW_YORK).toFormat('ccc HH:mm')).toBe('Mon 09:00');
    expect((await messagesOf(id)).map((m) => `${m.stepId}:${m.status}`)).toEqual(['after-window:sent']);
  });

  test('a window in its own zone is read there, not in the calendar’s', async () => {
    const PARIS = 'Europe/Paris';
    const setup = await calendarWith([
      { ...wait('hour-later', '1h'), window: weekdayWindow({ timezone: PARIS }) },
      sendSms('after-window', 'Hi {{contact.first_name}}'),
    ]);
    const saturday = await nextSaturday(NEW_YORK, false);
    // Saturday 14:00 in New York is Saturday evening in Paris; Paris opens Monday 09:00, hours before New York
    const parisMonday = saturday.setZone(PARIS).plus({ days: 2 }).set({ hour: 9, minute: 0 });
    await t.advanceTo(saturday.toMillis());
    const id = await book(t.api, setup, parisMonday.plus({ days: 1 }).toMillis());
    await t.advanceTo(saturday.toMillis() + HOUR + MINUTE);

    expect(await heldEntry(id, 'hour-later')).toMatchObject({
      until: parisMonday.toUTC().toISO(),
      window: { timezone: PARIS },
      timezoneFrom: 'window',
    });
    await t.advanceTo(parisMonday.toMillis() + MINUTE);
    const sent = await sentAt(id, 'after-window');
    expect(sent.setZone(PARIS).toFormat('ccc HH:mm')).toBe('Mon 09:00');
    expect(sent.toMillis()).toBeLessThan(parisMonday.toMillis() + MINUTE);
    expect(sent.setZone(NEW_YORK).hour).toBeLessThan(9);
  });
});

test('a wait ending inside its window goes on at once; a reminder due on Sunday waits for Monday 09:00', async () => {
  const setup = await calendarWith([
    { ...wait('hour-later', '1h'), window: weekdayWindow() },
    sendSms('confirmation', 'Booked'),
    { ...waitForAppointmentTime('day-before', '-24h', 'next'), window: weekdayWindow() },
    sendSms('reminder', 'See you soon'),
  ]);
  const saturday = await nextSaturday(NEW_YORK, false);
  const wednesday = saturday.minus({ days: 3 }).set({ hour: 10 }); // booked Wednesday 10:00
  const appointment = saturday.plus({ days: 2 }).set({ hour: 11 }); // Monday 11:00: 24 h before is Sunday 11:00
  await t.advanceTo(wednesday.toMillis());
  const id = await book(t.api, setup, appointment.toMillis());

  await t.advanceTo(wednesday.toMillis() + HOUR + MINUTE);
  const confirmed = await sentAt(id, 'confirmation');
  expect(confirmed.setZone(NEW_YORK).toFormat('ccc HH:mm')).toBe('Wed 11:00');
  expect((await timelineOf(id)).filter((e) => e.type === 'automation.held_for_window')).toEqual([]);

  const mondayOpening = appointment.set({ hour: 9 });
  await t.advanceTo(mondayOpening.toMillis() - MINUTE);
  const held = await heldEntry(id, 'day-before');
  expect(DateTime.fromISO(held.at).setZone(NEW_YORK).toFormat('ccc HH:mm')).toBe('Sun 11:00');
  expect(held.until).toBe(mondayOpening.toUTC().toISO());
  expect((await messagesOf(id)).map((m) => m.stepId)).toEqual(['confirmation']);

  await t.advanceTo(mondayOpening.toMillis() + MINUTE);
  const reminded = await sentAt(id, 'reminder');
  expect(reminded.setZone(NEW_YORK).toFormat('ccc HH:mm')).toBe('Mon 09:00');
});
