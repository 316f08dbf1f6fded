import { join } from 'node:path';

/** The site package's folder (VitePress root), its sources (written by sync-pages.mjs) and its default output. */
export const siteRoot = join(import.meta.dirname, '..');
export const srcDir = join(siteRoot, 'src');
export const defaultOutDir = join(siteRoot, '.vitepress/dist');
