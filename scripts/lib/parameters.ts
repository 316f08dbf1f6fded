import type { ParameterLocation } from '../../packages/client/src/core/operation.ts';
import { compileRules, type Report, type RuleSet } from './body-schema.ts';
import { child } from './spec-problems.ts';
import { isReference, resolveRef, type OpenApiDocument, type ParameterObject, type Reference, type SchemaObject } from './spec.ts';

/** One path, query or header parameter of an operation, normalised. */
export interface ParameterModel {
  name: string;
  in: ParameterLocation;
  required: boolean;
  deprecated: boolean;
  description: string;
  schema: SchemaObject | Reference;
  /** The parameter's example (its own, its first named one, or its schema's). */
  example: unknown;
  rules: RuleSet;
  /** Where the parameter is defined in the spec. */
  pointer: string;
}

/** The only serialisation each location supports: the OpenAPI 3.0 default. */
const DEFAULT_STYLE: Record<ParameterLocation, string> = { path: 'simple', query: 'form', header: 'simple' };

/**
 * What makes a parameter one parameter: its location and name (OpenAPI 3.0), the name case-insensitive for
 * headers only (HTTP header names are; query and path names are not). An operation-level one replaces a path-level one with the same key.
 */
export function parameterKey(location: string, name: string): string {
  return `${location}:${location === 'header' ? name.toLowerCase() : name}`;
}

/** A parameter's serialisation as OpenAPI 3.0 reads it: the style written or the default of its location, and explode (default: true for form). */
export function serialisation(parameter: { style?: string; explode?: boolean }, location: ParameterLocation): { style: string; explode: boolean } {
  const style = parameter.style ?? DEFAULT_STYLE[location];
  return { style, explode: parameter.explode ?? style === 'form' };
}
/** Headers the client sets itself: a parameter may not set them. */
const CLIENT_HEADERS = new Set(['authorization', 'x-authing-app-id', 'content-type', 'content-length', 'accept', 'host', 'transfer-encoding', 'connection']);
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;


/**
 * The parameters of an operation: path-item level first, overridden by operation level entries with the
 * same name and location (OpenAPI 3.0). Anything the client cannot send as the spec says is reported.
 */
export function readParameters(
  document: OpenApiDocument,
  entries: { value: ParameterObject | Reference; pointer: string }[],
  path: string,
  report: Report,
  /** The operation's own pointer: where a problem of the whole operation (a placeholder without its parameter) is reported. */
  operationAt: string,
): ParameterModel[] {
  const byKey = new Map<string, ParameterModel>();
  for (const { value, pointer: at } of entries) {
    let parameter: ParameterObject;
    let where = at;
    try {
      parameter = resolveRef(document, value);
      if (isReference(value)) where = value.$ref;
    } catch (error) {
      report(at, (error as Error).message);
      continue;
    }
    const model = readParameter(document, parameter, where, report);
    if (model) byKey.set(parameterKey(model.in, model.name), model);
  }
  const parameters = [...byKey.values()];
  const placeholders = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  for (const name of placeholders) {
    if (!parameters.some((parameter) => parameter.in === 'path' && parameter.name === name)) {
      report(operationAt, `the path has {${name}} but no path parameter "${name}" is defined`);
    }
  }
  for (const parameter of parameters) {
    if (parameter.in === 'path' && !placeholders.includes(parameter.name)) {
      report(parameter.pointer, `path parameter "${parameter.name}" does not appear in the path ${path}`);
    }
  }
  const seen = new Map<string, ParameterModel>();
  for (const parameter of parameters) {
    const other = seen.get(parameter.name);
    if (other) {
      report(parameter.pointer, `${parameter.in} parameter "${parameter.name}" and ${other.in} parameter "${other.name}" (${other.pointer}) would share one name in the method's argument; rename one`);
    } else seen.set(parameter.name, parameter);
  }
  return parameters;
}

function readParameter(document: OpenApiDocument, parameter: ParameterObject, at: string, report: Report): ParameterModel | undefined {
  const location = parameter.in;
  if (typeof parameter.name !== 'string' || parameter.name === '') {
    report(at, 'the parameter has no name');
    return undefined;
  }
  if (location === 'cookie') {
    report(at, `cookie parameter "${parameter.name}" is not supported: the client sends no cookies (browsers manage them)`);
    return undefined;
  }
  if (location !== 'path' && location !== 'query' && location !== 'header') {
    report(child(at, 'in'), `parameter "${parameter.name}" is in "${String(location)}"; it must be in path, query or header`);
    return undefined;
  }
  let ok = true;
  const { style, explode } = serialisation(parameter, location);
  if (style !== DEFAULT_STYLE[location] || explode !== (location === 'query')) {
    report(
      child(at, parameter.style !== undefined ? 'style' : 'explode'),
      `${location} parameter "${parameter.name}" uses style ${style} with explode ${explode}, which the client cannot serialise; it supports the OpenAPI 3.0 default (${DEFAULT_STYLE[location]}${location === 'query' ? ' with explode' : ''})`,
    );
    ok = false;
  }
  if (parameter.content) {
    report(child(at, 'content'), `parameter "${parameter.name}" is described with content (a media type); the client supports parameters with a schema`);
    ok = false;
  }
  if (!parameter.schema && !parameter.content) {
    report(at, `parameter "${parameter.name}" has no schema`);
    ok = false;
  }
  if (location === 'path' && parameter.required !== true) {
    report(child(at, 'required'), `path parameter "${parameter.name}" must be required: true`);
  }
  if (location === 'header') {
    if (!HEADER_NAME.test(parameter.name)) report(child(at, 'name'), `header parameter "${parameter.name}" is not a valid HTTP header name`);
    else if (CLIENT_HEADERS.has(parameter.name.toLowerCase())) {
      report(child(at, 'name'), `header parameter "${parameter.name}" is set by the client itself (credentials, framing and content headers); remove it from the parameters`);
    }
  }
  if (!ok || !parameter.schema) return undefined;
  const rules = compileRules(document, parameter.schema, child(at, 'schema'), report);
  if (parameter['x-genauth-secret'] === true) rules.secret = true;
  let schemaExample: unknown;
  try {
    schemaExample = resolveRef(document, parameter.schema).example;
  } catch {
    schemaExample = undefined;
  }
  return {
    name: parameter.name,
    in: location,
    required: parameter.required === true,
    deprecated: parameter.deprecated === true,
    description: (parameter.description ?? '').trim(),
    schema: parameter.schema,
    example: parameter.example ?? Object.values(parameter.examples ?? {})[0]?.value ?? schemaExample,
    rules,
    pointer: at,
  };
}
