import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@genauth/mock-server';
import { workspacePackages } from '../../scripts/lib/workspace.ts';
import { repoRoot } from '../fixture-spec.ts';
import { background, cleanEnv, removeInBackground, run, snapshotRepo, waitForOutput, type Background } from '../release/processes.ts';

/**
 * Turbo's remote cache, as a team with several CI runners uses it: a turborepo-remote-cache server on
 * 127.0.0.1 with a token, a build in one fresh clone, then `pnpm build` in a second fresh clone with an
 * empty local cache gets every generate and build task from the server, with byte-identical outputs.
 * A wrong token gives one clear line and a normal build.
 */
const TOKEN = 'remote-cache-test-token';
const TEAM = 'genauth';
/**
 * Where the generate and build tasks write: turbo.json's `outputs` of each task (`dist/**` → `dist`), in
 * every workspace package that has that task as a script. A new package or output folder is compared too.
 */
const OUTPUT_DIRS = (() => {
  const tasks = (JSON.parse(readFileSync(join(repoRoot, 'turbo.json'), 'utf8')) as { tasks: Record<string, { outputs?: string[] }> }).tasks;
  return workspacePackages(repoRoot).flatMap((pkg) =>
    (['generate', 'build'] as const)
      .filter((task) => (pkg.manifest as { scripts?: Record<string, string> }).scripts?.[task] !== undefined)
      .flatMap((task) => (tasks[task]?.outputs ?? []).map((glob) => `${pkg.relativeDir}/${glob.replace(/\/\*\*$/, '')}`)),
  );
})();

interface RunSummary {
  tasks: { taskId: string; cache: { status: 'HIT' | 'MISS'; local: boolean; remote: boolean } }[];
}

function filesUnder(root: string, dir: string): string[] {
  const base = join(root, dir);
  if (!existsSync(base)) return [];
  return readdirSync(base, { recursive: true, encoding: 'utf8' })
    .map((entry) => join(base, entry))
    .filter((path) => statSync(path).isFile())
    .map((path) => relative(root, path));
}

/** Every task output file of a clone with the sha256 of its bytes. */
function outputDigests(clone: string): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const file of OUTPUT_DIRS.flatMap((dir) => filesUnder(clone, dir)).sort()) {
    digests[file] = createHash('sha256').update(readFileSync(join(clone, file))).digest('hex');
  }
  return digests;
}

function latestSummary(clone: string): RunSummary {
  const dir = join(clone, '.turbo/runs');
  const newest = readdirSync(dir).sort((a, b) => statSync(join(dir, b)).mtimeMs - statSync(join(dir, a)).mtimeMs)[0]!;
  return JSON.parse(readFileSync(join(dir, newest), 'utf8')) as RunSummary;
}

