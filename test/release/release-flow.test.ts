import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '@genauth/mock-server';
import { publishedPackages, type WorkspacePackage } from '../../scripts/lib/workspace.ts';
import { repoRoot } from '../fixture-spec.ts';
import { background, cleanEnv, run, snapshotRepo, waitForOutput, type Background } from './processes.ts';
import { startLocalRegistry, type LocalRegistry } from './verdaccio.ts';

/**
 * The release journey end to end, on a copy of the repo: a changeset, `pnpm version-packages`,
 * `pnpm release` to a local Verdaccio, then a fresh consumer project outside the workspace installs
 * the packages from it, the way users do, and uses them from ESM, CommonJS, TypeScript, a browser
 * bundle and the `genauth-mock` CLI. Everything it starts is stopped in afterAll.
 */
const CHROMIUM = '/usr/bin/chromium';
const SUMMARY = 'Release e2e: every published package, published to a local registry.';
const tsc = join(repoRoot, 'node_modules/.bin/tsc');

function bumpMinor(version: string): string {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!match) throw new Error(`version ${version} is not a plain x.y.z version`);
  return `${match[1]}.${Number(match[2]) + 1}.0`;
}

describe('releasing with changesets to a local registry, installed as users install', () => {
  const work = mkdtempSync(join(tmpdir(), 'genauth-release-'));
  const repo = join(work, 'repo');
  const consumer = join(work, 'consumer');
  const gitEnv = { GIT_AUTHOR_NAME: 'Release Test', GIT_AUTHOR_EMAIL: 'release-test@example.invalid', GIT_COMMITTER_NAME: 'Release Test', GIT_COMMITTER_EMAIL: 'release-test@example.invalid' };
  const env = cleanEnv(gitEnv);
  let registry: LocalRegistry | undefined;
  let mock: Background | undefined;
  let mockUrl = '';
  let browser: Browser | undefined;
  let pageServer: Server | undefined;
  let packages: WorkspacePackage[] = [];
  const expected = new Map<string, string>();

  afterAll(async () => {
    const stops = [mock?.stop(), browser?.close(), new Promise<void>((resolve) => {
        if (!pageServer) return resolve();
        pageServer.close(() => resolve());
        pageServer.closeAllConnections();
      }), registry?.stop()];
    await Promise.allSettled(stops);
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('versions a copy of the repo from a changeset: new versions and changelog entries', async () => {
    await snapshotRepo(repoRoot, repo, env, 'baseline');
    await run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], { cwd: repo, env, timeoutMs: 180_000 });

    packages = publishedPackages(repo);
    expect(packages.length).toBeGreaterThanOrEqual(2);
    const frontmatter = packages.map((pkg) => `"${pkg.name}": minor`).join('\n');
    writeFileSync(join(repo, '.changeset/release-e2e.md'), `---\n${frontmatter}\n---\n\n${SUMMARY}\n`);
    for (const pkg of packages) expected.set(pkg.name, bumpMinor(pkg.version));

    await run('pnpm', ['version-packages'], { cwd: repo, env, timeoutMs: 240_000 });

    expect(existsSync(join(repo, '.changeset/release-e2e.md'))).toBe(false);
    for (const pkg of publishedPackages(repo)) {
      expect(pkg.version, pkg.name).toBe(expected.get(pkg.name));
      const changelog = readFileSync(join(pkg.dir, 'CHANGELOG.md'), 'utf8');
      expect(changelog).toContain(`## ${pkg.version}`);
      expect(changelog).toContain(SUMMARY);
    }
  }, 420_000);

  it('publishes with `pnpm release` to Verdaccio and tags the release', async () => {
    registry = await startLocalRegistry(join(work, 'registry'));
    writeFileSync(join(repo, '.npmrc'), `@genauth:registry=${registry.url}\n${registry.authPrefix}:_authToken=${registry.token}\n`);
    // publishConfig.provenance is true, and npm lets only a CLI flag override publishConfig. Provenance
    // needs a CI provider's OIDC identity, which a local registry run has not got, so for this test
    // registry only, pnpm's npm is a wrapper adding --provenance=false. The published manifests are unchanged.
    const npmWithoutProvenance = join(work, 'npm-without-provenance');
    writeFileSync(npmWithoutProvenance, '#!/bin/sh\nexec npm "$@" --provenance=false\n', { mode: 0o755 });
    const release = await run('pnpm', ['release'], { cwd: repo, env: { ...env, npm_config_npm_path: npmWithoutProvenance }, timeoutMs: 300_000 });
    expect(release.stdout + release.stderr).not.toMatch(/packages failed to publish/);

    const tags = (await run('git', ['tag', '--list'], { cwd: repo, env, timeoutMs: 30_000 })).stdout.trim().split('\n');
    for (const [name, version] of expected) {
      expect(tags).toContain(`${name}@${version}`);
      const response = await fetch(`${registry.url}${name.replace('/', '%2f')}`);
      expect(response.status, name).toBe(200);
      const document = (await response.json()) as { 'dist-tags': Record<string, string> };
      expect(document['dist-tags'].latest, name).toBe(version);
    }
  }, 420_000);

  it('installs the released packages into a fresh project outside the workspace', async () => {
    if (!registry) throw new Error('no registry: the publish step failed');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'genauth-consumer', private: true, version: '1.0.0' }, null, 2));
    // Only our scope comes from the local registry; everything else from the npm registry as usual.
    writeFileSync(join(consumer, '.npmrc'), `@genauth:registry=${registry.url}\n`);
    const specs = [...expected].map(([name, version]) => `${name}@${version}`);
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...specs], { cwd: consumer, env, timeoutMs: 300_000 });

    for (const [name, version] of expected) {
      const installed = join(consumer, 'node_modules', name);
      const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { version: string; publishConfig?: { provenance?: boolean } };
      expect(manifest.version, name).toBe(version);
      expect(manifest.publishConfig?.provenance, name).toBe(true);
      const changelog = readFileSync(join(installed, 'CHANGELOG.md'), 'utf8');
      expect(changelog).toContain(`## ${version}`);
      expect(changelog).toContain(SUMMARY);
    }
  }, 330_000);

  it('`npx genauth-mock` from the installed package serves the spec', async () => {
    const port = await freePort();
    mock = background('npx', ['--no-install', 'genauth-mock', '--port', String(port)], { cwd: consumer, env });
    mockUrl = `http://127.0.0.1:${port}`;
    await waitForOutput('genauth-mock', mock, (output) => output.includes('GenAuth mock listening on'), 60_000);
    expect(mock.output()).toContain(`GenAuth mock listening on ${mockUrl} (spec: ${join(consumer, 'node_modules/@genauth/mock-server/generated/openapi.yaml')})`);
    const response = await fetch(`${mockUrl}/api/v3/send-sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-authing-app-id': 'app' },
      body: JSON.stringify({ phoneNumber: '188xxxx8888', channel: 'CHANNEL_BIND_PHONE' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ statusCode: 200, message: 'SMS sent' });
  }, 90_000);

  const clientVersion = () => expected.get('@genauth/client')!;
  const script = (importLine: string) =>
    [
      importLine,
      'let sentVersion;',
      'const capture = (input, init) => { const request = new Request(input, init); sentVersion = request.headers.get("x-authing-sdk-version"); return fetch(request); };',
      `const client = new AuthenticationClient({ appId: 'app', appHost: ${JSON.stringify(mockUrl)}, accessToken: 'token', fetch: capture });`,
      "client.sendSms({ phoneNumber: '188xxxx8888', channel: 'CHANNEL_BIND_PHONE' })",
      '  .then((sent) => client.bindPhone({ passCode: "123456", phoneNumber: "188xxxx8888" }, { headers: { Prefer: "example=invalidPassCode" } }).then(',
      '    () => console.log("bindPhone resolved"),',
      '    (error) => console.log(JSON.stringify({ sent: { statusCode: sent.statusCode, message: sent.message }, base: error instanceof GenAuthError, business: error instanceof GenAuthBusinessError, statusCode: error.statusCode, name: error.name, sdkVersion: SDK_VERSION, sentVersion }))));',
    ].join('\n');
  const expectDocumentedResult = (output: string) =>
    expect(JSON.parse(output.trim())).toEqual({
      sent: { statusCode: 200, message: 'SMS sent' },
      base: true,
      business: true,
      statusCode: 400,
      name: 'GenAuthBusinessError',
      sdkVersion: clientVersion(),
      sentVersion: clientVersion(),
    });

  it('works from ESM import, with instanceof GenAuthError and the released version in the headers', async () => {
    writeFileSync(join(consumer, 'esm.mjs'), script("import { AuthenticationClient, GenAuthError, GenAuthBusinessError, SDK_VERSION } from '@genauth/client';"));
    expectDocumentedResult((await run(process.execPath, ['esm.mjs'], { cwd: consumer, env, timeoutMs: 30_000 })).stdout);
  }, 40_000);

  it('works from CommonJS require, with instanceof GenAuthError and the released version in the headers', async () => {
    writeFileSync(join(consumer, 'cjs.cjs'), script("const { AuthenticationClient, GenAuthError, GenAuthBusinessError, SDK_VERSION } = require('@genauth/client');"));
    expectDocumentedResult((await run(process.execPath, ['cjs.cjs'], { cwd: consumer, env, timeoutMs: 30_000 })).stdout);
  }, 40_000);

  describe.each([
    { resolution: 'node16', module: 'node16', files: ['typed.mts', 'typed.cts'] },
    { resolution: 'nodenext', module: 'nodenext', files: ['typed.mts', 'typed.cts'] },
    { resolution: 'bundler', module: 'esnext', files: ['typed.ts'] },
  ])('a strict TypeScript consumer with moduleResolution $resolution', ({ resolution, module, files }) => {
    const good = [
      "import { AuthenticationClient, GenAuthError, type SmsChannel, type SendSmsRespDto } from '@genauth/client';",
      "const client = new AuthenticationClient({ appId: 'app', appHost: 'https://example.genauth.ai' });",
      "const channel: SmsChannel = 'CHANNEL_BIND_PHONE';",
      "export const sent: Promise<SendSmsRespDto> = client.sendSms({ phoneNumber: '188xxxx8888', channel });",
      'export const isGenAuthError = (error: unknown): error is GenAuthError => error instanceof GenAuthError;',
    ].join('\n');
    const wrong = "import { AuthenticationClient } from '@genauth/client';\nconst client = new AuthenticationClient({ appId: 'app', appHost: 'https://example.genauth.ai' });\nexport const sent = client.sendSms({ phoneNumber: '188xxxx8888', channel: 'CHANNEL_NOPE' });\n";
    const tsconfig = (name: string, include: string[]) => {
      writeFileSync(
        join(consumer, name),
        JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module, moduleResolution: resolution, target: 'ES2022', lib: ['ES2022', 'DOM'], types: [], skipLibCheck: false }, files: include }),
      );
      return name;
    };

    it('type-checks', async () => {
      const dir = join(consumer, `ts-${resolution}`);
      mkdirSync(dir, { recursive: true });
      for (const file of files) writeFileSync(join(dir, file), good);
      const config = tsconfig(`tsconfig.${resolution}.json`, files.map((file) => `ts-${resolution}/${file}`));
      await run(tsc, ['-p', config], { cwd: consumer, env, timeoutMs: 60_000 });
    }, 70_000);

    it('fails to compile on a wrong channel', async () => {
      const dir = join(consumer, `ts-${resolution}-wrong`);
      mkdirSync(dir, { recursive: true });
      const file = files[0]!;
      writeFileSync(join(dir, file), wrong);
      const config = tsconfig(`tsconfig.${resolution}-wrong.json`, [`ts-${resolution}-wrong/${file}`]);
      const failure = await run(tsc, ['-p', config], { cwd: consumer, env, timeoutMs: 60_000 }).then(
        () => '',
        (error: Error) => error.message,
      );
      expect(failure).toMatch(/error TS2322: Type '"CHANNEL_NOPE"' is not assignable to type/);
    }, 70_000);
  });

  it('keeps instanceof working across the ESM and CommonJS copies loaded in one process', async () => {
    writeFileSync(
      join(consumer, 'dual.mjs'),
      [
        "import { createRequire } from 'node:module';",
        "import { GenAuthError, GenAuthValidationError } from '@genauth/client';",
        "const cjs = createRequire(import.meta.url)('@genauth/client');",
        "const error = await new cjs.AuthenticationClient({ appId: 'a', appHost: 'https://example.genauth.ai' }).bindPhone({ passCode: '1', phoneNumber: '2' }).catch((e) => e);",
        'console.log(JSON.stringify({ distinctClasses: cjs.GenAuthError !== GenAuthError, base: error instanceof GenAuthError, exact: error instanceof GenAuthValidationError, other: error instanceof cjs.GenAuthBusinessError }));',
      ].join('\n'),
    );
    const { stdout } = await run(process.execPath, ['dual.mjs'], { cwd: consumer, env, timeoutMs: 30_000 });
    expect(JSON.parse(stdout)).toEqual({ distinctClasses: true, base: true, exact: true, other: false });
  });

  it('bundled for the browser with esbuild, runs in headless Chromium against the mock (CORS) and gets the documented result', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (CI does).`);
    writeFileSync(
      join(consumer, 'browser.mjs'),
      [
        "import { AuthenticationClient, GenAuthError, GenAuthBusinessError, SDK_VERSION } from '@genauth/client';",
        'const client = new AuthenticationClient({ appId: "app", appHost: window.GENAUTH_MOCK_URL, accessToken: "token" });',
        'window.result = (async () => {',
        '  const sent = await client.sendSms({ phoneNumber: "188xxxx8888", channel: "CHANNEL_BIND_PHONE" });',
        '  try { await client.bindPhone({ passCode: "123456", phoneNumber: "188xxxx8888" }, { headers: { Prefer: "example=invalidPassCode" } }); return { bound: true }; }',
        '  catch (error) { return { sent: { statusCode: sent.statusCode, message: sent.message }, base: error instanceof GenAuthError, business: error instanceof GenAuthBusinessError, statusCode: error.statusCode, name: error.name, sdkVersion: SDK_VERSION }; }',
        '})().catch((error) => ({ failed: String(error && error.stack || error) }));',
      ].join('\n'),
    );
    const bundle = await build({ entryPoints: [join(consumer, 'browser.mjs')], absWorkingDir: consumer, bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
    const app = bundle.outputFiles[0]!.text;
    expect(app).not.toMatch(/require\(["']node:/);

    const pagePort = await freePort();
    pageServer = createServer((request, response) => {
      if (request.url === '/app.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(app);
      else response.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><script>window.GENAUTH_MOCK_URL = ${JSON.stringify(mockUrl)};</script><script src="/app.js"></script>`);
    });
    await new Promise<void>((resolve) => pageServer!.listen(pagePort, '127.0.0.1', resolve));

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      timeout: 60_000,
    });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // The page is served from another origin than the mock, so every call is a CORS request.
    await page.goto(`http://127.0.0.1:${pagePort}/`);
    const result = await page.evaluate(() => (window as unknown as { result: Promise<unknown> }).result);
    expect(errors).toEqual([]);
    expect(result).toEqual({ sent: { statusCode: 200, message: 'SMS sent' }, base: true, business: true, statusCode: 400, name: 'GenAuthBusinessError', sdkVersion: clientVersion() });
  }, 120_000);
});
