import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectErrors, launchChromium, offlineContext, screenshotPath } from '../../docs/test/browser.ts';
import { docsManifest } from '@genauth/docs';
import { serveStatic } from '../scripts/static-server.mjs';

const siteRoot = join(import.meta.dirname, '..');
const route = (file: string) => '/' + file.replace(/\.md$/, '');

/** `pnpm docs:build`, into a folder of its own: the one build of the site per test run. */
function buildSite(outDir: string): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [join(siteRoot, 'scripts/build.mjs'), '--outDir', outDir], { cwd: siteRoot, timeout: 240_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`docs:build failed: ${error.message}\n${stdout}${stderr}`)) : resolve(),
    ),
  );
}

describe("@genauth/docs README's site recipe", () => {
  it("is this site's own files, as they are", () => {
    const readme = readFileSync(join(siteRoot, '../docs/README.md'), 'utf8');
    const shown = [...readme.matchAll(/^`packages\/docs-site\/([^`]+)`:\n\n```\w+\n([\s\S]*?)\n```$/gm)];
    expect(shown.map((match) => match[1])).toEqual(['scripts/sync-pages.mjs', '.vitepress/config.mts', '.vitepress/theme/index.ts', '.vitepress/theme/tables.css']);
    for (const [, file, text] of shown) expect(text, file).toBe(readFileSync(join(siteRoot, file!), 'utf8').trimEnd());
  });
});

/** The built docs site (VitePress), served on 127.0.0.1 by the package's own static server, in headless Chromium. */
describe('the docs site', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'genauth-docs-site-'));
  let server: { url: string; stop(): Promise<void> };
  let browser: Browser;
  let context: BrowserContext;
  let leaked: string[];

  beforeAll(async () => {
    await buildSite(outDir);
    server = await serveStatic(outDir);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(outDir, { recursive: true, force: true });
  });

  async function openSite(path = '/'): Promise<{ page: Page; errors: string[] }> {
    ({ context, leaked } = await offlineContext(browser));
    const page = await context.newPage();
    page.setDefaultTimeout(15_000); // a missing element fails with its locator, well before the test's own timeout
    const errors = collectErrors(page);
    const response = await page.goto(server.url + path, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    return { page, errors };
  }

  async function closeSite(errors: string[]) {
    await context.close();
    expect(errors).toEqual([]);
    expect(leaked).toEqual([]);
  }

  /** What a reader would call broken in the page shown: literal HTML, tables that are not tables or do not fit, anchors that go nowhere. */
  async function checkRenderedPage(page: Page, name: string) {
    const doc = page.locator('.vp-doc');
    const text = await doc.innerText();
    expect(text, `${name}: literal HTML in the text`).not.toMatch(/<\/?(div|span|br|table)\b|style="/);
    expect(text, `${name}: literal Markdown table syntax`).not.toMatch(/^\|.*\|$/m);
    const layout = await page.evaluate(() => ({
      pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      tables: [...document.querySelectorAll('.vp-doc table')].map((table) => {
        const container = table.closest('.vp-doc') as HTMLElement;
        return {
          columns: table.querySelectorAll('thead th').length,
          display: getComputedStyle(table).display,
          scrolls: table.scrollWidth > table.clientWidth + 1,
          overflows: table.getBoundingClientRect().right > container.getBoundingClientRect().right + 1,
        };
      }),
    }));
    expect(layout.pageScrolls, `${name}: the page scrolls sideways at 1280 px`).toBe(false);
    expect(layout.tables.length, `${name}: tables`).toBeGreaterThan(0);
    for (const table of layout.tables) expect(table, `${name}: a ${table.columns}-column table`).toMatchObject({ display: 'table', scrolls: false, overflows: false });
    return layout;
  }

  it('opens every manifest page from the sidebar, with tables as tables that fit 1280 px and Data Structure links that resolve; screenshots in .reports/screenshots', async () => {
    const { page, errors } = await openSite('/');
    await checkRenderedPage(page, 'index');
    await page.screenshot({ path: screenshotPath('docs-site-index.png') });

    for (const entry of docsManifest.pages) {
      await page.locator('.VPSidebar').getByRole('link', { name: entry.title, exact: true }).click();
      await page.waitForURL((url) => url.pathname.replace(/\.html$/, '') === route(entry.file));
      await expect.poll(() => page.locator('.vp-doc h1').innerText()).toContain(entry.title);
      const layout = await checkRenderedPage(page, entry.operation);
      expect(layout.tables.some((table) => table.columns === 6), `${entry.operation}: the six-column Request Parameters table`).toBe(true);

      // Every link to an anchor of this page (Data Structure entries) has its target; follow each.
      const anchors = await page.locator('.vp-doc a[href^="#"]:not(.header-anchor)').evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
      expect(anchors.length, `${entry.operation}: links to Data Structure`).toBeGreaterThan(0);
      for (const anchor of new Set(anchors)) {
        const id = decodeURIComponent(anchor.slice(1));
        expect(await page.locator(`[id="${id}"]`).count(), `${entry.operation}: ${anchor} has no target`).toBe(1);
        await page.locator(`.vp-doc a[href="${anchor}"]:not(.header-anchor)`).first().click();
        await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toBe(`#${id}`);
        await expect.poll(() => page.locator(`[id="${id}"]`).evaluate((target) => target.getBoundingClientRect().top < window.innerHeight)).toBe(true);
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: screenshotPath(`docs-site-${entry.operation}.png`) });
    }
    await closeSite(errors);
  });

  it('finds bindPhone with the local search', async () => {
    const { page, errors } = await openSite('/');
    await page.locator('.VPNavBarSearch button').click();
    await page.locator('#localsearch-input').fill('bindPhone');
    const bindPhone = docsManifest.pages.find((entry) => entry.operation === 'bindPhone')!;
    const result = page.locator('.VPLocalSearchBox .result').filter({ hasText: bindPhone.title }).first();
    await result.waitFor();
    await page.screenshot({ path: screenshotPath('docs-site-search.png') });
    await result.click();
    await page.waitForURL((url) => url.pathname.replace(/\.html$/, '') === route(bindPhone.file));
    await closeSite(errors);
  });

  it('opens the HTML reference from the nav bar (the file, not the router\'s 404 page)', async () => {
    const { page, errors } = await openSite('/');
    const [response] = await Promise.all([page.waitForResponse((candidate) => candidate.url().endsWith('/' + docsManifest.reference)), page.getByRole('link', { name: 'HTML reference' }).first().click()]);
    expect(response.status()).toBe(200);
    await page.waitForLoadState('load');
    expect(await page.title()).toBe(docsManifest.title);
    expect(await page.locator('body').innerText()).not.toMatch(/PAGE NOT FOUND|404/);
    await page.getByRole('heading', { name: new RegExp(`^${docsManifest.title}`) }).first().waitFor();
    await page.screenshot({ path: screenshotPath('docs-site-reference.png') });
    await closeSite(errors);
  });

  it('serves its 404 page with status 404, and nothing outside the site (the checks above can fail)', async () => {
    expect((await fetch(server.url + '/pages/no-such-page.html')).status).toBe(404);
    expect((await fetch(server.url + '/..%2f..%2fetc%2fpasswd')).status).toBe(404);
  });
});
