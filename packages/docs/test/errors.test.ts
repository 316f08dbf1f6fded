import { execFile, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resolveRef, type MediaTypeObject, type ResponseObject } from '../../../scripts/lib/spec.ts';
import { generatedDir, operations, readPage, spec } from './docs-files.ts';
import { bin, pointAtMock, samplesProject, samplesTsconfig, unlinkedSchemas } from './sample-checks.ts';
import { codeBlocks, parsePage, section, subheadings, tables } from './page-parser.ts';


/** A documented failure, read from the spec by the rule the issue states (independently of the generator). */
interface ExpectedFailure {
  name: string;
  httpStatus: number;
  statusCode: unknown;
  message: unknown;
  errorClass: string;
  prefer: string;
}

function expectedFailures(operationId: string): ExpectedFailure[] {
  const operation = operations.find((candidate) => candidate.operationId === operationId)!;
  const failures: ExpectedFailure[] = [];
  for (const [status, response] of Object.entries(operation.operation.responses)) {
    const media = resolveRef<ResponseObject>(spec, response as ResponseObject).content?.['application/json'] as MediaTypeObject | undefined;
    for (const [name, example] of Object.entries(media?.examples ?? {})) {
      const value = example.value as { statusCode?: unknown; message?: unknown };
      const httpStatus = Number(status);
      if (httpStatus === 200 && value.statusCode === 200) continue;
      if (httpStatus < 300 && httpStatus !== 200) continue;
      // HTTP 200 with statusCode ≠ 200 → business error; 429 → rate limit; any other 4xx/5xx → HTTP error.
      const errorClass = httpStatus === 200 ? 'GenAuthBusinessError' : httpStatus === 429 ? 'GenAuthRateLimitError' : 'GenAuthHttpError';
      failures.push({ name, httpStatus, statusCode: value.statusCode, message: value.message, errorClass, prefer: httpStatus === 200 ? `example=${name}` : `code=${status}, example=${name}` });
    }
  }
  return failures;
}

const errorResults = (operationId: string) => {
  const response = section(parsePage(readPage(operationId)), 'Request Response');
  return response.slice(response.indexOf('Error Results：'));
};

/** What the catch sample prints for each class (errors-section.ts), given the failure's answer: the branch's prefix and the API's message. */
function expectedOutput(failure: ExpectedFailure): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (failure.errorClass === 'GenAuthRateLimitError') return /^Too many requests: retry in 60 s$/;
  const prefix = failure.errorClass === 'GenAuthBusinessError' ? 'Refused: ' : `HTTP ${failure.httpStatus}: `;
  return new RegExp(`^${escape(prefix)}.*${escape(String(failure.message))}.*$`);
}

/** The catch sample, pointed at the mock, its call given the per-call `Prefer` header that selects one failure. */
function catchSampleFor(operationId: string, apiBaseUrl: string, prefer: string): string {
  const [sample] = codeBlocks(errorResults(operationId), 'ts');
  const pointed = pointAtMock(sample!, 'ts', apiBaseUrl);
  const call = /await client\.(\w+)\(([\s\S]*?)\);\n\} catch/;
  expect(pointed).toMatch(call);
  return pointed.replace(call, (_match, method: string, argument: string) => `await client.${method}(${argument || 'undefined'}, { headers: { Prefer: ${JSON.stringify(prefer)} } });\n} catch`);
}

