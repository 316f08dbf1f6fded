/**
 * Every failure of the client is a `GenAuthError`. `instanceof` works across copies of the package
 * (an ESM and a CommonJS copy loaded side by side) because it checks a brand, not the prototype chain.
 */
const KINDS = Symbol.for('@genauth/client/error-kinds');

export interface GenAuthErrorOptions {
  operationId?: string;
  requestId?: string;
  cause?: unknown;
}

export class GenAuthError extends Error {
  static readonly kind: string = 'GenAuthError';
  /** The operation that failed, e.g. `bindPhone`. */
  readonly operationId?: string;
  /** The server's request ID, when it sent one: quote it to GenAuth support. */
  readonly requestId?: string;

  constructor(message: string, options: GenAuthErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const kinds: string[] = [];
    for (let c = new.target as unknown as { kind?: string } | null; c?.kind; c = Object.getPrototypeOf(c)) {
      if (!kinds.includes(c.kind)) kinds.push(c.kind);
    }
    Object.defineProperty(this, KINDS, { value: kinds, enumerable: false });
    Object.defineProperty(this, 'name', { value: kinds[0], enumerable: false, configurable: true, writable: true });
    if (options.operationId !== undefined) this.operationId = options.operationId;
    if (options.requestId !== undefined) this.requestId = options.requestId;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const kinds = (value as { [KINDS]?: unknown } | null)?.[KINDS];
    return Array.isArray(kinds) && kinds.includes(this.kind);
  }

  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

export interface ResponseErrorFields extends GenAuthErrorOptions {
  /** Business status code from the response envelope. */
  statusCode?: number;
  /** Segmented error code from the response envelope. */
  apiCode?: number;
  /** HTTP status of the response. */
  httpStatus: number;
}

function assignResponseFields(target: object, fields: ResponseErrorFields): void {
  const { statusCode, apiCode, httpStatus } = fields;
  Object.assign(target, { httpStatus });
  if (statusCode !== undefined) Object.assign(target, { statusCode });
  if (apiCode !== undefined) Object.assign(target, { apiCode });
}

/** HTTP 200, but the envelope's `statusCode` is not 200: the server refused the operation. */
export class GenAuthBusinessError extends GenAuthError {
  static override readonly kind: string = 'GenAuthBusinessError';
  declare readonly statusCode: number;
  declare readonly apiCode?: number;
  declare readonly httpStatus: number;

  constructor(message: string, fields: ResponseErrorFields & { statusCode: number }) {
    super(message, fields);
    assignResponseFields(this, fields);
  }
}

/** One problem with a request, as the server's validator reported it. */
export interface ValidationIssue {
  /** Where the problem is, e.g. `body.channel`. */
  field: string;
  message: string;
}

/** The server answered with an HTTP error status (4xx, 5xx). */
export class GenAuthHttpError extends GenAuthError {
  static override readonly kind: string = 'GenAuthHttpError';
  declare readonly statusCode?: number;
  declare readonly apiCode?: number;
  declare readonly httpStatus: number;
  /** Field-level problems the server reported (e.g. a mock's request validation), if any. */
  declare readonly issues?: readonly ValidationIssue[];
  /** HTTP 429 and 503: when to try again, if the server said (`Retry-After`). */
  declare readonly retryAfterSeconds?: number;

  constructor(message: string, fields: ResponseErrorFields & { issues?: ValidationIssue[]; retryAfterSeconds?: number }) {
    super(message, fields);
    assignResponseFields(this, fields);
    if (fields.issues?.length) Object.assign(this, { issues: fields.issues });
    if (fields.retryAfterSeconds !== undefined) Object.assign(this, { retryAfterSeconds: fields.retryAfterSeconds });
  }
}

/** HTTP 429: too many requests. `retryAfterSeconds` says when to try again, if the server said. */
export class GenAuthRateLimitError extends GenAuthHttpError {
  static override readonly kind: string = 'GenAuthRateLimitError';
}

/** The request could not be delivered or its answer not received (DNS, refused, reset). */
export class GenAuthConnectionError extends GenAuthError {
  static override readonly kind: string = 'GenAuthConnectionError';
  /**
   * False when the failure provably happened before the request was sent (DNS failure, connection
   * refused): nothing was processed. True when the server may have processed it (connection reset
   * after sending): do not blindly repeat an operation that sends an SMS or uses a pass code.
   */
  declare readonly mayHaveBeenProcessed: boolean;

  constructor(message: string, options: GenAuthErrorOptions & { mayHaveBeenProcessed: boolean }) {
    super(message, options);
    Object.assign(this, { mayHaveBeenProcessed: options.mayHaveBeenProcessed });
  }
}

/** No complete answer within the timeout. The server may still have processed the request. */
export class GenAuthTimeoutError extends GenAuthError {
  static override readonly kind: string = 'GenAuthTimeoutError';
  declare readonly timeoutMs: number;

  constructor(message: string, options: GenAuthErrorOptions & { timeoutMs: number }) {
    super(message, options);
    Object.assign(this, { timeoutMs: options.timeoutMs });
  }
}

/** The caller's `AbortSignal` cancelled the request. */
export class GenAuthAbortError extends GenAuthError {
  static override readonly kind: string = 'GenAuthAbortError';
}

/** The server answered, but not with a readable envelope (malformed JSON, an HTML page, an empty body). */
export class GenAuthResponseError extends GenAuthError {
  static override readonly kind: string = 'GenAuthResponseError';
  declare readonly httpStatus: number;
  declare readonly contentType?: string;

  constructor(message: string, options: GenAuthErrorOptions & { httpStatus: number; contentType?: string }) {
    super(message, options);
    Object.assign(this, { httpStatus: options.httpStatus });
    if (options.contentType) Object.assign(this, { contentType: options.contentType });
  }
}

/** Input refused before anything was sent: a body, an option or a header value breaks a rule. */
export class GenAuthValidationError extends GenAuthError {
  static override readonly kind: string = 'GenAuthValidationError';
  declare readonly issues: readonly ValidationIssue[];

  constructor(message: string, options: GenAuthErrorOptions & { issues: ValidationIssue[] }) {
    super(message, options);
    Object.assign(this, { issues: options.issues });
  }
}
