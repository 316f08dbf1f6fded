import { renderHtmlReference } from '../lib/docs/html-reference.ts';
import { renderIndexPage } from '../lib/docs/index-page.ts';
import { manifestPages, pageFile, renderManifest } from '../lib/docs/manifest.ts';
import { renderOperationPage } from '../lib/docs/operation-page.ts';
import { generatedHeader, generatedNotice, type Generator } from './types.ts';

/**
 * @genauth/docs: one Markdown page per operation (the vendor's page format), an index page, a
 * manifest for docs-site sidebars, and an offline HTML reference (Redoc) with the pages' samples.
 */
export const docs: Generator = {
  name: 'docs',
  workspacePackage: '@genauth/docs',
  outputDir: 'packages/docs/generated',
  async run(spec, context) {
    const { document } = spec;
    const header = generatedHeader(context, '<!--');
    // Redocly runs while the pages are rendered; a page error must not leave its rejection unhandled.
    const { operations } = context;
    const htmlReference = renderHtmlReference(document, operations, header);
    htmlReference.catch(() => {});
    const pages = manifestPages(operations);
    return [
      ...operations.map((operation) => ({
        path: `${this.outputDir}/${pageFile(operation)}`,
        content: renderOperationPage(document, operation, header, operations),
      })),
      { path: `${this.outputDir}/index.md`, content: renderIndexPage(document, pages, header) },
      { path: `${this.outputDir}/manifest.json`, content: renderManifest(document.info.title, document.info.version, pages, generatedNotice(context)) },
      { path: `${this.outputDir}/reference/index.html`, content: await htmlReference },
    ];
  },
};
