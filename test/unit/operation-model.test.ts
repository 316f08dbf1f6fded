import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderAll } from '../../scripts/lib/generate-all.ts';
import { readOperations } from '../../scripts/lib/operations.ts';
import type { OpenApiDocument } from '../../scripts/lib/spec.ts';
import { SpecProblemsError, type SpecProblem } from '../../scripts/lib/spec-problems.ts';
import { repoRoot, specWith } from '../fixture-spec.ts';

/** A minimal envelope answer, so each case below differs from a valid operation by its one defect. */
const ok = {
  '200': {
    description: 'The envelope.',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/CommonResponseDto' } } },
  },
};

/** The real spec with one more path, `/api/v3/t/...`, holding the given path item. */
const withPath = (path: string, item: Record<string, unknown>) => (spec: any) => (spec.paths[path] = item);

/** What `pnpm generate` reports for the spec: the problems of its one error, or none. */
async function problemsOf(mutate: (spec: any) => void): Promise<{ message: string; problems: readonly SpecProblem[] }> {
  const { specPath } = specWith({}, mutate);
  try {
    await renderAll({ root: repoRoot, specPath, packages: ['@genauth/client'] });
  } catch (error) {
    if (error instanceof SpecProblemsError) return { message: error.message, problems: error.problems };
    throw error;
  }
  return { message: '', problems: [] };
}

const query = (name: string, extra: Record<string, unknown> = {}) => ({ name, in: 'query', schema: { type: 'string' }, ...extra });