describe('turbo remote cache shared by two fresh clones', () => {
  const work = mkdtempSync(join(tmpdir(), 'genauth-remote-cache-'));
  const [first, second] = [join(work, 'first'), join(work, 'second')];
  const gitEnv = cleanEnv({ GIT_AUTHOR_NAME: 'Cache Test', GIT_AUTHOR_EMAIL: 'cache-test@example.invalid', GIT_COMMITTER_NAME: 'Cache Test', GIT_COMMITTER_EMAIL: 'cache-test@example.invalid' });
  let server: Background | undefined;
  let secondInstalled: Promise<unknown> = Promise.reject(new Error('the second clone was not installed'));
  secondInstalled.catch(() => {});
  let api = '';
  const turboEnv = (token: string) => cleanEnv({ TURBO_API: api, TURBO_TOKEN: token, TURBO_TEAM: TEAM, CI: 'true' });

  beforeAll(async () => {
    const store = join(work, 'store');
    server = background(join(repoRoot, 'node_modules/.bin/turborepo-remote-cache'), [], {
      cwd: work,
      env: cleanEnv({ HOST: '127.0.0.1', PORT: '0', TURBO_TOKEN: TOKEN, STORAGE_PROVIDER: 'local', STORAGE_PATH: store, STORAGE_PATH_USE_TMP_FOLDER: 'false', LOG_LEVEL: 'info' }),
    });
    const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/;
    api = listening.exec(await waitForOutput('turborepo-remote-cache', server, (output) => listening.test(output), 30_000))![1]!;

    // The working tree as a repository, cloned twice: two CI runners checking out the same commit.
    const origin = join(work, 'origin');
    await snapshotRepo(repoRoot, origin, gitEnv);
    for (const clone of [first, second]) await run('git', ['clone', '-q', origin, clone], { cwd: work, env: gitEnv, timeoutMs: 30_000 });
    const install = (clone: string) => run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], { cwd: clone, env: cleanEnv(), timeoutMs: 240_000 });
    await install(first);
    // The second clone installs while the first one builds.
    secondInstalled = install(second);
    secondInstalled.catch(() => {});
  }, 360_000);

  afterAll(async () => {
    await secondInstalled.catch(() => {});
    await server?.stop();
    // Two clones with their node_modules: removed while the next test files run.
    removeInBackground(work);
  }, 180_000);

  it('builds the first clone and uploads every task to the cache server', async () => {
    await run('pnpm', ['build', '--summarize'], { cwd: first, env: turboEnv(TOKEN), timeoutMs: 240_000 });
    const tasks = latestSummary(first).tasks;
    expect(tasks.map((task) => task.taskId).sort()).toEqual(expect.arrayContaining(['@genauth/client#generate', '@genauth/client#build']));
    expect(tasks.filter((task) => task.cache.status !== 'MISS').map((task) => task.taskId)).toEqual([]);
    expect(readdirSync(join(work, 'store', TEAM)).length).toBeGreaterThanOrEqual(tasks.length);
  }, 250_000);

  it('gets every generate and build task of the second clone from the server, with byte-identical outputs', async () => {
    await secondInstalled;
    expect(existsSync(join(second, '.turbo'))).toBe(false);
    for (const dir of OUTPUT_DIRS.filter((dir) => dir.endsWith('dist'))) expect(existsSync(join(second, dir)), dir).toBe(false);
    await run('pnpm', ['build', '--summarize'], { cwd: second, env: turboEnv(TOKEN), timeoutMs: 120_000 });
    const tasks = latestSummary(second).tasks;
    expect(tasks.filter((task) => /#(generate|build)$/.test(task.taskId)).length).toBe(tasks.length);
    expect(tasks.filter((task) => !(task.cache.status === 'HIT' && task.cache.remote && !task.cache.local)).map((task) => task.taskId)).toEqual([]);
    const [expected, actual] = [outputDigests(first), outputDigests(second)];
    expect(Object.keys(expected).filter((file) => file.includes('/dist/')).length).toBeGreaterThan(0);
    expect(actual).toEqual(expected);
  }, 130_000);

  it('with a wrong token, says so in one line and builds normally with the local cache only', async () => {
    // The second clone's local cache now holds what the server sent: a normal local build replays it.
    const wrongToken = 'not-the-token-0123456789';
    const { stdout, stderr } = await run('pnpm', ['build', '--summarize'], { cwd: second, env: turboEnv(wrongToken), timeoutMs: 240_000 });
    const output = stdout + stderr;
    expect(output).toContain(`remote cache: ${api} refused TURBO_TOKEN for team "${TEAM}" (HTTP 401): set the right token (README, "Scaling CI"). Building with the local cache only.`);
    expect(output).not.toContain(wrongToken);
    expect(output).not.toMatch(/failed to contact remote cache/);
    const tasks = latestSummary(second).tasks;
    expect(tasks.filter((task) => task.cache.remote || !task.cache.local).map((task) => task.taskId)).toEqual([]);
    expect(outputDigests(second)).toEqual(outputDigests(first));
  }, 250_000);

  it('with an unreachable cache server, says so in one line and builds with the local cache only', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const { stdout, stderr } = await run('pnpm', ['build'], { cwd: second, env: cleanEnv({ TURBO_API: closed, TURBO_TOKEN: TOKEN, TURBO_TEAM: TEAM, CI: 'true' }), timeoutMs: 120_000 });
    expect(stdout + stderr).toContain(`remote cache: cannot reach the cache server ${closed} (ECONNREFUSED). Building with the local cache only.`);
    expect(stdout + stderr).not.toContain(TOKEN);
  }, 130_000);
});
