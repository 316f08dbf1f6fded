import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The parts of an OpenAPI 3.0 document the generators read. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: { url: string; variables?: Record<string, { default: string }> }[];
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, OperationObject | unknown>>;
  components?: {
    schemas?: Record<string, SchemaObject>;
    securitySchemes?: Record<string, { type: string; in?: string; name?: string; description?: string }>;
    responses?: Record<string, ResponseObject | Reference>;
    parameters?: Record<string, ParameterObject | Reference>;
    requestBodies?: Record<string, RequestBodyObject | Reference>;
  };
}

export interface ParameterObject {
  name: string;
  in: string;
  description?: string;
  required?: boolean;
  deprecated?: boolean;
  style?: string;
  explode?: boolean;
  allowReserved?: boolean;
  schema?: SchemaObject | Reference;
  content?: Record<string, MediaTypeObject>;
  example?: unknown;
  examples?: Record<string, { summary?: string; value: unknown }>;
  [extension: `x-${string}`]: unknown;
}

export interface RequestBodyObject {
  description?: string;
  required?: boolean;
  content: Record<string, MediaTypeObject>;
}

export interface Reference {
  $ref: string;
}

export interface SchemaObject {
  type?: string;
  description?: string;
  enum?: unknown[];
  'x-enum-descriptions'?: string[];
  required?: string[];
  properties?: Record<string, SchemaObject | Reference>;
  items?: SchemaObject | Reference;
  example?: unknown;
  default?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  additionalProperties?: boolean | SchemaObject | Reference;
  nullable?: boolean;
  oneOf?: (SchemaObject | Reference)[];
  anyOf?: (SchemaObject | Reference)[];
  allOf?: (SchemaObject | Reference)[];
  readOnly?: boolean;
  writeOnly?: boolean;
  deprecated?: boolean;
  minItems?: number;
  maxItems?: number;
  title?: string;
  [extension: `x-${string}`]: unknown;
}

export interface MediaTypeObject {
  schema?: SchemaObject | Reference;
  example?: unknown;
  examples?: Record<string, { summary?: string; description?: string; value: unknown }>;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  parameters?: (ParameterObject | Reference)[];
  security?: Record<string, string[]>[];
  requestBody?: RequestBodyObject | Reference;
  responses: Record<string, ResponseObject | Reference>;
  [extension: `x-${string}`]: unknown;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface LoadedSpec {
  /** Absolute or repo-relative path the spec was read from. */
  path: string;
  /** The spec file's text, byte for byte. */
  text: string;
  document: OpenApiDocument;
}

export function loadSpec(path: string): LoadedSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the OpenAPI spec at ${path}: ${(error as Error).message}`);
  }
  const document = parse(text) as OpenApiDocument;
  if (!document || typeof document !== 'object' || typeof document.openapi !== 'string') {
    throw new Error(`${path} is not an OpenAPI document (no "openapi" version field).`);
  }
  if (!document.openapi.startsWith('3.0.')) {
    throw new Error(`${path} is OpenAPI ${document.openapi}; the toolchain reads OpenAPI 3.0.x only.`);
  }
  return { path, text, document };
}

export function isReference(value: unknown): value is Reference {
  return typeof value === 'object' && value !== null && typeof (value as Reference).$ref === 'string';
}

/** A JSON pointer segment as written in a `$ref` or a problem's place (`~1` is `/`, `~0` is `~`). */
export const unescapePointer = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * One step of a `$ref`: what it points at in the document. Throws the toolchain's one message for a
 * reference that is not local or points at nothing (the operation model and the whole-spec check both report it).
 */
export function followRef(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`$ref ${ref} is not a local reference (#/...); the toolchain reads one self-contained spec`);
  const target = ref
    .slice(2)
    .split('/')
    .map(unescapePointer)
    .reduce<unknown>((node, key) => (node === undefined || node === null ? undefined : (node as Record<string, unknown>)[key]), document);
  if (target === undefined) throw new Error(`$ref ${ref} points at nothing in the spec`);
  return target;
}

/** Resolves a local `#/...` JSON pointer (through chains of them); refuses anything else with a clear message. */
export function resolveRef<T>(document: OpenApiDocument, value: T | Reference): T {
  let current: unknown = value;
  for (let depth = 0; isReference(current); depth++) {
    if (depth > 32) throw new Error(`Circular $ref chain at ${(value as Reference).$ref}`);
    current = followRef(document, current.$ref);
  }
  return current as T;
}

/** `#/components/schemas/Name` → `Name`; undefined for inline schemas. */
export function schemaRefName(value: unknown): string | undefined {
  if (!isReference(value)) return undefined;
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(value.$ref);
  return match?.[1];
}
