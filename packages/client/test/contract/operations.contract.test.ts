import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GenAuthBusinessError, GenAuthHttpError, GenAuthRateLimitError, operations, type OperationId } from '@genauth/client';
import { validInput } from '../arbitraries.js';
import { documentedOutcomes } from './spec-examples.js';
import { mockClient } from './harness.js';

/**
 * Every operation of the shipped spec against the mock, whatever its shape: each documented outcome
 * (selected with `Prefer`) resolves with its example or rejects with the GenAuthError subclass the
 * README promises for it. A new operation in the spec is covered with no new test.
 */
const cases = (Object.keys(operations) as OperationId[]).flatMap((operationId) => {
  const operation = operations[operationId];
  return documentedOutcomes(operation.path, operation.method.toLowerCase()).map((outcome) => ({ operationId, ...outcome }));
});

const call = (operationId: OperationId, input: unknown, headers: Record<string, string>) => {
  const { client, sent } = mockClient();
  const method = client[operationId] as (input: unknown, options: { headers: Record<string, string> }) => Promise<unknown>;
  return { result: method.call(client, input, { headers }), sent };
};

describe('every operation against the mock', () => {
  it('covers every operation, each with a success example', () => {
    expect(new Set(cases.map((c) => c.operationId))).toEqual(new Set(Object.keys(operations)));
    for (const operationId of Object.keys(operations)) expect(cases.some((c) => c.operationId === operationId && c.name === 'success'), operationId).toBe(true);
  });

  it.each(cases.map((c) => [`${c.operationId} ${c.status} ${c.name}`, c] as const))('%s', async (_label, { operationId, status, name, example }) => {
    const input = fc.sample(validInput(operations[operationId]), { numRuns: 1, seed: 7 })[0];
    const { result, sent } = call(operationId, input, { Prefer: `code=${status}, example=${name}` });
    const outcome = await result.then((value) => ({ value }), (error: unknown) => ({ error }));
    expect(sent).toHaveLength(1);
    expect(new URL(sent[0]!.url).pathname).toBe(operations[operationId].path);
    if (status === 200 && example.value.statusCode === 200) {
      expect(outcome).toEqual({ value: example.value });
      return;
    }
    const error = (outcome as { error: unknown }).error;
    const expected = status === 200 ? GenAuthBusinessError : status === 429 ? GenAuthRateLimitError : GenAuthHttpError;
    expect(error).toBeInstanceOf(expected);
    expect(error).toMatchObject({ operationId, httpStatus: status, statusCode: example.value.statusCode, requestId: example.value.requestId });
    expect((error as Error).message).toContain(example.value.message);
  });
});
