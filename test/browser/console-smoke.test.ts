/**
 * The console in a real browser, end to end against an engine: the sign-in page refuses a wrong
 * key, the right one opens the overview, signing out closes the session.
 */
import type { Browser, Locator } from 'playwright-core';
import {
  launchBrowser,
  openConsolePage,
  saveScreenshot,
  seriousAccessibilityViolations,
  signInToConsole,
  type ConsolePage,
} from '../harness/browser';
import { startTestEngine, TEST_API_KEY, type TestEngine } from '../harness/engine';

let engine: TestEngine;
let browser: Browser;
let baseUrl: string;
let tab: ConsolePage;

beforeAll(async () => {
  [engine, browser] = await Promise.all([startTestEngine(), launchBrowser()]);
  baseUrl = engine.engine.apiUrl as string;
});

afterAll(async () => {
  await browser?.close();
  await engine?.stop();
});

beforeEach(async () => {
  tab = await openConsolePage(browser);
});

afterEach(async () => {
  await tab.context.close();
});

test('the console is served at / and asks for the API key first', async () => {
  const { page } = tab;
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(`${baseUrl}/sign-in`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await saveScreenshot(page, 'sign-in');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  expect(tab.problems).toEqual([]);
});

test('a wrong key is refused with the API message', async () => {
  const { page } = tab;
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('API key').fill('not-the-key');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectText(page.getByRole('alert'), /key/i);
  expect(page.url()).toBe(`${baseUrl}/sign-in`);
  expect(await tab.context.cookies()).toEqual([]);
});

test('signing in shows the overview; signing out ends the session', async () => {
  const { page } = tab;
  await signInToConsole(page, baseUrl, TEST_API_KEY);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Bookings' }).waitFor();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${baseUrl}/sign-in`);
  // the cookie is gone: a page of the console sends the browser back to the sign-in page
  await page.goto(`${baseUrl}/appointments`);
  await page.waitForURL(/\/sign-in\?next=%2Fappointments$/);
  expect(tab.problems).toEqual([]);
});

async function expectText(locator: Locator, pattern: RegExp): Promise<void> {
  await locator.first().waitFor();
  expect(await locator.first().textContent()).toMatch(pattern);
}

test('at phone width the navigation folds behind a Menu button', async () => {
  const phone = await openConsolePage(browser, { width: 360, height: 740 });
  try {
    const { page } = phone;
    await signInToConsole(page, baseUrl);
    const calendars = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendars' });
    expect(await calendars.isVisible()).toBe(false);
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await calendars.click();
    await page.getByRole('heading', { level: 1, name: 'Calendars' }).waitFor();
    // the menu closes after a choice, and the new page's heading has the focus
    expect(await calendars.isVisible()).toBe(false);
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.tagName)).toBe('H1');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(phone.problems).toEqual([]);
  } finally {
    await phone.context.close();
  }
});
