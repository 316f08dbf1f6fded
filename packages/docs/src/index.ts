import manifest from '../generated/manifest.json';

/** One generated page: what a docs site's sidebar needs to link it. */
export interface DocsPage {
  /** The page title: the operation's summary. */
  title: string;
  /** The operationId, which is also the `AuthenticationClient` method name. */
  operation: string;
  /** HTTP method and path of the endpoint the page documents. */
  method: string;
  path: string;
  /** The page's Markdown file, relative to the package's `generated/` folder (exported as `@genauth/docs/<file>`). */
  file: string;
  /** The operation's first tag, for grouping pages in a sidebar. */
  tag: string;
}

export interface DocsManifest {
  /** The API's title and version, from the spec's `info`. */
  title: string;
  version: string;
  /** The offline HTML reference, relative to `generated/` (exported as `@genauth/docs/<reference>`, and as `@genauth/docs/reference.html`). */
  reference: string;
  pages: DocsPage[];
}

/** The pages `pnpm generate` wrote from the spec, sorted by operation. */
export const docsManifest: DocsManifest = {
  title: manifest.title,
  version: manifest.version,
  reference: manifest.reference,
  pages: manifest.pages,
};
