import {
  GenAuthBusinessError,
  GenAuthError,
  GenAuthHttpError,
  GenAuthRateLimitError,
  GenAuthResponseError,
  type ValidationIssue,
} from './errors.js';

/** The response envelope every operation returns: `statusCode` 200 means success. */
export interface Envelope {
  statusCode: number;
  message: string;
  apiCode?: number;
  requestId?: string;
}

const MAX_RETRY_AFTER_SECONDS = 24 * 60 * 60;

/** `Retry-After` as seconds: a number of seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  let seconds: number;
  if (/^\d+$/.test(trimmed)) seconds = Number(trimmed);
  else {
    const date = Date.parse(trimmed);
    if (Number.isNaN(date)) return undefined;
    seconds = Math.max(0, Math.ceil((date - now) / 1000));
  }
  return Math.min(seconds, MAX_RETRY_AFTER_SECONDS);
}

function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const { statusCode, message, apiCode, requestId } = value as Record<string, unknown>;
  return (
    typeof statusCode === 'number' &&
    (message === undefined || typeof message === 'string') &&
    (apiCode === undefined || typeof apiCode === 'number') &&
    (requestId === undefined || typeof requestId === 'string')
  );
}

/** Field problems from an RFC 7807 body such as Prism's: `validation: [{location: ['body','channel'], message}]`. */
function validationIssues(body: Record<string, unknown>): ValidationIssue[] {
  const validation = body.validation;
  if (!Array.isArray(validation)) return [];
  return validation.flatMap((item) => {
    if (typeof item !== 'object' || item === null) return [];
    const { location, message } = item as { location?: unknown; message?: unknown };
    const field = Array.isArray(location) ? location.map(String).join('.') : 'request';
    return [{ field, message: typeof message === 'string' ? message : 'is invalid' }];
  });
}

function describe(text: string, contentType: string | undefined): string {
  if (text.length === 0) return 'an empty body';
  const kind = contentType ? contentType.split(';')[0]!.trim() : 'no content type';
  return `a body of type ${kind} that is not the JSON envelope (${text.length} bytes)`;
}

/**
 * Turns an HTTP answer into the envelope or a typed error. `payload` is the body as text, or already
 * parsed as JSON. Nothing of the request (and so no secret) is used in any message.
 */
export function interpretResponse(operationId: string, response: Response, payload: unknown): Envelope {
  const httpStatus = response.status;
  const contentType = response.headers.get('content-type') ?? undefined;
  const headerRequestId = response.headers.get('x-request-id') ?? undefined;
  let body: unknown = payload;
  let parsed = typeof payload !== 'string' && payload !== undefined;
  const text = typeof payload === 'string' ? payload : '';
  if (typeof payload === 'string' && text.length > 0) {
    try {
      body = JSON.parse(text);
      parsed = true;
    } catch {
      parsed = false;
    }
  }
  const envelope = isEnvelope(body) ? body : undefined;
  const requestId = envelope?.requestId ?? headerRequestId;
  const at = `${operationId}: `;

  if (httpStatus >= 200 && httpStatus < 300) {
    if (!envelope) {
      throw new GenAuthResponseError(
        `${at}HTTP ${httpStatus} with ${parsed ? 'a JSON body that is not the response envelope (no numeric statusCode)' : describe(text, contentType)}.`,
        { operationId, requestId, httpStatus, contentType },
      );
    }
    if (envelope.statusCode === 200) return envelope;
    throw new GenAuthBusinessError(`${at}${envelope.message || 'the operation failed'} (statusCode ${envelope.statusCode}${envelope.apiCode !== undefined ? `, apiCode ${envelope.apiCode}` : ''}).`, {
      operationId,
      requestId,
      httpStatus,
      statusCode: envelope.statusCode,
      apiCode: envelope.apiCode,
    });
  }

  const fields = { operationId, requestId, httpStatus, statusCode: envelope?.statusCode, apiCode: envelope?.apiCode };
  const problem = parsed && typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const issues = validationIssues(problem);
  const summary =
    envelope?.message ||
    (typeof problem.detail === 'string' && problem.detail) ||
    (typeof problem.title === 'string' && problem.title) ||
    (parsed ? 'error' : describe(text, contentType));
  const detail = issues.length ? `: ${issues.map((issue) => `${issue.field} ${issue.message}`).join('; ')}` : '';

  if (httpStatus === 429) {
    const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
    const when = retryAfterSeconds === undefined ? 'later' : `in ${retryAfterSeconds} s`;
    return fail(new GenAuthRateLimitError(`${at}HTTP 429 rate limited: ${summary}. Retry ${when}.`, { ...fields, retryAfterSeconds }));
  }
  return fail(new GenAuthHttpError(`${at}HTTP ${httpStatus}: ${summary}${detail}`, { ...fields, issues }));
}

function fail(error: GenAuthError): never {
  throw error;
}
