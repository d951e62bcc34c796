/**
 * The reference article's steps done in the console, in a real browser, against an engine talking
 * to the Zoom fake: connect Zoom (the real OAuth redirects), choose Zoom as a group calendar's
 * meeting location, build the automation from the recipe with the merge-field picker and its live
 * preview, then follow a booking's timeline and cancel it from its page. The tests run in order
 * and build on each other, as a user following the article would.
 */
import type { Browser, Page } from 'playwright-core';
import { startZoomFake, type ZoomFake } from '../fakes/zoom-fake';
import {
  launchBrowser,
  openConsolePage,
  saveScreenshot,
  seriousAccessibilityViolations,
  signInToConsole,
  type ConsolePage,
} from '../harness/browser';
import { book } from '../harness/bookings';
import { eventually, startTestEngine, uniqueId, zoomEnv, type TestEngine } from '../harness/engine';
import { hoursFromNow } from '../harness/reference-data';

let fake: ZoomFake;
let engine: TestEngine;
let browser: Browser;
let baseUrl: string;
let tab: ConsolePage;
let page: Page;

const hostId = uniqueId('ann');
const contactId = uniqueId('carla');
const groupCalendarId = uniqueId('sales');
const personalCalendarId = uniqueId('personal');
const zoomAccountId = uniqueId('zoom-ann');
const zoomEmail = `${zoomAccountId}@zoom.example`;
let automationPath: string;
let appointmentId: string;

