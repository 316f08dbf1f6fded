import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '@genauth/mock-server';
import { codeBlocks, parsePage, section, tables } from '../../packages/docs/test/page-parser.ts';
import { danglingAnchorLinks, pointAtMock, reachableSchemas, runCurlSample, samplesOf, samplesTsconfig, unlinkedSchemas } from '../../packages/docs/test/sample-checks.ts';
import { kebabCase } from '../../scripts/lib/docs/markdown.ts';
import { NO_CONTENT_OUTPUT } from '../../scripts/lib/docs/samples.ts';
import { readOperations, type OperationModel } from '../../scripts/lib/operations.ts';
import { loadSpec } from '../../scripts/lib/spec.ts';
import { specWith } from '../fixture-spec.ts';
import { schemaArbitrary, specValidator } from '../schema-arbitrary.ts';
import { bin, generateIntoTempRoot, type TempRoot } from './temp-root.ts';

/**
 * The kitchen-sink fixture (test/fixtures/kitchen-sink.yaml: every construct of issue 9 item 1) merged
 * into the real spec, taken through the whole pipeline: generate, build with tsup, type-check a consumer
 * of the built package, call every operation on Prism serving the fixture, and generate the docs pages
 * and run their samples. One generation, one build, one Prism for the whole file.
 */
const { specPath } = specWith('kitchen-sink.yaml');
const document = loadSpec(specPath).document;
const operations = readOperations(document);
const raw = document as unknown as Record<string, any>;
const fixtureIds = operations.filter((operation) => operation.path.startsWith('/api/v3/ks/')).map((operation) => operation.operationId);

/** The `success` example of an operation's success answer, as the spec documents it; undefined for 204. */
function successExample(operation: OperationModel): unknown {
  return operation.successResponse.media?.examples?.success?.value;
}

let temp: TempRoot;
let mock: MockServer;
/** The built client (dist/index.mjs of the temp copy), loaded as a consumer would. */
let sdk: Record<string, any>;
/** tsc's output for the consumer project (type tests and docs samples). */
let typeCheck: { status: number | null; output: string };

const consumerDir = () => join(temp.root, 'consumer');

beforeAll(async () => {
  temp = generateIntoTempRoot(specPath, ['@genauth/client', '@genauth/docs'], 'genauth-kitchen-sink-');
  const mockStarted = startMockServer({ specPath });
  mockStarted.catch(() => {});
  temp.build();
  temp.linkClientPackage();
  mock = await mockStarted;
  sdk = await import(pathToFileURL(join(temp.clientDir, 'dist/index.mjs')).href);

  mkdirSync(join(consumerDir(), 'samples'), { recursive: true });
  writeFileSync(join(consumerDir(), 'types.mts'), TYPE_TESTS);
  for (const operation of operations) {
    const { ts } = samplesOf(readFileSync(join(temp.docsDir, 'pages', `${kebabCase(operation.operationId)}.md`), 'utf8'));
    writeFileSync(join(consumerDir(), 'samples', `${operation.operationId}.mts`), pointAtMock(ts, 'ts', mock.url) + '\n');
  }
  writeFileSync(join(consumerDir(), 'tsconfig.json'), samplesTsconfig(['types.mts', ...operations.map((operation) => `samples/${operation.operationId}.mts`)]));
  const check = spawnSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: consumerDir(), encoding: 'utf8' });
  typeCheck = { status: check.status, output: check.stdout + check.stderr };
}, 180_000);

afterAll(async () => {
  await mock?.stop();
  temp?.remove();
});

