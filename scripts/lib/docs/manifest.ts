import type { OperationModel } from '../operations.ts';
import { kebabCase } from './markdown.ts';

/** One page of the docs, as a docs site's sidebar needs it. Mirrored by `DocsPage` in packages/docs/src. */
export interface DocsManifestPage {
  /** The page title: the operation's summary. */
  title: string;
  /** The operationId, which is also the `AuthenticationClient` method name. */
  operation: string;
  /** HTTP method and path of the endpoint the page documents. */
  method: string;
  path: string;
  /** The page's Markdown file, relative to the manifest. */
  file: string;
  /** The operation's first tag, for grouping in a sidebar. */
  tag: string;
}

export function pageFile(operation: OperationModel): string {
  return `pages/${kebabCase(operation.operationId)}.md`;
}

export function manifestPages(operations: OperationModel[]): DocsManifestPage[] {
  return operations.map((operation) => ({
    title: operation.summary,
    operation: operation.operationId,
    method: operation.method,
    path: operation.path,
    file: pageFile(operation),
    tag: operation.tags[0] ?? 'Other',
  }));
}

/** manifest.json: JSON has no comments, so the generated-file notice is its `$comment`. */
export function renderManifest(title: string, version: string, pages: DocsManifestPage[], notice: string): string {
  return JSON.stringify({ $comment: notice, title, version, reference: 'reference/index.html', pages }, null, 2) + '\n';
}
