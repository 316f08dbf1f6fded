import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../packages/docs/test/browser.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '@genauth/mock-server';
import { pack } from '../../scripts/lib/pack.ts';
import { MATRIX, type MatrixRuntime } from '../../scripts/lib/runtime-matrix.ts';
import { installedRuntimes, type InstalledRuntimes } from '../../scripts/lib/runtimes.ts';
import { publishedPackages } from '../../scripts/lib/workspace.ts';
import { repoRoot } from '../fixture-spec.ts';
import { background, cleanEnv, removeInBackground, run, waitForOutput, type Background } from '../release/processes.ts';
import { installExample, limited } from './example-apps.ts';
import { serveStatic } from '../../packages/docs-site/scripts/static-server.mjs';

/**
 * The runtime matrix: every app in examples/ installed from the packed @genauth/client tarball and run on
 * each runtime of MATRIX (scripts/lib/runtime-matrix.ts, which also writes the README's support table)
 * against the mock. The runtimes come from `pnpm runtimes:install`; when they are missing the test fails.
 * Prints how long each runtime took.
 */
const EXPECTED = {
  sendSms: 'SMS sent',
  bindPhone: 'Operation successful',
  failure: { caught: 'GenAuthBusinessError', statusCode: 400, message: expect.stringContaining('The verification code is invalid or has expired') },
};
/** The entry each command-line runtime runs, per example. */
const ENTRY: Record<string, string> = { 'node-esm': 'main.mjs', 'node-cjs': 'main.cjs', typescript: 'dist/main.js', bun: 'main.ts', deno: 'main.ts' };

const apiBaseUrl = inject('apiBaseUrl');
const apiHostPort = new URL(apiBaseUrl).host;
const work = mkdtempSync(join(tmpdir(), 'genauth-examples-'));
const dirs: Record<string, string> = {};
const timings: { step: string; seconds: number }[] = [];
let runtimes: InstalledRuntimes;
let browser: Browser | undefined;
const servers: { stop(): Promise<void> }[] = [];
let suiteStarted = 0;
let prepared = 0;

async function timed<T>(step: string, task: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await task();
  } finally {
    timings.push({ step, seconds: (performance.now() - started) / 1000 });
  }
}

const parseLastLine = (output: string) => JSON.parse(output.trim().split('\n').at(-1)!) as unknown;

let nextServer: Promise<string> | undefined;
/** `next start` on the Node running the tests, bound to 127.0.0.1, reading the API host per request; started once, shared. */
function startNext(): Promise<string> {
  return (nextServer ??= (async () => {
    const port = await freePort();
    const server = background(process.execPath, [join(dirs.nextjs!, 'node_modules/next/dist/bin/next'), 'start', '-H', '127.0.0.1', '-p', String(port)], {
      cwd: dirs.nextjs!,
      env: cleanEnv({ NEXT_TELEMETRY_DISABLED: '1', GENAUTH_APP_HOST: apiBaseUrl }),
    });
    servers.push(server);
    await waitForOutput('next start', server, (output) => /Ready in/.test(output));
    return `http://127.0.0.1:${port}`;
  })());
}

