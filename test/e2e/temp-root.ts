import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../fixture-spec.ts';

export const bin = (name: string) => join(repoRoot, 'node_modules/.bin', name);

export interface TempRoot {
  root: string;
  /** The copy of packages/client the generator writes into. */
  clientDir: string;
  /** Where the docs generator writes (`<root>/packages/docs/generated`). */
  docsDir: string;
  /** Builds the client copy with its own tsup config (dist/ with .mjs, .js and .d.ts). */
  build(): void;
  /** Links `<root>/node_modules/@genauth/client` to the client copy, so files under the root import the built package by name. */
  linkClientPackage(): void;
  remove(): void;
}

/**
 * A temp root holding a copy of packages/client (its node_modules linked, not copied), regenerated from
 * `specPath` by `scripts/generate.ts --root --spec --only`: the real packages are never touched.
 */
export function generateIntoTempRoot(specPath: string, packages: string[], prefix: string): TempRoot {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const clientDir = join(root, 'packages/client');
  cpSync(join(repoRoot, 'packages/client'), clientDir, {
    recursive: true,
    filter: (source) => !/\/(node_modules|dist)(\/|$)/.test(source.slice(repoRoot.length)),
  });
  cpSync(join(repoRoot, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
  symlinkSync(join(repoRoot, 'packages/client/node_modules'), join(clientDir, 'node_modules'), 'dir');
  execFileSync(bin('tsx'), [join(repoRoot, 'scripts/generate.ts'), '--root', root, '--spec', specPath, ...packages.flatMap((name) => ['--only', name])], {
    cwd: repoRoot,
    stdio: 'pipe',
  });
  return {
    root,
    clientDir,
    docsDir: join(root, 'packages/docs/generated'),
    build: () => void execFileSync(join(clientDir, 'node_modules/.bin/tsup'), { cwd: clientDir, stdio: 'pipe' }),
    linkClientPackage: () => {
      mkdirSync(join(root, 'node_modules/@genauth'), { recursive: true });
      symlinkSync(clientDir, join(root, 'node_modules/@genauth/client'), 'dir');
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
