import type { OperationModel } from '../operations.ts';
import type { OpenApiDocument } from '../spec.ts';
import { propertyRows, schemaExample } from './schemas.ts';

/**
 * The request body the page's samples send: the request body's first named example, else its
 * `example`, else one assembled from the properties' examples. Table and samples both read it.
 */
export function requestExample(document: OpenApiDocument, operation: OperationModel): Record<string, unknown> | undefined {
  const body = operation.requestBody;
  if (!body) return undefined;
  const named = Object.values(body.media.examples ?? {})[0]?.value ?? body.media.example;
  if (named !== undefined) {
    if (typeof named !== 'object' || named === null || Array.isArray(named)) {
      throw new Error(`${operation.operationId}: the request body example is not a JSON object; the docs samples need one.`);
    }
    return named as Record<string, unknown>;
  }
  if (!body.media.schema) throw new Error(`${operation.operationId}: the request body has no schema and no example.`);
  const assembled: Record<string, unknown> = {};
  for (const row of propertyRows(document, body.media.schema)) {
    const example = schemaExample(document, row.schema);
    if (example !== undefined) assembled[row.name] = example;
    else if (row.required) {
      throw new Error(
        `${operation.operationId}: required request property "${row.name}" has no example and the request body has none; add one so the docs sample can send it.`,
      );
    }
  }
  return assembled;
}

/** The success envelope shown under Example Results: the `success` example, else the first with statusCode 200. */
export function successExample(operation: OperationModel): unknown {
  const { media } = operation.successResponse;
  const examples = Object.entries(media.examples ?? {});
  const chosen =
    examples.find(([name]) => name === 'success')?.[1].value ??
    examples.map(([, example]) => example.value).find((value) => (value as { statusCode?: unknown } | null)?.statusCode === 200) ??
    media.example;
  if (chosen === undefined) {
    throw new Error(`${operation.operationId}: the 200 response has no success example (named "success", or one with statusCode 200); the docs page shows it under Example Results.`);
  }
  return chosen;
}
