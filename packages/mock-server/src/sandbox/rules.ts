import { createHash, randomBytes, randomInt } from 'node:crypto';

/**
 * The sandbox's rules for the phone-number flows, in one place. Each rule decides a case; the table
 * `ANSWERS` names the spec's documented response (HTTP status and named example) for every case, so the
 * sandbox never says anything the spec does not document. The HTTP layer (`sandbox-server.ts`) validates
 * a request with Prism first, then calls one of these methods, synchronously: a request's whole read and
 * change of the state happens in one turn of the event loop, so requests of one user never interleave
 * (two binds with one code: exactly one succeeds).
 */
export const ANSWERS = {
  sendSms: { sent: [200, 'success'], invalidPhoneNumber: [200, 'invalidPhoneNumber'], tooSoon: [429, 'rateLimited'] },
  bindPhone: { bound: [200, 'success'], wrongCode: [200, 'invalidPassCode'], phoneTaken: [200, 'phoneAlreadyBound'], userHasPhone: [200, 'userAlreadyHasPhone'] },
  unbindPhone: { unbound: [200, 'success'], wrongCode: [200, 'invalidPassCode'], noPhone: [200, 'noPhoneBound'] },
  verifyUpdatePhoneRequest: { verified: [200, 'success'], wrongCode: [200, 'invalidPassCode'], phoneTaken: [200, 'phoneAlreadyBound'], noPhone: [200, 'noPhoneBound'] },
  updatePhone: { updated: [200, 'success'], wrongToken: [200, 'invalidUpdatePhoneToken'], phoneTaken: [200, 'phoneAlreadyBound'] },
  getProfile: { profile: [200, 'success'] },
} as const satisfies Record<string, Record<string, readonly [number, string]>>;

export type StatefulOperation = keyof typeof ANSWERS;
export const STATEFUL_OPERATIONS = Object.keys(ANSWERS) as StatefulOperation[];

/** A rule's decision: which documented answer, plus the values only the state knows. */
export interface Outcome {
  operation: StatefulOperation;
  case: string;
  status: number;
  example: string;
  /** Fields that replace the example's `data` fields (a real token, the user's phone number). */
  data?: Record<string, unknown>;
  /** Seconds for the `Retry-After` header of a 429. */
  retryAfterSeconds?: number;
}

export interface SandboxMessage {
  phoneNumber: string;
  phoneCountryCode: string;
  channel: string;
  code: string;
  /** ISO time on the sandbox's clock. */
  sentAt: string;
}

export interface SandboxRulesOptions {
  /** How long a pass code is valid, in ms. Default 5 minutes. */
  codeTtlMs?: number;
  /** Minimum time between two SMS to one number and channel, in ms. Default 60 s. */
  smsIntervalMs?: number;
  /** How long an `updatePhoneToken` is valid, in ms. Default 5 minutes. */
  updateTokenTtlMs?: number;
  /** Users kept; the least recently seen is dropped beyond it. Default 10,000. */
  maxUsers?: number;
  /** SMS messages kept in the inbox (and pass codes outstanding); the oldest go first. Default 1,000. */
  maxMessages?: number;
}

interface Phone {
  number: string;
  countryCode: string;
}
interface User {
  id: string;
  phone?: Phone;
}

const BIND = 'CHANNEL_BIND_PHONE';
const UNBIND = 'CHANNEL_UNBIND_PHONE';
const DEFAULT_COUNTRY_CODE = '+86';
/** Digits, with `x` placeholders as in the docs' examples (`188xxxx8888`). Anything else is not a phone number. */
const PHONE_NUMBER = /^[0-9][0-9x]{4,19}$/;

const phoneKey = (phone: Phone) => `${phone.countryCode} ${phone.number}`;
const codeKey = (phone: Phone, channel: string) => `${phoneKey(phone)}|${channel}`;
const samePhone = (a: Phone | undefined, b: Phone) => !!a && phoneKey(a) === phoneKey(b);
const phone = (number: string, countryCode: string | undefined): Phone => ({ number, countryCode: countryCode ?? DEFAULT_COUNTRY_CODE });

function outcome<O extends StatefulOperation>(operation: O, which: keyof (typeof ANSWERS)[O] & string, extra: Partial<Outcome> = {}): Outcome {
  const [status, example] = (ANSWERS[operation] as Record<string, readonly [number, string]>)[which]!;
  return { operation, case: which, status, example, ...extra };
}

export class SandboxRules {
  private readonly codeTtlMs: number;
  private readonly smsIntervalMs: number;
  private readonly updateTokenTtlMs: number;
  private readonly maxUsers: number;
  private readonly maxMessages: number;
  private offsetMs = 0;
  /** By a hash of the access token, least recently seen first; the token itself is never kept. */
  private users = new Map<string, User>();
  /** Which user holds a phone number. */
  private holders = new Map<string, string>();
  /** The outstanding pass code per phone number and channel, oldest first. */
  private codes = new Map<string, { code: string; expiresAt: number }>();
  private lastSms = new Map<string, number>();
  private updateTokens = new Map<string, { user: string; phone: Phone; expiresAt: number }>();
  private inbox: SandboxMessage[] = [];

