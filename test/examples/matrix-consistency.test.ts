import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleNames, MATRIX, readmeWithSupportTable } from '../../scripts/lib/runtime-matrix.ts';
import { installedRuntimes, pinnedVersions } from '../../scripts/lib/runtimes.ts';
import { repoRoot } from '../fixture-spec.ts';

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const manifest = (example: string) => JSON.parse(readFileSync(join(repoRoot, 'examples', example, 'package.json'), 'utf8')) as Manifest;

describe('the examples, the runtime matrix and the README agree', () => {
  it('runs every example on at least one runtime, and only examples that exist', () => {
    const inMatrix = new Set(MATRIX.flatMap((row) => row.examples));
    expect([...inMatrix].sort()).toEqual(exampleNames(repoRoot));
  });

  it("has the README's support table exactly as rendered from the matrix (fix: pnpm examples:sync)", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    expect(readmeWithSupportTable(repoRoot, readme) === readme, 'README.md\'s "Supported runtimes" table is stale: run `pnpm examples:sync`').toBe(true);
  });

  it('pins every example dependency to an exact version, and @genauth/client to the workspace version (fix: pnpm examples:sync)', () => {
    const clientVersion = (JSON.parse(readFileSync(join(repoRoot, 'packages/client/package.json'), 'utf8')) as { version: string }).version;
    for (const example of exampleNames(repoRoot)) {
      const { dependencies = {}, devDependencies = {} } = manifest(example);
      for (const [name, version] of Object.entries({ ...dependencies, ...devDependencies })) expect(version, `examples/${example}: ${name}`).toMatch(/^\d+\.\d+\.\d+$/);
      expect(dependencies['@genauth/client'], `examples/${example}`).toBe(clientVersion);
    }
  });

  it("pins the worker example's wrangler to the version the matrix runs (runtimes/package.json)", () => {
    expect(manifest('cloudflare-worker').devDependencies?.wrangler).toBe(pinnedVersions(repoRoot).wrangler);
  });
});

describe('the pinned runtimes', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'genauth-runtimes-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const rootWith = (name: string, edit: (manifest: { dependencies: Record<string, string> }) => void) => {
    const root = join(scratch, name);
    mkdirSync(join(root, 'runtimes'), { recursive: true });
    copyFileSync(join(repoRoot, 'runtimes/package-lock.json'), join(root, 'runtimes/package-lock.json'));
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'runtimes/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    edit(manifest);
    writeFileSync(join(root, 'runtimes/package.json'), JSON.stringify(manifest));
    return root;
  };

  it('are exact versions of every runtime the matrix needs', () => {
    expect(pinnedVersions(repoRoot)).toEqual({
      node22: expect.stringMatching(/^22\.\d+\.\d+$/),
      node24: expect.stringMatching(/^24\.\d+\.\d+$/),
      bun: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      deno: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      wrangler: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      workerd: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
    expect(() => pinnedVersions(rootWith('range', (manifest) => (manifest.dependencies.bun = '^1.4.5')))).toThrow('runtimes/package.json pins bun as "^1.4.5": use an exact version.');
    expect(() => pinnedVersions(rootWith('missing', (manifest) => delete manifest.dependencies.deno))).toThrow('runtimes/package.json has no "deno" dependency');
  });

  it('not installed for the current pins is an error naming the fix, never a skip', () => {
    const root = rootWith('not-installed', () => {});
    expect(() => installedRuntimes(root)).toThrow(/are not installed for the pins in runtimes\/package\.json .*Run `pnpm runtimes:install`/);
  });
});