/** Type tests of the built package: what must compile and, with `@ts-expect-error`, what must not. */
const TYPE_TESTS = `import {
  AuthenticationClient,
  type FreeFormRespDto,
  type GetWidgetParams,
  type HealthStatus,
  type ListWidgetsParams,
  type UpdateCustomDataDto,
  type Widget,
  type WidgetListRespDto,
  type WidgetRespDto,
} from '@genauth/client';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(proof: Equal<A, B>) => proof;
type Result<M extends keyof AuthenticationClient> = AuthenticationClient[M] extends (...args: any[]) => Promise<infer R> ? R : never;

const client = new AuthenticationClient({ appId: 'app', appHost: 'http://127.0.0.1:1', accessToken: 'token' });

export async function compiles() {
  // Nothing required: the argument may be left out; everything in it is optional.
  await client.listWidgets();
  await client.listWidgets({ includeParts: true, limit: 10, sort: 'asc', tags: ['a', 'b'], legacyFilter: 'x' });
  await client.getHealth();
  // Path and header parameters by name; the body's fields beside them; a non-object body under \`body\`.
  await client.getWidget({ widgetId: 'w_1', 'x-ks-locale': 'zh' });
  await client.getWidgetPart({ widgetId: 'w_1', partId: 7 });
  await client.replaceWidget({ widgetId: 'w_1', name: 'n', color: 'red', description: null, labels: { a: 'b' } });
  await client.patchWidget({ widgetId: 'w_1', body: [{ op: 'set', field: 'name', value: 'x' }] });
  await client.deleteWidget({ widgetId: 'w_1' });
  // Body-only operations keep the DTO as the argument; a free-form object takes any JSON.
  await client.createWidget({ name: 'n', color: 'blue', size: 'M', owner: { email: 'a@b.cn', contact: { number: '1' } }, attributes: { deep: { list: [1, 'two', null] } } });
  await client.updateCustomData({ customData: { school: 'x', age: 17, nested: { ok: true } } });
}

export async function refuses() {
  // @ts-expect-error: widgetId (a required path parameter) is missing
  await client.getWidget({});
  // @ts-expect-error: the argument is required when it holds a required parameter
  await client.deleteWidget();
  // @ts-expect-error: 'up' is not one of the sort enum's values
  await client.listWidgets({ sort: 'up' });
  // @ts-expect-error: the header parameter is an enum too
  await client.getWidget({ widgetId: 'w', 'x-ks-locale': 'fr' });
  // @ts-expect-error: name, a body field beside the parameters, is a string
  await client.replaceWidget({ widgetId: 'w_1', name: 5, color: 'red' });
  // @ts-expect-error: color, a required body field, is missing
  await client.replaceWidget({ widgetId: 'w_1', name: 'n' });
  // @ts-expect-error: partId is an integer path parameter, not a string
  await client.getWidgetPart({ widgetId: 'w_1', partId: '7' });
  // @ts-expect-error: the PATCH body is an array of changes
  await client.patchWidget({ widgetId: 'w_1', body: { op: 'set', field: 'name' } });
  // @ts-expect-error: customData is required
  await client.updateCustomData({});
}

// Return types: the envelope with its typed data, nothing for 204, the plain answer when it is not the envelope.
same<Result<'getWidget'>, WidgetRespDto>(true);
same<Result<'listWidgets'>, WidgetListRespDto>(true);
same<NonNullable<WidgetListRespDto['data']>, Widget[]>(true);
same<Result<'deleteWidget'>, void>(true);
same<Result<'getHealth'>, HealthStatus>(true);
same<HealthStatus['status'], 'up' | 'degraded' | 'down'>(true);
same<NonNullable<FreeFormRespDto['data']>, Record<string, unknown>>(true);
same<UpdateCustomDataDto['customData'], Record<string, unknown>>(true);
same<GetWidgetParams['widgetId'], string>(true);
same<NonNullable<ListWidgetsParams['tags']>, string[]>(true);
same<Widget['description'], string | null | undefined>(true);
export function notTheEnvelope(health: HealthStatus) {
  // @ts-expect-error: the health answer is not the envelope
  return health.statusCode;
}
`;

