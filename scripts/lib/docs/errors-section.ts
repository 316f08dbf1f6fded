import type { OperationModel } from '../operations.ts';
import type { OpenApiDocument } from '../spec.ts';
import type { SampleInput } from './examples.ts';
import { documentedFailures, type DocumentedFailure, type FailureErrorClass } from './failures.ts';
import { cell, code, fence, schemaAnchor, table } from './markdown.ts';
import { clientSetupLines, sampleCall } from './samples.ts';

/** The line each `catch` branch of the sample prints, so a reader (and the docs test) sees which branch ran. */
const CATCH_OUTPUT: Record<FailureErrorClass, { condition: string; print: string }> = {
  GenAuthBusinessError: { condition: 'HTTP 200 with a statusCode other than 200 (error.statusCode, error.apiCode)', print: '`Refused: ${error.message}`' },
  GenAuthRateLimitError: { condition: 'HTTP 429', print: '`Too many requests: retry in ${error.retryAfterSeconds ?? 60} s`' },
  GenAuthHttpError: { condition: 'another HTTP error status', print: '`HTTP ${error.httpStatus}: ${error.message}`' },
};

/** The order the `catch` branches test the classes in: a subclass before its parent (`GenAuthRateLimitError` is a `GenAuthHttpError`). */
const CATCH_ORDER: FailureErrorClass[] = ['GenAuthBusinessError', 'GenAuthRateLimitError', 'GenAuthHttpError'];

/** The `catch` sample: the same call as the page's sample, with one branch per error class the operation documents. */
function catchSample(document: OpenApiDocument, operation: OperationModel, input: SampleInput, failures: DocumentedFailure[]): string {
  const classes = CATCH_ORDER.filter((errorClass) => failures.some((failure) => failure.errorClass === errorClass));
  const branches = classes.map((errorClass, index) => {
    const names = failures.filter((failure) => failure.errorClass === errorClass).map((failure) => failure.name || `HTTP ${failure.httpStatus}`);
    return [
      `  ${index === 0 ? 'if' : '} else if'} (error instanceof ${errorClass}) {`,
      `    // ${CATCH_OUTPUT[errorClass].condition}: ${[...new Set(names)].join(', ')}`,
      `    console.error(${CATCH_OUTPUT[errorClass].print});`,
    ].join('\n');
  });
  const lines = [
    `import { AuthenticationClient, ${classes.join(', ')} } from '@genauth/client';`,
    '',
    ...clientSetupLines(document, operation),
    '',
    'try {',
    `  await ${sampleCall(operation, input, '  ')};`,
    '} catch (error) {',
    ...branches,
    '  } else {',
    '    throw error; // not a documented failure: a timeout, a network error, …',
    '  }',
    '}',
  ];
  return fence('ts', lines.join('\n'));
}

/**
 * The page's Errors section: every documented failure (HTTP status, `statusCode`, `apiCode`,
 * message, the error the client throws, how to get it from the mock) and a `catch` sample.
 */
export function errorsSection(document: OpenApiDocument, operation: OperationModel, input: SampleInput): string {
  const failures = documentedFailures(operation);
  if (failures.length === 0) return 'The spec documents no failure for this method. Any error the client throws is a `GenAuthError` (see the `@genauth/client` README).';
  const rows = failures.map((failure) => [
    cell(`${failure.name ? `\`${failure.name}\`: ` : ''}${failure.summary}`),
    String(failure.httpStatus),
    code(failure.statusCode),
    code(failure.apiCode),
    cell(typeof failure.message === 'string' ? failure.message : '-'),
    `\`${failure.errorClass}\`${failure.headers.some((header) => header.toLowerCase() === 'retry-after') ? ' (`retryAfterSeconds` from `Retry-After`)' : ''}`,
    failure.schemaName ? `[\`${failure.schemaName}\`](${schemaAnchor(failure.schemaName)})` : '-',
    `\`Prefer: ${failure.prefer}\``,
  ]);
  return [
    'The method resolves only on success. Each failure the API documents rejects with a subclass of `GenAuthError`, which carries `statusCode`, `apiCode`, `requestId` and `httpStatus` when the answer has them. On the mock (`npx genauth-mock`), the `Prefer` header of a row gets that answer.',
    '',
    table(['Failure', 'HTTP Status', 'statusCode', 'apiCode', 'Message', 'Error thrown', 'Body', 'Mock'], rows),
    '',
    catchSample(document, operation, input, failures),
  ].join('\n');
}
