/**
 * `pnpm check:packages`: the tarball of every published workspace package, as `pnpm pack` makes it
 * (build first), must pass the package.json rules, contain no sources/tests/configs, and be clean for
 * publint (every level, warnings strict) and attw (`--profile strict`).
 *   tsx scripts/check-packages.ts [--root <dir>]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { dataExports, forbiddenTarballFiles, manifestProblems } from './lib/package-hygiene.ts';
import { pack } from './lib/pack.ts';
import { publishedPackages, type WorkspacePackage } from './lib/workspace.ts';

const { values } = parseArgs({ options: { root: { type: 'string' } } });
const root = values.root ? resolve(values.root) : resolve(import.meta.dirname, '..');
const attwBin = join(resolve(import.meta.dirname, '..'), 'node_modules/.bin/attw');

async function check(pkg: WorkspacePackage, destination: string): Promise<string[]> {
  const problems = manifestProblems(pkg.manifest);
  const packed = pack(pkg, destination);
  const paths = packed.files.map((file) => file.path).sort();
  for (const { path, reason } of forbiddenTarballFiles(paths)) problems.push(`tarball ships ${path} (${reason}): narrow "files" in package.json.`);
  if (!paths.some((path) => path.startsWith('dist/'))) problems.push('tarball has no dist/ files: run `pnpm build` first.');

  const tarball = readFileSync(packed.filename);
  const lint = await publint({ pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) }, level: 'suggestion', strict: true });
  for (const message of lint.messages) problems.push(`publint ${message.type}: ${formatMessage(message, lint.pkg, { color: false }) ?? message.code}`);

  const exclude = dataExports(pkg.manifest);
  const attwArgs = [packed.filename, '--profile', 'strict', '--format', 'ascii', '--no-emoji', '--no-color', ...(exclude.length ? ['--exclude-entrypoints', ...exclude] : [])];
  const attw = spawnSync(attwBin, attwArgs, { cwd: pkg.dir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  if (attw.status !== 0) problems.push(`attw found problems with the types:\n${(attw.stdout + attw.stderr).trim()}`);

  console.log(`${problems.length ? '✗' : '✓'} ${pkg.name}@${pkg.version}: ${paths.length} files in the tarball${exclude.length ? ` (attw skips data exports ${exclude.join(', ')})` : ''}`);
  return problems;
}

const destination = mkdtempSync(join(tmpdir(), 'genauth-pack-'));
let failed = 0;
try {
  const packages = publishedPackages(root);
  if (packages.length === 0) throw new Error(`no published (non-private) packages found in ${root}`);
  for (const pkg of packages) {
    const problems = await check(pkg, destination);
    if (problems.length) {
      failed++;
      console.error(problems.map((problem) => `  ${pkg.name}: ${problem}`).join('\n'));
    }
  }
  if (failed) {
    console.error(`check:packages: ${failed} of ${packages.length} published packages have problems (listed above).`);
    process.exitCode = 1;
  } else {
    console.log(`check:packages: ${packages.length} published packages are clean (package.json rules, tarball contents, publint, attw).`);
  }
} catch (error) {
  console.error(`check:packages failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  rmSync(destination, { recursive: true, force: true });
}