  constructor(options: SandboxRulesOptions = {}) {
    this.codeTtlMs = options.codeTtlMs ?? 5 * 60_000;
    this.smsIntervalMs = options.smsIntervalMs ?? 60_000;
    this.updateTokenTtlMs = options.updateTokenTtlMs ?? 5 * 60_000;
    this.maxUsers = options.maxUsers ?? 10_000;
    this.maxMessages = options.maxMessages ?? 1_000;
    for (const [name, value] of Object.entries({ codeTtlMs: this.codeTtlMs, smsIntervalMs: this.smsIntervalMs, updateTokenTtlMs: this.updateTokenTtlMs, maxUsers: this.maxUsers, maxMessages: this.maxMessages })) {
      if (!Number.isFinite(value) || value <= 0) throw new Error(`sandbox: ${name} must be a positive number, got ${value}`);
    }
  }

  /** The sandbox's clock: real time plus what `advanceClock` added. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  advanceClock(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`sandbox: advanceClock needs a non-negative number of ms, got ${ms}`);
    this.offsetMs += ms;
    this.sweep();
  }

  reset(): void {
    this.offsetMs = 0;
    this.users.clear();
    this.holders.clear();
    this.codes.clear();
    this.lastSms.clear();
    this.updateTokens.clear();
    this.inbox = [];
  }

  messages(): SandboxMessage[] {
    return this.inbox.map((message) => ({ ...message }));
  }

  /** The code of the latest SMS to a number and channel (used or not), or undefined. */
  latestMessage(phoneNumber: string, channel: string, phoneCountryCode?: string): SandboxMessage | undefined {
    const wanted = phone(phoneNumber, phoneCountryCode);
    for (let i = this.inbox.length - 1; i >= 0; i--) {
      const message = this.inbox[i]!;
      if (message.channel === channel && samePhone(phone(message.phoneNumber, message.phoneCountryCode), wanted)) return { ...message };
    }
    return undefined;
  }

  /** Counts, for tests of the memory bounds. */
  size(): { users: number; codes: number; messages: number; updateTokens: number; rateLimits: number } {
    return { users: this.users.size, codes: this.codes.size, messages: this.inbox.length, updateTokens: this.updateTokens.size, rateLimits: this.lastSms.size };
  }

