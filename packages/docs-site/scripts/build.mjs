/**
 * `pnpm docs:build`: the site's sources from @genauth/docs (sync-pages.mjs), then `vitepress build`
 * into `.vitepress/dist`. Works offline. `--outDir <dir>` writes the site elsewhere (the tests use it).
 */
import { parseArgs } from 'node:util';
import { build } from 'vitepress';
import { defaultOutDir, siteRoot, srcDir } from './paths.mjs';
import { syncPages } from './sync-pages.mjs';

export async function buildSite(outDir = defaultOutDir) {
  await syncPages(srcDir);
  await build(siteRoot, { outDir });
  return outDir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { outDir: { type: 'string' } } });
  const outDir = await buildSite(values.outDir);
  console.log(`docs:build: the site is in ${outDir}; \`pnpm docs:preview\` serves it on 127.0.0.1.`);
}