describe('the operation model refuses what the client cannot send, naming the operation and the JSON pointer', () => {
  it.each([
    [
      'a cookie parameter',
      withPath('/api/v3/t', { get: { operationId: 't', parameters: [{ name: 'session', in: 'cookie', schema: { type: 'string' } }], responses: ok } }),
      { operation: 'GET /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/get/parameters/0', message: /cookie parameter "session" is not supported/ },
    ],
    [
      'a deepObject query parameter',
      withPath('/api/v3/t', { get: { operationId: 't', parameters: [query('filter', { style: 'deepObject', schema: { type: 'object' } })], responses: ok } }),
      { operation: 'GET /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/get/parameters/0/style', message: /query parameter "filter" uses style deepObject with explode false, which the client cannot serialise/ },
    ],
    [
      'a spaceDelimited query parameter',
      withPath('/api/v3/t', { get: { operationId: 't', parameters: [query('ids', { style: 'spaceDelimited', schema: { type: 'array', items: { type: 'string' } } })], responses: ok } }),
      { operation: 'GET /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/get/parameters/0/style', message: /uses style spaceDelimited .* it supports the OpenAPI 3.0 default \(form with explode\)/ },
    ],
    [
      'a query parameter with explode false',
      withPath('/api/v3/t', { get: { operationId: 't', parameters: [query('ids', { explode: false, schema: { type: 'array', items: { type: 'string' } } })], responses: ok } }),
      { operation: 'GET /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/get/parameters/0/explode', message: /uses style form with explode false/ },
    ],
    [
      'a multipart/form-data body',
      withPath('/api/v3/t', { post: { operationId: 't', requestBody: { content: { 'multipart/form-data': { schema: { type: 'object' } } } }, responses: ok } }),
      { operation: 'POST /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/post/requestBody/content', message: /the request body is multipart\/form-data; the client sends JSON bodies only/ },
    ],
    [
      'a JSON body of another media type (merge-patch): the client sends application/json',
      withPath('/api/v3/t', { patch: { operationId: 't', requestBody: { content: { 'application/merge-patch+json': { schema: { type: 'object' } } } }, responses: ok } }),
      { operation: 'PATCH /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/patch/requestBody/content', message: /the request body is application\/merge-patch\+json; the client sends JSON bodies only \(application\/json\)/ },
    ],
    [
      'a parameter and a body field with one name',
      withPath('/api/v3/t', {
        post: {
          operationId: 't',
          parameters: [query('name')],
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } } },
          responses: ok,
        },
      }),
      { operation: 'POST /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/post/parameters/0', message: /query parameter "name" and the request body field "name" of t would share one name/ },
    ],
    [
      'a query and a path parameter with one name',
      withPath('/api/v3/t/{id}', {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: { operationId: 't', parameters: [query('id')], responses: ok },
      }),
      { operation: 'GET /api/v3/t/{id} (t)', pointer: '#/paths/~1api~1v3~1t~1{id}/get/parameters/0', message: /query parameter "id" and path parameter "id" \(#\/paths\/~1api~1v3~1t~1\{id\}\/parameters\/0\) would share one name/ },
    ],
    [
      'a path placeholder without its parameter',
      withPath('/api/v3/t/{id}', { get: { operationId: 't', responses: ok } }),
      { operation: 'GET /api/v3/t/{id} (t)', pointer: '#/paths/~1api~1v3~1t~1{id}/get', message: /the path has \{id\} but no path parameter "id" is defined/ },
    ],
    [
      'a HEAD operation',
      withPath('/api/v3/t', { head: { operationId: 't', responses: ok } }),
      { operation: 'HEAD /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/head', message: /method HEAD is not supported; the client supports GET, POST, PUT, PATCH and DELETE/ },
    ],
    [
      'an OPTIONS operation',
      withPath('/api/v3/t', { options: { operationId: 't', responses: ok } }),
      { operation: 'OPTIONS /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/options', message: /method OPTIONS is not supported/ },
    ],
    [
      'a $ref to nothing in a response',
      withPath('/api/v3/t', { get: { operationId: 't', responses: { '200': { description: 'x', content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } } } } } }),
      { operation: 'GET /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/get/responses/200/content/application~1json/schema/$ref', message: /\$ref #\/components\/schemas\/Nope points at nothing in the spec/ },
    ],
    [
      'a $ref to nothing in a request body',
      withPath('/api/v3/t', { post: { operationId: 't', requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } } }, responses: ok } }),
      { operation: 'POST /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/post/requestBody/content/application~1json/schema/$ref', message: /\$ref #\/components\/schemas\/Nope points at nothing in the spec/ },
    ],
    [
      'an enum example that is not in the enum',
      withPath('/api/v3/t', { get: { operationId: 't', parameters: [query('sort', { schema: { type: 'string', enum: ['asc', 'desc'] }, example: 'up' })], responses: ok } }),
      { operation: 'GET /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/get/parameters/0/example', message: /the example of parameter "sort" does not match its schema: .*must be equal to one of the allowed values \(asc, desc\)/ },
    ],
    [
      'a path parameter that is not required',
      withPath('/api/v3/t/{id}', { get: { operationId: 't', parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }], responses: ok } }),
      { operation: 'GET /api/v3/t/{id} (t)', pointer: '#/paths/~1api~1v3~1t~1{id}/get/parameters/0/required', message: /path parameter "id" must be required: true/ },
    ],
    [
      'a path parameter the path does not have',
      withPath('/api/v3/t', { get: { operationId: 't', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: ok } }),
      { operation: 'GET /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/get/parameters/0', message: /path parameter "id" does not appear in the path \/api\/v3\/t/ },
    ],
    [
      'a header parameter the client sets itself',
      withPath('/api/v3/t', { get: { operationId: 't', parameters: [{ name: 'Authorization', in: 'header', schema: { type: 'string' } }], responses: ok } }),
      { operation: 'GET /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/get/parameters/0/name', message: /header parameter "Authorization" is set by the client itself/ },
    ],
    [
      'a header parameter whose name is not an HTTP token',
      withPath('/api/v3/t', { get: { operationId: 't', parameters: [{ name: 'x tenant', in: 'header', schema: { type: 'string' } }], responses: ok } }),
      { operation: 'GET /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/get/parameters/0/name', message: /header parameter "x tenant" is not a valid HTTP header name/ },
    ],
    [
      'a 202 success answer',
      withPath('/api/v3/t', { post: { operationId: 't', responses: { '202': ok['200'] } } }),
      { operation: 'POST /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/post/responses/202', message: /success status 202 is not supported; document 200, 201 or 204/ },
    ],
    [
      'a success answer that is not JSON',
      withPath('/api/v3/t', { get: { operationId: 't', responses: { '200': { description: 'Text.', content: { 'text/plain': { schema: { type: 'string' } } } } } } }),
      { operation: 'GET /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/get/responses/200/content', message: /the 200 response is text\/plain; the client reads JSON answers only/ },
    ],
    [
      'an enum value of the wrong type',
      withPath('/api/v3/t', { get: { operationId: 't', parameters: [query('sort', { schema: { type: 'string', enum: ['asc', 1] } })], responses: ok } }),
      { operation: 'GET /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/get/parameters/0/schema/enum/1', message: /enum value 1 is not of type string/ },
    ],
    [
      'x-enum-descriptions of another length than the enum',
      withPath('/api/v3/t', { get: { operationId: 't', parameters: [query('sort', { schema: { type: 'string', enum: ['asc', 'desc'], 'x-enum-descriptions': ['Ascending'] } })], responses: ok } }),
      { operation: 'GET /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/get/parameters/0/schema/x-enum-descriptions', message: /x-enum-descriptions has 1 entries for 2 enum values/ },
    ],
    [
      'a pattern that is not a regular expression',
      withPath('/api/v3/t', { get: { operationId: 't', parameters: [query('code', { schema: { type: 'string', pattern: '[0-9' } })], responses: ok } }),
      { operation: 'GET /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/get/parameters/0/schema/pattern', message: /pattern "\[0-9" is not a valid regular expression/ },
    ],
    [
      'a schema keyword OpenAPI 3.0 does not have',
      withPath('/api/v3/t', { get: { operationId: 't', parameters: [query('code', { schema: { type: 'string', const: 'x' } })], responses: ok } }),
      { operation: 'GET /api/v3/t (t)', pointer: '#/paths/~1api~1v3~1t/get/parameters/0/schema/const', message: /"const" is not an OpenAPI 3.0 schema keyword/ },
    ],
    [
      'a schema named like an operation’s generated argument type',
      (spec: any) => {
        spec.paths['/api/v3/t'] = { get: { operationId: 't', parameters: [query('q')], responses: ok } };
        spec.components.schemas.TParams = { type: 'object' };
      },
      { operation: 'GET /api/v3/t (t)', pointer: '#/components/schemas/TParams', message: /schema "TParams" has the name of t's generated argument type; rename the schema/ },
    ],
  ])('refuses %s', async (_name, mutate, expected) => {
    const { problems } = await problemsOf(mutate);
    expect(problems).toContainEqual({ operation: expected.operation, pointer: expected.pointer, message: expect.stringMatching(expected.message) });
  });

  it('reports a $ref that is not local once, in the words of both checks', async () => {
    const { problems } = await problemsOf(
      withPath('/api/v3/t', { post: { operationId: 't', requestBody: { content: { 'application/json': { schema: { $ref: 'other.yaml#/Body' } } } }, responses: ok } }),
    );
    expect(problems.filter((problem) => problem.message.includes('other.yaml'))).toEqual([
      {
        operation: 'POST /api/v3/t (t)',
        pointer: '#/paths/~1api~1v3~1t/post/requestBody/content/application~1json/schema/$ref',
        message: '$ref other.yaml#/Body is not a local reference (#/...); the toolchain reads one self-contained spec',
      },
    ]);
  });

  it('names every problem of a spec in one error, each with its operation and pointer', async () => {
    const { message, problems } = await problemsOf((spec) => {
      spec.paths['/api/v3/a'] = { get: { operationId: 'a', parameters: [{ name: 'session', in: 'cookie', schema: { type: 'string' } }], responses: ok } };
      spec.paths['/api/v3/b'] = { post: { operationId: 'b', requestBody: { content: { 'multipart/form-data': { schema: { type: 'object' } } } }, responses: ok } };
      spec.paths['/api/v3/c/{id}'] = { head: { operationId: 'c', responses: ok }, get: { operationId: 'c2', parameters: [query('id', { style: 'deepObject' })], responses: ok } };
      spec.paths['/api/v3/d'] = { get: { operationId: 'd', parameters: [query('sort', { schema: { type: 'string', enum: ['asc'] }, example: 'desc' })], responses: ok } };
    });
    expect(problems.map((problem) => `${problem.operation}: ${problem.pointer}`).sort()).toEqual(
      [
        'GET /api/v3/a (a): #/paths/~1api~1v3~1a/get/parameters/0',
        'POST /api/v3/b (b): #/paths/~1api~1v3~1b/post/requestBody/content',
        'HEAD /api/v3/c/{id} (c): #/paths/~1api~1v3~1c~1{id}/head',
        'GET /api/v3/c/{id} (c2): #/paths/~1api~1v3~1c~1{id}/get/parameters/0/style',
        'GET /api/v3/c/{id} (c2): #/paths/~1api~1v3~1c~1{id}/get',
        'GET /api/v3/d (d): #/paths/~1api~1v3~1d/get/parameters/0/example',
      ].sort(),
    );
    expect(message).toMatch(/^.*openapi\.yaml has 6 problems:\n/);
    for (const problem of problems) expect(message).toContain(`${problem.message} (at ${problem.pointer})`);
  });
});

