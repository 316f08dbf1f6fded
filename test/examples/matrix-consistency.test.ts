import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleNames, MATRIX, readmeWithSupportTable } from '../../scripts/lib/runtime-matrix.ts';
import { pinnedVersions } from '../../scripts/lib/runtimes.ts';
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
