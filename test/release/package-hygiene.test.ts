import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataExports, forbiddenTarballFiles, manifestProblems } from '../../scripts/lib/package-hygiene.ts';
import { publishedPackages } from '../../scripts/lib/workspace.ts';
import { repoRoot } from '../fixture-spec.ts';

const tsx = join(repoRoot, 'node_modules/.bin/tsx');
const run = (script: string, args: string[] = []) => spawnSync(tsx, [join(repoRoot, 'scripts', script), ...args], { cwd: repoRoot, encoding: 'utf8' });

const goodManifest = {
  name: '@genauth/example',
  version: '1.0.0',
  license: 'MIT',
  repository: { type: 'git', url: 'git+https://github.com/genauth/genauth-sdk.git', directory: 'packages/example' },
  type: 'commonjs',
  sideEffects: false,
  engines: { node: '>=20.19.0' },
  files: ['dist'],
  publishConfig: { access: 'public', provenance: true },
  exports: {
    '.': { import: { types: './dist/index.d.mts', default: './dist/index.mjs' }, require: { types: './dist/index.d.ts', default: './dist/index.js' } },
    './openapi.yaml': './generated/openapi.yaml',
    './package.json': './package.json',
  },
};

describe('package hygiene rules', () => {
  it('finds the published packages generically (every non-private workspace package)', () => {
    const names = publishedPackages(repoRoot).map((pkg) => pkg.name);
    expect(names).toEqual(expect.arrayContaining(['@genauth/client', '@genauth/mock-server']));
    expect(names).not.toContain('genauth-sdk');
  });

  it('refuses sources, tests and configs in a tarball and keeps what users need', () => {
    const found = forbiddenTarballFiles([
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'dist/index.mjs',
      'dist/index.d.mts',
      'dist/index.d.ts',
      'dist/index.js.map',
      'bin/genauth-mock.mjs',
      'generated/openapi.yaml',
      'src/client.ts',
      'test/client.test.ts',
      'dist/helper.test.js',
      'tsconfig.json',
      'tsup.config.ts',
      'vitest.config.mts',
      '.env',
    ]);
    expect(found.map((entry) => entry.path)).toEqual(['src/client.ts', 'test/client.test.ts', 'dist/helper.test.js', 'tsconfig.json', 'tsup.config.ts', 'vitest.config.mts', '.env']);
  });

  it('accepts a complete manifest and names each missing rule', () => {
    expect(manifestProblems(goodManifest)).toEqual([]);
    const bad = {
      ...goodManifest,
      type: undefined,
      sideEffects: undefined,
      engines: undefined,
      files: undefined,
      repository: undefined,
      publishConfig: { access: 'public' },
      exports: { '.': { import: './dist/index.mjs', require: { default: './dist/index.js', types: './dist/index.d.ts' } } },
    };
    const problems = manifestProblems(bad);
    expect(problems).toHaveLength(8);
    expect(problems.join('\n')).toMatch(/"repository.url" is missing/);
    expect(problems.join('\n')).toMatch(/"files" is missing/);
    expect(problems.join('\n')).toMatch(/"engines.node" is missing/);
    expect(problems.join('\n')).toMatch(/"type" is missing/);
    expect(problems.join('\n')).toMatch(/"sideEffects" is missing/);
    expect(problems.join('\n')).toMatch(/provenance/);
    expect(problems.join('\n')).toMatch(/exports\["\."\]\.import\.types" is missing/);
    expect(problems.join('\n')).toMatch(/exports\["\."\]\.require": "types" must come first/);
  });

  it('lists data exports that attw cannot resolve as modules', () => {
    expect(dataExports(goodManifest)).toEqual(['./openapi.yaml']);
  });
});

describe('the published tarballs (pnpm check:packages)', () => {
  it('pass the manifest rules, the contents rule, publint and attw', () => {
    const result = run('check-packages.ts');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const pkg of publishedPackages(repoRoot)) expect(result.stdout).toContain(`✓ ${pkg.name}@${pkg.version}`);
  }, 120_000);
});

describe('pnpm check:packages on a package that breaks the rules', () => {
  const root = mkdtempSync(join(tmpdir(), 'genauth-bad-package-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('fails, naming the shipped source and the missing types', () => {
    const dir = join(root, 'packages/bad');
    mkdirSync(join(dir, 'src'), { recursive: true });
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
    writeFileSync(join(dir, 'src/index.ts'), 'export const answer = 42;\n');
    writeFileSync(join(dir, 'dist/index.js'), 'exports.answer = 42;\n');
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ ...goodManifest, name: '@genauth/bad', files: ['dist', 'src'], exports: { '.': { require: './dist/index.js' } }, main: './dist/index.js' }),
    );
    const result = run('check-packages.ts', ['--root', root]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('✗ @genauth/bad@1.0.0');
    expect(result.stderr).toContain('@genauth/bad: tarball ships src/index.ts (source folder)');
    expect(result.stderr).toContain('"exports["."].require.types" is missing');
    expect(result.stderr).toMatch(/attw found problems/);
    expect(result.stderr).toContain('check:packages: 1 of 1 published packages have problems');
  }, 60_000);
});

describe('the client bundle size budget (pnpm check:size)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'genauth-size-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stays within its budget and prints the measured size', () => {
    const result = run('check-size.ts');
    console.log(result.stdout.trim());
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/✓ @genauth\/client \(dist\/index\.mjs, browser\): \d+ B minified, \d+ B gzip; budget \d+ B gzip/);
  }, 60_000);

  it('fails and names the bundle when the budget is exceeded', () => {
    const budget = join(dir, 'tiny-budget.json');
    writeFileSync(budget, JSON.stringify({ bundles: [{ package: '@genauth/client', entry: 'dist/index.mjs', platform: 'browser', gzipBudgetBytes: 1000 }] }));
    const result = run('check-size.ts', ['--budget', budget]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/✗ @genauth\/client .* over budget by \d+ B/);
  }, 60_000);
});
