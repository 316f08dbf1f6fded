import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../fixture-spec.ts';

/**
 * The client as users get it: `pnpm pack`, installed with npm into a project outside the workspace,
 * then imported from ESM and required from CommonJS, with its type declarations.
 */
describe('the packed @genauth/client tarball', () => {
  const project = mkdtempSync(join(tmpdir(), 'genauth-consumer-'));

  beforeAll(() => {
    execFileSync('pnpm', ['pack', '--pack-destination', project], { cwd: join(repoRoot, 'packages/client'), stdio: 'pipe' });
    const tarball = readdirSync(project).find((file) => file.endsWith('.tgz'))!;
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', `./${tarball}`], { cwd: project, stdio: 'pipe' });
  }, 120_000);

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  const script = (importLine: string) =>
    [
      importLine,
      `const client = new AuthenticationClient({ appId: 'app', appHost: ${JSON.stringify(inject('apiBaseUrl'))}, accessToken: 'token' });`,
      "client.bindPhone({ passCode: '123456', phoneNumber: '188xxxx8888' }, { headers: { Prefer: 'example=invalidPassCode' } })",
      '  .then(() => console.log("resolved"), (error) => console.log(JSON.stringify({ base: error instanceof GenAuthError, business: error instanceof GenAuthBusinessError, statusCode: error.statusCode, name: error.name })));',
      "client.sendSms({ phoneNumber: '188xxxx8888', channel: 'CHANNEL_BIND_PHONE' }).then((r) => console.log(JSON.stringify(r)));",
    ].join('\n');

  const expected = (output: string) => {
    const lines = output.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toContainEqual({ base: true, business: true, statusCode: 400, name: 'GenAuthBusinessError' });
    expect(lines).toContainEqual(expect.objectContaining({ statusCode: 200, message: 'SMS sent' }));
  };

  it('works from ESM import', () => {
    writeFileSync(join(project, 'esm.mjs'), script("import { AuthenticationClient, GenAuthError, GenAuthBusinessError } from '@genauth/client';"));
    expected(execFileSync(process.execPath, ['esm.mjs'], { cwd: project, encoding: 'utf8' }));
  });

  it('works from CommonJS require', () => {
    writeFileSync(join(project, 'cjs.cjs'), script("const { AuthenticationClient, GenAuthError, GenAuthBusinessError } = require('@genauth/client');"));
    expected(execFileSync(process.execPath, ['cjs.cjs'], { cwd: project, encoding: 'utf8' }));
  });

  it('keeps instanceof working across the ESM and CommonJS copies loaded in one process', () => {
    writeFileSync(
      join(project, 'dual.mjs'),
      [
        "import { createRequire } from 'node:module';",
        "import { GenAuthError, GenAuthValidationError } from '@genauth/client';",
        "const cjs = createRequire(import.meta.url)('@genauth/client');",
        "const error = await new cjs.AuthenticationClient({ appId: 'a', appHost: 'https://example.genauth.ai' }).bindPhone({ passCode: '1', phoneNumber: '2' }).catch((e) => e);",
        'console.log(JSON.stringify({ distinctClasses: cjs.GenAuthError !== GenAuthError, base: error instanceof GenAuthError, exact: error instanceof GenAuthValidationError, other: error instanceof cjs.GenAuthBusinessError }));',
      ].join('\n'),
    );
    const output = execFileSync(process.execPath, ['dual.mjs'], { cwd: project, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ distinctClasses: true, base: true, exact: true, other: false });
  });

  it('ships type declarations a strict NodeNext consumer compiles against, refusing a wrong channel', () => {
    writeFileSync(
      join(project, 'consumer.mts'),
      [
        "import { AuthenticationClient, type SmsChannel } from '@genauth/client';",
        "const client = new AuthenticationClient({ appId: 'app', appHost: 'https://example.genauth.ai' });",
        "const channel: SmsChannel = 'CHANNEL_BIND_PHONE';",
        "void client.sendSms({ phoneNumber: '188xxxx8888', channel });",
        '// @ts-expect-error: not a channel',
        "void client.sendSms({ phoneNumber: '188xxxx8888', channel: 'CHANNEL_NOPE' });",
      ].join('\n'),
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022', 'DOM'], types: [] }, files: ['consumer.mts'] }),
    );
    const tsc = join(repoRoot, 'node_modules/.bin/tsc');
    expect(() => execFileSync(tsc, ['-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' })).not.toThrow();
  });
});