describe('the argument is optional only when nothing in it is required', () => {
  /** The model of one operation with an optional query parameter and a required body beside it. */
  function modelWithBody(schema: Record<string, unknown>) {
    const document = parse(readFileSync(specWith({}, withPath('/api/v3/t', {
      post: { operationId: 't', parameters: [query('lang')], requestBody: { required: true, content: { 'application/json': { schema } } }, responses: ok },
    })).specPath, 'utf8')) as OpenApiDocument;
    return readOperations(document).find((operation) => operation.operationId === 't')!;
  }

  it.each([
    ['no required field', { type: 'object', properties: { name: { type: 'string' } } }, true],
    ['a required field', { type: 'object', required: ['name'], properties: { name: { type: 'string' } } }, false],
    ['a required field inside allOf', { allOf: [{ type: 'object', required: ['name'], properties: { name: { type: 'string' } } }, { type: 'object', properties: { note: { type: 'string' } } }] }, false],
  ])('a required body with %s beside the parameters: inputOptional %s', (_name, schema, optional) => {
    const operation = modelWithBody(schema);
    expect(operation.input).toBe('parameters+fields');
    expect(operation.inputOptional).toBe(optional);
  });
});

describe('which parameters are one parameter', () => {
  it('a header named at path level and again at operation level in another case is one (the operation’s); query names keep their case', () => {
    const document = parse(readFileSync(specWith({}, withPath('/api/v3/t', {
      parameters: [{ name: 'X-Tenant', in: 'header', schema: { type: 'string' } }],
      get: {
        operationId: 't',
        parameters: [{ name: 'x-tenant', in: 'header', required: true, schema: { type: 'string' } }, query('lang'), query('Lang')],
        responses: ok,
      },
    })).specPath, 'utf8')) as OpenApiDocument;
    const operation = readOperations(document).find((candidate) => candidate.operationId === 't')!;
    expect(operation.parameters.map((parameter) => `${parameter.in}:${parameter.name}:${parameter.required}`)).toEqual(['header:x-tenant:true', 'query:lang:false', 'query:Lang:false']);
  });
});
