import { docsManifest } from '@genauth/docs';
import { defineConfig } from 'vitepress';

// The HTML reference is a file in public/, not a page: links to it get target="_self", or the
// router catches them and shows its 404 page. It is in the nav bar, not the sidebar, because a
// page's "Next page" link (built from the sidebar) ignores target.
const reference = '/' + docsManifest.reference;
const isReference = (url: string) => url.replace(/^\.?\//, '') === docsManifest.reference;
const tags = [...new Set(docsManifest.pages.map((page) => page.tag))].sort();

export default defineConfig({
  title: docsManifest.title,
  description: `Reference of @genauth/client, API version ${docsManifest.version}`,
  srcDir: 'src', // written by scripts/sync-pages.mjs
  ignoreDeadLinks: [isReference],
  markdown: {
    // The tables' `<div>` column hints and the `<!-- -->` notices are HTML: render them, never print them.
    html: true,
    config(md) {
      const linkOpen = md.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
      md.renderer.rules.link_open = (tokens, index, options, env, self) => {
        const link = tokens[index]!;
        if (isReference(link.attrGet('href') ?? '')) {
          link.attrSet('href', reference);
          link.attrSet('target', '_self');
        }
        return linkOpen(tokens, index, options, env, self);
      };
    },
  },
  themeConfig: {
    nav: [{ text: 'HTML reference', link: reference, target: '_self' }],
    sidebar: [
      { text: 'Overview', items: [{ text: docsManifest.title, link: '/' }] },
      ...tags.map((tag) => ({
        text: tag,
        items: docsManifest.pages.filter((page) => page.tag === tag).map((page) => ({ text: page.title, link: '/' + page.file.replace(/\.md$/, '') })),
      })),
    ],
    search: { provider: 'local' },
  },
});
