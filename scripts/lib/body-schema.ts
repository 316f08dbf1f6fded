import type { RuleSet } from '../../packages/client/src/core/validate.ts';
import { child } from './spec-problems.ts';
import { isReference, resolveRef, type OpenApiDocument, type Reference, type SchemaObject } from './spec.ts';

/** The rules format is defined by the runtime that enforces it. */
export type { RuleSet };

/** Keywords the local validator enforces. */
const ENFORCED = new Set([
  'type', 'nullable', 'enum', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems',
  'items', 'required', 'properties', 'additionalProperties', 'allOf',
]);
/** Keywords that say nothing about validity: documentation and annotations. */
const ANNOTATIONS = new Set(['description', 'example', 'examples', 'default', 'format', 'title', 'readOnly', 'writeOnly', 'deprecated', 'externalDocs', 'xml']);
/** OpenAPI 3.0 keywords left to the server on purpose: never checked locally, so a valid value is never refused. */
const LEFT_TO_SERVER = new Set([
  'oneOf', 'anyOf', 'not', 'discriminator', 'multipleOf', 'exclusiveMinimum', 'exclusiveMaximum', 'uniqueItems', 'minProperties', 'maxProperties',
]);
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array']);

export type Report = (pointer: string, message: string) => void;

/**
 * Compiles a request schema (following $refs) into the RuleSet the client enforces before sending.
 * `at` is the schema's JSON pointer in the spec; problems go to `report` with their own pointer, and
 * compilation goes on, so one run names them all. What the validator does not check is marked
 * `unchecked` and accepted: a value valid by the spec is never refused locally.
 */
export function compileRules(document: OpenApiDocument, schema: SchemaObject | Reference, at: string, report: Report, seen: string[] = []): RuleSet {
  if (isReference(schema)) {
    if (seen.includes(schema.$ref)) return { unchecked: `recursive ${schema.$ref}` };
    let target: SchemaObject;
    try {
      target = resolveRef<SchemaObject>(document, schema);
    } catch (error) {
      report(child(at, '$ref'), (error as Error).message);
      return {};
    }
    return compileRules(document, target, schema.$ref, report, [...seen, schema.$ref]);
  }
  if (typeof schema !== 'object' || schema === null) {
    report(at, 'is not a schema object');
    return {};
  }
  const unchecked: string[] = [];
  for (const key of Object.keys(schema)) {
    if (ENFORCED.has(key) || ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    if (LEFT_TO_SERVER.has(key)) unchecked.push(key);
    else report(child(at, key), `"${key}" is not an OpenAPI 3.0 schema keyword`);
  }
  const rules: { -readonly [K in keyof RuleSet]: RuleSet[K] } = {};
  if (schema.type !== undefined) {
    if (TYPES.has(schema.type)) rules.type = schema.type as RuleSet['type'];
    else report(child(at, 'type'), `type "${schema.type}" is not one of ${[...TYPES].join(', ')}`);
  }
  if (schema.nullable) rules.nullable = true;
  if (schema.enum !== undefined) {
    if (!Array.isArray(schema.enum) || schema.enum.length === 0) report(child(at, 'enum'), 'enum must be a non-empty list');
    else rules.enum = schema.enum.filter((value) => value !== null) as unknown as RuleSet["enum"];
    if (Array.isArray(schema.enum) && schema.enum.includes(null)) rules.nullable = true;
  }
  for (const key of ['pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'] as const) {
    const value = (schema as Record<string, unknown>)[key];
    if (value !== undefined) (rules as Record<string, unknown>)[key] = value;
  }
  if (schema.pattern !== undefined) {
    try {
      new RegExp(schema.pattern, 'u');
    } catch {
      report(child(at, 'pattern'), `pattern ${JSON.stringify(schema.pattern)} is not a valid regular expression`);
      delete rules.pattern;
    }
  }
  if (schema.items) rules.items = compileRules(document, schema.items, child(at, 'items'), report, seen);
  if (schema.properties) {
    const properties: Record<string, RuleSet> = {};
    for (const name of Object.keys(schema.properties).sort()) {
      properties[name] = compileRules(document, schema.properties[name]!, child(at, 'properties', name), report, seen);
    }
    rules.properties = properties;
  }
  if (schema.required?.length) {
    // A required readOnly property is required in answers only (OpenAPI 3.0): a request need not send it.
    const readOnly = (name: string) => {
      const property = schema.properties?.[name];
      try {
        return property !== undefined && resolveRef(document, property).readOnly === true;
      } catch {
        return false;
      }
    };
    const required = schema.required.filter((name) => !readOnly(name));
    if (required.length) rules.required = required;
  }
  if (schema.additionalProperties === false) rules.additionalProperties = false;
  else if (typeof schema.additionalProperties === 'object') {
    rules.additionalProperties = compileRules(document, schema.additionalProperties, child(at, 'additionalProperties'), report, seen);
  }
  if (schema.allOf) {
    // Each member must hold; a member's `additionalProperties: false` is dropped, since the others add fields.
    rules.allOf = schema.allOf.map((member, index) => {
      const { additionalProperties, ...rest } = compileRules(document, member, child(at, 'allOf', index), report, seen);
      return additionalProperties === false ? rest : { ...rest, ...(additionalProperties ? { additionalProperties } : {}) };
    });
  }
  if (unchecked.length) rules.unchecked = unchecked.sort().join(', ');
  if (schema['x-genauth-secret'] === true) rules.secret = true;
  return rules;
}
