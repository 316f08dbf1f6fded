import { describe, expect, it } from 'vitest';
import { GenAuthBusinessError, GenAuthHttpError, GenAuthRateLimitError } from '@genauth/client';
import { documentedOutcomes } from './spec-examples.js';
import { ACCESS_TOKEN, APP_ID, mockClient } from './harness.js';

const outcomes = documentedOutcomes('/api/v3/send-sms');

describe('sendSms against the mock', () => {
  it('documents a success and at least one failure example', () => {
    expect(outcomes.map((o) => o.name)).toEqual(expect.arrayContaining(['success', 'rateLimited']));
    expect(outcomes.some((o) => o.status === 200 && o.example.value.statusCode !== 200)).toBe(true);
  });

  it('sends with the required fields only, without an access token', async () => {
    const { client, sent } = mockClient({});
    const result = await client.sendSms({ phoneNumber: '188xxxx8888', channel: 'CHANNEL_BIND_PHONE' });
    expect(result.statusCode).toBe(200);
    expect(sent[0]!.headers.get('x-authing-app-id')).toBe(APP_ID);
    expect(sent[0]!.headers.get('authorization')).toBeNull();
  });

  it('sends with every field and both auth headers', async () => {
    const { client, sent } = mockClient();
    const body = { phoneNumber: '188xxxx8888', channel: 'CHANNEL_BIND_PHONE', phoneCountryCode: '+86' } as const;
    await expect(client.sendSms(body)).resolves.toEqual(outcomes.find((o) => o.name === 'success')!.example.value);
    expect(await sent[0]!.json()).toEqual(body);
    expect(sent[0]!.headers.get('authorization')).toBe(ACCESS_TOKEN);
  });

  it.each(outcomes.filter((o) => o.example.value.statusCode !== 200))('rejects the documented "$name" outcome (HTTP $status) with its fields', async ({ status, name, example }) => {
    const { client } = mockClient();
    const error = await client
      .sendSms({ phoneNumber: '188xxxx8888', channel: 'CHANNEL_BIND_PHONE' }, { headers: { Prefer: `code=${status}, example=${name}` } })
      .catch((e: unknown) => e);
    const expected = status === 200 ? GenAuthBusinessError : status === 429 ? GenAuthRateLimitError : GenAuthHttpError;
    expect(error).toBeInstanceOf(expected);
    expect(error).toMatchObject({ httpStatus: status, statusCode: example.value.statusCode, requestId: example.value.requestId, operationId: 'sendSms' });
    expect((error as Error).message).toContain(example.value.message);
    if (status === 429) expect(error).toMatchObject({ retryAfterSeconds: 60 });
  });

  it('turns Prism\'s validation answer into a typed error naming the field (local validation off)', async () => {
    const { client } = mockClient({ accessToken: ACCESS_TOKEN, validate: false });
    const error = await client.sendSms({ phoneNumber: '188xxxx8888', channel: 'CHANNEL_NOPE' as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenAuthHttpError);
    expect(error).toMatchObject({ httpStatus: 422, issues: [expect.objectContaining({ field: 'body.channel' })] });
    expect((error as Error).message).toContain('body.channel');
  });
});
