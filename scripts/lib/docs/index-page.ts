import type { OpenApiDocument } from '../spec.ts';
import type { DocsManifestPage } from './manifest.ts';
import { cell, fence, table } from './markdown.ts';
import { CLIENT_CLASS } from './operation-page.ts';
import { INSTALL_COMMAND } from './samples.ts';

/** index.md: the API's description and one table of pages per tag. */
export function renderIndexPage(document: OpenApiDocument, pages: DocsManifestPage[], header: string): string {
  const tags = [...new Set(pages.map((page) => page.tag))].sort();
  const groups = tags.map((tag) => {
    const rows = pages
      .filter((page) => page.tag === tag)
      .map((page) => [`[${CLIENT_CLASS}.${page.operation}](${page.file})`, `\`${page.method} ${page.path}\``, cell(page.title)]);
    return [`## ${tag}`, '', table(['Method Name', 'Request', 'Description'], rows)].join('\n');
  });
  return [
    `# ${document.info.title}`,
    '',
    header.trimEnd(),
    '',
    (document.info.description ?? '').trim(),
    '',
    `Every method of \`${CLIENT_CLASS}\` in \`@genauth/client\` ${document.info.version ? `(API version ${document.info.version}) ` : ''}has a page with its parameters, a TypeScript and a curl sample, its response, the errors it throws and its data structures.`,
    '',
    'Install the client:',
    '',
    fence('bash', INSTALL_COMMAND),
    '',
    ...groups.flatMap((group) => [group, '']),
    'The whole API is also in one page that works offline: [reference/index.html](reference/index.html).',
    '',
  ].join('\n');
}
