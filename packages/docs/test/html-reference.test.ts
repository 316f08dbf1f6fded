import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resolveRef, type MediaTypeObject, type ResponseObject } from '../../../scripts/lib/spec.ts';
import { collectErrors, launchChromium, offlineContext, screenshotPath } from './browser.ts';
import { generatedDir, operations, readPage, spec } from './docs-files.ts';
import { pointAtMock, runCurlSample } from './sample-checks.ts';
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
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A sidebar entry reads "<summary><method>"; a tag reads "<tag>". Exact, as summaries can start alike.
  const link = page.getByRole('link', { name: new RegExp(`^${escape(summary)} ?(get|post|put|patch|delete)?$`, "i") }).first();
  if (!(await link.isVisible())) await page.getByRole('link', { name: new RegExp(`^${escape(tag)}$`) }).first().click();
  await link.click();
  const heading = page.locator('h2').filter({ hasText: new RegExp(`^${escape(summary)}$`) });
  const operationSection = page.locator('[data-item-kind="httpItem"]').filter({ has: heading }).first();
  await operationSection.waitFor();
  return operationSection;
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

    let shown = '';
    for (const operation of operations) {
      const operationSection = await openOperation(page, operation.tags[0]!, operation.summary);
      const text = await operationSection.innerText();
      expect(text, operation.operationId).toContain(operation.path);
      shown += text;

      // Samples: exactly TypeScript and curl, each the page's text.
      const samples = operationSection.locator('.panel-request-samples');
      const language = samples.locator('[data-testid="dropdown"] button').last();
      expect(await pick(page, language, 'TypeScript'), `${operation.operationId}: sample languages`).toEqual(['TypeScript', 'curl']);
      expect(await sourceText(samples)).toBe(pageSample(operation.operationId, 'ts'));
      await pick(page, language, 'curl');
      const curl = await sourceText(samples);
      expect(curl).toBe(pageSample(operation.operationId, 'sh'));
      const run = runCurlSample(pointAtMock(curl, 'sh', apiBaseUrl));
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

    // Every enum value comes with its description, in the operations that use it.
    const meanings = Object.values(spec.components?.schemas ?? {}).flatMap((schema) => schema['x-enum-descriptions'] ?? []);
    expect(meanings.length).toBeGreaterThan(0);
    for (const meaning of meanings) expect(shown).toContain(meaning);

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
