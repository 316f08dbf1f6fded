import { describe, expect, it } from 'vitest';
import { GenAuthBusinessError, GenAuthHttpError, GenAuthRateLimitError } from '@genauth/client';
import { documentedOutcomes } from './spec-examples.js';
import { ACCESS_TOKEN, APP_ID, mockClient } from './harness.js';

const outcomes = documentedOutcomes('/api/v3/bind-phone');

describe('bindPhone against the mock', () => {
  it('documents success, an invalid pass code, an already bound phone, a user with a phone, no access token and the rate limit', () => {
    expect(outcomes.map((o) => o.name).sort()).toEqual(['invalidPassCode', 'phoneAlreadyBound', 'rateLimited', 'success', 'unauthorized', 'userAlreadyHasPhone']);
  });

  it('binds with the required fields only, sending the app id and access token', async () => {
    const { client, sent } = mockClient();
    const result = await client.bindPhone({ passCode: '123456', phoneNumber: '188xxxx8888' });
    expect(result).toEqual(outcomes.find((o) => o.name === 'success')!.example.value);
    expect(sent[0]!.headers.get('x-authing-app-id')).toBe(APP_ID);
    expect(sent[0]!.headers.get('authorization')).toBe(ACCESS_TOKEN);
  });

  it('binds with every field', async () => {
    const { client, sent } = mockClient();
    const body = { passCode: '123456', phoneNumber: '188xxxx8888', phoneCountryCode: '+86' };
    await expect(client.bindPhone(body)).resolves.toMatchObject({ statusCode: 200 });
    expect(await sent[0]!.json()).toEqual(body);
  });

  it.each(outcomes.filter((o) => o.example.value.statusCode !== 200))('rejects the documented "$name" outcome (HTTP $status) with its fields', async ({ status, name, example }) => {
    const { client } = mockClient();
    const error = await client
      .bindPhone({ passCode: '123456', phoneNumber: '188xxxx8888' }, { headers: { Prefer: `code=${status}, example=${name}` } })
      .catch((e: unknown) => e);
    const expected = status === 200 ? GenAuthBusinessError : status === 429 ? GenAuthRateLimitError : GenAuthHttpError;
    expect(error).toBeInstanceOf(expected);
    expect(error).toMatchObject({ httpStatus: status, statusCode: example.value.statusCode, requestId: example.value.requestId, operationId: 'bindPhone' });
    expect((error as Error).message).toContain(example.value.message);
  });

  it('turns Prism\'s validation answer into a typed error naming the field (local validation off)', async () => {
    const { client } = mockClient({ accessToken: ACCESS_TOKEN, validate: false });
    const error = await client.bindPhone({ passCode: '123456', phoneNumber: '188xxxx8888', phoneCountryCode: '0086' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenAuthHttpError);
    expect(error).toMatchObject({ httpStatus: 422, issues: [expect.objectContaining({ field: 'body.phoneCountryCode' })] });
  });

  it('is refused by the mock without the access token (raw client, so the local check is bypassed)', async () => {
    const { client } = mockClient({});
    const { response } = await client.raw.POST('/api/v3/bind-phone', { body: { passCode: '123456', phoneNumber: '188xxxx8888' } });
    expect(response.status).toBe(401);
  });
});
