import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { bumpCovers, diffSpecs, maxBump, requiredBump, type Bump, type SpecChange } from './spec-diff.ts';
import type { OpenApiDocument } from './spec.ts';
import { publishedPackages } from './workspace.ts';

function git(root: string, args: string[]): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`git ${args.join(' ')} could not run: ${result.error.message}`);
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr };
}

/** The spec, relative to the repo root (the same file scripts/generators/manifest.ts names). */
export const SPEC_PATH = 'openapi/openapi.yaml';

/**
 * The published packages built from the spec: those with a `generate` script (it runs
 * scripts/generate.ts for the package's generators). Read from package.json so this stays cheap.
 */
export function specPackages(root: string): { name: string; version: string; relativeDir: string }[] {
  return publishedPackages(root).filter((pkg) => typeof (pkg.manifest.scripts as Record<string, string> | undefined)?.generate === 'string');
}

/**
 * The newest release tag reachable from HEAD of any spec package (`<name>@<version>`, as
 * `changeset publish` writes them); undefined when nothing has been released yet.
 */
export function lastReleaseTag(root: string, packageNames: readonly string[]): string | undefined {
  const refs = git(root, ['for-each-ref', '--merged', 'HEAD', '--sort=refname', '--sort=-creatordate', '--format=%(refname:short)', 'refs/tags']);
  if (!refs.ok) throw new Error(`cannot list git tags in ${root}: ${refs.stderr.trim()}`);
  return refs.stdout
    .split('\n')
    .map((line) => line.trim())
    .find((tag) => packageNames.some((name) => tag.startsWith(`${name}@`) && /^\d+\.\d+\.\d+/.test(tag.slice(name.length + 1))));
}

function fileAt(root: string, ref: string, path: string): string | undefined {
  const shown = git(root, ['show', `${ref}:${path}`]);
  return shown.ok ? shown.stdout : undefined;
}

/** Bumps recorded by the pending changesets in `.changeset/*.md`, per package, with the files that record them. */
export function pendingChangesets(root: string): Map<string, { bump: Bump; files: string[] }> {
  const dir = join(root, '.changeset');
  const pending = new Map<string, { bump: Bump; files: string[] }>();
  if (!existsSync(dir)) return pending;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.md') && name !== 'README.md').sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    const match = /^---\r?\n([\s\S]*?)\r?\n?---/.exec(text);
    if (!match) throw new Error(`.changeset/${file} has no frontmatter (--- "package": bump ---).`);
    const releases = (parse(match[1] ?? '') ?? {}) as Record<string, string>;
    for (const [name, bump] of Object.entries(releases)) {
      if (!['major', 'minor', 'patch', 'none'].includes(bump)) throw new Error(`.changeset/${file}: "${name}: ${bump}" is not major, minor, patch or none.`);
      const entry = pending.get(name) ?? { bump: 'none', files: [] };
      pending.set(name, { bump: maxBump(entry.bump, bump as Bump), files: [...entry.files, `.changeset/${file}`] });
    }
  }
  return pending;
}

/** The bump already applied between two versions (e.g. by `pnpm version-packages` before the tag exists). */
export function appliedBump(from: string, to: string): Bump {
  const parts = (version: string) => (/^(\d+)\.(\d+)\.(\d+)/.exec(version) ?? []).slice(1).map(Number);
  const [fromMajor, fromMinor, fromPatch] = parts(from);
  const [toMajor, toMinor, toPatch] = parts(to);
  if (fromMajor === undefined || toMajor === undefined) return 'none';
  if (toMajor > fromMajor) return 'major';
  if (toMajor === fromMajor && toMinor! > fromMinor!) return 'minor';
  if (toMajor === fromMajor && toMinor === fromMinor && toPatch! > fromPatch!) return 'patch';
  return 'none';
}

export interface PackageCoverage {
  name: string;
  /** Version at the base (the release), or undefined when the package did not exist there: a first release needs no bump. */
  releasedVersion?: string;
  currentVersion: string;
  /** Bump already in package.json since the base. */
  applied: Bump;
  /** Bump recorded by pending changesets, and their files. */
  pending: Bump;
  pendingFiles: string[];
  covered: boolean;
}

export interface SpecReleaseState {
  /** The git ref compared with, and why it was chosen; undefined when there is no release to compare with. */
  base?: { ref: string; reason: string };
  /** Set when no tag was found in a shallow clone, where release tags are often missing. */
  shallowClone?: boolean;
  changes: SpecChange[];
  required: Bump;
  packages: PackageCoverage[];
}

/**
 * Compares the spec with the one at `base` (default: the last release tag) and works out, per spec
 * package, whether pending changesets (or versions already bumped) cover the bump the changes require.
 */
export function specReleaseState(root: string, options: { base?: string } = {}): SpecReleaseState {
  const packages = specPackages(root);
  let base: SpecReleaseState['base'];
  if (options.base) {
    if (!git(root, ['rev-parse', '--verify', '--quiet', `${options.base}^{commit}`]).ok) throw new Error(`--base ${options.base} is not a git commit, branch or tag in ${root}.`);
    base = { ref: options.base, reason: `--base ${options.base}` };
  } else {
    const tag = lastReleaseTag(root, packages.map((pkg) => pkg.name));
    if (tag) base = { ref: tag, reason: `last release tag ${tag}` };
  }
  if (!base) {
    const shallowClone = git(root, ['rev-parse', '--is-shallow-repository']).stdout.trim() === 'true';
    return { changes: [], required: 'none', packages: [], ...(shallowClone ? { shallowClone } : {}) };
  }

  const baseText = fileAt(root, base.ref, SPEC_PATH);
  const baseDocument = (baseText ? parse(baseText) : { openapi: '3.0.3', info: { title: '', version: '' }, paths: {} }) as OpenApiDocument;
  const headDocument = parse(readFileSync(join(root, SPEC_PATH), 'utf8')) as OpenApiDocument;
  const changes = diffSpecs(baseDocument, headDocument);
  const required = requiredBump(changes);
  const pending = pendingChangesets(root);
  const coverage = packages.map((pkg): PackageCoverage => {
    const baseManifest = fileAt(root, base.ref, `${pkg.relativeDir}/package.json`);
    const releasedVersion = baseManifest ? (JSON.parse(baseManifest) as { version: string }).version : undefined;
    const applied = releasedVersion ? appliedBump(releasedVersion, pkg.version) : 'none';
    const recorded = pending.get(pkg.name) ?? { bump: 'none' as Bump, files: [] };
    const covered = releasedVersion === undefined || bumpCovers(maxBump(applied, recorded.bump), required);
    return { name: pkg.name, releasedVersion, currentVersion: pkg.version, applied, pending: recorded.bump, pendingFiles: recorded.files, covered };
  });
  return { base, changes, required, packages: coverage };
}
