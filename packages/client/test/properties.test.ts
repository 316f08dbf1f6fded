import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { AuthenticationClient, GenAuthError, GenAuthValidationError, operations, type OperationId } from '@genauth/client';
import { mutation, validInput, validValue } from './arbitraries.js';

const operationIds = Object.keys(operations) as OperationId[];
const bodyOperationIds = operationIds.filter((operationId) => operations[operationId].input === 'body');
const parameterOperationIds = operationIds.filter((operationId) => operations[operationId].parameters.length > 0);
const call = (client: AuthenticationClient, operationId: OperationId, body: unknown) =>
  (client[operationId] as (body: unknown) => Promise<unknown>).call(client, body);
/** A client of the mock that shows `seen` each request's URL and init before sending it on. */
const mockClient = (seen: (url: string, init: RequestInit | undefined) => void) =>
  new AuthenticationClient({
    appId: 'property-app',
    appHost: inject('apiBaseUrl'),
    accessToken: 'property-token',
    maxRetries: 0,
    fetch: (url, init) => {
      seen(String(url), init);
      return fetch(url, init);
    },
  });

describe.each(bodyOperationIds)('%s: property-based', (operationId) => {
  const rules = operations[operationId].body!;

  it('the mock accepts any valid body, and receives it exactly as given', async () => {
    await fc.assert(
      fc.asyncProperty(validValue(rules), async (body) => {
        const sent: string[] = [];
        const client = mockClient((_url, init) => sent.push(String(init?.body)));
        const result = await call(client, operationId, body);
        expect(result).toMatchObject({ statusCode: 200 });
        expect(sent).toHaveLength(1);
        expect(JSON.parse(sent[0]!)).toEqual(body);
      }),
      { numRuns: 25 },
    );
  });

  it('refuses any invalid body locally, naming the field, with zero requests', async () => {
    await fc.assert(
      fc.asyncProperty(validValue(rules), mutation(rules), async (valid, broken) => {
        const body = { ...(valid as Record<string, unknown>) };
        broken.apply(body);
        let requests = 0;
        const client = new AuthenticationClient({
          appId: 'property-app',
          appHost: 'https://example.genauth.ai',
          accessToken: 'property-token',
          fetch: async () => {
            requests++;
            return new Response('{}');
          },
        });
        const error = await call(client, operationId, body).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(GenAuthValidationError);
        expect((error as GenAuthValidationError).issues.map((issue) => issue.field)).toContain(broken.field);
        expect((error as Error).message).toContain(broken.field);
        expect(requests).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});

describe.each(parameterOperationIds)('%s parameters: property-based', (operationId) => {
  const operation = operations[operationId];

  it('the mock accepts any valid parameters, and the query string carries exactly them', async () => {
    await fc.assert(
      fc.asyncProperty(validInput(operation), async (input) => {
        const urls: string[] = [];
        const client = mockClient((url) => urls.push(url));
        await expect(call(client, operationId, input)).resolves.toMatchObject({ statusCode: 200 });
        expect(urls).toHaveLength(1);
        const query = new URL(urls[0]!).searchParams;
        for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'query')) {
          const value = (input as Record<string, unknown>)[parameter.name];
          expect(query.getAll(parameter.name), parameter.name).toEqual(value === undefined ? [] : [String(value)]);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('refuses a parameter of the wrong type locally, naming it, with zero requests', async () => {
    const parameter = operation.parameters[0]!;
    let requests = 0;
    const client = new AuthenticationClient({
      appId: 'property-app',
      appHost: 'https://example.genauth.ai',
      accessToken: 'property-token',
      fetch: async () => {
        requests++;
        return new Response('{}');
      },
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.integer(), fc.constant({})).filter((value) => parameter.rules.type !== typeof value), async (wrong) => {
        const error = await call(client, operationId, { [parameter.name]: wrong }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(GenAuthValidationError);
        expect((error as GenAuthValidationError).issues.map((issue) => issue.field)).toContain(`${parameter.in}.${parameter.name}`);
      }),
      { numRuns: 50 },
    );
    expect(requests).toBe(0);
  });
});

describe('any server answer', () => {
  const body = fc.oneof(
    fc.string(),
    fc.json(),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc
      .record({
        statusCode: fc.oneof(fc.constant(200), fc.integer(), fc.double(), fc.string(), fc.constant(null)),
        message: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)),
        apiCode: fc.oneof(fc.integer(), fc.string(), fc.constant(undefined)),
        requestId: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)),
        validation: fc.oneof(fc.constant(undefined), fc.array(fc.anything())),
      })
      .map((value) => JSON.stringify(value)),
  );
  const answer = fc.record({
    status: fc.integer({ min: 200, max: 599 }).filter((status) => ![204, 205, 304].includes(status)),
    contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/html', 'text/plain', 'application/problem+json', ''),
    retryAfter: fc.oneof(fc.constant(undefined), fc.string(), fc.nat().map(String)),
    body,
  });

  it('yields the envelope or a GenAuthError, never another exception', async () => {
    await fc.assert(
      fc.asyncProperty(answer, fc.constantFrom(...operationIds), async ({ status, contentType, retryAfter, body }, operationId) => {
        const headers: Record<string, string> = {};
        if (contentType) headers['content-type'] = contentType;
        if (retryAfter !== undefined && /^[\x20-\x7e]*$/.test(retryAfter)) headers['retry-after'] = retryAfter;
        const client = new AuthenticationClient({
          appId: 'property-app',
          appHost: 'https://example.genauth.ai',
          accessToken: 'property-token',
          maxRetries: 0,
          fetch: async () => new Response(body, { status, headers }),
        });
        const valid = fc.sample(validInput(operations[operationId]), { numRuns: 1, seed: 1 })[0];
        const outcome = await call(client, operationId, valid).then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        );
        if ('result' in outcome) expect(outcome.result).toMatchObject({ statusCode: 200 });
        else expect(outcome.error).toBeInstanceOf(GenAuthError);
      }),
      { numRuns: 300 },
    );
  });
});
