/**
 * Where the client reports what it does. `console` fits. Every line is built by the client from
 * operation names, statuses and timings, and passed through the secret redactor: no header, no body,
 * no token and no pass code ever reaches it.
 */
export interface Logger {
  debug?(message: string): void;
  info?(message: string): void;
  warn?(message: string): void;
  error?(message: string): void;
}
