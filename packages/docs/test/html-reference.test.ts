import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docsRoot, generatedDir, operations } from './docs-files.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const artifactsDir = join(docsRoot, 'test/artifacts');

/** A browser context that lets only file: and loopback requests through, and records every other one. */
async function offlineContext(browser: Browser): Promise<{ context: BrowserContext; leaked: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const leaked: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const local = url.protocol === 'file:' || url.protocol === 'data:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (local) return route.continue();
    leaked.push(url.href);
    return route.abort();
  });
  return { context, leaked };
}

/** The offline HTML reference (openapi-generator html2), opened in a real headless Chromium. */
describe('the HTML reference', () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install the Debian package \`chromium\` (scripts/ensure-chromium.sh).`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows every operation, logs no error, loads nothing from the network; screenshot in test/artifacts', async () => {
    const { context, leaked } = await offlineContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(join(generatedDir, 'reference/index.html')).href, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');

    expect(await page.title()).toBe('GenAuth Authentication API');
    for (const operation of operations) {
      const article = page.locator(`article[data-name="${operation.operationId}"]`);
      expect(await article.locator('h1').innerText(), operation.operationId).toBe(operation.operationId);
      expect(await article.locator('h1').isVisible(), operation.operationId).toBe(true);
      expect(await article.getByText(operation.summary, { exact: true }).first().isVisible(), operation.summary).toBe(true);
      expect(await page.locator(`a[href="#api-${operation.tags[0]}-${operation.operationId}"]`).isVisible()).toBe(true);
    }
    mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: join(artifactsDir, 'html-reference.png'), fullPage: false });
    await context.close();

    expect(errors).toEqual([]);
    expect(leaked).toEqual([]);
  });

  it('would record a request that leaves the machine (the guard above can fail)', async () => {
    const { context, leaked } = await offlineContext(browser);
    const page = await context.newPage();
    await page.setContent('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Source+Code+Pro">', { waitUntil: 'load' });
    await context.close();
    expect(leaked).toEqual(['https://fonts.googleapis.com/css?family=Source+Code+Pro']);
  });
});
