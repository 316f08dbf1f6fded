import { requestParts, type RequestParts } from '../../../packages/client/src/core/request-input.ts';
import type { OperationDefinition } from '../../../packages/client/src/core/operation.ts';
import type { OperationModel } from '../operations.ts';
import { resolveRef, type OpenApiDocument } from '../spec.ts';
import { propertyRows, schemaExample } from './schemas.ts';

/** What a page's samples send: the method's argument, and the request it becomes (path with query, headers, body). */
export interface SampleInput {
  /** The TypeScript method's argument; undefined when the operation takes none. */
  argument: unknown;
  /** The request the argument becomes, serialised by the client's own code: the curl sample sends exactly this. */
  request: RequestParts;
}

/**
 * The request body the page's samples send: the request body's first named example, else its
 * `example`, else one assembled from the properties' examples. Table and samples both read it.
 */
export function requestExample(document: OpenApiDocument, operation: OperationModel): unknown {
  const body = operation.requestBody;
  if (!body) return undefined;
  const named = Object.values(body.media.examples ?? {})[0]?.value ?? body.media.example;
  if (named !== undefined) {
    if (operation.input === 'parameters+fields' && (typeof named !== 'object' || named === null || Array.isArray(named))) {
      throw new Error(`${operation.operationId}: the request body example is not a JSON object; its fields sit beside the parameters in the sample.`);
    }
    return named;
  }
  if (!body.media.schema) throw new Error(`${operation.operationId}: the request body has no schema and no example.`);
  const assembled: Record<string, unknown> = {};
  for (const row of propertyRows(document, body.media.schema)) {
    // A readOnly property is never sent in a request (OpenAPI 3.0; Prism refuses it): the sample leaves it out.
    if (resolveRef(document, row.schema).readOnly) continue;
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

/** The parameter values the samples send: every parameter with an example; a required one without is an error. */
function parameterExamples(operation: OperationModel): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const parameter of operation.parameters) {
    if (parameter.example !== undefined) values[parameter.name] = parameter.example;
    else if (parameter.required) {
      throw new Error(`${operation.operationId}: required ${parameter.in} parameter "${parameter.name}" has no example; add one so the docs samples can send it.`);
    }
  }
  return values;
}

/** The definition the client would generate, as far as serialising a request needs it. */
function definitionOf(operation: OperationModel): OperationDefinition {
  return {
    operationId: operation.operationId,
    method: operation.method,
    path: operation.path,
    security: operation.security,
    requiresAccessToken: false,
    retrySafe: operation.retrySafe,
    input: operation.input,
    parameters: operation.parameters.map((parameter) => ({ name: parameter.name, in: parameter.in, required: parameter.required, rules: parameter.rules })),
    body: operation.requestBody?.rules,
    bodyRequired: operation.requestBody?.required === true,
    success: operation.successResponse.kind,
  };
}

/** The sample's argument and the request it becomes, from the spec's examples. */
export function sampleInput(document: OpenApiDocument, operation: OperationModel): SampleInput {
  const body = requestExample(document, operation);
  const parameters = parameterExamples(operation);
  let argument: unknown;
  switch (operation.input) {
    case 'none':
      argument = undefined;
      break;
    case 'body':
      argument = body;
      break;
    case 'parameters':
      argument = parameters;
      break;
    case 'parameters+fields':
      argument = { ...parameters, ...(body as Record<string, unknown>) };
      break;
    case 'parameters+body':
      argument = { ...parameters, body };
      break;
  }
  return { argument, request: requestParts(definitionOf(operation), argument, body) };
}

/** The example shown under Example Results: the `success` example, else the first with statusCode 200 (or the first, for a plain JSON answer). */
export function successExample(operation: OperationModel): unknown {
  const { media, kind } = operation.successResponse;
  if (kind === 'empty' || !media) return undefined;
  const examples = Object.entries(media.examples ?? {});
  const chosen =
    examples.find(([name]) => name === 'success')?.[1].value ??
    (kind === 'envelope'
      ? examples.map(([, example]) => example.value).find((value) => (value as { statusCode?: unknown } | null)?.statusCode === 200)
      : examples[0]?.[1].value) ??
    media.example;
  if (chosen === undefined) {
    throw new Error(
      `${operation.operationId}: the ${operation.successResponse.status} response has no success example (named "success"${kind === 'envelope' ? ', or one with statusCode 200' : ''}); the docs page shows it under Example Results.`,
    );
  }
  return chosen;
}
