import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { child, ProblemLog } from './spec-problems.ts';
import { followRef, isReference, unescapePointer, type OpenApiDocument } from './spec.ts';

const require = createRequire(import.meta.url);
const Ajv = require('ajv') as typeof import('ajv').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

const SPEC_ID = 'genauth-spec.json';
const TYPE_OF: Record<string, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  number: (value) => typeof value === 'number',
  integer: (value) => Number.isInteger(value),
  boolean: (value) => typeof value === 'boolean',
};

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 3)
    .map((error) => `${error.instancePath || '(the value)'} ${error.message ?? 'is invalid'}${error.keyword === 'enum' ? ` (${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : ''}`)
    .join('; ');
}

/**
 * Checks the whole spec before any generator writes a file: every `$ref` resolves, every example
 * (schema, parameter, media type, named) is valid against its schema, and every enum agrees with its
 * type and its `x-enum-descriptions`. Problems are collected with their JSON pointers, not thrown.
 */
export function checkSpec(document: OpenApiDocument, problems: ProblemLog = new ProblemLog()): ProblemLog {
  // Problems under an operation name it, as the operation model's problems do.
  const log = { problems: problems.problems, report: (place: string, message: string) => problems.report(place, message, operationAt(document, place)) };
  // 1. Every $ref resolves (local refs only).
  const walk = (node: unknown, place: string) => {
    if (Array.isArray(node)) return node.forEach((item, index) => walk(item, child(place, index)));
    if (typeof node !== 'object' || node === null) return;
    if (isReference(node)) {
      try {
        followRef(document, node.$ref);
      } catch (error) {
        log.report(child(place, '$ref'), (error as Error).message);
      }
      return;
    }
    for (const [key, value] of Object.entries(node)) if (!key.startsWith('x-') || key === 'x-codeSamples') walk(value, child(place, key));
  };
  walk(document, '#');
  if (log.problems.length) return problems; // examples cannot be checked against schemas that do not resolve

  // 2. Examples against their schemas, through ajv (OpenAPI 3.0 `nullable` included).
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, discriminator: false });
  addFormats(ajv);
  ajv.addSchema(document as object, SPEC_ID);
  const validators = new Map<string, ValidateFunction | null>();
  const validatorAt = (schemaPointer: string): ValidateFunction | null => {
    // A schema without $refs is compiled on its own and shared by every identical one (property schemas
    // repeat a lot: phone numbers, codes, messages), which keeps a large spec's check fast.
    const node = followRef(document, schemaPointer);
    const text = JSON.stringify(node);
    const key = text.includes('"$ref"') ? schemaPointer : `schema:${text}`;
    if (!validators.has(key)) {
      try {
        validators.set(key, ajv.compile(key === schemaPointer ? { $ref: `${SPEC_ID}${schemaPointer}` } : (node as object)));
      } catch (error) {
        log.report(schemaPointer, `the schema cannot be compiled: ${(error as Error).message}`);
        validators.set(key, null);
      }
    }
    return validators.get(key)!;
  };
  const checkExample = (value: unknown, schemaPointer: string, place: string, what: string) => {
    const validate = validatorAt(schemaPointer);
    if (validate && !validate(value)) log.report(place, `${what} does not match its schema: ${describeErrors(validate.errors)}`);
  };
  const schemaPointerOf = (schema: unknown, place: string) => (isReference(schema) ? schema.$ref : place);

  const visitSchema = (schema: unknown, place: string) => {
    if (typeof schema !== 'object' || schema === null || isReference(schema)) return;
    const object = schema as Record<string, unknown>;
    if (object.example !== undefined) checkExample(object.example, place, child(place, 'example'), 'the schema example');
    if (Array.isArray(object.enum)) {
      const type = object.type as string | undefined;
      const test = type ? TYPE_OF[type] : undefined;
      object.enum.forEach((value, index) => {
        if (test && !test(value) && !(value === null && object.nullable)) log.report(child(place, 'enum', index), `enum value ${JSON.stringify(value)} is not of type ${type}`);
      });
      const descriptions = object['x-enum-descriptions'];
      if (Array.isArray(descriptions) && descriptions.length !== object.enum.length) {
        log.report(child(place, 'x-enum-descriptions'), `x-enum-descriptions has ${descriptions.length} entries for ${object.enum.length} enum values`);
      }
    }
    for (const [key, value] of Object.entries(object)) {
      if (key === 'properties' && typeof value === 'object' && value) {
        for (const [name, property] of Object.entries(value)) visitSchema(property, child(place, 'properties', name));
      } else if ((key === 'items' || key === 'additionalProperties' || key === 'not') && typeof value === 'object') visitSchema(value, child(place, key));
      else if ((key === 'allOf' || key === 'oneOf' || key === 'anyOf') && Array.isArray(value)) value.forEach((member, index) => visitSchema(member, child(place, key, index)));
    }
  };
  const visitMedia = (media: Record<string, unknown>, place: string, what: string) => {
    if (media.schema === undefined) return;
    visitSchema(media.schema, child(place, 'schema'));
    const schemaPointer = schemaPointerOf(media.schema, child(place, 'schema'));
    if (media.example !== undefined) checkExample(media.example, schemaPointer, child(place, 'example'), `the ${what} example`);
    for (const [name, example] of Object.entries((media.examples ?? {}) as Record<string, unknown>)) {
      if (isReference(example)) continue;
      const value = (example as { value?: unknown } | null)?.value;
      if (value !== undefined) checkExample(value, schemaPointer, child(place, 'examples', name, 'value'), `${what} example "${name}"`);
    }
  };
  const visitParameter = (parameter: unknown, place: string) => {
    if (typeof parameter !== 'object' || parameter === null || isReference(parameter)) return;
    const object = parameter as Record<string, unknown>;
    if (object.schema === undefined) return;
    visitSchema(object.schema, child(place, 'schema'));
    const schemaPointer = schemaPointerOf(object.schema, child(place, 'schema'));
    if (object.example !== undefined) checkExample(object.example, schemaPointer, child(place, 'example'), `the example of parameter "${String(object.name)}"`);
    for (const [name, example] of Object.entries((object.examples ?? {}) as Record<string, { value?: unknown }>)) {
      if (example?.value !== undefined) checkExample(example.value, schemaPointer, child(place, 'examples', name, 'value'), `example "${name}" of parameter "${String(object.name)}"`);
    }
  };
  const visitResponse = (response: unknown, place: string) => {
    if (typeof response !== 'object' || response === null || isReference(response)) return;
    for (const [type, media] of Object.entries(((response as { content?: object }).content ?? {}) as Record<string, Record<string, unknown>>)) {
      visitMedia(media, child(place, 'content', type), 'response');
    }
  };

  const components = document.components ?? {};
  for (const [name, schema] of Object.entries(components.schemas ?? {})) visitSchema(schema, child('#', 'components', 'schemas', name));
  for (const [name, parameter] of Object.entries(components.parameters ?? {})) visitParameter(parameter, child('#', 'components', 'parameters', name));
  for (const [name, response] of Object.entries(components.responses ?? {})) visitResponse(response, child('#', 'components', 'responses', name));
  for (const [name, body] of Object.entries(components.requestBodies ?? {})) {
    for (const [type, media] of Object.entries(((body as { content?: object }).content ?? {}) as Record<string, Record<string, unknown>>)) {
      visitMedia(media, child('#', 'components', 'requestBodies', name, 'content', type), 'request body');
    }
  }
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const pathItem = (item ?? {}) as Record<string, unknown>;
    ((pathItem.parameters ?? []) as unknown[]).forEach((parameter, index) => visitParameter(parameter, child('#', 'paths', path, 'parameters', index)));
    for (const [method, operation] of Object.entries(pathItem)) {
      if (method === 'parameters' || typeof operation !== 'object' || operation === null) continue;
      const place = child('#', 'paths', path, method);
      const op = operation as Record<string, unknown>;
      ((op.parameters ?? []) as unknown[]).forEach((parameter, index) => visitParameter(parameter, child(place, 'parameters', index)));
      const body = op.requestBody as { content?: Record<string, Record<string, unknown>> } | undefined;
      if (body && !isReference(body)) {
        for (const [type, media] of Object.entries(body.content ?? {})) visitMedia(media, child(place, 'requestBody', 'content', type), 'request body');
      }
      for (const [status, response] of Object.entries((op.responses ?? {}) as Record<string, unknown>)) visitResponse(response, child(place, 'responses', status));
    }
  }
  return problems;
}

/** `#/paths/~1api~1v3~1x/get/...` → `GET /api/v3/x (operationId)`; undefined outside an operation. */
function operationAt(document: OpenApiDocument, place: string): string | undefined {
  const match = /^#\/paths\/([^/]+)\/(get|put|post|delete|patch|options|head|trace)(\/|$)/.exec(place);
  if (!match) return undefined;
  const path = unescapePointer(match[1]!);
  const id = (document.paths?.[path]?.[match[2]!] as { operationId?: string } | undefined)?.operationId;
  return `${match[2]!.toUpperCase()} ${path}${id ? ` (${id})` : ''}`;
}
