import { GenAuthValidationError } from './errors.js';

/**
 * The request body as JSON text. A body JSON cannot represent (a BigInt, a circular reference, a
 * `toJSON` that throws, a function) is refused with `GenAuthValidationError` before anything is sent;
 * this matters with `validate: false`, when the spec's rules did not look at the body first.
 */
export function serialiseBody(operationId: string, body: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch (error) {
    const reason = error instanceof RangeError ? 'it is nested too deeply' : 'it holds a value JSON cannot represent, such as a BigInt or a circular reference';
    throw new GenAuthValidationError(`${operationId}: invalid request, nothing was sent: the body cannot be serialised as JSON (${reason}).`, {
      operationId,
      issues: [{ field: 'body', message: 'cannot be serialised as JSON' }],
    });
  }
  if (text === undefined) {
    throw new GenAuthValidationError(`${operationId}: invalid request, nothing was sent: the body is not a JSON value.`, {
      operationId,
      issues: [{ field: 'body', message: 'is not a JSON value' }],
    });
  }
  return text;
}
