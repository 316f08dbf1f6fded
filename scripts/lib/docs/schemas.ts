import { isReference, resolveRef, schemaRefName, type OpenApiDocument, type Reference, type SchemaObject } from '../spec.ts';
import type { OperationModel } from '../operations.ts';
import { schemaAnchor } from './markdown.ts';

type SchemaOrRef = SchemaObject | Reference;

/** The schemas nested directly in a schema: properties, array items, map values, compositions. */
function children(schema: SchemaObject): SchemaOrRef[] {
  const nested: SchemaOrRef[] = [...Object.values(schema.properties ?? {})];
  if (schema.items) nested.push(schema.items);
  if (typeof schema.additionalProperties === 'object') nested.push(schema.additionalProperties);
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    const list = (schema as Record<string, unknown>)[key];
    if (Array.isArray(list)) nested.push(...(list as SchemaOrRef[]));
  }
  return nested;
}

/**
 * Every named schema (`#/components/schemas/*`) an operation reaches through its request body and
 * its documented responses, in the order a reader meets them: request first, then the success
 * response, then the other responses; nested schemas right after the schema that uses them.
 */
export function reachableSchemaNames(document: OpenApiDocument, operation: OperationModel): string[] {
  const names: string[] = [];
  const visit = (value: SchemaOrRef | undefined, trail: Set<SchemaObject>) => {
    if (!value) return;
    const name = schemaRefName(value);
    if (name) {
      if (names.includes(name)) return;
      names.push(name);
    }
    const schema = resolveRef(document, value);
    if (trail.has(schema)) return;
    const next = new Set(trail).add(schema);
    for (const child of children(schema)) visit(child, next);
  };
  for (const parameter of operation.parameters) visit(parameter.schema, new Set());
  visit(operation.requestBody?.media.schema, new Set());
  visit(operation.successResponse.media?.schema, new Set());
  for (const status of Object.keys(operation.responses).sort()) {
    for (const media of Object.values(operation.responses[status]?.content ?? {})) visit(media.schema, new Set());
  }
  return names;
}

/** The Type column: a link to the Data Structure section for a named schema, else the JSON type, as TypeScript would say it. */
export function typeLabel(document: OpenApiDocument, value: SchemaOrRef): string {
  const name = schemaRefName(value);
  if (name) return `[${name}](${schemaAnchor(name)})`;
  if (isReference(value)) return typeLabel(document, resolveRef(document, value));
  const schema = value;
  const nullable = schema.nullable ? ' \\| null' : '';
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (schema[key]) return schema[key]!.map((member) => typeLabel(document, member)).join(' \\| ') + nullable;
  }
  if (schema.allOf) return schema.allOf.map((member) => typeLabel(document, member)).join(' & ') + nullable;
  if (schema.type === 'array') return (schema.items ? `${typeLabel(document, schema.items)}[]` : 'array') + nullable;
  if ((schema.type === 'object' || schema.type === undefined) && !schema.properties) {
    const values = schema.additionalProperties;
    if (typeof values === 'object') return `Record<string, ${typeLabel(document, values)}>` + nullable;
    return 'object' + nullable;
  }
  return (schema.type ?? 'object') + (schema.format ? ` (${schema.format})` : '') + nullable;
}

/** The schema's `example`, following a `$ref` (an enum property shows its enum's example). */
export function schemaExample(document: OpenApiDocument, value: SchemaOrRef): unknown {
  return resolveRef(document, value).example;
}

const characters = (count: number) => `${count} character${count === 1 ? '' : 's'}`;

/** The property's description; for a `$ref` property, the referenced schema's. Constraints appended. */
export function describeProperty(document: OpenApiDocument, value: SchemaOrRef, own?: { description?: string; deprecated?: boolean }): string {
  const schema = resolveRef(document, value);
  const parts = [own?.description || (isReference(value) ? '' : value.description) || schema.description || '-'];
  if (own?.deprecated || schema.deprecated) parts.unshift('**Deprecated.**');
  if (schema.readOnly) parts.push('Read-only: sent by the server, never accepted in a request.');
  if (schema.writeOnly) parts.push('Write-only: accepted in a request, never returned.');
  if (schema.minLength !== undefined && schema.maxLength !== undefined) parts.push(`Length ${schema.minLength} to ${schema.maxLength}.`);
  else if (schema.minLength !== undefined) parts.push(`At least ${characters(schema.minLength)}.`);
  else if (schema.maxLength !== undefined) parts.push(`At most ${characters(schema.maxLength)}.`);
  if (schema.pattern !== undefined) parts.push(`Pattern: \`${schema.pattern}\`.`);
  if (schema.minimum !== undefined || schema.maximum !== undefined) {
    parts.push(schema.minimum !== undefined && schema.maximum !== undefined ? `From ${schema.minimum} to ${schema.maximum}.` : schema.minimum !== undefined ? `At least ${schema.minimum}.` : `At most ${schema.maximum}.`);
  }
  if (schema.enum && !schemaRefName(value)) {
    const meanings = schema['x-enum-descriptions'] ?? [];
    parts.push(`One of: ${schema.enum.map((item, index) => `\`${String(item)}\`${meanings[index] ? ` (${meanings[index]})` : ''}`).join(', ')}.`);
  }
  return parts.join(' ');
}

export interface PropertyRow {
  name: string;
  schema: SchemaOrRef;
  required: boolean;
}

/** An object schema's properties, required ones first, each group in the spec's order. */
export function propertyRows(document: OpenApiDocument, value: SchemaOrRef): PropertyRow[] {
  const schema = resolveRef(document, value);
  const required = new Set(schema.required ?? []);
  const rows = Object.entries(schema.properties ?? {}).map(([name, property]) => ({ name, schema: property, required: required.has(name) }));
  return [...rows.filter((row) => row.required), ...rows.filter((row) => !row.required)];
}
