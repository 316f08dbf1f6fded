import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { operations, readPage } from './docs-files.ts';
import { bin, pointAtMock, runCurlSample, samplesOf, samplesProject, samplesTsconfig } from './sample-checks.ts';

const successExample = (operationId: string) =>
  operations.find((operation) => operation.operationId === operationId)!.successResponse.media!.examples!.success!.value;

/**
 * Every TypeScript sample in the generated pages, type-checked against the BUILT @genauth/client
 * (packages/client/dist, through the docs package's workspace dependency) and run against the mock.
 */
describe('the TypeScript samples', () => {
  let project = '';
  const apiBaseUrl = inject('apiBaseUrl');
  const files = operations.map((operation) => `${operation.operationId}.mts`);

  const typeCheck = (config: string) => spawnSync(bin('tsc'), ['-p', config], { cwd: project, encoding: 'utf8' });

  beforeAll(() => {
    project = samplesProject('genauth-doc-samples-');
    for (const operation of operations) {
      const sample = pointAtMock(samplesOf(readPage(operation.operationId)).ts, 'ts', apiBaseUrl);
      writeFileSync(join(project, `${operation.operationId}.mts`), sample + '\n');
    }
    writeFileSync(join(project, 'tsconfig.json'), samplesTsconfig(files));
  });

  afterAll(() => project && rmSync(project, { recursive: true, force: true }));

  it('type-check against the built client', () => {
    const check = typeCheck('tsconfig.json');
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('would not type-check with the seed page defects (wrong class, misspelled field)', () => {
    const bindPhone = samplesOf(readPage('bindPhone')).ts;
    writeFileSync(join(project, 'wrong-class.mts'), bindPhone.replace(/\bAuthenticationClient\b/g, 'ManagementClient') + '\n');
    writeFileSync(join(project, 'wrong-field.mts'), bindPhone.replace('passCode:', 'passcode:') + '\n');
    writeFileSync(join(project, 'tsconfig.defects.json'), samplesTsconfig(['wrong-class.mts', 'wrong-field.mts']));
    const check = typeCheck('tsconfig.defects.json');
    expect(check.status).not.toBe(0);
    expect(check.stdout).toMatch(/wrong-class\.mts.*has no exported member 'ManagementClient'/);
    expect(check.stdout).toMatch(/wrong-field\.mts.*'passcode' does not exist/);
  });

  it.each(operations.map((operation) => operation.operationId))('%s runs against the mock and prints the success envelope', (operationId) => {
    const output = execFileSync(bin('tsx'), [`${operationId}.mts`], { cwd: project, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual(successExample(operationId));
  });
});

describe('the curl samples', () => {
  const apiBaseUrl = inject('apiBaseUrl');

  it.each(operations.map((operation) => operation.operationId))('%s runs against the mock and prints the success envelope', (operationId) => {
    const run = runCurlSample(pointAtMock(samplesOf(readPage(operationId)).sh, 'sh', apiBaseUrl));
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(successExample(operationId));
  });

  it('are refused by the mock without their credential headers (the check above can fail)', () => {
    const script = pointAtMock(samplesOf(readPage('bindPhone')).sh, 'sh', apiBaseUrl);
    const withoutCredentials = script.replace(/^ {2}-H "(authorization|x-authing-app-id): .*\n/gm, '');
    expect(withoutCredentials).not.toContain('authorization');
    const run = runCurlSample(withoutCredentials);
    // Prism answers with the spec's documented 401 (the envelope), as the real API would.
    expect(JSON.parse(run.stdout)).toMatchObject({ statusCode: 401 });
  });
});
