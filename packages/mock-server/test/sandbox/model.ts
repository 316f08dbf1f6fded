import fc from 'fast-check';

/**
 * A small model of the sandbox's rules, written from the wording rather than from rules.ts: what
 * each call should answer (HTTP status and the spec example's name), given what happened before.
 */
export const BIND = 'CHANNEL_BIND_PHONE';
export const UNBIND = 'CHANNEL_UNBIND_PHONE';
const MINUTE = 60_000;
const CODE_TTL = 5 * MINUTE;
const TOKEN_TTL = 5 * MINUTE;

export const PHONES = ['18800000001', '18800000002', '18800000003', '18800000004', '18800000005', '18800000006'];
const USERS = ['user-a', 'user-b', 'user-c'];
/** Not a phone number (letters), though the request schema accepts any short string. */
export const NOT_A_PHONE_NUMBER = 'call-me-maybe';

export type Command =
  | { op: 'sendSms'; phone: string | { ownedBy: string }; channel: string }
  | { op: 'bindPhone'; user: string; phone: string; code: 'sent' | 'wrong' }
  | { op: 'unbindPhone'; user: string; code: 'sent' | 'wrong' }
  | { op: 'verifyUpdatePhoneRequest'; user: string; phone: string; code: 'sent' | 'wrong'; old: 'none' | 'sent' | 'wrong' }
  | { op: 'updatePhone'; user: string; token: 'mine' | 'other' | 'bogus' }
  | { op: 'getProfile'; user: string }
  | { op: 'advanceClock'; ms: number };

const phone = fc.constantFrom(...PHONES);
const user = fc.constantFrom(...USERS);
const code = fc.constantFrom('sent' as const, 'wrong' as const);
/** Steps of 20 s: every limit (60 s, 5 min) is a multiple, so the real milliseconds a run takes never cross one. */
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('sendSms' as const), phone: fc.oneof({ weight: 12, arbitrary: phone }, { weight: 1, arbitrary: fc.constant(NOT_A_PHONE_NUMBER) }), channel: fc.constantFrom(BIND, BIND, UNBIND, UNBIND, 'CHANNEL_LOGIN') }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('bindPhone' as const), user, phone, code }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('unbindPhone' as const), user, code }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('verifyUpdatePhoneRequest' as const), user, phone, code, old: fc.constantFrom('none' as const, 'sent' as const, 'wrong' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('updatePhone' as const), user, token: fc.constantFrom('mine' as const, 'mine' as const, 'mine' as const, 'other' as const, 'bogus' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('getProfile' as const), user }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('advanceClock' as const), ms: fc.constantFrom(20_000, 60_000, 300_000) }) },
);

const old = fc.constantFrom('none' as const, 'sent' as const, 'wrong' as const);
/**
 * Random calls, mixed with the flows a user goes through (an SMS, then the call that uses its code), so
 * that deep cases (a change of number, an unbind) come up often enough in a few hundred calls.
 */
export const commands: fc.Arbitrary<Command[]> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: command.map((one) => [one]) },
      { weight: 1, arbitrary: fc.record({ user, phone }).map(({ user, phone }): Command[] => [{ op: 'sendSms', phone, channel: BIND }, { op: 'bindPhone', user, phone, code: 'sent' }]) },
      { weight: 1, arbitrary: fc.record({ user }).map(({ user }): Command[] => [{ op: 'sendSms', phone: { ownedBy: user }, channel: UNBIND }, { op: 'unbindPhone', user, code: 'sent' }]) },
      {
        // A code used once, then again: bind, unbind, bind with the first code.
        weight: 1,
        arbitrary: fc.record({ user, phone }).map(({ user, phone }): Command[] => [
          { op: 'sendSms', phone, channel: BIND },
          { op: 'bindPhone', user, phone, code: 'sent' },
          { op: 'sendSms', phone: { ownedBy: user }, channel: UNBIND },
          { op: 'unbindPhone', user, code: 'sent' },
          { op: 'bindPhone', user, phone, code: 'sent' },
          { op: 'unbindPhone', user, code: 'sent' },
        ]),
      },
      {
        weight: 1,
        arbitrary: fc.record({ user, phone, old }).map(({ user, phone, old }): Command[] => [
          { op: 'sendSms', phone, channel: BIND },
          ...(old === 'none' ? [] : [{ op: 'sendSms', phone: { ownedBy: user }, channel: UNBIND } as Command]),
          { op: 'verifyUpdatePhoneRequest', user, phone, code: 'sent', old },
          { op: 'updatePhone', user, token: 'mine' },
        ]),
      },
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((flows) => flows.flat());

export interface Expected {
  status: number;
  example: string;
  /** getProfile: the phone number the profile must show (null: none). */
  phone?: string | null;
  /** sendSms 429: the longest Retry-After it may carry. */
  retryAfterAtMost?: number;
}

