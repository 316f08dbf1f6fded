import { onAbort } from './abort-link.js';
import { MAX_TIMER_MS } from './client-options.js';

/**
 * The timeout of each attempt, as an `AbortSignal` to hand to `fetch`. Creating an `AbortController`
 * per call costs more than all the rest of the client's own work (about 1.7 µs on Node 20, plus a timer;
 * see test/bench/RESULTS.md), so on server runtimes attempts share them: an attempt joins the open
 * deadline of its timeout while that deadline's timer fires no earlier than its own deadline would and
 * fewer than `CALLS_PER_SHARED_DEADLINE` attempts have joined it. The timer fires at most `slack` (1% of
 * the timeout, at most 50 ms) after an attempt's own deadline, and aborts the shared signal only when an
 * attempt is still pending on it; a deadline whose attempts have all ended is dropped, timer and all,
 * once no attempt can join it any more.
 *
 * Sharing needs timers and signals that live as long as the process: Node, Bun and Deno. Elsewhere (a
 * Cloudflare Worker scopes timers to the request that set them; browsers gain nothing) every attempt
 * gets its own controller and timer, as it would without sharing.
 */
export interface Deadline {
  /** The signal to pass to `fetch`: aborted when the deadline passes while an attempt is pending. */
  readonly signal: AbortSignal;
  /** True once the timer fired with an attempt pending: that attempt timed out. */
  readonly expired: boolean;
}

/**
 * How many attempts share one signal. `fetch` adds an `abort` listener per request to the signal it is
 * given, and Node warns (MaxListenersExceededWarning) past 10 listeners on one signal; undici removes
 * its listener only when the request is garbage-collected, so the cap counts attempts, not pending ones.
 */
export const CALLS_PER_SHARED_DEADLINE = 10;

class OpenDeadline implements Deadline {
  readonly controller = new AbortController();
  readonly signal = this.controller.signal;
  expired = false;
  joined = 1;
  pending = 1;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Stops the caller's signal from aborting this (own) deadline. */
  stopListening: (() => void) | undefined;

  /** When the timer fires, on the `performance.now()` clock. */
  readonly firesAt: number;

  constructor(
    readonly timeout: number,
    now: number,
    slack: number,
    readonly capacity: number,
  ) {
    // Never past the longest delay timers take (a longer one fires at once); `timeout` itself is within it.
    const delay = Math.min(timeout + slack, MAX_TIMER_MS);
    this.firesAt = now + delay;
    this.timer = setTimeout(() => fire(this), delay);
  }
}

/** The deadline that attempts with this timeout may still join, one per timeout value. */
const open = new Map<number, OpenDeadline>();
/**
 * Timeout values with an open deadline at most: a caller computing a fresh timeout per call (a time
 * budget) would otherwise leave an idle deadline and its timer per value. Past this, attempts with a
 * timeout not yet open get deadlines of their own.
 */
export const MAX_OPEN_TIMEOUTS = 16;

let sharing: boolean | undefined;

/** The globals `sharesDeadlines` reads. */
export interface RuntimeGlobals {
  process?: { release?: { name?: unknown } };
  navigator?: { userAgent?: unknown };
}

/**
 * Whether this runtime's timers and signals outlive a request, so attempts may share them: Node, Bun and
 * Deno (each names itself `node` in `process.release`), but not workerd, which mimics Node's `process`.
 */
export function sharesDeadlines(runtime: RuntimeGlobals): boolean {
  const agent = runtime.navigator?.userAgent;
  return runtime.process?.release?.name === 'node' && !(typeof agent === 'string' && agent.startsWith('Cloudflare-Workers'));
}

/**
 * Starts an attempt's deadline `timeout` ms from now. With a caller's signal the attempt gets a deadline
 * of its own, which that signal aborts too. Every deadline started must be ended with `endDeadline`.
 */
export function startDeadline(timeout: number, callerSignal: AbortSignal | undefined): Deadline {
  const now = performance.now();
  if (callerSignal === undefined && (sharing ??= sharesDeadlines(globalThis as RuntimeGlobals))) {
    const current = open.get(timeout);
    if (current !== undefined && !current.expired && current.joined < current.capacity && now + timeout <= current.firesAt) {
      current.joined++;
      if (current.pending++ === 0) (current.timer as { ref?: () => void } | undefined)?.ref?.();
      return current;
    }
    if (current !== undefined && current.pending === 0) drop(current);
    if (current === undefined && open.size >= MAX_OPEN_TIMEOUTS) return new OpenDeadline(timeout, now, 0, 1);
    const deadline = new OpenDeadline(timeout, now, Math.min(Math.ceil(timeout / 100), 50), CALLS_PER_SHARED_DEADLINE);
    open.set(timeout, deadline);
    return deadline;
  }
  const own = new OpenDeadline(timeout, now, 0, 1);
  if (callerSignal !== undefined) own.stopListening = onAbort(callerSignal, () => own.controller.abort());
  return own;
}

function fire(deadline: OpenDeadline): void {
  deadline.timer = undefined;
  if (open.get(deadline.timeout) === deadline) open.delete(deadline.timeout);
  if (deadline.pending === 0) return;
  deadline.expired = true;
  deadline.controller.abort();
}

/** Ends one attempt on `deadline`: its timer stops keeping the process alive once no attempt is pending. */
export function endDeadline(handle: Deadline): void {
  const deadline = handle as OpenDeadline;
  deadline.stopListening?.();
  if (--deadline.pending > 0 || deadline.timer === undefined) return;
  if (deadline.joined < deadline.capacity && open.get(deadline.timeout) === deadline) {
    // Still open to later attempts: keep the timer, but let the process exit meanwhile.
    (deadline.timer as { unref?: () => void }).unref?.();
    return;
  }
  drop(deadline);
}

/** Stops the timer of a deadline no attempt is pending on, and closes it to new attempts. */
function drop(deadline: OpenDeadline): void {
  if (deadline.timer !== undefined) clearTimeout(deadline.timer);
  deadline.timer = undefined;
  if (open.get(deadline.timeout) === deadline) open.delete(deadline.timeout);
}
