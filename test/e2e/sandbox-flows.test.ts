import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthenticationClient, GenAuthBusinessError, GenAuthRateLimitError } from '@genauth/client';
import { mockServerForTests, type TestSandbox } from '@genauth/mock-server';

/**
 * The phone-number flows end to end: the client against `mockServerForTests({ stateful: true })`, the
 * sandbox on the shipped spec. Codes come from the sandbox's inbox; time passes with its clock.
 */
const BIND = 'CHANNEL_BIND_PHONE';
const UNBIND = 'CHANNEL_UNBIND_PHONE';
const INVALID_CODE = /The verification code is invalid or has expired/;

let mock: TestSandbox;
beforeAll(async () => {
  mock = await mockServerForTests({ stateful: true });
});
afterAll(() => mock?.stop());
beforeEach(() => mock.sandbox.reset());

const clientFor = (accessToken: string) => new AuthenticationClient({ appId: 'sandbox-e2e', appHost: mock.url, accessToken, maxRetries: 0 });

async function sendCode(client: AuthenticationClient, phoneNumber: string, channel: typeof BIND | typeof UNBIND): Promise<string> {
  await client.sendSms({ phoneNumber, channel });
  return mock.sandbox.latestCode(phoneNumber, channel);
}

async function bound(client: AuthenticationClient, phoneNumber: string): Promise<void> {
  await client.bindPhone({ phoneNumber, passCode: await sendCode(client, phoneNumber, BIND) });
}

describe('bind a phone number', () => {
  it('binds with the code from the SMS, and the profile shows the number', async () => {
    const alice = clientFor('alice');
    expect((await alice.getProfile()).data).toMatchObject({ phone: null, phoneVerified: false });
    const passCode = await sendCode(alice, '18812340001', BIND);
    expect(passCode).toMatch(/^\d{6}$/);
    await expect(alice.bindPhone({ phoneNumber: '18812340001', passCode })).resolves.toMatchObject({ statusCode: 200 });
    expect((await alice.getProfile({ withCustomData: true })).data).toMatchObject({ phone: '18812340001', phoneCountryCode: '+86', phoneVerified: true, customData: {} });
  });

  it('refuses a wrong code, a code used once already, and an expired code', async () => {
    const alice = clientFor('alice');
    const bob = clientFor('bob');
    const passCode = await sendCode(alice, '18812340002', BIND);
    const wrong = passCode === '000000' ? '111111' : '000000';
    await expect(alice.bindPhone({ phoneNumber: '18812340002', passCode: wrong })).rejects.toThrow(INVALID_CODE);
    await alice.bindPhone({ phoneNumber: '18812340002', passCode }); // the wrong try did not burn the right code

    // Used once: after an unbind, the same code does not bind again.
    await alice.unbindPhone({ passCode: await sendCode(alice, '18812340002', UNBIND) });
    await expect(alice.bindPhone({ phoneNumber: '18812340002', passCode })).rejects.toThrow(INVALID_CODE);

    const late = await sendCode(bob, '18812340003', BIND);
    await mock.sandbox.advanceClock(5 * 60_000);
    const expired = await bob.bindPhone({ phoneNumber: '18812340003', passCode: late }).catch((error: unknown) => error);
    expect(expired).toBeInstanceOf(GenAuthBusinessError);
    expect(expired).toMatchObject({ statusCode: 400, message: expect.stringMatching(INVALID_CODE) });
  });

  it('refuses a number bound to another user, and a user who has a number already', async () => {
    const alice = clientFor('alice');
    const bob = clientFor('bob');
    await bound(alice, '18812340004');
    await mock.sandbox.advanceClock(60_000); // the next SMS to that number and channel may be sent
    const code = await sendCode(bob, '18812340004', BIND);
    await expect(bob.bindPhone({ phoneNumber: '18812340004', passCode: code })).rejects.toThrow(/already bound to another account/);
    await expect(alice.bindPhone({ phoneNumber: '18812340005', passCode: await sendCode(alice, '18812340005', BIND) })).rejects.toThrow(/already has a phone number/);
  });

  it('two binds with one code at the same time: exactly one succeeds', async () => {
    const passCode = await sendCode(clientFor('alice'), '18812340006', BIND);
    const results = await Promise.allSettled(['alice', 'bob'].map((user) => clientFor(user).bindPhone({ phoneNumber: '18812340006', passCode })));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: { message: expect.stringMatching(/already bound/) } });
  });
});