beforeAll(async () => {
  fake = await startZoomFake();
  fake.addAccount({ id: zoomAccountId, email: zoomEmail });
  [engine, browser] = await Promise.all([startTestEngine(zoomEnv(fake)), launchBrowser()]);
  baseUrl = engine.engine.apiUrl as string;
  const { api } = engine;
  await api.put(`/v1/users/${hostId}`, {
    name: 'Ann Host',
    email: `${hostId}@example.com`,
    phone: '+14155550100',
    timezone: 'America/New_York',
  });
  await api.put(`/v1/contacts/${contactId}`, {
    firstName: 'Carla',
    lastName: 'Contact',
    email: `${contactId}@example.org`,
    phone: '+14155550199',
    timezone: 'Europe/Paris',
  });
  await api.put(`/v1/calendars/${groupCalendarId}`, {
    name: 'Sales round robin',
    type: 'round_robin',
    teamMemberIds: [hostId],
    meetingLocation: { type: 'static', value: 'Office 3' },
  });
  await api.put(`/v1/calendars/${personalCalendarId}`, {
    name: 'Ann personal',
    type: 'personal',
    teamMemberIds: [hostId],
    meetingLocation: { type: 'static', value: 'https://zoom.us/j/1234567890' },
  });
  tab = await openConsolePage(browser);
  page = tab.page;
  await signInToConsole(page, baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await engine?.stop();
  await fake?.close();
});

afterEach(async () => {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  expect(tab.problems).toEqual([]);
});

test("step 1: connecting Zoom runs Zoom's OAuth pages and comes back with the connected account", async () => {
  await openFromNavigation('Integrations');
  const card = page.getByRole('article', { name: 'Ann Host' });
  await card.getByText('not connected').waitFor();
  await card.getByRole('button', { name: 'Connect' }).click();

  await page.waitForURL(/\/integrations\?zoom=connected/);
  await page.getByRole('status').filter({ hasText: 'Zoom is connected for Ann Host' }).waitFor();
  await card.getByText(`connected as ${zoomEmail}`).waitFor();
  await saveScreenshot(page, 'integrations');
});

test('step 1, calendars: Zoom is refused for a personal calendar and set on the round robin one', async () => {
  await openFromNavigation('Calendars');
  const personal = page.getByRole('article', { name: 'Ann personal' });
  await personal.getByRole('button', { name: 'Edit meeting location of Ann personal' }).click();
  expect(await personal.getByLabel(/^Zoom/).isDisabled()).toBe(true);
  await personal.getByText('only available on round robin and collective calendars').waitFor();
  await personal.getByRole('button', { name: 'Cancel' }).click();

  const group = page.getByRole('article', { name: 'Sales round robin' });
  await group.getByRole('button', { name: 'Edit meeting location of Sales round robin' }).click();
  await group.getByLabel(/^Zoom/).check();
  await group.getByRole('button', { name: 'Save' }).click();
  await group.getByText('Zoom (a new meeting per booking)').waitFor();
  await saveScreenshot(page, 'calendars');
  const calendar = await engine.api.get(`/v1/calendars/${groupCalendarId}`);
  expect(calendar.body.meetingLocation).toEqual({ type: 'zoom' });
});

test('step 2: the automation from the recipe, a merge field inserted and previewed with the meeting link', async () => {
  await openFromNavigation('Automations');
  await page.getByRole('link', { name: 'Use this recipe: Appointment confirmation and reminders' }).click();
  await page.getByRole('heading', { level: 1, name: 'New automation' }).waitFor();
  await page.getByLabel('Status', { exact: true }).selectOption('published');

  // The recipe's one-minute wait, shortened so that the test sees the confirmation go out.
  await page.getByRole('button', { name: 'Edit step 1', exact: true }).click();
  await page.getByLabel('Wait for', { exact: true }).fill('1');
  await page.getByLabel('Unit of wait for').selectOption('s');

  await page.getByRole('button', { name: 'Edit step 3', exact: true }).click();
  const sms = page.getByLabel('Message', { exact: true });
  await sms.fill('Your link: ');
  await sms.press('End');
  await page.getByLabel('Merge field for Message').selectOption('appointment.meeting_location');
  await page.getByRole('button', { name: 'Insert into Message' }).click();
  expect(await sms.inputValue()).toBe('Your link: {{appointment.meeting_location}}');
  // the server renders it with a sample appointment, whose location is a Zoom link
  await page
    .getByRole('region', { name: 'Preview of step confirmation-sms' })
    .getByText(/Your link: https:\/\/\S*zoom\.us\/j\//)
    .waitFor();
  // the confirmation e-mail's HTML, rendered by the server, in its sandboxed frame
  await page.getByRole('button', { name: 'Edit step 2', exact: true }).click();
  await page.locator('iframe[title="HTML of step confirmation-email, rendered"]').waitFor();
  await saveScreenshot(page, 'automation-builder');

  await page.getByRole('button', { name: 'Create automation' }).click();
  await page.waitForURL(/\/automations\/[^/]+$/);
  await page.getByRole('status').filter({ hasText: 'Saved as version 1' }).waitFor();
  automationPath = new URL(page.url()).pathname;
});

test('an unknown merge field is refused and shown at the field that has it', async () => {
  await page.getByRole('button', { name: 'Edit step 2', exact: true }).click();
  const subject = page.locator('#step-confirmation-email-subject');
  await subject.fill('Confirmed, {{contact.nickname}}');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('alert').filter({ hasText: 'The automation was not saved' }).waitFor();
  expect(await page.locator('#step-confirmation-email-subject-messages').textContent()).toContain('contact.nickname');
  expect(await subject.getAttribute('aria-invalid')).toBe('true');
  // nothing was saved: the automation is still at version 1
  const saved = await engine.api.get(`/v1/automations/${automationPath.split('/').pop()}`);
  expect(saved.body.version).toBe(1);
});

test("a booking's timeline shows its Zoom meeting and the confirmation", async () => {
  appointmentId = await book(engine.api, { calendarId: groupCalendarId, contactId }, hoursFromNow(48), {
    title: 'Discovery call',
  });
  await page.goto(`${baseUrl}/appointments`);
  await page.getByRole('link', { name: 'Discovery call' }).click();
  await page.getByRole('heading', { level: 1, name: 'Discovery call' }).waitFor();

  const entries = page.getByRole('region', { name: 'Timeline entries table' });
  // Reloaded once a second, as a user would: each load queries the appointment's workflow.
  await eventually(
    'the meeting and the confirmation on the timeline',
    async () => {
      await page.reload();
      const text = (await entries.textContent({ timeout: 5_000 })) ?? '';
      return text.includes('Zoom meeting created') && text.includes('E-mail sent') ? true : undefined;
    },
    30_000,
    1_000,
  );
  await page.getByRole('link', { name: /^Zoom meeting/ }).waitFor();
  await page.getByRole('img', { name: /Timeline of the appointment/ }).waitFor();
  await page.getByRole('region', { name: 'Messages table' }).getByText('sent').first().waitFor();
  await saveScreenshot(page, 'appointment');
});

test('cancelling from the appointment page deletes the meeting at Zoom and sends no reminder', async () => {
  await page.getByRole('button', { name: 'Cancel appointment' }).click();
  await page.getByRole('button', { name: 'Yes, cancel it' }).click();
  await page.getByRole('status').filter({ hasText: 'The appointment is cancelled.' }).waitFor();

  await eventually('the meeting deleted at the Zoom fake', async () =>
    fake.meetings(zoomAccountId).length === 0 ? true : undefined,
  );
  // the runs stop before their next message (and are done when the engine stops after this suite)
  await eventually('the automation runs stopped', async () => {
    const view = await engine.api.get(`/v1/appointments/${appointmentId}`);
    const runs = view.body.automationRuns as { status: string }[];
    return runs.length > 0 && runs.every((run) => run.status !== 'running') ? runs : undefined;
  });
  const messages = await engine.api.get(`/v1/appointments/${appointmentId}/messages`);
  const steps = (messages.body as { stepId: string; status: string }[]).map((message) => message.stepId);
  expect(steps.filter((step) => step.startsWith('reminder-'))).toEqual([]);
  const appointment = await engine.api.get(`/v1/appointments/${appointmentId}`);
  expect(appointment.body.status).toBe('cancelled');
  // The page's own refresh after the cancel reads the appointment's workflow while it is busy: let it
  // answer rather than cut it with a reload.
  await page.waitForLoadState('networkidle');
  await page.reload();
  await page.getByRole('region', { name: 'Timeline entries table' }).getByText('Zoom meeting deleted').waitFor();
});

test('the overview, the appointment list and the notifications read what happened', async () => {
  await openFromNavigation('Overview');
  await page.getByRole('heading', { level: 2, name: 'Zoom calls today (UTC), per host' }).waitFor();
  await page.getByLabel('Ann Host').waitFor();
  await saveScreenshot(page, 'overview');

  await openFromNavigation('Appointments');
  await page.getByRole('link', { name: 'Discovery call' }).waitFor();
  await saveScreenshot(page, 'appointments');

  await openFromNavigation(/^Notifications/);
  await page.getByText('New appointment with Carla Contact').waitFor();
  await saveScreenshot(page, 'notifications');
});

/** A page of the console through its main navigation, as a user gets there. */
async function openFromNavigation(name: string | RegExp): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
}
