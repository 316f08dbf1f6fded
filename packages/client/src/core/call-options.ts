/** Per-call options of every operation method; each overrides the client's option of the same name. */
export interface CallOptions {
  /** Cancels the request (and any wait before a retry); the call then rejects with `GenAuthAbortError`. */
  signal?: AbortSignal;
  /** Extra request headers for this call only (they cannot replace the app id or access token headers). */
  headers?: Record<string, string>;
  /** Milliseconds one attempt may take, from sending to the last byte of the answer. */
  timeout?: number;
  /** How many times a request that provably was not processed may be repeated. */
  maxRetries?: number;
  /** The most bytes of the answer's body that are read; a longer answer is refused with `GenAuthResponseError`. */
  maxResponseBytes?: number;
}
