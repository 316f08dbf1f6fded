import type { OperationModel } from '../operations.ts';
import { schemaRefName, type MediaTypeObject, type ResponseObject } from '../spec.ts';

/** The `GenAuthError` subclasses a documented failure can reach the caller as (packages/client/src/core/errors.ts). */
export type FailureErrorClass = 'GenAuthBusinessError' | 'GenAuthRateLimitError' | 'GenAuthHttpError';

/** One documented failure of an operation: a named example of a non-success answer. */
export interface DocumentedFailure {
  /** The example's name: what `Prefer: example=<name>` selects on the mock. */
  name: string;
  /** The example's summary, else the response's description. */
  summary: string;
  httpStatus: number;
  statusCode: unknown;
  apiCode: unknown;
  message: unknown;
  errorClass: FailureErrorClass;
  /** The `Prefer` header that makes the mock answer with exactly this failure. */
  prefer: string;
  /** The named schema of the answer's body, when it has one (linked from the page). */
  schemaName?: string;
  /** Response headers the spec documents for it (`Retry-After`). */
  headers: string[];
}

/** The class the client throws for a 3xx-5xx answer (packages/client/src/core/envelope.ts): HTTP 429 is a rate limit, any other an HTTP error. */
function httpErrorClass(httpStatus: number): FailureErrorClass {
  return httpStatus === 429 ? 'GenAuthRateLimitError' : 'GenAuthHttpError';
}

function examplesOf(media: MediaTypeObject | undefined): [string, { summary?: string; value: unknown }][] {
  return Object.entries(media?.examples ?? {});
}

const field = (value: unknown, name: string): unknown => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined);

/**
 * Every failure the spec documents for an operation, in the order a reader meets them: business
 * failures of the 200 envelope (examples whose `statusCode` is not 200), then each 3xx-5xx response
 * by status, one row per named example (or one for the response when it has none).
 */
export function documentedFailures(operation: OperationModel): DocumentedFailure[] {
  const failures: DocumentedFailure[] = [];
  const { successResponse } = operation;
  if (successResponse.kind === 'envelope' && successResponse.status === '200') {
    for (const [name, example] of examplesOf(successResponse.media)) {
      const statusCode = field(example.value, 'statusCode');
      if (statusCode === 200) continue;
      failures.push({
        name,
        summary: example.summary ?? successResponse.description,
        httpStatus: 200,
        statusCode,
        apiCode: field(example.value, 'apiCode'),
        message: field(example.value, 'message'),
        errorClass: 'GenAuthBusinessError',
        prefer: `example=${name}`,
        schemaName: successResponse.schemaName,
        headers: [],
      });
    }
  }
  const statuses = Object.keys(operation.responses)
    .filter((status) => /^[3-5]\d\d$/.test(status))
    .sort();
  for (const status of statuses) {
    const response = operation.responses[status] as ResponseObject;
    const media = response.content?.['application/json'];
    const httpStatus = Number(status);
    const common = { httpStatus, errorClass: httpErrorClass(httpStatus), schemaName: schemaRefName(media?.schema), headers: Object.keys(response.headers ?? {}) };
    const examples = examplesOf(media);
    if (examples.length === 0) {
      failures.push({ ...common, name: '', summary: response.description, statusCode: undefined, apiCode: undefined, message: undefined, prefer: `code=${status}` });
      continue;
    }
    for (const [name, example] of examples) {
      failures.push({
        ...common,
        name,
        summary: example.summary ?? response.description,
        statusCode: field(example.value, 'statusCode'),
        apiCode: field(example.value, 'apiCode'),
        message: field(example.value, 'message'),
        prefer: `code=${status}, example=${name}`,
      });
    }
  }
  return failures;
}
