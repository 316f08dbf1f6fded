import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The runtimes the example matrix runs on. Their versions are pinned in one place,
 * `runtimes/package.json` (with its npm lockfile); `pnpm runtimes:install` installs them from npm into
 * `.cache/runtimes/<hash of both files>/`, so a changed pin installs afresh and an unchanged one is reused.
 */
export const RUNTIME_IDS = ['node22', 'node24', 'bun', 'deno', 'wrangler'] as const;
export type RuntimeId = (typeof RUNTIME_IDS)[number];

export interface InstalledRuntimes {
  /** Absolute path of each runtime's executable (wrangler's is a Node script: run it with node24). */
  bin: Record<RuntimeId, string>;
}

const MARKER = '.installed';

function runtimesManifest(root: string): { dependencies: Record<string, string> } {
  return JSON.parse(readFileSync(join(root, 'runtimes/package.json'), 'utf8')) as { dependencies: Record<string, string> };
}

/** `.cache/runtimes/<first 12 hex of sha256(package.json + package-lock.json)>`. */
export function runtimesDir(root: string): string {
  const hash = createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) hash.update(readFileSync(join(root, 'runtimes', file)));
  return join(root, '.cache/runtimes', hash.digest('hex').slice(0, 12));
}

export function pinnedVersions(root: string): Record<RuntimeId, string> & { workerd: string } {
  const dependencies = runtimesManifest(root).dependencies;
  const pin = (id: RuntimeId) => {
    const spec = dependencies[id];
    if (!spec) throw new Error(`runtimes/package.json has no "${id}" dependency: the matrix needs it.`);
    const version = spec.replace(/^npm:[^@]+@/, '');
    if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`runtimes/package.json pins ${id} as "${spec}": use an exact version.`);
    return version;
  };
  const lock = JSON.parse(readFileSync(join(root, 'runtimes/package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  const workerd = lock.packages['node_modules/workerd']?.version;
  if (!workerd) throw new Error('runtimes/package-lock.json has no workerd (wrangler depends on it): run `npm install --package-lock-only` in runtimes/.');
  return { node22: pin('node22'), node24: pin('node24'), bun: pin('bun'), deno: pin('deno'), wrangler: pin('wrangler'), workerd };
}

export function runtimeBinaries(dir: string): Record<RuntimeId, string> {
  const modules = join(dir, 'node_modules');
  return {
    node22: join(modules, 'node22/bin/node'),
    node24: join(modules, 'node24/bin/node'),
    bun: join(modules, '.bin/bun'),
    deno: join(modules, '.bin/deno'),
    wrangler: join(modules, 'wrangler/bin/wrangler.js'),
  };
}

export function markerPath(dir: string): string {
  return join(dir, MARKER);
}

/** The installed runtimes; throws, naming the fix, when they are not installed for the current pins. */
export function installedRuntimes(root: string): InstalledRuntimes {
  const dir = runtimesDir(root);
  const bin = runtimeBinaries(dir);
  const missing = RUNTIME_IDS.filter((id) => !existsSync(bin[id]));
  if (!existsSync(markerPath(dir)) || missing.length > 0) {
    throw new Error(
      `The example matrix's runtimes are not installed for the pins in runtimes/package.json (looked in ${dir}${missing.length ? `; missing: ${missing.join(', ')}` : ''}). Run \`pnpm runtimes:install\` (.ci/run and the quick start do).`,
    );
  }
  return { bin };
}
