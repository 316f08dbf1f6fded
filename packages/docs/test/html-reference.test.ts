import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resolveRef, type MediaTypeObject, type ResponseObject } from '../../../scripts/lib/spec.ts';
import { collectErrors, launchChromium, offlineContext, screenshotPath } from './browser.ts';
import { generatedDir, operations, readPage, spec } from './docs-files.ts';
import { runCurlSample } from './mock-samples.ts';
import { codeBlocks, parsePage, section } from './page-parser.ts';

const referenceUrl = pathToFileURL(join(generatedDir, 'reference/index.html')).href;

/** Every documented response of an operation with its named examples, as the spec has them. */
function documentedResponses(operationId: string): { status: string; examples: { summary: string; value: unknown }[] }[] {
  const operation = operations.find((candidate) => candidate.operationId === operationId)!;
  return Object.entries(operation.operation.responses ?? {}).map(([status, response]) => {
    const media = resolveRef<ResponseObject>(spec, response as ResponseObject).content?.['application/json'] as MediaTypeObject | undefined;
    const examples = Object.entries(media?.examples ?? {}).map(([name, example]) => ({ summary: example.summary ?? name, value: example.value }));
    return { status, examples };
  });
}

/** The page's sample of one language, as the reader copies it from the Markdown page. */
function pageSample(operationId: string, language: 'ts' | 'sh'): string {
  const blocks = codeBlocks(section(parsePage(readPage(operationId)), 'Sample Code'), language);
  expect(blocks).toHaveLength(1);
  return blocks[0]!;
}

/** The reference's section for one operation, opened from the sidebar as a reader would. */
async function openOperation(page: Page, tag: string, summary: string): Promise<Locator> {
  const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
  const link = page.getByRole('link', { name: startsWith(summary) }).first(); // the sidebar entry, with its method badge
  if (!(await link.isVisible())) await page.getByRole('link', { name: startsWith(tag) }).first().click();
  await link.click();
  const operationSection = page.locator('[data-item-kind="httpItem"]').filter({ has: page.locator('h2', { hasText: summary }) });
  await operationSection.first().waitFor();
  return operationSection.first();
}

/** Picks an entry of one of Redoc's dropdowns (sample language, response example) and returns the entries it offered. */
async function pick(page: Page, dropdown: Locator, entry: string): Promise<string[]> {
  await dropdown.click();
  const items = page.getByRole('menuitem');
  await items.first().waitFor();
  const offered = (await items.allInnerTexts()).map((text) => text.trim());
  await items.filter({ hasText: entry }).first().click();
  return offered;
}

const sourceText = async (panel: Locator) => (await panel.locator('[data-testid="source-code"]').first().innerText()).trim();

/** The offline HTML reference (Redoc), opened from its file in a real headless Chromium. */
describe('the HTML reference', () => {
  const apiBaseUrl = inject('apiBaseUrl');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows each operation with the pages\' TypeScript and curl samples (the curl runs on the mock) and every documented response example, offline; screenshot in .reports/screenshots', async () => {
    const { context, leaked } = await offlineContext(browser);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000); // a missing element fails the test with its locator, well before the test's own timeout
    const errors = collectErrors(page);
    await page.goto(referenceUrl, { waitUntil: 'load' });
    expect(await page.title()).toBe(spec.info.title);
    await page.getByRole('heading', { name: new RegExp(`^${spec.info.title}`) }).first().waitFor();

    for (const operation of operations) {
      const operationSection = await openOperation(page, operation.tags[0]!, operation.summary);
      expect(await operationSection.innerText(), operation.operationId).toContain(operation.path);

      // Samples: exactly TypeScript and curl, each the page's text.
      const samples = operationSection.locator('.panel-request-samples');
      const language = samples.locator('[data-testid="dropdown"] button').last();
      expect(await pick(page, language, 'TypeScript'), `${operation.operationId}: sample languages`).toEqual(['TypeScript', 'curl']);
      expect(await sourceText(samples)).toBe(pageSample(operation.operationId, 'ts'));
      await pick(page, language, 'curl');
      const curl = await sourceText(samples);
      expect(curl).toBe(pageSample(operation.operationId, 'sh'));
      const run = runCurlSample(curl, apiBaseUrl);
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ statusCode: 200 });

      // Responses: every documented status, each of its examples with its own value.
      const responses = operationSection.locator('.panel-response-samples');
      const documented = documentedResponses(operation.operationId);
      expect(await responses.getByRole('button').filter({ hasText: /^\d{3}$/ }).allInnerTexts()).toEqual(documented.map((response) => response.status));
      for (const { status, examples } of documented) {
        await responses.getByRole('button', { name: status, exact: true }).click();
        expect(examples.length, `${operation.operationId} ${status}: examples in the spec`).toBeGreaterThan(0);
        for (const example of examples) {
          // Several examples: a chooser listing each by its summary. One example: shown as it is.
          if (examples.length > 1) {
            const offered = await pick(page, responses.locator('button[aria-label="Example"]'), example.summary);
            expect(offered, `${operation.operationId} ${status}`).toEqual(examples.map((candidate) => candidate.summary));
          }
          expect(JSON.parse(await sourceText(responses)), `${operation.operationId} ${status} ${example.summary}`).toEqual(example.value);
        }
      }
    }

    // Enum values come with their descriptions.
    const smsChannel = spec.components!.schemas!.SmsChannel!;
    const text = await page.locator('main').innerText();
    for (const meaning of smsChannel['x-enum-descriptions']!) expect(text).toContain(meaning);

    await page.screenshot({ path: screenshotPath('html-reference.png') });
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
