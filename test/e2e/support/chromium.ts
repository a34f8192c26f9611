/**
 * Launches Debian's Chromium (`/usr/bin/chromium`, or CHROMIUM_PATH) headless through
 * playwright-core — the Playwright browser download is not used — with a fresh profile
 * (playwright-core creates a new user-data directory per launch), and saves full-page screenshots under `artifacts/screenshots/`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { repositoryRoot } from './ensure-console-built.js';

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const screenshotDirectory = join(repositoryRoot, 'artifacts', 'screenshots');

export function chromiumAvailable(): boolean {
  return existsSync(chromiumPath);
}

export interface LaunchedBrowser {
  newContext(
    viewport?: { width: number; height: number },
    colorScheme?: 'light' | 'dark',
    options?: { readonly bypassCSP?: boolean },
  ): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** One browser for a whole test file; each context is a separate set of cookies. */
export async function launchChromium(): Promise<LaunchedBrowser> {
  const contexts: BrowserContext[] = [];
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
    ],
  });
  return {
    async newContext(viewport = { width: 1280, height: 860 }, colorScheme = 'light', options = {}) {
      const context = await browser.newContext({
        viewport,
        deviceScaleFactor: 1,
        locale: 'en-US',
        timezoneId: 'UTC',
        reducedMotion: 'reduce',
        colorScheme,
        bypassCSP: options.bypassCSP ?? false,
      });
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      return context;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/** Saves a full-page screenshot as `artifacts/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDirectory, { recursive: true });
  // Sticky parts (the side navigation) are drawn where the page is scrolled to.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(screenshotDirectory, `${name}.png`), fullPage: true });
}
