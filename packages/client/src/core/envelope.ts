import {
  GenAuthBusinessError,
  GenAuthHttpError,
  GenAuthRateLimitError,
  GenAuthResponseError,
  type ValidationIssue,
} from './errors.js';
import { parseRetryAfter } from './retry.js';
import type { SuccessKind } from './operation.js';
import type { Redactor } from './secrets.js';

/** The response envelope every operation returns: `statusCode` 200 means success. */
export interface Envelope {
  statusCode: number;
  message: string;
  apiCode?: number;
  requestId?: string;
}

/** What the transport read: the status, the headers it needs, and the body text. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
}

function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const { statusCode, message, apiCode, requestId } = value as Record<string, unknown>;
  return (
    typeof statusCode === 'number' &&
    Number.isFinite(statusCode) &&
    (message === undefined || typeof message === 'string') &&
    (apiCode === undefined || typeof apiCode === 'number') &&
    (requestId === undefined || typeof requestId === 'string')
  );
}

function isJsonType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.length === 0) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function describeBody(text: string, contentType: string | undefined, expected = 'the JSON envelope'): string {
  if (text.length === 0) return 'an empty body';
  const type = contentType ? contentType.split(';')[0]!.trim() : 'no content type';
  if (/^\s*</.test(text)) return `an HTML page (${type}, ${text.length} bytes) instead of ${expected}`;
  return `a body of type ${type} that is not ${expected} (${text.length} bytes)`;
}

/** Field problems from an RFC 7807 body such as Prism's: `validation: [{location: ['body','channel'], message}]`. */
function validationIssues(body: unknown, redact: Redactor): ValidationIssue[] {
  const validation = (body as { validation?: unknown } | null)?.validation;
  if (!Array.isArray(validation)) return [];
  return validation.flatMap((item) => {
    if (typeof item !== 'object' || item === null) return [];
    const { location, message } = item as { location?: unknown; message?: unknown };
    const field = Array.isArray(location) ? location.map(String).join('.') : 'request';
    return [{ field: redact(field), message: typeof message === 'string' ? redact(message) : 'is invalid' }];
  });
}

/**
 * Turns an HTTP answer into the result (the envelope, the JSON body as it is, or nothing, by the
 * operation's `success` kind) or a typed error. Server-provided text goes through `redact`; nothing of
 * the request is used in any message.
 */
export function interpretAnswer(operationId: string, answer: RawAnswer, redact: Redactor, success: SuccessKind = 'envelope'): unknown {
  const { status: httpStatus, headers, text } = answer;
  const contentType = headers.get('content-type') ?? undefined;
  if (httpStatus >= 200 && httpStatus < 300 && success !== 'envelope') {
    if (success === 'empty' || httpStatus === 204) return undefined;
    const parsed = parseJson(text);
    if (parsed.ok && isJsonType(contentType)) return parsed.value;
    const what = !parsed.ok ? describeBody(text, contentType, 'JSON') : `JSON with content type ${contentType ?? '(none)'} instead of application/json`;
    throw new GenAuthResponseError(
      `${operationId}: HTTP ${httpStatus} with ${what}. The server's answer could not be read; the operation may or may not have succeeded.`,
      { operationId, requestId: headers.get('x-request-id') ?? undefined, httpStatus, contentType },
    );
  }
  const parsed = parseJson(text);
  const envelope = parsed.ok && isEnvelope(parsed.value) ? parsed.value : undefined;
  const requestId = envelope?.requestId ?? headers.get('x-request-id') ?? undefined;

  if (httpStatus >= 200 && httpStatus < 300) {
    if (!envelope || !isJsonType(contentType)) {
      const what = !parsed.ok
        ? describeBody(text, contentType)
        : !isJsonType(contentType)
          ? `JSON with content type ${contentType ?? '(none)'} instead of application/json`
          : 'a JSON body that is not the response envelope (no numeric statusCode)';
      throw new GenAuthResponseError(`${operationId}: HTTP ${httpStatus} with ${what}. The server's answer could not be read; the operation may or may not have succeeded.`, {
        operationId,
        requestId,
        httpStatus,
        contentType,
      });
    }
    if (envelope.statusCode === 200) return envelope;
    const serverMessage = envelope.message ? redact(envelope.message) : undefined;
    const codes = `statusCode ${envelope.statusCode}${envelope.apiCode !== undefined ? `, apiCode ${envelope.apiCode}` : ''}`;
    throw new GenAuthBusinessError(`${operationId} failed: ${serverMessage || 'no message'} (${codes}${requestId ? `, requestId ${requestId}` : ''}).`, {
      operationId,
      requestId,
      httpStatus,
      statusCode: envelope.statusCode,
      apiCode: envelope.apiCode,
    });
  }

  const serverMessage = envelope?.message ? redact(envelope.message) : undefined;
  const problem = parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? (parsed.value as Record<string, unknown>) : {};
  const issues = validationIssues(problem, redact);
  const summary =
    serverMessage ||
    (typeof problem.detail === 'string' && redact(problem.detail)) ||
    (typeof problem.title === 'string' && redact(problem.title)) ||
    (parsed.ok ? 'no message' : describeBody(text, contentType));
  const details = issues.length ? `: ${issues.map((issue) => `${issue.field} ${issue.message}`).join('; ')}` : '';
  const fields = { operationId, requestId, httpStatus, statusCode: envelope?.statusCode, apiCode: envelope?.apiCode };
  const reference = requestId ? ` (requestId ${requestId})` : '';

  if (httpStatus === 429) {
    const retryAfterSeconds = parseRetryAfter(headers.get('retry-after'));
    const when = retryAfterSeconds === undefined ? 'Retry later.' : `Retry in ${retryAfterSeconds} s.`;
    throw new GenAuthRateLimitError(`${operationId}: rate limited (HTTP 429): ${summary}${reference}. ${when}`, { ...fields, retryAfterSeconds });
  }
  if (httpStatus >= 300 && httpStatus < 400) {
    throw new GenAuthHttpError(
      `${operationId}: HTTP ${httpStatus} redirect${redirectTarget(headers.get('location'))} was not followed: the client never resends credentials to a redirect. Check appHost.`,
      fields,
    );
  }
  throw new GenAuthHttpError(`${operationId}: HTTP ${httpStatus}: ${summary}${details}${reference}`, { ...fields, issues });
}

function redirectTarget(location: string | null): string {
  if (!location) return '';
  try {
    return ` to ${new URL(location).origin}`;
  } catch {
    return ' to a relative location';
  }
}