  sendSms(body: { phoneNumber: string; channel: string; phoneCountryCode?: string }): Outcome {
    this.sweep();
    if (!PHONE_NUMBER.test(body.phoneNumber)) return outcome('sendSms', 'invalidPhoneNumber');
    const to = phone(body.phoneNumber, body.phoneCountryCode);
    const key = codeKey(to, body.channel);
    const last = this.lastSms.get(key);
    if (last !== undefined && this.now() - last < this.smsIntervalMs) {
      return outcome('sendSms', 'tooSoon', { retryAfterSeconds: Math.ceil((last + this.smsIntervalMs - this.now()) / 1000) });
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.lastSms.delete(key);
    this.lastSms.set(key, this.now());
    while (this.lastSms.size > this.maxMessages) this.lastSms.delete(this.lastSms.keys().next().value!);
    this.codes.delete(key);
    this.codes.set(key, { code, expiresAt: this.now() + this.codeTtlMs });
    this.inbox.push({ phoneNumber: to.number, phoneCountryCode: to.countryCode, channel: body.channel, code, sentAt: new Date(this.now()).toISOString() });
    if (this.inbox.length > this.maxMessages) this.inbox.splice(0, this.inbox.length - this.maxMessages);
    while (this.codes.size > this.maxMessages) this.codes.delete(this.codes.keys().next().value!);
    return outcome('sendSms', 'sent');
  }

  bindPhone(token: string, body: { passCode: string; phoneNumber: string; phoneCountryCode?: string }): Outcome {
    this.sweep();
    const [id, user] = this.user(token);
    const wanted = phone(body.phoneNumber, body.phoneCountryCode);
    if (user.phone) return outcome('bindPhone', 'userHasPhone');
    if (this.holders.has(phoneKey(wanted))) return outcome('bindPhone', 'phoneTaken');
    if (!this.takeCode(wanted, BIND, body.passCode)) return outcome('bindPhone', 'wrongCode');
    this.setPhone(id, user, wanted);
    return outcome('bindPhone', 'bound');
  }

  unbindPhone(token: string, body: { passCode: string }): Outcome {
    this.sweep();
    const [id, user] = this.user(token);
    if (!user.phone) return outcome('unbindPhone', 'noPhone');
    if (!this.takeCode(user.phone, UNBIND, body.passCode)) return outcome('unbindPhone', 'wrongCode');
    this.setPhone(id, user, undefined);
    return outcome('unbindPhone', 'unbound');
  }

  verifyUpdatePhoneRequest(
    token: string,
    body: { verifyMethod: string; phonePassCodePayload: { newPhoneNumber: string; newPhonePassCode: string; newPhoneCountryCode?: string; oldPhoneNumber?: string; oldPhonePassCode?: string; oldPhoneCountryCode?: string } },
  ): Outcome {
    this.sweep();
    const [id, user] = this.user(token);
    const payload = body.phonePassCodePayload;
    const next = phone(payload.newPhoneNumber, payload.newPhoneCountryCode);
    if (!user.phone) return outcome('verifyUpdatePhoneRequest', 'noPhone');
    if (this.holders.has(phoneKey(next))) return outcome('verifyUpdatePhoneRequest', 'phoneTaken');
    // The old number's code is checked when it is given; it must be the code sent to the bound number.
    const checkOld = payload.oldPhonePassCode !== undefined || payload.oldPhoneNumber !== undefined;
    const oldMatches = !checkOld || (payload.oldPhonePassCode !== undefined && (payload.oldPhoneNumber === undefined || samePhone(user.phone, phone(payload.oldPhoneNumber, payload.oldPhoneCountryCode))) && this.codeMatches(user.phone, UNBIND, payload.oldPhonePassCode));
    if (!oldMatches || !this.codeMatches(next, BIND, payload.newPhonePassCode)) return outcome('verifyUpdatePhoneRequest', 'wrongCode');
    this.takeCode(next, BIND, payload.newPhonePassCode);
    if (checkOld) this.takeCode(user.phone, UNBIND, payload.oldPhonePassCode!);
    const updatePhoneToken = `upt_${randomBytes(12).toString('hex')}`;
    this.updateTokens.set(updatePhoneToken, { user: id, phone: next, expiresAt: this.now() + this.updateTokenTtlMs });
    while (this.updateTokens.size > this.maxUsers) this.updateTokens.delete(this.updateTokens.keys().next().value!);
    return outcome('verifyUpdatePhoneRequest', 'verified', { data: { updatePhoneToken, tokenExpiresIn: Math.floor(this.updateTokenTtlMs / 1000) } });
  }

  updatePhone(token: string, body: { updatePhoneToken: string }): Outcome {
    this.sweep();
    const [id, user] = this.user(token);
    const grant = this.updateTokens.get(body.updatePhoneToken);
    if (!grant || grant.user !== id || this.now() >= grant.expiresAt) return outcome('updatePhone', 'wrongToken');
    const holder = this.holders.get(phoneKey(grant.phone));
    if (holder !== undefined && holder !== id) return outcome('updatePhone', 'phoneTaken');
    this.updateTokens.delete(body.updatePhoneToken);
    this.setPhone(id, user, grant.phone);
    return outcome('updatePhone', 'updated');
  }

  getProfile(token: string, query: { withCustomData?: boolean; withIdentities?: boolean; withDepartmentIds?: boolean } = {}): Outcome {
    this.sweep();
    const [, user] = this.user(token);
    const data: Record<string, unknown> = {
      userId: user.id,
      phone: user.phone?.number ?? null,
      phoneCountryCode: user.phone?.countryCode ?? null,
      phoneVerified: !!user.phone,
    };
    if (query.withCustomData) data.customData = {};
    if (query.withIdentities) data.identities = [];
    if (query.withDepartmentIds) data.departmentIds = [];
    return outcome('getProfile', 'profile', { data });
  }

  /** The user of an access token (any non-empty token is one; a new one has no phone), marked as recently seen. */
  private user(token: string): [string, User] {
    const id = createHash('sha256').update(token).digest('hex');
    let user = this.users.get(id);
    if (user) this.users.delete(id);
    else user = { id: id.slice(0, 24) };
    this.users.set(id, user);
    while (this.users.size > this.maxUsers) {
      const [oldest, dropped] = this.users.entries().next().value!;
      this.users.delete(oldest);
      if (dropped.phone) this.holders.delete(phoneKey(dropped.phone));
    }
    return [id, user];
  }

  private setPhone(id: string, user: User, next: Phone | undefined): void {
    if (user.phone) this.holders.delete(phoneKey(user.phone));
    user.phone = next;
    if (next) this.holders.set(phoneKey(next), id);
  }

  private codeMatches(to: Phone, channel: string, passCode: string): boolean {
    const stored = this.codes.get(codeKey(to, channel));
    return !!stored && this.now() < stored.expiresAt && stored.code === passCode;
  }

  /** Consumes the code when it matches: a code works once. */
  private takeCode(to: Phone, channel: string, passCode: string): boolean {
    if (!this.codeMatches(to, channel, passCode)) return false;
    this.codes.delete(codeKey(to, channel));
    return true;
  }

  /** Drops expired codes, tokens and rate-limit marks. */
  private sweep(): void {
    const now = this.now();
    for (const [key, stored] of this.codes) if (now >= stored.expiresAt) this.codes.delete(key);
    for (const [key, grant] of this.updateTokens) if (now >= grant.expiresAt) this.updateTokens.delete(key);
    for (const [key, sentAt] of this.lastSms) if (now - sentAt >= this.smsIntervalMs) this.lastSms.delete(key);
  }
}