describe.each(operations.map((operation) => [operation.operationId] as const))('the %s page documents its failures', (operationId) => {
  it('lists every documented failure after Example Results: HTTP status, statusCode, message, the error thrown, the mock header', () => {
    const response = section(parsePage(readPage(operationId)), 'Request Response');
    expect(response.indexOf('Error Results：')).toBeGreaterThan(response.indexOf('Example Results：'));
    const [table] = tables(errorResults(operationId));
    expect(table!.headers).toEqual(['Failure', 'HTTP Status', 'statusCode', 'apiCode', 'Message', 'Error thrown', 'Body', 'Mock']);
    const expected = expectedFailures(operationId);
    expect(expected.length, 'the spec documents failures of every operation').toBeGreaterThan(0);
    expect(
      table!.rows.map((row) => [row.Failure!.split(':')[0], row['HTTP Status'], row.statusCode, row.Message, row['Error thrown']!.split(' ')[0], row.Mock]),
    ).toEqual(
      expected
        .sort((a, b) => a.httpStatus - b.httpStatus)
        .map((failure) => [`\`${failure.name}\``, String(failure.httpStatus), `\`${String(failure.statusCode)}\``, String(failure.message), `\`${failure.errorClass}\``, `\`Prefer: ${failure.prefer}\``]),
    );
  });

  it('has the install line, and its samples send only the credentials its security needs', () => {
    const page = parsePage(readPage(operationId));
    expect(codeBlocks(section(page, 'Sample Code'), 'bash')).toEqual(['npm install @genauth/client']);
    const operation = operations.find((candidate) => candidate.operationId === operationId)!;
    const fewest = operation.security.reduce((least, schemes) => (schemes.length < least.length ? schemes : least));
    const headers = fewest.map((scheme) => spec.components!.securitySchemes![scheme]!.name!).sort();
    const [curl] = codeBlocks(section(page, 'Sample Code'), 'sh');
    const sent = [...curl!.matchAll(/-H "([^:]+): \$AUTHING_/g)].map((match) => match[1]).sort();
    expect(sent).toEqual(headers);
    for (const [typescript] of [codeBlocks(section(page, 'Sample Code'), 'ts'), codeBlocks(errorResults(operationId), 'ts')]) {
      expect(typescript!.includes('accessToken:'), 'sends the access token').toBe(fewest.includes('accessToken'));
    }
  });

  it('links every schema it lists under Data Structure from the page', () => {
    expect(subheadings(section(parsePage(readPage(operationId)), 'Data Structure')).length).toBeGreaterThan(0);
    expect(unlinkedSchemas(readPage(operationId))).toEqual([]);
  });
});

it('the index page carries the install line', () => {
  expect(codeBlocks(readFileSync(join(generatedDir, 'index.md'), 'utf8'), 'bash')).toEqual(['npm install @genauth/client']);
});

/** Every page's catch sample: type-checked against the BUILT client, and run against the mock once per documented failure. */
describe('the catch samples', () => {
  let project = '';
  const apiBaseUrl = inject('apiBaseUrl');
  const cases = operations.flatMap((operation) => expectedFailures(operation.operationId).map((failure) => [operation.operationId, failure.name, failure] as const));

  beforeAll(() => {
    project = samplesProject('genauth-catch-samples-');
  });
  afterAll(() => project && rmSync(project, { recursive: true, force: true }));

  it('type-check against the built client', () => {
    const files = operations.map((operation) => {
      const [sample] = codeBlocks(errorResults(operation.operationId), 'ts');
      writeFileSync(join(project, `${operation.operationId}.mts`), sample + '\n');
      return `${operation.operationId}.mts`;
    });
    writeFileSync(join(project, 'tsconfig.json'), samplesTsconfig(files));
    const check = spawnSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  const run = (file: string): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve) =>
      execFile(bin('tsx'), [file], { cwd: project, encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );

  it.each(cases)('%s, %s: catches the error the table names and prints its line', async (operationId, name, failure) => {
    const file = `${operationId}-${name}.mts`;
    writeFileSync(join(project, file), catchSampleFor(operationId, apiBaseUrl, failure.prefer) + '\n');
    const result = await run(file);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.trim()).toMatch(expectedOutput(failure));
  });

  it('would not catch a failure whose branch is missing (the check above can fail)', async () => {
    const [operationId, , failure] = cases.find(([, , candidate]) => candidate.errorClass === 'GenAuthBusinessError')!;
    const withoutBranch = catchSampleFor(operationId, apiBaseUrl, failure.prefer).replace('error instanceof GenAuthBusinessError', 'error instanceof Error && false');
    writeFileSync(join(project, 'without-branch.mts'), withoutBranch + '\n');
    const result = await run('without-branch.mts');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('GenAuthBusinessError');
  });
});
