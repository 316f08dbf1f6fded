#!/usr/bin/env node
/**
 * Quick start, step 1 of 2, for a fresh machine with Node 20 and npm:
 * installs the pinned pnpm, the dependencies and the runtimes of the examples' matrix, regenerates from the spec, builds,
 * then runs the main job (`pnpm demo`) against the Prism mock.
 * Plain Node on purpose: it runs before any dependency is installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`quickstart: Node ${process.versions.node} is too old; this project needs Node 20.19 or newer.`);
  process.exit(1);
}

const { packageManager } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const pnpmVersion = packageManager.replace(/^pnpm@/, '');

function run(command, args) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) {
    console.error(`quickstart: \`${[command, ...args].join(' ')}\` failed (exit ${result.status ?? result.error?.message}).`);
    process.exit(1);
  }
}

function installedPnpm() {
  try {
    return execFileSync('pnpm', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

// corepack cannot verify pnpm's signature here, and pnpm will not switch itself: install the exact version.
if (installedPnpm() !== pnpmVersion) run('npm', ['install', '--global', '--no-fund', '--no-audit', `pnpm@${pnpmVersion}`]);
run('pnpm', ['install', '--frozen-lockfile']);
// The browser tests of `pnpm test` drive Debian's Chromium (browsers cannot be downloaded here).
run('bash', ['scripts/ensure-chromium.sh']);
// Node 22 and 24, Bun, Deno and workerd (pinned in runtimes/package.json) for the examples' runtime matrix.
run('pnpm', ['runtimes:install']);
run('pnpm', ['generate']);
run('pnpm', ['build']);
run('pnpm', ['demo']);
