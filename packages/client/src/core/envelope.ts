import {
  GenAuthBusinessError,
  GenAuthHttpError,
  GenAuthRateLimitError,
  GenAuthResponseError,
  type ValidationIssue,
} from './errors.js';
import { parseRetryAfter } from './retry.js';
import type { SuccessKind } from './operation.js';
import { cut, serverNumber, serverText, type Redactor } from './secrets.js';

/** At most this many field problems from a server's validation report are kept. */
const MAX_ISSUES = 20;

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
  /** Set when the body was longer than this many bytes: reading stopped there and `text` is empty. */
  tooLargeAt?: number;
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
  if (contentType === 'application/json' || contentType.startsWith('application/json;')) return true;
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
  return validation.slice(0, MAX_ISSUES).flatMap((item) => {
    if (typeof item !== 'object' || item === null) return [];
    const { location, message } = item as { location?: unknown; message?: unknown };
    const field = Array.isArray(location) ? location.slice(0, MAX_ISSUES).map(String).join('.') : 'request';
    return [{ field: serverText(field, redact), message: typeof message === 'string' ? serverText(message, redact) : 'is invalid' }];
  });
}

/**
 * Turns an HTTP answer into the result (the envelope, the JSON body as it is, or nothing, by the
 * operation's `success` kind) or a typed error. Every piece of server text (body fields and headers
 * alike) that reaches an error goes through `redact`, then is cut to a short, marked length; nothing of
 * the request is used in any message. A resolved answer is returned as the server sent it.
 */
export function interpretAnswer(operationId: string, answer: RawAnswer, redact: Redactor, success: SuccessKind = 'envelope'): unknown {
  const { status: httpStatus, headers, text } = answer;
  const rawContentType = headers.get('content-type');
  // The content type as an error may show it: redacted, so only computed on the way to an error.
  const shownType = () => (rawContentType === null ? undefined : serverText(rawContentType, redact));
  if (answer.tooLargeAt !== undefined) {
    const contentType = shownType();
    const requestId = optionalText(headers.get('x-request-id'), redact);
    throw new GenAuthResponseError(
      `${operationId}: HTTP ${httpStatus} with a body larger than maxResponseBytes (${answer.tooLargeAt} bytes); reading stopped there. The server may have processed the request; it was not repeated.`,
      { operationId, requestId, httpStatus, contentType },
    );
  }
  if (httpStatus >= 200 && httpStatus < 300 && success !== 'envelope') {
    if (success === 'empty' || httpStatus === 204) return undefined;
    const json = parseJson(text);
    if (json.ok && isJsonType(rawContentType ?? undefined)) return json.value;
    const contentType = shownType();
    const what = !json.ok ? describeBody(text, contentType, 'JSON') : `JSON with content type ${contentType ?? '(none)'} instead of application/json`;
    throw new GenAuthResponseError(`${operationId}: HTTP ${httpStatus} with ${what}. The server's answer could not be read; the operation may or may not have succeeded.`, {
      operationId,
      requestId: optionalText(headers.get('x-request-id'), redact),
      httpStatus,
      contentType,
    });
  }
  const parsed = parseJson(text);
  const envelope = parsed.ok && isEnvelope(parsed.value) ? parsed.value : undefined;
  if (envelope?.statusCode === 200 && httpStatus >= 200 && httpStatus < 300 && isJsonType(rawContentType ?? undefined)) return envelope;
  const contentType = shownType();
  const requestId = optionalText(envelope?.requestId ?? headers.get('x-request-id'), redact);
  const statusCode = serverNumber(envelope?.statusCode, redact);
  const apiCode = serverNumber(envelope?.apiCode, redact);

  if (httpStatus >= 200 && httpStatus < 300) {
    if (!envelope || !isJsonType(rawContentType ?? undefined)) {
      const what = !parsed.ok
        ? describeBody(text, contentType)
        : !isJsonType(rawContentType ?? undefined)
          ? `JSON with content type ${contentType ?? '(none)'} instead of application/json`
          : 'a JSON body that is not the response envelope (no numeric statusCode)';
      throw new GenAuthResponseError(`${operationId}: HTTP ${httpStatus} with ${what}. The server's answer could not be read; the operation may or may not have succeeded.`, {
        operationId,
        requestId,
        httpStatus,
        contentType,
      });
    }
    const serverMessage = envelope.message ? serverText(envelope.message, redact) : undefined;
    // A statusCode that spells a secret is left out of the fields and the message; the error stays a business error.
    const codes = `statusCode ${statusCode ?? '[redacted]'}${apiCode !== undefined ? `, apiCode ${apiCode}` : ''}`;
    throw new GenAuthBusinessError(`${operationId} failed: ${serverMessage || 'no message'} (${codes}${requestId ? `, requestId ${requestId}` : ''}).`, {
      operationId,
      requestId,
      httpStatus,
      statusCode: statusCode as number,
      apiCode,
    });
  }

  const serverMessage = envelope?.message ? serverText(envelope.message, redact) : undefined;
  const problem = parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? (parsed.value as Record<string, unknown>) : {};
  const issues = validationIssues(problem, redact);
  const summary =
    serverMessage ||
    (typeof problem.detail === 'string' && serverText(problem.detail, redact)) ||
    (typeof problem.title === 'string' && serverText(problem.title, redact)) ||
    (parsed.ok ? 'no message' : describeBody(text, contentType));
  const details = issues.length ? `: ${issues.map((issue) => `${issue.field} ${issue.message}`).join('; ')}` : '';
  const fields = { operationId, requestId, httpStatus, statusCode, apiCode };
  const reference = requestId ? ` (requestId ${requestId})` : '';

  if (httpStatus === 429 || httpStatus === 503) {
    const retryAfterSeconds = parseRetryAfter(headers.get('retry-after'));
    const when = retryAfterSeconds === undefined ? 'Retry later.' : `Retry in ${retryAfterSeconds} s.`;
    if (httpStatus === 429) {
      throw new GenAuthRateLimitError(`${operationId}: rate limited (HTTP 429): ${summary}${reference}. ${when}`, { ...fields, retryAfterSeconds });
    }
    throw new GenAuthHttpError(`${operationId}: service unavailable (HTTP 503): ${summary}${details}${reference}. ${when}`, { ...fields, issues, retryAfterSeconds });
  }
  if (httpStatus >= 300 && httpStatus < 400) {
    throw new GenAuthHttpError(
      `${operationId}: HTTP ${httpStatus} redirect${redirectTarget(headers.get('location'), redact)} was not followed: the client never resends credentials to a redirect. Check appHost.`,
      fields,
    );
  }
  throw new GenAuthHttpError(`${operationId}: HTTP ${httpStatus}: ${summary}${details}${reference}`, { ...fields, issues });
}

function optionalText(value: string | null | undefined, redact: Redactor): string | undefined {
  return value === null || value === undefined ? undefined : serverText(value, redact);
}

/** Where a redirect pointed: its origin, redacted; never the path or query (they may carry anything). */
function redirectTarget(location: string | null, redact: Redactor): string {
  if (!location) return '';
  let origin: string;
  try {
    origin = new URL(location).origin;
  } catch {
    return ' to a relative location';
  }
  // An internationalised host name is shown only as such: its punycode form could spell an echoed secret.
  if (origin === 'null' || /xn--/i.test(origin)) return ' to another host';
  return ` to ${cut(redact(origin))}`;
}
