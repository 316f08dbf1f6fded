import { GenAuthValidationError, type ValidationIssue } from './errors.js';
import type { OperationDefinition, ParameterDefinition } from './operation.js';
import { checkValue } from './validate.js';

/** What one call sends, split out of the method's argument: the path with its query string, header parameters and the body. */
export interface RequestParts {
  /** The operation's path with path parameters filled in (percent-encoded) and the query string appended. */
  target: string;
  /** Header parameters, by lower-case name; undefined when the operation has none set. */
  headers: Record<string, string> | undefined;
  body: unknown;
}

type Input = Record<string, unknown> | undefined;

/** The body the call sends, by the operation's input shape. */
export function bodyOf(operation: OperationDefinition, input: unknown): unknown {
  switch (operation.input) {
    case 'body':
      return input;
    case 'parameters+body':
      return (input as Input)?.body;
    case 'parameters+fields': {
      if (input === undefined || input === null) return operation.bodyRequired ? {} : undefined;
      const fields: Record<string, unknown> = {};
      let any = false;
      for (const [name, value] of Object.entries(input as Record<string, unknown>)) {
        if (operation.parameters.some((parameter) => parameter.name === name)) continue;
        fields[name] = value;
        any = true;
      }
      return any || operation.bodyRequired ? fields : undefined;
    }
    default:
      return undefined;
  }
}

/** Throws GenAuthValidationError naming every problem of the argument against the spec; returns normally when it is valid. */
export function validateInput(operation: OperationDefinition, input: unknown, body: unknown): void {
  const issues: ValidationIssue[] = [];
  if (operation.input === 'body') {
    if (operation.body && (body !== undefined || operation.bodyRequired)) checkValue(body, operation.body, 'body', issues);
  } else if (operation.input !== 'none' || input !== undefined) {
    if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input))) {
      issues.push({ field: 'input', message: 'must be an object of the call parameters' });
    } else {
      const values = (input ?? {}) as Record<string, unknown>;
      for (const parameter of operation.parameters) {
        const value = values[parameter.name];
        const field = `${parameter.in}.${parameter.name}`;
        if (value === undefined) {
          if (parameter.required) issues.push({ field, message: 'is required' });
        } else checkValue(value, parameter.rules, field, issues);
      }
      if (operation.input === 'none' || operation.input === 'parameters' || operation.input === 'parameters+body') {
        for (const name of Object.keys(values)) {
          if (name === 'body' && operation.input === 'parameters+body') continue;
          if (!operation.parameters.some((parameter) => parameter.name === name)) {
            issues.push({ field: name, message: operation.input === 'none' ? 'is not accepted: this operation takes no input' : 'is not a parameter of this operation' });
          }
        }
      }
      if (operation.body && (body !== undefined || operation.bodyRequired)) checkValue(body, operation.body, 'body', issues);
    }
  }
  if (issues.length === 0) return;
  const list = issues.map((issue) => `${issue.field} ${issue.message}`).join('; ');
  throw new GenAuthValidationError(`${operation.operationId}: invalid request, nothing was sent: ${list}.`, { operationId: operation.operationId, issues });
}

function refuse(operation: OperationDefinition, field: string, message: string): never {
  throw new GenAuthValidationError(`${operation.operationId}: invalid request, nothing was sent: ${field} ${message}.`, {
    operationId: operation.operationId,
    issues: [{ field, message }],
  });
}

/** A primitive as text: strings as they are, numbers and booleans by their JSON spelling. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** `simple` style: a primitive, an array as `a,b`, an object as `k,v,k,v`; each item percent-encoded. */
function simple(value: unknown, encode: (item: string) => string): string {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined && item !== null).map((item) => encode(text(item))).join(',');
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .filter(([, item]) => item !== undefined && item !== null)
      .flatMap(([key, item]) => [encode(key), encode(text(item))])
      .join(',');
  }
  return encode(text(value));
}

/** `form` style with `explode`: `k=a&k=b` for an array, `p=1&q=2` for an object; undefined and null are left out. */
function formExplode(name: string, value: unknown, pairs: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) if (item !== undefined && item !== null) pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(text(item))}`);
  } else if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) formExplode(key, item, pairs);
  } else pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(text(value))}`);
}

function pathValue(operation: OperationDefinition, parameter: ParameterDefinition, value: unknown): string {
  const field = `path.${parameter.name}`;
  if (value === undefined || value === null) refuse(operation, field, 'is required');
  const encoded = simple(value, encodeURIComponent);
  // URL parsers resolve `.` and `..` segments (also as %2e): no encoding keeps them from changing the path.
  if (encoded === '' || encoded === '.' || encoded === '..') refuse(operation, field, 'must not be empty, "." or ".."');
  return encoded;
}

/**
 * Fills in the path, builds the query string and collects header parameters. Path values are
 * percent-encoded, so `../admin` or `a/b?c` stays inside its one segment. Runs even with `validate: false`.
 */
export function requestParts(operation: OperationDefinition, input: unknown, body: unknown): RequestParts {
  if (operation.parameters.length === 0) return { target: operation.path, headers: undefined, body };
  const values = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  let target = operation.path;
  const pairs: string[] = [];
  let headers: Record<string, string> | undefined;
  for (const parameter of operation.parameters) {
    const value = values[parameter.name];
    if (parameter.in === 'path') target = target.split(`{${parameter.name}}`).join(pathValue(operation, parameter, value));
    else if (parameter.in === 'query') formExplode(parameter.name, value, pairs);
    else if (value !== undefined && value !== null) (headers ??= {})[parameter.name.toLowerCase()] = simple(value, (item) => item);
  }
  return { target: pairs.length ? `${target}?${pairs.join('&')}` : target, headers, body };
}
