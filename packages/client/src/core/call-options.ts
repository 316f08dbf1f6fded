/** Per-call options of every operation method. */
export interface CallOptions {
  /** Cancels the request; the call then rejects with `GenAuthAbortError`. */
  signal?: AbortSignal;
  /** Extra request headers for this call only (they cannot replace the app id or access token headers). */
  headers?: Record<string, string>;
}
