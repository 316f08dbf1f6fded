/**
 * Copies what the site shows out of @genauth/docs, through the package's exports (as any consumer
 * would): the index page and every page its manifest names into `src/`, the offline HTML reference
 * into `src/public/` (VitePress copies public/ as it is: a route would 404 on it).
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Writes the site's sources into `srcDir` (emptied first) and returns the manifest they came from. */
export async function syncPages(srcDir) {
  const { docsManifest } = await import('@genauth/docs');
  rmSync(srcDir, { recursive: true, force: true });
  const copy = (exported, target) => {
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(require.resolve(`@genauth/docs/${exported}`), target);
  };
  copy('index.md', join(srcDir, 'index.md'));
  for (const page of docsManifest.pages) copy(page.file, join(srcDir, page.file));
  copy(docsManifest.reference, join(srcDir, 'public', docsManifest.reference));
  return docsManifest;
}
