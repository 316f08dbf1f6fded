import type { SandboxMessage } from './rules.js';

export type { SandboxMessage };

/**
 * The typed helper for a running sandbox's own routes (`/__sandbox/…`): the SMS inbox, the clock and
 * reset. Works the same for a sandbox started in-process (`startSandbox`, `mockServerForTests({ stateful: true })`)
 * and one started with `genauth-mock --stateful`.
 */
export class SandboxClient {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** Every SMS the sandbox has sent and still keeps (the oldest are dropped beyond its bound), oldest first. */
  async messages(): Promise<SandboxMessage[]> {
    return ((await this.call('GET', 'messages')) as { messages: SandboxMessage[] }).messages;
  }

  /** The pass code of the latest SMS to a number for a channel; rejects when none was sent. */
  async latestCode(phoneNumber: string, channel: string, phoneCountryCode?: string): Promise<string> {
    const query = new URLSearchParams({ phoneNumber, channel, ...(phoneCountryCode ? { phoneCountryCode } : {}) });
    return ((await this.call('GET', `latest-code?${query}`)) as SandboxMessage).code;
  }

  /** Moves the sandbox's clock forward: codes, tokens and the SMS rate limit see the time pass at once. */
  async advanceClock(ms: number): Promise<void> {
    await this.call('POST', 'advance-clock', { ms });
  }

  /** Forgets every user, code, token and message, and sets the clock back to real time. */
  async reset(): Promise<void> {
    await this.call('POST', 'reset');
  }

  private async call(method: string, route: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}/__sandbox/${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) {
      let message = text.slice(0, 200);
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? message;
      } catch {
        // not JSON: keep the text
      }
      throw new Error(`sandbox ${method} /__sandbox/${route.split('?')[0]} answered HTTP ${response.status}: ${message}`);
    }
    return JSON.parse(text);
  }
}
