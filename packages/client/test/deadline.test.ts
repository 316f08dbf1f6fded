import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthenticationClient, GenAuthAbortError, GenAuthTimeoutError } from '@genauth/client';
import { CALLS_PER_SHARED_DEADLINE, endDeadline, MAX_OPEN_TIMEOUTS, sharesDeadlines, startDeadline, type Deadline } from '../src/core/deadline.js';

describe('attempt deadlines (fake clock)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    // Fire what is left, so no deadline of this test stays open to the next one.
    vi.runAllTimers();
    vi.useRealTimers();
  });

  it(`shares one signal among at most ${CALLS_PER_SHARED_DEADLINE} attempts started together, and one timer`, () => {
    const deadlines = Array.from({ length: 25 }, () => startDeadline(1_000, undefined));
    const signals = new Set(deadlines.map((deadline) => deadline.signal));
    expect(signals.size).toBe(3);
    expect(vi.getTimerCount()).toBe(3);
    for (const deadline of deadlines) endDeadline(deadline);
    // Full deadlines with nothing pending are dropped at once; the open one waits (unref'd) for joiners.
    expect(vi.getTimerCount()).toBe(1);
  });

  it('lets sequential attempts reuse the open deadline, keeping its timer only while it can still be joined', () => {
    const signals = new Set<AbortSignal>();
    for (let i = 0; i < CALLS_PER_SHARED_DEADLINE * 2; i++) {
      const deadline = startDeadline(1_000, undefined);
      signals.add(deadline.signal);
      endDeadline(deadline);
    }
    expect(signals.size).toBe(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('aborts a pending attempt no earlier than its own timeout, and at most 1% of it later', () => {
    const first = startDeadline(1_000, undefined);
    vi.advanceTimersByTime(5); // within the slack (10 ms): joins the same deadline
    const second = startDeadline(1_000, undefined);
    expect(second.signal).toBe(first.signal);
    vi.advanceTimersByTime(6); // past the slack: a deadline of its own
    const third = startDeadline(1_000, undefined);
    expect(third.signal).not.toBe(first.signal);

    vi.advanceTimersByTime(1_004 - 11); // t = 1004: 1 ms before `second` reaches its own timeout
    expect(first.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1); // t = 1005: `second` at its timeout, `first` 5 ms past its own
    expect(first.signal.aborted).toBe(false);
    vi.advanceTimersByTime(5); // t = 1010: the shared timer, 1% of the timeout after `first`'s own
    expect([first.signal.aborted, first.expired, second.expired]).toEqual([true, true, true]);
    expect(third.signal.aborted).toBe(false);
    vi.advanceTimersByTime(11); // t = 1021: `third`'s own timer, 10 ms after its timeout
    expect(third.expired).toBe(true);
    for (const deadline of [first, second, third]) endDeadline(deadline);
  });

  it('never aborts an attempt that ended: a deadline whose attempts all ended fires without aborting', () => {
    const ended = startDeadline(500, undefined);
    endDeadline(ended);
    vi.advanceTimersByTime(10_000);
    expect([ended.signal.aborted, ended.expired]).toEqual([false, false]);
  });

  it('aborts the pending attempts of a shared deadline, and only the deadline they share', () => {
    const done = startDeadline(500, undefined);
    const hung = startDeadline(500, undefined);
    endDeadline(done);
    vi.advanceTimersByTime(510);
    expect(hung.expired).toBe(true);
    // `done` shares the signal, so it reads aborted too; it is over, and its answer was read in full before.
    expect(done.signal).toBe(hung.signal);
    endDeadline(hung);
    const next = startDeadline(500, undefined);
    expect(next.signal.aborted).toBe(false);
    endDeadline(next);
  });

  it('gives each timeout value its own deadlines', () => {
    const short = startDeadline(100, undefined);
    const long = startDeadline(60_000, undefined);
    expect(short.signal).not.toBe(long.signal);
    vi.advanceTimersByTime(101);
    expect([short.expired, long.expired]).toEqual([true, false]);
    endDeadline(short);
    endDeadline(long);
    expect(vi.getTimerCount()).toBe(1); // `long` is still open to joiners (its timer unref'd)
    vi.advanceTimersByTime(61_000);
    expect(long.expired).toBe(false);
  });

  it("gives an attempt with a caller's signal a deadline of its own, which that signal aborts, exactly on time", () => {
    const shared = startDeadline(1_000, undefined);
    const caller = new AbortController();
    const own = startDeadline(1_000, caller.signal);
    expect(own.signal).not.toBe(shared.signal);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    caller.abort();
    expect([own.signal.aborted, own.expired, shared.signal.aborted]).toEqual([true, false, false]);
    endDeadline(own);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);

    const timed = startDeadline(1_000, new AbortController().signal);
    vi.advanceTimersByTime(999);
    expect(timed.expired).toBe(false);
    vi.advanceTimersByTime(1);
    expect(timed.expired).toBe(true);
    endDeadline(timed);
    endDeadline(shared);
  });

  it(`keeps idle deadlines open for at most ${MAX_OPEN_TIMEOUTS} timeout values: a fresh timeout per call gets a deadline of its own`, () => {
    for (let timeout = 1_000; timeout < 1_100; timeout++) endDeadline(startDeadline(timeout, undefined));
    expect(vi.getTimerCount()).toBe(MAX_OPEN_TIMEOUTS);
    // An open value still shares.
    const first = startDeadline(1_000, undefined);
    const second = startDeadline(1_000, undefined);
    expect(second.signal).toBe(first.signal);
    endDeadline(first);
    endDeadline(second);
  });

  it('caps the timer at the longest delay timers take', () => {
    const longest = startDeadline(2_147_483_647, undefined);
    vi.advanceTimersByTime(1_000);
    expect(longest.expired).toBe(false);
    endDeadline(longest);
  });
});

