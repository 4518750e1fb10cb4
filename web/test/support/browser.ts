/**
 * Debian's Chromium driven by playwright-core (shared/notes/browser.md: Playwright's own
 * browser download cannot run here). Every page records what would make a screen wrong
 * without failing an assertion: console errors (a content-security-policy refusal among
 * them), uncaught exceptions, policy violations and requests to any other origin.
 */
import { expect } from '@jest/globals';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.TEPAT_CHROMIUM ?? '/usr/bin/chromium';

/** Where the screenshots go (gitignored; .ci/run lists them; web/README.md). */
export const SCREENSHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));

export const LAPTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-core (.ci/run does), or set TEPAT_CHROMIUM.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    // Root in CI needs --no-sandbox; the rest keep Chromium off the network this machine does not have.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Everything that went wrong on the page so far, in words. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * A fresh context (its own sessionStorage) with `token` already signed in, when given,
 * as a tab that pasted it would have it.
 */
export async function openPage(browser: Browser, origin: string, options: { token?: string; viewport?: { width: number; height: number } } = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: options.viewport ?? LAPTOP, acceptDownloads: true, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  if (options.token) {
    await context.addInitScript((token) => {
      if (!sessionStorage.getItem('tepat.token')) sessionStorage.setItem('tepat.token', token);
    }, options.token);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems: string[] = [];
  const where = () => new URL(page.url()).pathname;
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} (on ${where()})`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message} (on ${where()}: ${error.stack?.split('\n').slice(1, 9).map((l) => l.trim()).join(' < ')})`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:') problems.push(`request to another origin: ${request.url()}`);
  });
  await page.exposeFunction('__tepatPolicyViolation', (text: string) => problems.push(`policy: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __tepatPolicyViolation(t: string): void }).__tepatPolicyViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return { context, page, problems, close: () => context.close() };
}

/**
 * Runs `body` on a fresh page (signed in with `token` when given), then fails on anything
 * the page did wrong but the `expected` problems, and closes it whatever happened.
 */
export async function withWatchedPage(
  browser: Browser,
  origin: string,
  token: string | undefined,
  body: (w: Watched) => Promise<void>,
  { viewport = LAPTOP, expected = [] as RegExp[] } = {},
): Promise<void> {
  const w = await openPage(browser, origin, { token, viewport });
  try {
    await body(w);
    expect(w.problems.filter((p) => !expected.some((e) => e.test(p)))).toEqual([]);
  } finally {
    await w.close();
  }
}

/**
 * A main screen as the issue asks for it: no sideways scrolling at the window's width, a
 * screenshot, and on a phone no sideways scrolling at 360 px either (the narrowest phones).
 */
export async function screenshotFitting(page: Page, name: string): Promise<void> {
  expect({ screen: name, overflows: await overflowsSideways(page) }).toEqual({ screen: name, overflows: false });
  await screenshot(page, name);
  if (page.viewportSize()!.width === PHONE.width) {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.waitForTimeout(200);
    expect({ screen: name, at360: await overflowsSideways(page) }).toEqual({ screen: name, at360: false });
  }
}

/** A full-page screenshot into SCREENSHOTS as `<name>-<width>x<height>.png`. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { width, height } = page.viewportSize()!;
  const path = join(SCREENSHOTS, `${name}-${width}x${height}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Whether the page is wider than the window (a phone would scroll sideways). */
export async function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}
