/**
 * `pnpm runtimes:install`: installs the runtimes pinned in runtimes/package.json (Node 22 and 24, Bun, Deno,
 * wrangler with workerd) from npm into .cache/runtimes/<hash>/, then runs each one to prove it works.
 * Reuses an existing install of the same pins (prints "cached"); removes installs of older pins.
 * A runtime that does not install or run is a failure (exit 1), never a skipped test later.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markerPath, pinnedVersions, RUNTIME_IDS, runtimeBinaries, runtimesDir, type RuntimeId } from './lib/runtimes.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function fail(message: string): never {
  console.error(`runtimes:install: ${message}`);
  process.exit(1);
}

function versionOf(id: RuntimeId, bin: Record<RuntimeId, string>): string {
  // wrangler needs Node >= 22.12: run it with the pinned Node 24.
  const [command, args] = id === 'wrangler' ? [bin.node24, [bin.wrangler, '--version']] : [bin[id], ['--version']];
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' } });
  if (result.status !== 0) fail(`${id} (${command}) does not run: ${(result.error?.message ?? result.stderr ?? '').trim()}`);
  return result.stdout.trim();
}

const started = Date.now();
const dir = runtimesDir(root);
const pins = pinnedVersions(root);
const bin = runtimeBinaries(dir);
const cached = existsSync(markerPath(dir));
if (!cached) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(root, 'runtimes', file), join(dir, file));
  console.log(`runtimes:install: npm ci in ${dir}`);
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit', timeout: 600_000 });
  if (install.status !== 0) fail(`npm ci in ${dir} failed (exit ${install.status ?? install.error?.message}).`);
}
for (const id of RUNTIME_IDS) {
  if (!existsSync(bin[id])) fail(`${id} is missing after the install (${bin[id]}): its npm package ships no binary for ${process.platform}-${process.arch}?`);
  const reported = versionOf(id, bin);
  if (!reported.split(/\s+/).some((word) => word.replace(/^v/, '') === pins[id])) fail(`${id} reports "${reported}", but runtimes/package.json pins ${pins[id]}.`);
}
writeFileSync(markerPath(dir), `${JSON.stringify(pins)}\n`);
for (const entry of readdirSync(dirname(dir))) {
  if (entry !== basename(dir)) rmSync(join(dirname(dir), entry), { recursive: true, force: true });
}
const listed = Object.entries(pins).map(([id, version]) => `${id} ${version}`).join(', ');
console.log(`runtimes:install: ${cached ? 'cached' : 'installed'} ${listed} in ${((Date.now() - started) / 1000).toFixed(1)} s (${dir})`);