describe('attempt deadlines (real timers)', () => {
  it('stays under Node’s listener warning when every fetch leaves its abort listener on the signal (as undici does until GC)', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const deadlines: Deadline[] = [];
      for (let i = 0; i < 100; i++) {
        const deadline = startDeadline(5_000, undefined);
        deadline.signal.addEventListener('abort', () => {});
        deadlines.push(deadline);
      }
      for (const signal of new Set(deadlines.map((deadline) => deadline.signal))) {
        expect(getEventListeners(signal, 'abort').length).toBeLessThanOrEqual(CALLS_PER_SHARED_DEADLINE);
      }
      for (const deadline of deadlines) endDeadline(deadline);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('calls of one client sharing deadlines', () => {
  /** A client whose fetch answers phone numbers starting with 'ok' at once and leaves the rest hanging until their signal aborts. */
  function client(timeout: number) {
    const signals: AbortSignal[] = [];
    const instance = new AuthenticationClient({
      appId: 'a',
      appHost: 'https://example.genauth.ai',
      timeout,
      maxRetries: 0,
      fetch: ((_url: string, init: RequestInit) => {
        signals.push(init.signal!);
        if ((JSON.parse(String(init.body)) as { phoneNumber: string }).phoneNumber.startsWith('ok')) {
          return Promise.resolve(new Response(JSON.stringify({ statusCode: 200, message: 'ok' }), { headers: { 'content-type': 'application/json' } }));
        }
        return new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)));
      }) as never,
    });
    const send = (phoneNumber: string, options?: { signal?: AbortSignal }) => instance.sendSms({ phoneNumber, channel: 'CHANNEL_LOGIN' }, options);
    return { send, signals };
  }

  it('time out the hung call at its timeout while the calls sharing its signal resolve', async () => {
    const { send, signals } = client(400);
    const started = Date.now();
    // The clock stands still while the three start, as if they started at once: they join one deadline.
    const now = vi.spyOn(performance, 'now').mockReturnValue(performance.now());
    const calls = [send('hang'), send('ok-1'), send('ok-2')] as const;
    now.mockRestore();
    const [hung, ...answered] = await Promise.allSettled(calls);
    expect(new Set(signals).size).toBe(1);
    expect(answered.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(hung.status === 'rejected' && hung.reason).toBeInstanceOf(GenAuthTimeoutError);
    // The shared timer fires 1% (4 ms) after the timeout; Node's timers may fire up to 1 ms early.
    expect(Date.now() - started).toBeGreaterThanOrEqual(399);
  });

  it("abort only the call whose caller's signal aborted, not the calls started with it", async () => {
    const { send, signals } = client(2_000);
    const caller = new AbortController();
    const now = vi.spyOn(performance, 'now').mockReturnValue(performance.now());
    const own = send('hang-own', { signal: caller.signal });
    const shared = [send('hang-shared'), send('hang-shared')];
    now.mockRestore();
    expect(signals[0]).not.toBe(signals[1]);
    expect(signals[1]).toBe(signals[2]);
    caller.abort();
    await expect(own).rejects.toBeInstanceOf(GenAuthAbortError);
    expect(signals[1]!.aborted).toBe(false);
    await Promise.allSettled(shared);
  });
});

describe('which runtimes share deadlines', () => {
  it.each([
    ['Node', { process: { release: { name: 'node' } } }, true],
    ['Bun', { process: { release: { name: 'node' } }, navigator: { userAgent: 'Bun/1.4.5' } }, true],
    ['Deno', { process: { release: { name: 'node' } }, navigator: { userAgent: 'Deno/2.9.6' } }, true],
    ['workerd with nodejs_compat', { process: { release: { name: 'node' } }, navigator: { userAgent: 'Cloudflare-Workers' } }, false],
    ['workerd', { navigator: { userAgent: 'Cloudflare-Workers' } }, false],
    ['a browser', { navigator: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0' } }, false],
    ['an edge runtime with a bare process', { process: {} }, false],
  ])('%s', (_name, globals, expected) => {
    expect(sharesDeadlines(globals)).toBe(expected);
  });

  it('this test runs on Node, which shares', () => {
    expect(sharesDeadlines(globalThis as never)).toBe(true);
  });
});
