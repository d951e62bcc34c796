/**
 * The builder's new parts (issue 14) in the console, in a real browser against a real engine: an
 * automation with a business-hours window on a wait and an if/else step, built with the builder's
 * own controls and read back through the API; the API's refusals shown at the fields they name;
 * a calendar's reschedule page set and cleared; a booking's changes named by their source on the
 * timeline. The tests run in order and build on each other.
 */
import type { Browser, Page } from 'playwright-core';
import {
  launchBrowser,
  openConsolePage,
  seriousAccessibilityViolations,
  signInToConsole,
  type ConsolePage,
} from '../harness/browser';
import { book } from '../harness/bookings';
import { startTestEngine, uniqueId, type TestEngine } from '../harness/engine';
import { hoursFromNow } from '../harness/reference-data';

let engine: TestEngine;
let browser: Browser;
let baseUrl: string;
let tab: ConsolePage;
let page: Page;
let automationId: string;

const hostId = uniqueId('bea');
const contactId = uniqueId('dora');
const calendarId = uniqueId('consult');
const calendarName = 'Consultations';

beforeAll(async () => {
  [engine, browser] = await Promise.all([startTestEngine(), launchBrowser()]);
  baseUrl = engine.engine.apiUrl as string;
  const { api } = engine;
  await api.put(`/v1/users/${hostId}`, {
    name: 'Bea Host',
    email: `${hostId}@example.com`,
    timezone: 'Europe/Berlin',
  });
  await api.put(`/v1/contacts/${contactId}`, {
    firstName: 'Dora',
    email: `${contactId}@example.org`,
    timezone: 'Europe/Berlin',
  });
  await api.put(`/v1/calendars/${calendarId}`, {
    name: calendarName,
    type: 'round_robin',
    teamMemberIds: [hostId],
    meetingLocation: { type: 'static', value: 'Room 2' },
  });
  tab = await openConsolePage(browser);
  page = tab.page;
  await signInToConsole(page, baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await engine?.stop();
});

afterEach(async () => {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  expect(tab.problems).toEqual([]);
});

/**
 * At 360 px, the elements that reach past the screen's right edge (none when the page fits), as
 * `tag#id.class`; the viewport is set back afterwards.
 */
async function overflowAtPhoneWidth(): Promise<string[]> {
  await page.setViewportSize({ width: 360, height: 800 });
  try {
    return await page.evaluate(() => {
      // runs in the page: the root tsconfig has no DOM types
      const doc = (globalThis as any).document;
      if (doc.documentElement.scrollWidth <= 360) return [];
      return [...doc.querySelectorAll('body *')]
        .filter((element: any) => element.getBoundingClientRect().right > 361)
        .slice(0, 12)
        .map((element: any) => `${element.tagName.toLowerCase()}#${element.id}.${[...element.classList].join('.')}`);
    });
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
}

/** A step's card, by its ID (the builder's `data-step`). */
const step = (id: string) => page.locator(`[data-step="${id}"]`);

test('an automation with a window on its wait and a condition is built and saved as the API reads it', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Automations' }).click();
  await page.getByRole('link', { name: 'New blank automation' }).click();
  await page.getByRole('heading', { level: 1, name: 'New automation' }).waitFor();
  await page.getByLabel('Name', { exact: true }).fill('Nudge the unconfirmed');
  await page.getByLabel('Start a run when').selectOption('appointment_booked');

  // step 1, the blank draft's wait: one hour, then only Mon–Fri 09:00–17:00
  const wait = step('wait-1');
  await wait.getByLabel('Wait for', { exact: true }).fill('1');
  await wait.getByLabel('Unit of wait for').selectOption('h');
  await wait.getByLabel('Only go on within certain days and hours').check();
  expect(await wait.getByLabel('From', { exact: true }).inputValue()).toBe('09:00');
  expect(await wait.getByLabel('To', { exact: true }).inputValue()).toBe('17:00');
  expect(await wait.getByRole('group', { name: 'Days' }).getByRole('checkbox', { checked: true }).count()).toBe(5);

  // steps 2–4: the condition, an e-mail for the "otherwise" way, an SMS its "then" way jumps to
  for (const type of ['condition', 'send_email', 'send_sms']) {
    await page.getByLabel('New step').selectOption(type);
    await page.getByRole('button', { name: 'Add step' }).click();
  }
  const condition = step('condition-1');
  await condition.getByLabel('Confirmed', { exact: true }).uncheck();
  await condition.getByLabel('New (unconfirmed)').check();
  await condition.getByLabel('Then', { exact: true }).selectOption('send-sms-1');
  expect(await condition.getByLabel('Otherwise', { exact: true }).inputValue()).toBe('next');

  // the whole form at phone width: nothing wider than the screen
  expect(await overflowAtPhoneWidth()).toEqual([]);

  await page.getByRole('button', { name: 'Create automation' }).click();
  await page.waitForURL(/\/automations\/[^/]+$/);
  await page.getByRole('status').filter({ hasText: 'Saved as version 1' }).waitFor();
  automationId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() as string);

  const saved = await engine.api.get(`/v1/automations/${encodeURIComponent(automationId)}`);
  expect(saved.status).toBe(200);
  expect(saved.body).toMatchObject({
    name: 'Nudge the unconfirmed',
    version: 1,
    trigger: { type: 'appointment_booked' },
  });
  const actions = saved.body.actions as Record<string, unknown>[];
  expect(actions.map((action) => action.id)).toEqual(['wait-1', 'condition-1', 'send-email-1', 'send-sms-1']);
  expect(actions[0]).toEqual({
    id: 'wait-1',
    type: 'wait',
    duration: '1h',
    window: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' },
  });
  expect(actions[1]).toEqual({
    id: 'condition-1',
    type: 'condition',
    match: 'all',
    if: [{ field: 'status', in: ['new'] }],
    then: 'send-sms-1',
    else: 'next',
  });
  // folded, the steps read as sentences
  await step('wait-1').getByText('Wait 1 hour, then only Mon–Fri 09:00–17:00').waitFor();
});