const key = (number: string, channel: string) => `${number}|${channel}`;

export class Model {
  now = 0;
  /** The code of the latest SMS per number and channel (what the inbox shows), used or not. */
  readonly latestSent = new Map<string, string>();
  /** Codes that still work: sent, not used, until they expire. */
  private readonly usable = new Map<string, { code: string; expiresAt: number }>();
  private readonly lastSms = new Map<string, number>();
  readonly phoneOf = new Map<string, string>();
  /** The latest update token issued per user. */
  readonly tokenOf = new Map<string, string>();
  private readonly tokens = new Map<string, { user: string; phone: string; expiresAt: number }>();

  private holderOf(number: string): string | undefined {
    return [...this.phoneOf].find(([, held]) => held === number)?.[0];
  }

  /** The code a command sends: the one last sent, or one that surely is not it. */
  codeFor(number: string | undefined, channel: string, which: 'sent' | 'wrong'): string {
    const sent = number === undefined ? undefined : this.latestSent.get(key(number, channel));
    if (which === 'sent' && sent) return sent;
    return sent === '000000' ? '999999' : '000000';
  }

  private works(number: string, channel: string, passCode: string): boolean {
    const stored = this.usable.get(key(number, channel));
    return !!stored && stored.code === passCode && this.now < stored.expiresAt;
  }

  sendSms(number: string, channel: string): Expected {
    if (number === NOT_A_PHONE_NUMBER) return { status: 200, example: 'invalidPhoneNumber' };
    const last = this.lastSms.get(key(number, channel));
    if (last !== undefined && this.now - last < MINUTE) return { status: 429, example: 'rateLimited', retryAfterAtMost: Math.ceil((last + MINUTE - this.now) / 1000) };
    return { status: 200, example: 'success' };
  }

  /** After a sent SMS: the sandbox's code (read from its inbox) becomes the usable one. */
  sent(number: string, channel: string, code: string): void {
    this.lastSms.set(key(number, channel), this.now);
    this.latestSent.set(key(number, channel), code);
    this.usable.set(key(number, channel), { code, expiresAt: this.now + CODE_TTL });
  }

  bindPhone(user: string, number: string, passCode: string): Expected {
    if (this.phoneOf.has(user)) return { status: 200, example: 'userAlreadyHasPhone' };
    if (this.holderOf(number) !== undefined) return { status: 200, example: 'phoneAlreadyBound' };
    if (!this.works(number, BIND, passCode)) return { status: 200, example: 'invalidPassCode' };
    this.usable.delete(key(number, BIND));
    this.phoneOf.set(user, number);
    return { status: 200, example: 'success' };
  }

  unbindPhone(user: string, passCode: string): Expected {
    const current = this.phoneOf.get(user);
    if (current === undefined) return { status: 200, example: 'noPhoneBound' };
    if (!this.works(current, UNBIND, passCode)) return { status: 200, example: 'invalidPassCode' };
    this.usable.delete(key(current, UNBIND));
    this.phoneOf.delete(user);
    return { status: 200, example: 'success' };
  }

  verifyUpdatePhoneRequest(user: string, number: string, passCode: string, oldPassCode: string | undefined): Expected {
    const current = this.phoneOf.get(user);
    if (current === undefined) return { status: 200, example: 'noPhoneBound' };
    if (this.holderOf(number) !== undefined) return { status: 200, example: 'phoneAlreadyBound' };
    if (oldPassCode !== undefined && !this.works(current, UNBIND, oldPassCode)) return { status: 200, example: 'invalidPassCode' };
    if (!this.works(number, BIND, passCode)) return { status: 200, example: 'invalidPassCode' };
    this.usable.delete(key(number, BIND));
    if (oldPassCode !== undefined) this.usable.delete(key(current, UNBIND));
    return { status: 200, example: 'success' };
  }

  /** After a verified request: the token the sandbox returned authorises this user's change. */
  issued(user: string, number: string, token: string): void {
    this.tokenOf.set(user, token);
    this.tokens.set(token, { user, phone: number, expiresAt: this.now + TOKEN_TTL });
  }

  updatePhone(user: string, token: string): Expected {
    const grant = this.tokens.get(token);
    if (!grant || grant.user !== user || this.now >= grant.expiresAt) return { status: 200, example: 'invalidUpdatePhoneToken' };
    const holder = this.holderOf(grant.phone);
    if (holder !== undefined && holder !== user) return { status: 200, example: 'phoneAlreadyBound' };
    this.tokens.delete(token);
    this.phoneOf.set(user, grant.phone);
    return { status: 200, example: 'success' };
  }

  getProfile(user: string): Expected {
    return { status: 200, example: 'success', phone: this.phoneOf.get(user) ?? null };
  }
}
