import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '@genauth/mock-server';
import { call, exampleName, SANDBOX_SPEC, specProblems, type Answer } from './harness.ts';
import { BIND, commands, Model, PHONES, UNBIND, type Command, type Expected } from './model.ts';

/**
 * The sandbox against the spec and against a small model of its rules, over random sequences of calls.
 * Every answer of every run must be a documented response that validates against its schema.
 */
let server: SandboxServer;
beforeAll(async () => {
  server = await startSandbox({ specPath: SANDBOX_SPEC });
});
afterAll(() => server?.stop());

/** Runs one command on the sandbox and on the model; returns the answer and what the model expected. */
async function step(model: Model, cmd: Command): Promise<{ answer?: Answer; expected?: Expected }> {
  const url = server.url;
  switch (cmd.op) {
    case 'advanceClock':
      model.now += cmd.ms;
      await server.sandbox.advanceClock(cmd.ms);
      return {};
    case 'sendSms': {
      const phoneNumber = typeof cmd.phone === 'string' ? cmd.phone : (model.phoneOf.get(cmd.phone.ownedBy) ?? PHONES[0]!);
      const expected = model.sendSms(phoneNumber, cmd.channel);
      const answer = await call(url, 'sendSms', { phoneNumber, channel: cmd.channel });
      if (answer.status === 200 && answer.body.statusCode === 200) model.sent(phoneNumber, cmd.channel, await server.sandbox.latestCode(phoneNumber, cmd.channel));
      return { answer, expected };
    }
    case 'bindPhone': {
      const passCode = model.codeFor(cmd.phone, BIND, cmd.code);
      return { expected: model.bindPhone(cmd.user, cmd.phone, passCode), answer: await call(url, 'bindPhone', { phoneNumber: cmd.phone, passCode }, cmd.user) };
    }
    case 'unbindPhone': {
      const passCode = model.codeFor(model.phoneOf.get(cmd.user), UNBIND, cmd.code);
      return { expected: model.unbindPhone(cmd.user, passCode), answer: await call(url, 'unbindPhone', { passCode }, cmd.user) };
    }
    case 'verifyUpdatePhoneRequest': {
      const current = model.phoneOf.get(cmd.user);
      const newPhonePassCode = model.codeFor(cmd.phone, BIND, cmd.code);
      const oldPhonePassCode = cmd.old === 'none' ? undefined : model.codeFor(current, UNBIND, cmd.old);
      const expected = model.verifyUpdatePhoneRequest(cmd.user, cmd.phone, newPhonePassCode, oldPhonePassCode);
      const payload = { newPhoneNumber: cmd.phone, newPhonePassCode, ...(oldPhonePassCode === undefined ? {} : { oldPhonePassCode }) };
      const answer = await call(url, 'verifyUpdatePhoneRequest', { verifyMethod: 'PHONE_PASSCODE', phonePassCodePayload: payload }, cmd.user);
      if (answer.body?.data?.updatePhoneToken) model.issued(cmd.user, cmd.phone, answer.body.data.updatePhoneToken);
      return { answer, expected };
    }
    case 'updatePhone': {
      const other = [...model.tokenOf].find(([owner]) => owner !== cmd.user)?.[1];
      const token = cmd.token === 'mine' ? model.tokenOf.get(cmd.user) : cmd.token === 'other' ? other : undefined;
      const updatePhoneToken = token ?? 'upt_not_issued_by_the_sandbox';
      return { expected: model.updatePhone(cmd.user, updatePhoneToken), answer: await call(url, 'updatePhone', { updatePhoneToken }, cmd.user) };
    }
    case 'getProfile':
      return { expected: model.getProfile(cmd.user), answer: await call(url, 'getProfile', { withCustomData: true }, cmd.user) };
  }
}

function agree(cmd: Command, answer: Answer, expected: Expected): string | undefined {
  const got = `${answer.status} ${exampleName(answer)}`;
  if (got !== `${expected.status} ${expected.example}`) return `${JSON.stringify(cmd)}: sandbox answered ${got}, the model expected ${expected.status} ${expected.example}`;
  if (expected.phone !== undefined && answer.body.data.phone !== expected.phone) return `${JSON.stringify(cmd)}: profile phone ${answer.body.data.phone}, the model expected ${expected.phone}`;
  if (expected.retryAfterAtMost !== undefined) {
    const retryAfter = Number(answer.headers.get('retry-after'));
    if (!(retryAfter >= 1 && retryAfter <= expected.retryAfterAtMost)) return `${JSON.stringify(cmd)}: Retry-After ${retryAfter}, expected 1..${expected.retryAfterAtMost}`;
  }
  return undefined;
}

describe('the stateful sandbox', () => {
  it('answers every call of a long random run with a documented response that validates against the spec', async () => {
    await server.sandbox.reset();
    const model = new Model();
    const run = fc.sample(commands, { numRuns: 40, seed: 13 }).flat();
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const cmd of run) {
      const { answer } = await step(model, cmd);
      if (!answer) continue;
      seen.add(`${answer.operation} ${answer.status} ${exampleName(answer)}`);
      problems.push(...specProblems(answer));
    }
    expect(run.length).toBeGreaterThan(350);
    expect(problems).toEqual([]);
    // The run reached the interesting cases, not only the easy ones.
    const cases = ['sendSms 200 success', 'sendSms 200 invalidPhoneNumber', 'sendSms 429 rateLimited', 'bindPhone 200 success', 'bindPhone 200 invalidPassCode', 'bindPhone 200 phoneAlreadyBound', 'bindPhone 200 userAlreadyHasPhone', 'unbindPhone 200 success', 'unbindPhone 200 invalidPassCode', 'unbindPhone 200 noPhoneBound', 'verifyUpdatePhoneRequest 200 success', 'verifyUpdatePhoneRequest 200 invalidPassCode', 'verifyUpdatePhoneRequest 200 phoneAlreadyBound', 'verifyUpdatePhoneRequest 200 noPhoneBound', 'updatePhone 200 success', 'updatePhone 200 invalidUpdatePhoneToken', 'getProfile 200 success'];
    expect(cases.filter((reached) => !seen.has(reached))).toEqual([]);
  }, 120_000);

  it('agrees with a small model of the rules over random sequences of calls (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (commands) => {
        await server.sandbox.reset();
        const model = new Model();
        for (const cmd of commands) {
          const { answer, expected } = await step(model, cmd);
          if (!answer || !expected) continue;
          const problem = agree(cmd, answer, expected) ?? specProblems(answer)[0];
          if (problem) throw new Error(problem);
        }
      }),
      { numRuns: 25 },
    );
  }, 180_000);
});
