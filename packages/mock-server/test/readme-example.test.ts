import { afterAll, beforeAll, expect, it } from 'vitest';
import { AuthenticationClient, GenAuthRateLimitError } from '@genauth/client';
import { mockServerForTests, type TestSandbox } from '@genauth/mock-server';

let mock: TestSandbox;
beforeAll(async () => {
  mock = await mockServerForTests({ stateful: true }); // or TEST_SANDBOX_URL=<url of `npx @genauth/mock-server --stateful`>
});
afterAll(() => mock.stop());

it('binds a phone number with the code from the SMS inbox', async () => {
  await mock.sandbox.reset();
  const client = new AuthenticationClient({ appId: 'my-app', appHost: mock.url, accessToken: 'token-of-user-1' });

  await client.sendSms({ phoneNumber: '18812345678', channel: 'CHANNEL_BIND_PHONE' });
  const passCode = await mock.sandbox.latestCode('18812345678', 'CHANNEL_BIND_PHONE');
  await client.bindPhone({ phoneNumber: '18812345678', passCode });

  expect((await client.getProfile()).data?.phone).toBe('18812345678');
});

it('refuses an expired code, and a second SMS within the minute', async () => {
  await mock.sandbox.reset();
  const client = new AuthenticationClient({ appId: 'my-app', appHost: mock.url, accessToken: 'token-of-user-2' });

  await client.sendSms({ phoneNumber: '18887654321', channel: 'CHANNEL_BIND_PHONE' });
  await expect(client.sendSms({ phoneNumber: '18887654321', channel: 'CHANNEL_BIND_PHONE' })).rejects.toBeInstanceOf(GenAuthRateLimitError);

  const passCode = await mock.sandbox.latestCode('18887654321', 'CHANNEL_BIND_PHONE');
  await mock.sandbox.advanceClock(5 * 60_000); // codes live 5 minutes
  await expect(client.bindPhone({ phoneNumber: '18887654321', passCode })).rejects.toThrow('The verification code is invalid or has expired');
});