test("the API's refusals are shown at the fields they name: a window's from after its to, an empty status list", async () => {
  await step('wait-1').getByRole('button', { name: 'Edit step 1', exact: true }).click();
  await step('wait-1').getByLabel('From', { exact: true }).fill('18:00');
  await step('condition-1').getByRole('button', { name: 'Edit step 2', exact: true }).click();
  await step('condition-1').getByLabel('New (unconfirmed)').uncheck();
  await page.getByRole('button', { name: 'Save changes' }).click();

  const summary = page.getByRole('alert').filter({ hasText: 'The automation was not saved' });
  await summary.waitFor();
  const from = step('wait-1').getByLabel('From', { exact: true });
  expect(await from.getAttribute('aria-invalid')).toBe('true');
  expect(await page.locator('#step-wait-1-window-from-messages').textContent()).toContain('must be before "to"');
  const statuses = step('condition-1').getByRole('group', { name: 'Status is one of' });
  expect(await statuses.getAttribute('aria-invalid')).toBe('true');
  expect(await page.locator('#step-condition-1-if-0-in-messages').textContent()).toContain('at least one status');

  // the summary's link goes to the field itself
  await summary.getByRole('link', { name: /window\.from/ }).click();
  expect(await page.locator(':focus').getAttribute('id')).toBe('step-wait-1-window-from');

  // nothing was saved
  const saved = await engine.api.get(`/v1/automations/${encodeURIComponent(automationId)}`);
  expect(saved.body.version).toBe(1);

  // removing the step a branch goes to sends that branch to the next step, so it cannot dangle
  await step('send-sms-1').getByRole('button', { name: 'Remove step 4', exact: true }).click();
  expect(await step('condition-1').getByLabel('Then', { exact: true }).inputValue()).toBe('next');
});

test("a calendar's reschedule page: a relative URL refused at the field, then set, shown and cleared", async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendars' }).click();
  const card = page.getByRole('article', { name: calendarName });
  await card.getByText('None: reschedule links are empty').waitFor();
  await card.getByRole('button', { name: `Edit reschedule page of ${calendarName}` }).click();

  const field = card.getByLabel('Reschedule page URL');
  await field.fill('/book');
  await card.getByRole('button', { name: 'Save' }).click();
  await card.locator(`#calendar-${calendarId}-reschedule-page-messages`).getByText('absolute http(s) URL').waitFor();
  expect(await field.getAttribute('aria-invalid')).toBe('true');
  expect((await engine.api.get(`/v1/calendars/${calendarId}`)).body.reschedulePageUrl).toBeNull();

  await field.fill('https://example.com/book/consultations');
  await card.getByRole('button', { name: 'Save' }).click();
  await card.getByText('https://example.com/book/consultations').waitFor();
  const calendar = await engine.api.get(`/v1/calendars/${calendarId}`);
  expect(calendar.body).toMatchObject({
    reschedulePageUrl: 'https://example.com/book/consultations',
    meetingLocation: { type: 'static', value: 'Room 2' },
  });
  // back on the button that opened the form
  expect(await page.locator(':focus').getAttribute('id')).toBe(`calendar-${calendarId}-edit-reschedule`);

  // at phone width, the long URL wraps within the card
  expect(await overflowAtPhoneWidth()).toEqual([]);

  await card.getByRole('button', { name: `Edit reschedule page of ${calendarName}` }).click();
  await field.fill('');
  await card.getByRole('button', { name: 'Save' }).click();
  await card.getByText('None: reschedule links are empty').waitFor();
  expect((await engine.api.get(`/v1/calendars/${calendarId}`)).body.reschedulePageUrl).toBeNull();
});

test("a booking's timeline says who made each change", async () => {
  const appointmentId = await book(engine.api, { calendarId, contactId }, hoursFromNow(72), {
    title: 'Intro consultation',
    status: 'new',
  });
  await engine.api.patch(`/v1/appointments/${appointmentId}`, { status: 'confirmed' });
  await page.goto(`${baseUrl}/appointments/${encodeURIComponent(appointmentId)}`);
  await page.getByRole('heading', { level: 1, name: 'Intro consultation' }).waitFor();
  const entries = page.getByRole('region', { name: 'Timeline entries table' });
  await entries.getByText('Booked (new) through the API').waitFor();
  await entries.getByText('Status changed from new to confirmed through the API').waitFor();
});
