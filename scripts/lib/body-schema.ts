import type { RuleSet } from '../../packages/client/src/core/validate.ts';
import { isReference, resolveRef, type OpenApiDocument, type Reference, type SchemaObject } from './spec.ts';

/** The rules format is defined by the runtime that enforces it. */
export type { RuleSet };

const SUPPORTED = new Set([
  'type', 'nullable', 'enum', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems',
  'items', 'required', 'properties', 'additionalProperties', 'description', 'example', 'examples', 'default',
  'format', 'title', 'readOnly', 'writeOnly', 'deprecated',
]);

/** Compiles a schema (following $refs) into a RuleSet; refuses what the validator cannot enforce, naming it. */
export function compileRules(document: OpenApiDocument, schema: SchemaObject | Reference, where: string, seen: string[] = []): RuleSet {
  if (isReference(schema)) {
    if (seen.includes(schema.$ref)) throw new Error(`${where}: recursive schema ${schema.$ref} is not supported by the request validator.`);
    return compileRules(document, resolveRef(document, schema), where, [...seen, schema.$ref]);
  }
  for (const key of Object.keys(schema)) {
    if (!SUPPORTED.has(key) && !key.startsWith('x-')) {
      throw new Error(`${where}: schema keyword "${key}" is not supported by the request validator.`);
    }
  }
  const rules: { -readonly [K in keyof RuleSet]: RuleSet[K] } = {};
  if (schema.type) rules.type = schema.type as RuleSet['type'];
  if (schema.nullable) rules.nullable = true;
  if (schema.enum) rules.enum = schema.enum as RuleSet['enum'];
  for (const key of ['pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'] as const) {
    const value = (schema as Record<string, unknown>)[key];
    if (value !== undefined) (rules as Record<string, unknown>)[key] = value;
  }
  if (schema.pattern !== undefined) {
    try {
      new RegExp(schema.pattern, 'u');
    } catch {
      throw new Error(`${where}: pattern ${JSON.stringify(schema.pattern)} is not a valid regular expression.`);
    }
  }
  if (schema.items) rules.items = compileRules(document, schema.items, `${where}[]`, seen);
  if (schema.required?.length) rules.required = [...schema.required];
  if (schema.properties) {
    const properties: Record<string, RuleSet> = {};
    for (const name of Object.keys(schema.properties).sort()) {
      properties[name] = compileRules(document, schema.properties[name]!, `${where}.${name}`, seen);
    }
    rules.properties = properties;
  }
  if (schema.additionalProperties === false) rules.additionalProperties = false;
  if (schema['x-genauth-secret'] === true) rules.secret = true;
  return rules;
}
