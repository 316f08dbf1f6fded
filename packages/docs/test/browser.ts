import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './docs-files.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Where browser tests keep their screenshots (gitignored; CI keeps `.reports/` as test artifacts). */
const screenshotsDir = join(repoRoot, '.reports/screenshots');

export function screenshotPath(name: string): string {
  mkdirSync(screenshotsDir, { recursive: true });
  return join(screenshotsDir, name);
}

/** Debian's Chromium (scripts/ensure-chromium.sh installs it), headless. */
export async function launchChromium(options: { timeout?: number } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install the Debian package \`chromium\` (scripts/ensure-chromium.sh).`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, ...options });
}

/** A 1280 px wide context that lets only file:, data:, blob: and loopback requests through, and records every other one. */
export async function offlineContext(browser: Browser): Promise<{ context: BrowserContext; leaked: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const leaked: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const local = ['file:', 'data:', 'blob:'].includes(url.protocol) || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (local) return route.continue();
    leaked.push(url.href);
    return route.abort();
  });
  return { context, leaked };
}

/** Console errors and uncaught exceptions of a page, collected as they happen. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