/** Opens `url` in headless Chromium, aborting (and recording) any request that leaves 127.0.0.1; returns the app's result. */
async function resultInChromium(url: string): Promise<unknown> {
  const context = await browser!.newContext();
  try {
    const outside: string[] = [];
    await context.route('**/*', (route) => {
      const requested = new URL(route.request().url());
      if (requested.hostname !== '127.0.0.1') {
        outside.push(requested.href);
        return route.abort();
      }
      return route.continue();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await page.waitForSelector('#result[data-done]', { timeout: 30_000 });
    const text = await page.textContent('#result');
    expect(errors).toEqual([]);
    expect(outside, 'requests that left 127.0.0.1').toEqual([]);
    return JSON.parse(text!) as unknown;
  } finally {
    await context.close();
  }
}

async function runExample(runtime: MatrixRuntime, example: string): Promise<unknown> {
  const cwd = dirs[example]!;
  const env = cleanEnv();
  switch (runtime) {
    case 'node':
    case 'node22':
    case 'node24': {
      if (example === 'nextjs') {
        const base = await startNext();
        const page = await fetch(base);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('Bind a phone number');
        const response = await fetch(`${base}/api/bind-phone`, { method: 'POST' });
        expect(response.status).toBe(200);
        return response.json();
      }
      const node = runtime === 'node' ? process.execPath : runtimes.bin[runtime];
      const { stdout } = await run(node, [ENTRY[example]!, apiBaseUrl], { cwd, env, timeoutMs: 60_000 });
      return parseLastLine(stdout);
    }
    case 'bun':
      return parseLastLine((await run(runtimes.bin.bun, [ENTRY[example]!, apiBaseUrl], { cwd, env, timeoutMs: 60_000 })).stdout);
    case 'deno': {
      const denoEnv = cleanEnv({ DENO_DIR: join(work, '.deno'), DENO_NO_UPDATE_CHECK: '1' });
      const { stdout } = await run(runtimes.bin.deno, ['run', `--allow-net=${apiHostPort}`, '--no-prompt', ENTRY[example]!, apiBaseUrl], { cwd, env: denoEnv, timeoutMs: 90_000 });
      return parseLastLine(stdout);
    }
    case 'chromium': {
      if (example === 'nextjs') return resultInChromium(await startNext());
      const site = await serveStatic(join(cwd, 'dist'));
      servers.push(site);
      return resultInChromium(site.url);
    }
    case 'workerd': {
      const [port, inspectorPort] = [await freePort(), await freePort()];
      // No metrics, no update check, no fetch of Cloudflare's Request.cf data: nothing leaves the machine.
      const wranglerEnv = cleanEnv({ WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false', XDG_CONFIG_HOME: join(work, '.config'), CI: 'true' });
      const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-ip', '127.0.0.1', '--inspector-port', String(inspectorPort), '--var', `GENAUTH_APP_HOST:${apiBaseUrl}`];
      const wrangler = background(runtimes.bin.node24, [runtimes.bin.wrangler, ...args], { cwd, env: wranglerEnv });
      servers.push(wrangler);
      try {
        await waitForOutput('wrangler dev', wrangler, (output) => output.includes(`Ready on http://127.0.0.1:${port}`));
        const response = await fetch(`http://127.0.0.1:${port}/`);
        expect(response.status, wrangler.output()).toBe(200);
        return await response.json();
      } finally {
        await wrangler.stop();
      }
    }
  }
}

/**
 * Runs probes/deadline-probe.mjs on a command-line runtime from an installed example's folder; returns its
 * result and how long the process lived.
 */
async function runDeadlineProbe(runtime: 'node' | 'node22' | 'node24' | 'bun' | 'deno'): Promise<{ result: unknown; seconds: number }> {
  const cwd = dirs[runtime === 'deno' ? 'deno' : runtime === 'bun' ? 'bun' : 'node-esm']!;
  copyFileSync(join(import.meta.dirname, 'probes/deadline-probe.mjs'), join(cwd, 'deadline-probe.mjs'));
  const command =
    runtime === 'deno'
      ? { bin: runtimes.bin.deno, args: ['run', '--no-prompt', 'deadline-probe.mjs'], env: cleanEnv({ DENO_DIR: join(work, '.deno'), DENO_NO_UPDATE_CHECK: '1' }) }
      : { bin: runtime === 'node' ? process.execPath : runtimes.bin[runtime], args: ['deadline-probe.mjs'], env: cleanEnv() };
  const started = performance.now();
  const { stdout } = await run(command.bin, command.args, { cwd, env: command.env, timeoutMs: 60_000 });
  return { result: parseLastLine(stdout), seconds: (performance.now() - started) / 1000 };
}

describe('runtime matrix: the examples, installed from the packed tarball, on every supported runtime', () => {
  beforeAll(async () => {
    suiteStarted = performance.now();
    runtimes = installedRuntimes(repoRoot);
    const client = publishedPackages(repoRoot).find((pkg) => pkg.name === '@genauth/client')!;
    const tarball = pack(client, work).filename;
    // The slowest first (Next.js installs and builds longest); each app is built, once, as soon as it is
    // installed, on the Node running the tests, while the next ones install.
    const slowest = ['nextjs', 'vite', 'typescript'];
    const rank = (name: string) => (slowest.includes(name) ? slowest.indexOf(name) : slowest.length);
    const examples = [...new Set(MATRIX.flatMap((row) => row.examples))].sort((a, b) => rank(a) - rank(b));
    mkdirSync(join(work, '.config'), { recursive: true });
    const builds: Record<string, { args: string[]; env?: Record<string, string> }> = {
      typescript: { args: ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'] },
      vite: { args: ['node_modules/vite/bin/vite.js', 'build'], env: { VITE_GENAUTH_APP_HOST: apiBaseUrl } },
      nextjs: { args: ['node_modules/next/dist/bin/next', 'build'], env: { NEXT_TELEMETRY_DISABLED: '1' } },
    };
    await limited(
      3,
      examples.map((name) => async () => {
        dirs[name] = await timed(`install: ${name}`, () => installExample(name, work, { '@genauth/client': tarball }, { omitDev: name === 'cloudflare-worker' }));
        const build = builds[name];
        if (build) await timed(`build: ${name}`, () => run(process.execPath, build.args, { cwd: dirs[name]!, env: cleanEnv(build.env), timeoutMs: 240_000 }));
      }),
    );
    browser = await launchChromium({ timeout: 60_000 });
    prepared = (performance.now() - suiteStarted) / 1000;
  }, 600_000);

  afterAll(async () => {
    await Promise.allSettled([...servers.map((server) => server.stop()), browser?.close()]);
    removeInBackground(work);
    const byRuntime = new Map<string, number>();
    for (const { step, seconds } of timings) byRuntime.set(step.split(':')[0]!, (byRuntime.get(step.split(':')[0]!) ?? 0) + seconds);
    const wall = (performance.now() - suiteStarted) / 1000;
    console.log(`runtime matrix: ${wall.toFixed(1)} s in all (preparing ${prepared.toFixed(1)} s); per step and runtime, summed (they overlap): ${[...byRuntime].map(([step, seconds]) => `${step} ${seconds.toFixed(1)}`).join('; ')}`);
  }, 180_000);

  // Node, Bun and Deno share timeout signals among calls started together (packages/client/src/core/deadline.ts).
  describe.concurrent.each(['node', 'node22', 'node24', 'bun', 'deno'] as const)('%s: shared deadlines', (runtime) => {
    it('shares signals among calls started together, times out a hung call on time, and lets the process exit', async () => {
      const { result, seconds } = await timed(`${runtime}: deadline probe`, () => runDeadlineProbe(runtime));
      expect(result).toEqual({ signalsOf30: expect.any(Number), timedOut: 1_000, timedOutAfterMs: expect.any(Number) });
      const { signalsOf30, timedOutAfterMs } = result as { signalsOf30: number; timedOutAfterMs: number };
      // 30 calls started in one burst: 3 signals of 10, one more for each pause of over 10 ms (1% of the timeout)
      // between two of them on a busy machine; a signal per call would be 30.
      expect(signalsOf30).toBeGreaterThanOrEqual(3);
      expect(signalsOf30).toBeLessThanOrEqual(6);
      // Never early (a timer may fire up to 1 ms before the clock shows it due), at most 1% late plus scheduling.
      expect(timedOutAfterMs).toBeGreaterThanOrEqual(999);
      expect(timedOutAfterMs).toBeLessThan(3_000);
      // The last call's deadline (10 s) is still open when the probe ends: the process must not wait for it.
      expect(seconds).toBeLessThan(8);
    }, 90_000);
  });

  describe.concurrent.each(MATRIX)('$runtime', ({ runtime, examples }) => {
    it.each(examples)(`runs %s: sendSms, bindPhone, and catches GenAuthBusinessError`, async (example) => {
      const result = await timed(`${runtime}: ${example}`, () => runExample(runtime, example));
      expect(result).toEqual(EXPECTED);
    }, 180_000);
  });
});
