import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedDir, repoRoot } from './docs-files.ts';

const manifest = JSON.parse(readFileSync(join(generatedDir, 'manifest.json'), 'utf8')) as { reference: string; pages: { file: string }[] };

/** Runs a script in the repo root, where `@genauth/docs` is the workspace link to the BUILT package. */
const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the built @genauth/docs package', () => {
  it('exports the manifest to ESM and CommonJS consumers', () => {
    const esm = node(['--input-type=module', '-e', "import { docsManifest } from '@genauth/docs'; console.log(JSON.stringify(docsManifest));"]);
    const cjs = node(['-e', "console.log(JSON.stringify(require('@genauth/docs').docsManifest))"]);
    const { $comment: _notice, ...expected } = manifest as typeof manifest & { $comment: string };
    expect(JSON.parse(esm)).toEqual(expected);
    expect(JSON.parse(cjs)).toEqual(expected);
  });

  it("exports every file its manifest names, as '@genauth/docs/' + the manifest's path, to require and import", () => {
    const script = (resolve: string) =>
      `const { docsManifest } = ${resolve === 'require' ? "require('@genauth/docs')" : "await import('@genauth/docs')"};` +
      "for (const file of [docsManifest.reference, ...docsManifest.pages.map((page) => page.file)]) " +
      `console.log(${resolve === 'require' ? "require.resolve('@genauth/docs/' + file)" : "new URL(import.meta.resolve('@genauth/docs/' + file)).pathname"});`;
    const expected = [manifest.reference, ...manifest.pages.map((page) => page.file)].map((file) => join(generatedDir, file));
    expect(node(['-e', script('require')]).trim().split('\n')).toEqual(expected);
    expect(node(['--input-type=module', '-e', script('import')]).trim().split('\n')).toEqual(expected);
  });

  it('refuses a path the package does not export (the check above can fail)', () => {
    expect(() => node(['-e', "require.resolve('@genauth/docs/src/index.ts')"])).toThrow(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });
});