describe('the SMS rate limit', () => {
  it('refuses a second SMS to a number and channel within a minute with HTTP 429 and Retry-After, then allows it', async () => {
    const alice = clientFor('alice');
    await alice.sendSms({ phoneNumber: '18812340010', channel: BIND });
    await mock.sandbox.advanceClock(20_000);
    const refused = await alice.sendSms({ phoneNumber: '18812340010', channel: BIND }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GenAuthRateLimitError);
    expect((refused as GenAuthRateLimitError).httpStatus).toBe(429);
    expect((refused as GenAuthRateLimitError).retryAfterSeconds).toBeGreaterThan(30);
    expect((refused as GenAuthRateLimitError).retryAfterSeconds).toBeLessThanOrEqual(40);
    await alice.sendSms({ phoneNumber: '18812340010', channel: UNBIND }); // another channel: its own minute
    await mock.sandbox.advanceClock(40_000);
    await expect(alice.sendSms({ phoneNumber: '18812340010', channel: BIND })).resolves.toMatchObject({ statusCode: 200 });
    expect((await mock.sandbox.messages()).map((message) => message.channel)).toEqual([BIND, UNBIND, BIND]);
  });

  it('refuses a phone number that is not one', async () => {
    await expect(clientFor('alice').sendSms({ phoneNumber: 'not-a-phone', channel: BIND })).rejects.toThrow(/The phone number is not valid/);
  });
});

describe('change the phone number', () => {
  it('verifies the new number (and the old one), then updatePhone switches to it once', async () => {
    const alice = clientFor('alice');
    await bound(alice, '18812340020');
    const newPhonePassCode = await sendCode(alice, '18812340021', BIND);
    const oldPhonePassCode = await sendCode(alice, '18812340020', UNBIND);
    const verified = await alice.verifyUpdatePhoneRequest({
      verifyMethod: 'PHONE_PASSCODE',
      phonePassCodePayload: { newPhoneNumber: '18812340021', newPhonePassCode, oldPhoneNumber: '18812340020', oldPhonePassCode },
    });
    const { updatePhoneToken, tokenExpiresIn } = verified.data!;
    expect(updatePhoneToken).toMatch(/^upt_/);
    expect(tokenExpiresIn).toBe(300);
    await alice.updatePhone({ updatePhoneToken });
    expect((await alice.getProfile()).data?.phone).toBe('18812340021');
    await expect(alice.updatePhone({ updatePhoneToken })).rejects.toThrow(/update phone token is invalid or has expired/);
  });

  it('refuses a wrong code, a number someone holds, a user with no number, and a token of another user or an expired one', async () => {
    const alice = clientFor('alice');
    const bob = clientFor('bob');
    const carol = clientFor('carol');
    await bound(alice, '18812340030');
    await bound(bob, '18812340031');
    const payload = (newPhoneNumber: string, newPhonePassCode: string) => ({ verifyMethod: 'PHONE_PASSCODE' as const, phonePassCodePayload: { newPhoneNumber, newPhonePassCode } });

    await expect(carol.verifyUpdatePhoneRequest(payload('18812340032', '123456'))).rejects.toThrow(/has no phone number bound/);
    await expect(alice.verifyUpdatePhoneRequest(payload('18812340031', '123456'))).rejects.toThrow(/already bound to another account/);
    const code = await sendCode(alice, '18812340032', BIND);
    await expect(alice.verifyUpdatePhoneRequest(payload('18812340032', code === '000000' ? '111111' : '000000'))).rejects.toThrow(INVALID_CODE);
    const { updatePhoneToken } = (await alice.verifyUpdatePhoneRequest(payload('18812340032', code))).data!;

    await expect(bob.updatePhone({ updatePhoneToken })).rejects.toThrow(/update phone token is invalid/);
    await mock.sandbox.advanceClock(5 * 60_000);
    await expect(alice.updatePhone({ updatePhoneToken })).rejects.toThrow(/update phone token is invalid or has expired/);
    expect((await alice.getProfile()).data?.phone).toBe('18812340030');
  });

  it('refuses the change when another user took the new number in between', async () => {
    const alice = clientFor('alice');
    const bob = clientFor('bob');
    await bound(alice, '18812340040');
    const { updatePhoneToken } = (await alice.verifyUpdatePhoneRequest({
      verifyMethod: 'PHONE_PASSCODE',
      phonePassCodePayload: { newPhoneNumber: '18812340041', newPhonePassCode: await sendCode(alice, '18812340041', BIND) },
    })).data!;
    await mock.sandbox.advanceClock(60_000);
    await bound(bob, '18812340041');
    await expect(alice.updatePhone({ updatePhoneToken })).rejects.toThrow(/already bound to another account/);
  });
});

describe('unbind the phone number', () => {
  it('unbinds with the code sent to the bound number; refuses a wrong code and a user with none', async () => {
    const alice = clientFor('alice');
    await expect(alice.unbindPhone({ passCode: '123456' })).rejects.toThrow(/has no phone number bound/);
    await bound(alice, '18812340050');
    const passCode = await sendCode(alice, '18812340050', UNBIND);
    await expect(alice.unbindPhone({ passCode: passCode === '000000' ? '111111' : '000000' })).rejects.toThrow(INVALID_CODE);
    await alice.unbindPhone({ passCode });
    expect((await alice.getProfile()).data).toMatchObject({ phone: null, phoneVerified: false });
  });
});
