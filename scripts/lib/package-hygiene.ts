import type { PackageManifest } from './workspace.ts';

/** Files a tarball may never contain: sources, tests, build and tool configs, local junk. */
const FORBIDDEN: { test: RegExp; reason: string }[] = [
  { test: /^src\//, reason: 'source folder' },
  { test: /(^|\/)(test|tests|__tests__|fixtures)\//, reason: 'test folder' },
  { test: /\.(test|spec|test-d)\.[cm]?[jt]sx?$/, reason: 'test file' },
  { test: /(?<!\.d)\.[cm]?tsx?$/, reason: 'TypeScript source (only .d.ts/.d.mts/.d.cts declarations may ship)' },
  { test: /(^|\/)tsconfig[^/]*\.json$/, reason: 'TypeScript config' },
  { test: /(^|\/)(tsup|vitest|vite|eslint|prettier|turbo|rollup|esbuild)\.config\.[^/]+$/, reason: 'tool config' },
  { test: /(^|\/)\.(turbo|changeset|github|vscode)\//, reason: 'tool folder' },
  { test: /(^|\/)node_modules\//, reason: 'node_modules' },
  { test: /(^|\/)\.(env[^/]*|npmrc|eslintrc[^/]*|prettierrc[^/]*|gitignore|DS_Store)$/, reason: 'dotfile' },
  { test: /\.(tgz|log)$/, reason: 'tarball or log' },
];

/** Sources, tests and configs that a package tarball must not contain, with the reason for each. */
export function forbiddenTarballFiles(paths: readonly string[]): { path: string; reason: string }[] {
  const found: { path: string; reason: string }[] = [];
  for (const path of paths) {
    const rule = FORBIDDEN.find((candidate) => candidate.test.test(path));
    if (rule) found.push({ path, reason: rule.reason });
  }
  return found;
}

const JS_TARGET = /\.[cm]?js$/;

type Conditions = { [condition: string]: string | Conditions | null };

/** Whether an exports target (string or condition object) points at JavaScript anywhere. */
function targetsJs(target: unknown): boolean {
  if (typeof target === 'string') return JS_TARGET.test(target);
  if (target && typeof target === 'object') return Object.values(target).some(targetsJs);
  return false;
}

/** The package.json rules every published package follows; each problem names the field and the fix. */
export function manifestProblems(manifest: PackageManifest): string[] {
  const problems: string[] = [];
  const files = manifest.files;
  if (!Array.isArray(files) || files.length === 0) problems.push('"files" is missing: list what the tarball ships (e.g. ["dist", "README.md"]).');
  const engines = manifest.engines as Record<string, string> | undefined;
  if (!engines?.node) problems.push('"engines.node" is missing: state the supported Node versions (e.g. ">=20.19.0").');
  if (manifest.type !== 'commonjs' && manifest.type !== 'module') problems.push('"type" is missing: set "commonjs" or "module" explicitly.');
  if (manifest.sideEffects === undefined) problems.push('"sideEffects" is missing: set false when importing the package runs no code with effects, or list the files that do.');
  const publishConfig = manifest.publishConfig as Record<string, unknown> | undefined;
  if (publishConfig?.provenance !== true) problems.push('"publishConfig.provenance" must be true: releases are published with npm provenance.');
  const repository = manifest.repository as { url?: string } | string | undefined;
  if (!(typeof repository === 'string' ? repository : repository?.url)) {
    problems.push('"repository.url" is missing: npm provenance verifies the package against its source repository.');
  }
  if (publishConfig?.access !== 'public') problems.push('"publishConfig.access" must be "public" for a scoped package users install.');
  if (typeof manifest.license !== 'string') problems.push('"license" is missing.');
  const exports = manifest.exports as Record<string, unknown> | undefined;
  if (!exports || typeof exports !== 'object' || !exports['.']) {
    problems.push('"exports" has no "." entry: declare the entry points with types for import and require.');
  } else {
    for (const [subpath, target] of Object.entries(exports)) {
      if (!targetsJs(target)) continue;
      const conditions = (typeof target === 'object' && target ? target : {}) as Conditions;
      for (const condition of ['import', 'require'] as const) {
        const branch = conditions[condition];
        const types = branch && typeof branch === 'object' ? branch.types : undefined;
        if (typeof types !== 'string') problems.push(`"exports["${subpath}"].${condition}.types" is missing: every JavaScript entry needs its own types for ${condition}.`);
        else if (!/\.d\.[cm]?ts$/.test(types)) problems.push(`"exports["${subpath}"].${condition}.types" (${types}) is not a declaration file.`);
        if (branch && typeof branch === 'object' && Object.keys(branch)[0] !== 'types') {
          problems.push(`"exports["${subpath}"].${condition}": "types" must come first, TypeScript reads conditions in order.`);
        }
      }
    }
  }
  return problems;
}

/** Subpath exports that are data files (YAML, JSON), which type checkers like attw cannot resolve as modules. */
export function dataExports(manifest: PackageManifest): string[] {
  const exports = manifest.exports as Record<string, unknown> | undefined;
  if (!exports || typeof exports !== 'object') return [];
  return Object.entries(exports)
    .filter(([subpath, target]) => subpath !== './package.json' && !targetsJs(target))
    .map(([subpath]) => subpath)
    .sort();
}
