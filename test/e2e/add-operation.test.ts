import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '@genauth/mock-server';
import { pointAtMock, runCurlSample, samplesOf } from '../../packages/docs/test/sample-checks.ts';
import { specWith } from '../fixture-spec.ts';
import { bin, generateIntoTempRoot, type TempRoot } from './temp-root.ts';

/**
 * An API team adds `unbindEmail` to the spec and runs `pnpm generate`: the client gets a typed, working
 * method and the docs get its page and manifest entry, with no hand edits. Runs on a temp root holding a
 * copy of packages/client and the docs output, so the real packages are untouched.
 */
describe('adding an operation to the spec', () => {
  const { specPath } = specWith('extra-operation.yaml');
  /** The workspace packages whose generated output the temp root receives. */
  const regenerated = ['@genauth/client', '@genauth/docs'];
  let temp: TempRoot;
  let clientDir: string;
  let docsDir: string;
  let mock: MockServer;

  beforeAll(async () => {
    temp = generateIntoTempRoot(specPath, regenerated, 'genauth-add-op-');
    ({ clientDir, docsDir } = temp);
    mock = await startMockServer({ specPath });
  });

  afterAll(async () => {
    await mock?.stop();
    temp?.remove();
  });

  it('generates the new method and its DTO', () => {
    const methods = readFileSync(join(clientDir, 'src/generated/client.gen.ts'), 'utf8');
    expect(methods).toMatch(/unbindEmail\(body: UnbindEmailDto, options\?: CallOptions\): Promise<CommonResponseDto>/);
    expect(readFileSync(join(clientDir, 'src/generated/functions.gen.ts'), 'utf8')).toMatch(
      /export function unbindEmail\(client: GenAuthClient, body: UnbindEmailDto, options\?: CallOptions\): Promise<CommonResponseDto>/,
    );
    expect(readFileSync(join(clientDir, 'src/generated/operations.gen.ts'), 'utf8')).toContain('path: "/api/v3/unbind-email"');
    expect(readFileSync(join(clientDir, 'src/generated/models.gen.ts'), 'utf8')).toContain('export type UnbindEmailDto');
  });

  it('type-checks a consumer of the new method and refuses a wrong body', () => {
    writeFileSync(
      join(clientDir, 'consumer.mts'),
      [
        "import { AuthenticationClient, type UnbindEmailDto } from './src/index.js';",
        `const client = new AuthenticationClient({ appId: 'app', appHost: ${JSON.stringify(mock.url)}, accessToken: 'token' });`,
        "const body: UnbindEmailDto = { passCode: '123456' };",
        'async function wrong() {',
        '  // @ts-expect-error: passCode is required',
        '  await client.unbindEmail({});',
        '}',
        'void wrong;',
        'const result = await client.unbindEmail(body);',
        'console.log(JSON.stringify(result));',
      ].join('\n'),
    );
    writeFileSync(
      join(clientDir, 'tsconfig.consumer.json'),
      JSON.stringify({ extends: './tsconfig.json', compilerOptions: { module: 'ESNext', target: 'ES2022' }, include: ['src', 'consumer.mts'] }),
    );
    const check = spawnSync(bin('tsc'), ['-p', 'tsconfig.consumer.json'], { cwd: clientDir, encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('calls the new operation on the mock of the new spec', () => {
    const output = execFileSync(bin('tsx'), ['consumer.mts'], { cwd: clientDir, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ statusCode: 200, message: 'E-mail address unbound', requestId: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b' });
  });

  it('builds the package with the new method', () => {
    temp.build();
    expect(readFileSync(join(clientDir, 'dist/index.d.ts'), 'utf8')).toContain('unbindEmail(body: UnbindEmailDto');
  });

  it('adds the docs page of the new operation, from its schema and examples', () => {
    const page = readFileSync(join(docsDir, 'pages/unbind-email.md'), 'utf8');
    expect(page).toMatch(/^# Unbind the e-mail address\n/);
    expect(page).toContain('`AuthenticationClient.unbindEmail`');
    expect(page).toMatch(/^\| passCode \| string \| Yes \| - \| The e-mail verification code\..* \| `123456` \|$/m);
    expect(page).toContain("const result: CommonResponseDto = await client.unbindEmail({\n  passCode: '123456',\n});");
    expect(page).toContain('### UnbindEmailDto');
    expect(page).toContain('"message": "E-mail address unbound"');
  });

  it('adds the new page to the manifest and the index, beside the existing ones', () => {
    const manifest = JSON.parse(readFileSync(join(docsDir, 'manifest.json'), 'utf8')) as { pages: { operation: string; file: string; path: string }[] };
    expect(manifest.pages.map((page) => page.operation)).toEqual(['bindPhone', 'getProfile', 'sendSms', 'unbindEmail', 'unbindPhone', 'updatePhone', 'verifyUpdatePhoneRequest']);
    expect(manifest.pages).toContainEqual(expect.objectContaining({ operation: 'unbindEmail', file: 'pages/unbind-email.md', path: '/api/v3/unbind-email' }));
    expect(readFileSync(join(docsDir, 'index.md'), 'utf8')).toContain('[AuthenticationClient.unbindEmail](pages/unbind-email.md)');
    // The reference embeds the spec it renders, with the page's samples as the operation's x-codeSamples.
    const reference = readFileSync(join(docsDir, 'reference/index.html'), 'utf8');
    expect(reference).toContain('"operationId":"unbindEmail"');
    expect(reference).toContain('await client.unbindEmail(');
  });

  it("runs the new page's curl sample on the mock of the new spec", () => {
    const page = readFileSync(join(docsDir, 'pages/unbind-email.md'), 'utf8');
    const run = runCurlSample(pointAtMock(samplesOf(page).sh, 'sh', mock.url));
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ statusCode: 200, message: 'E-mail address unbound', requestId: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b' });
  });
});
