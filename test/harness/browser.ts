/**
 * A real browser for the console's tests: Chromium from the system's package (Debian:
 * `apt-get install chromium`), driven headless by playwright-core. Never a downloaded browser:
 * CHROMIUM_PATH, else the usual system paths. One browser per suite, a fresh context (cookies,
 * storage) per test.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TEST_API_KEY } from './engine';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath(): string {
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : SYSTEM_CHROMIUMS;
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(
      `no Chromium at ${candidates.join(', ')}: install it (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return found;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  /** console errors, uncaught exceptions and CSP refusals seen so far */
  problems: string[];
}

/** A fresh context (no cookie) and a page that records what went wrong in it. */
export async function openConsolePage(
  browser: Browser,
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    // An API answer of 4xx/5xx is logged by Chromium as a failed resource: expected in some flows.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  return { context, page, problems };
}

/** Signs in through the console's own form and waits for the overview. */
export async function signInToConsole(page: Page, baseUrl: string, apiKey = TEST_API_KEY): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
}

const AXE_SOURCE_PATH = require.resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core's serious and critical violations on the page as it is now (colour contrast included). */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(readFileSync(AXE_SOURCE_PATH, 'utf8'));
  const violations = await page.evaluate(async () => {
    // runs in the page: the root tsconfig has no DOM types, hence the cast
    const page = globalThis as unknown as {
      axe: { run: (context: unknown) => Promise<{ violations: any[] }> };
      document: unknown;
    };
    const result = await page.axe.run(page.document);
    return result.violations.map((violation) => ({
      id: violation.id as string,
      impact: violation.impact as string | null,
      help: violation.help as string,
      targets: (violation.nodes as { target: string[] }[]).map((node) => node.target.join(' ')),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

const SCREENSHOT_DIR = path.join(__dirname, '..', '..', 'docs', 'screenshots');

/**
 * The README's screenshots, taken only when asked (`UPDATE_SCREENSHOTS=1`), so that an ordinary test
 * run leaves the working tree as it was.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