describe('the kitchen-sink spec through the client', () => {
  it('generates one typed method per operation, with an XxxParams type for each operation with parameters', () => {
    const methods = readFileSync(join(temp.clientDir, 'src/generated/client.gen.ts'), 'utf8');
    expect(methods).toContain('listWidgets(params?: ListWidgetsParams, options?: CallOptions): Promise<WidgetListRespDto>');
    expect(methods).toContain('getWidget(params: GetWidgetParams, options?: CallOptions): Promise<WidgetRespDto>');
    expect(methods).toContain('createWidget(body: WidgetInput, options?: CallOptions): Promise<WidgetRespDto>');
    expect(methods).toContain('deleteWidget(params: DeleteWidgetParams, options?: CallOptions): Promise<void>');
    expect(methods).toContain('getHealth(params?: GetHealthParams, options?: CallOptions): Promise<HealthStatus>');
    const definitions = sdk.operations as Record<string, { input: string; success: string; parameters: { name: string; in: string }[] }>;
    expect(Object.fromEntries(fixtureIds.map((id) => [id, [definitions[id]!.input, definitions[id]!.success]]))).toEqual({
      createWidget: ['body', 'envelope'],
      deleteWidget: ['parameters', 'empty'],
      getHealth: ['none', 'json'],
      getWidget: ['parameters', 'envelope'],
      getWidgetPart: ['parameters', 'envelope'],
      listWidgets: ['parameters', 'envelope'],
      patchWidget: ['parameters+body', 'envelope'],
      replaceWidget: ['parameters+fields', 'envelope'],
      updateCustomData: ['body', 'envelope'],
    });
    // Path-item level parameters come first, then the operation's own.
    expect(definitions.getWidgetPart!.parameters.map((parameter) => `${parameter.in}:${parameter.name}`)).toEqual(['path:widgetId', 'path:partId']);
  });

  it('type-checks a consumer of the built package: required parameters required, enums, body fields, free-form objects, return types', () => {
    const lines = typeCheck.output.split('\n').filter((line) => line.startsWith('types.mts'));
    expect(lines.join('\n')).toBe('');
    expect(typeCheck.output).not.toMatch(/error TS/);
    expect(typeCheck.status).toBe(0);
  });

  it('carries @deprecated into the built .d.ts for the operation, the query parameter and the property', () => {
    const types = readFileSync(join(temp.clientDir, 'dist/index.d.mts'), 'utf8');
    expect(types).toMatch(/@deprecated The spec marks this operation deprecated[^\n]*\n\s*\*\/\n\s*getWidgetPart\(params: GetWidgetPartParams/);
    expect(types).toMatch(/@deprecated\n\s*\* @description A filter expression[^\n]*\n[^\n]*\n\s*\*\/\n\s*legacyFilter\?: string;/);
    expect(types).toMatch(/@deprecated\n\s*\* @description The code of the first API version\.\n[^\n]*\n\s*\*\/\n\s*legacyCode\?: string;/);
  });

  describe('on Prism serving the fixture', () => {
    const client = () => new sdk.AuthenticationClient({ appId: 'app', appHost: mock.url, accessToken: 'token', maxRetries: 0 });
    const calls: Record<string, () => Promise<unknown>> = {
      listWidgets: () => client().listWidgets({ includeParts: true, limit: 10, sort: 'desc', tags: ['blue', 'round'], legacyFilter: 'color:blue' }),
      createWidget: () => client().createWidget({ name: 'Blue widget', color: 'blue', size: { width: 1, height: 2 }, serial: 9007199254740991 }),
      getWidget: () => client().getWidget({ widgetId: 'w_1', 'x-ks-locale': 'zh' }),
      replaceWidget: () => client().replaceWidget({ widgetId: 'w_1', name: 'Red widget', color: 'red', description: null, attributes: { any: [1, { deep: true }] } }),
      patchWidget: () => client().patchWidget({ widgetId: 'w_1', body: [{ op: 'remove', field: 'description' }] }),
      deleteWidget: () => client().deleteWidget({ widgetId: 'w_1' }),
      getWidgetPart: () => client().getWidgetPart({ widgetId: 'w_1', partId: 7 }),
      getHealth: () => client().getHealth(),
      updateCustomData: () => client().updateCustomData({ customData: { school: 'Example High', nested: { list: [1, 'two'] } }, labels: { source: 'test' } }),
    };

    it('covers every operation of the fixture', () => expect(Object.keys(calls).sort()).toEqual(fixtureIds));

    it.each(fixtureIds)('%s resolves with its success answer (the envelope, the plain answer, or nothing for 204)', async (operationId) => {
      const operation = operations.find((candidate) => candidate.operationId === operationId)!;
      const result = await calls[operationId]!();
      if (operation.successResponse.kind === 'empty') expect(result).toBeUndefined();
      else expect(result).toEqual(successExample(operation));
    });

    it('resolves with no argument when nothing is required', async () => {
      const listWidgets = operations.find((operation) => operation.operationId === 'listWidgets')!;
      await expect(client().listWidgets()).resolves.toEqual(successExample(listWidgets));
    });

    /** Each documented failure: every non-success status (`Prefer: code=`), every other named example of the success answer (`Prefer: example=`). */
    const failures = operations
      .filter((operation) => fixtureIds.includes(operation.operationId))
      .flatMap((operation) => [
        ...Object.keys(operation.responses)
          .filter((status) => status !== operation.successResponse.status)
          .map((status) => ({ operationId: operation.operationId, prefer: `code=${status}`, httpStatus: Number(status), business: undefined as number | undefined })),
        ...Object.entries(operation.successResponse.media?.examples ?? {})
          .filter(([name]) => name !== 'success')
          .map(([name, example]) => ({ operationId: operation.operationId, prefer: `example=${name}`, httpStatus: Number(operation.successResponse.status), business: (example.value as { statusCode: number }).statusCode })),
      ]);

    it('every fixture operation documents at least one failure', () => {
      expect(new Set(failures.map((failure) => failure.operationId))).toEqual(new Set(fixtureIds));
    });

    it.each(failures.map((failure) => [failure.operationId, failure.prefer, failure] as const))('%s with Prefer: %s rejects with the right GenAuthError', async (operationId, prefer, failure) => {
      const options = { headers: { prefer } };
      const c = client();
      const args: Record<string, unknown[]> = {
        listWidgets: [undefined, options],
        createWidget: [{ name: 'n', color: 'red' }, options],
        getWidget: [{ widgetId: 'w_1' }, options],
        replaceWidget: [{ widgetId: 'w_1', name: 'n', color: 'red' }, options],
        patchWidget: [{ widgetId: 'w_1', body: [{ op: 'set', field: 'name', value: 'x' }] }, options],
        deleteWidget: [{ widgetId: 'w_1' }, options],
        getWidgetPart: [{ widgetId: 'w_1', partId: 7 }, options],
        getHealth: [undefined, options],
        updateCustomData: [{ customData: {} }, options],
      };
      const rejection = await c[operationId](...args[operationId]!).then(
        (value: unknown) => ({ resolved: value }),
        (caught: Error) => caught,
      );
      expect(rejection).toBeInstanceOf(sdk.GenAuthError);
      const expected = failure.business !== undefined ? sdk.GenAuthBusinessError : failure.httpStatus === 429 ? sdk.GenAuthRateLimitError : sdk.GenAuthHttpError;
      expect((rejection as Error).name).toBe(expected.name);
      expect(rejection).toBeInstanceOf(expected);
      expect(rejection).toMatchObject({ operationId, httpStatus: failure.httpStatus, ...(failure.business !== undefined ? { statusCode: failure.business } : {}) });
    });

    it('refuses locally, naming the field, what the spec refuses: parameters and nested body fields', async () => {
      const refusals: [() => Promise<unknown>, RegExp][] = [
        [() => client().listWidgets({ limit: 0 }), /query\.limit must be at least 1/],
        [() => client().listWidgets({ sort: 'up' }), /query\.sort must be one of asc, desc/],
        [() => client().listWidgets({ tags: ['ok', ''] }), /query\.tags\[1\] must be at least 1 characters long/],
        [() => client().getWidget({ widgetId: 'w', 'x-ks-locale': 'fr' }), /header\.x-ks-locale must be one of en, zh/],
        [() => client().replaceWidget({ widgetId: 'w', name: 'n', color: 'red', owner: { email: 5 } }), /body\.owner\.email must be a string/],
        [() => client().replaceWidget({ widgetId: 'w', name: 'n', color: 'red', labels: { a: 7 } }), /body\.labels\.a must be a string/],
        [() => client().patchWidget({ widgetId: 'w', body: [] }), /body must have at least 1 items/],
        [() => client().updateCustomData({ customData: 'text' }), /body\.customData must be an object/],
      ];
      for (const [call, message] of refusals) {
        const error = await call().catch((caught: Error) => caught);
        expect(error, String(message)).toBeInstanceOf(sdk.GenAuthValidationError);
        expect((error as Error).message).toMatch(message);
      }
    });

    it('is refused by Prism where the spec refuses (local validation off): the property below can fail on either side', async () => {
      const unchecked = new sdk.AuthenticationClient({ appId: 'app', appHost: mock.url, accessToken: 'token', maxRetries: 0, validate: false });
      for (const call of [() => unchecked.listWidgets({ limit: 0 }), () => unchecked.replaceWidget({ widgetId: 'w', name: 5, color: 'red' })]) {
        const error = await call().catch((caught: Error) => caught);
        expect(error).toBeInstanceOf(sdk.GenAuthHttpError);
        expect(error).toMatchObject({ httpStatus: expect.any(Number) });
        expect((error as { httpStatus: number }).httpStatus).toBeGreaterThanOrEqual(400);
        expect((error as { httpStatus: number }).httpStatus).toBeLessThan(500);
      }
    });

    it('sends a path value such as ../admin or a/b?c inside its one segment, and Prism routes it to the operation', async () => {
      for (const widgetId of ['../admin', 'a/b?c', '%2e%2e', 'x#y']) {
        const getWidget = operations.find((operation) => operation.operationId === 'getWidget')!;
        await expect(client().getWidget({ widgetId }), widgetId).resolves.toEqual(successExample(getWidget));
      }
    });
  });

  describe('path values on the wire (a loopback server records the raw request line)', () => {
    let server: Server;
    let base: string;
    const seen: string[] = [];
    beforeAll(async () => {
      server = createServer((request, response) => {
        seen.push(request.url!);
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 200, message: 'ok' }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const client = () => new sdk.AuthenticationClient({ appId: 'app', appHost: base, accessToken: 'token', maxRetries: 0 });

    it.each([
      ['../admin', '/api/v3/ks/widgets/..%2Fadmin'],
      ['a/b?c', '/api/v3/ks/widgets/a%2Fb%3Fc'],
      ['x#y&z=1', '/api/v3/ks/widgets/x%23y%26z%3D1'],
      ['%2e%2e', '/api/v3/ks/widgets/%252e%252e'],
      ['名前', '/api/v3/ks/widgets/%E5%90%8D%E5%89%8D'],
    ])('%s arrives as %s', async (widgetId, url) => {
      seen.length = 0;
      await client().getWidget({ widgetId });
      expect(seen).toEqual([url]);
    });

    it.each(['..', '.', ''])('refuses %j locally: nothing is sent', async (widgetId) => {
      seen.length = 0;
      const error = await client().getWidget({ widgetId }).catch((caught: Error) => caught);
      expect(error).toBeInstanceOf(sdk.GenAuthValidationError);
      expect((error as Error).message).toMatch(/path\.widgetId/);
      expect(seen).toEqual([]);
    });

    it('refuses ".." locally even with validation off', async () => {
      seen.length = 0;
      const unchecked = new sdk.AuthenticationClient({ appId: 'app', appHost: base, accessToken: 'token', validate: false });
      await expect(unchecked.deleteWidget({ widgetId: '..' })).rejects.toBeInstanceOf(sdk.GenAuthValidationError);
      expect(seen).toEqual([]);
    });

    it('serialises the query string: arrays repeated, booleans and numbers spelled, undefined left out, text encoded', async () => {
      seen.length = 0;
      await client().listWidgets({ includeParts: false, limit: 5, tags: ['a&b', 'c d', 'é'], sort: undefined });
      expect(seen).toEqual(['/api/v3/ks/widgets?includeParts=false&limit=5&tags=a%26b&tags=c%20d&tags=%C3%A9']);
    });
  });
});

describe('the docs pages of the kitchen-sink spec', () => {
  const page = (operationId: string) => readFileSync(join(temp.docsDir, 'pages', `${kebabCase(operationId)}.md`), 'utf8');

  it('every TypeScript sample type-checks against the built client', () => {
    const lines = typeCheck.output.split('\n').filter((line) => line.startsWith('samples/'));
    expect(lines.join('\n')).toBe('');
    expect(typeCheck.status).toBe(0);
  });

  it('every TypeScript sample runs against the mock and prints the success example (or the no-content line)', () => {
    const runner = [
      'const outputs: Record<string, string> = {};',
      `for (const id of ${JSON.stringify(operations.map((operation) => operation.operationId))}) {`,
      '  const lines: string[] = [];',
      '  const log = console.log;',
      "  console.log = (...args: unknown[]) => void lines.push(args.join(' '));",
      '  try {',
      '    await import(`./samples/${id}.mts`);',
      '  } catch (error) {',
      '    lines.push(`threw ${(error as Error).name}: ${(error as Error).message}`);',
      '  } finally {',
      '    console.log = log;',
      '  }',
      "  outputs[id] = lines.join('\\n');",
      '}',
      'process.stdout.write(JSON.stringify(outputs));',
    ].join('\n');
    writeFileSync(join(consumerDir(), 'run-samples.mts'), runner);
    const outputs = JSON.parse(execFileSync(bin('tsx'), ['run-samples.mts'], { cwd: consumerDir(), encoding: 'utf8', timeout: 60_000 })) as Record<string, string>;
    for (const operation of operations) {
      const output = outputs[operation.operationId]!;
      if (operation.successResponse.kind === 'empty') expect(output, operation.operationId).toBe(NO_CONTENT_OUTPUT);
      else expect(JSON.parse(output), operation.operationId).toEqual(successExample(operation));
    }
  });

  it.each(operations.map((operation) => operation.operationId))('the %s curl sample runs against the mock and prints the success example', (operationId) => {
    const operation = operations.find((candidate) => candidate.operationId === operationId)!;
    const run = runCurlSample(pointAtMock(samplesOf(page(operationId)).sh, 'sh', mock.url));
    expect(run.status, run.stderr).toBe(0);
    if (operation.successResponse.kind === 'empty') expect(run.stdout).toBe('');
    else expect(JSON.parse(run.stdout)).toEqual(successExample(operation));
  });

  it.each(fixtureIds)('the %s page fills the curl URL from the examples and marks where each parameter goes', (operationId) => {
    const operation = operations.find((candidate) => candidate.operationId === operationId)!;
    const markdown = page(operationId);
    const curl = samplesOf(markdown).sh;
    const target = /curl -X (\w+) "\$AUTHING_APP_HOST"?'?([^"' ]*)/.exec(curl)!;
    expect(target[1]).toBe(operation.method);
    expect(target[2]).not.toContain('{');
    const [parameters] = tables(section(parsePage(markdown), 'Request Parameters'));
    for (const parameter of operation.parameters) {
      expect(parameters?.rows.map((row) => row.Name), parameter.name).toContain(`${parameter.name} (${parameter.in})`);
      if (parameter.in === 'header') expect(curl).toContain(`-H '${parameter.name}: ${String(parameter.example)}'`);
      if (parameter.in === 'path') expect(target[2]).toContain(`/${encodeURIComponent(String(parameter.example))}`);
    }
    if (operation.deprecated) expect(markdown).toMatch(/^> \*\*Deprecated\.\*\*/m);
    for (const parameter of operation.parameters.filter((candidate) => candidate.deprecated)) {
      expect(parameters!.rows.find((row) => row.Name === `${parameter.name} (${parameter.in})`)!.Description).toMatch(/^\*\*Deprecated\.\*\*/);
    }
  });

  it.each(operations.map((operation) => operation.operationId))('the %s page defines every schema the operation reaches, links each, and every anchor link lands on a heading', (operationId) => {
    const operation = operations.find((candidate) => candidate.operationId === operationId)!;
    const markdown = page(operationId);
    const structures = section(parsePage(markdown), 'Data Structure');
    const headings = structures.split('\n').filter((line) => line.startsWith('### ')).map((line) => line.slice(4));
    expect(new Set(headings)).toEqual(reachableSchemas(raw, operation.path, operation.method.toLowerCase()));
    expect(danglingAnchorLinks(markdown)).toEqual([]);
    expect(unlinkedSchemas(markdown)).toEqual([]);
    expect(codeBlocks(section(parsePage(markdown), 'Request Response'), 'json').length).toBe(operation.successResponse.kind === 'empty' ? 0 : 1);
  });
});

describe('every value valid by the spec (fast-check, 20 runs per operation)', () => {
  const isValid = specValidator(raw);

  /** The method's argument from spec-valid parameters and body; `.` and `..` are left out of path values, which the client refuses on purpose. */
  function validArgument(operation: OperationModel): fc.Arbitrary<unknown> {
    const parameter = (model: OperationModel['parameters'][number]) =>
      schemaArbitrary(raw, model.schema as Record<string, unknown>, { direction: 'request' }).filter(
        (value) => isValid(model.schema as Record<string, unknown>, value) && !(model.in === 'path' && (value === '.' || value === '..')),
      );
    const parameters = fc.record(Object.fromEntries(operation.parameters.map((model) => [model.name, parameter(model)])), {
      requiredKeys: operation.parameters.filter((model) => model.required).map((model) => model.name),
    });
    const bodySchema = operation.requestBody?.media.schema as Record<string, unknown> | undefined;
    const body = bodySchema ? schemaArbitrary(raw, bodySchema, { direction: 'request' }).filter((value) => isValid(bodySchema, value)) : fc.constant(undefined);
    switch (operation.input) {
      case 'body':
        return body;
      case 'parameters+fields':
        return fc.tuple(parameters, body).map(([values, fields]) => ({ ...values, ...(fields as object) }));
      case 'parameters+body':
        return fc.tuple(parameters, body).map(([values, value]) => ({ ...values, body: value }));
      default:
        return parameters;
    }
  }

  it.each(operations.map((operation) => operation.operationId))('%s: accepted by the local validation and by Prism', async (operationId) => {
    const operation = operations.find((candidate) => candidate.operationId === operationId)!;
    const client = new sdk.AuthenticationClient({ appId: 'app', appHost: mock.url, accessToken: 'token', maxRetries: 0 });
    await fc.assert(
      fc.asyncProperty(validArgument(operation), async (argument) => {
        const result = await client[operationId](argument).then(
          (value: unknown) => ({ ok: true, value }),
          (error: Error) => ({ ok: false, error: `${error.name}: ${error.message}` }),
        );
        expect(result, JSON.stringify(argument)).toMatchObject({ ok: true });
      }),
      { numRuns: 20 },
    );
  });
});
