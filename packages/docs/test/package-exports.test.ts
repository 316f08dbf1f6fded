import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedDir, repoRoot } from './docs-files.ts';

const manifest = JSON.parse(readFileSync(join(generatedDir, 'manifest.json'), 'utf8')) as { pages: { file: string }[] };

/** Runs a script in the repo root, where `@genauth/docs` is the workspace link to the BUILT package. */
const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8' });

describe('the built @genauth/docs package', () => {
  it('exports the manifest to ESM and CommonJS consumers, and each page by its manifest file', () => {
    const esm = node(['--input-type=module', '-e', "import { docsManifest } from '@genauth/docs'; console.log(JSON.stringify(docsManifest.pages));"]);
    const cjs = node(['-e', "console.log(JSON.stringify(require('@genauth/docs').docsManifest.pages))"]);
    expect(JSON.parse(esm)).toEqual(manifest.pages);
    expect(JSON.parse(cjs)).toEqual(manifest.pages);
    const resolved = node(['-e', `for (const f of ${JSON.stringify(manifest.pages.map((page) => page.file))}) console.log(require.resolve('@genauth/docs/' + f))`]);
    expect(resolved.trim().split('\n')).toEqual(manifest.pages.map((page) => join(generatedDir, page.file)));
  });
});
