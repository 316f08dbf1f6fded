import { parameterKey, serialisation } from './parameters.ts';
import { HTTP_METHODS, isReference, schemaRefName, type OpenApiDocument, type OperationObject, type SchemaObject } from './spec.ts';

/** Semver meaning of a spec change for the packages generated from it. */
export type ChangeKind = 'breaking' | 'feature' | 'fix';
export type Bump = 'major' | 'minor' | 'patch' | 'none';

export interface SpecChange {
  kind: ChangeKind;
  /** Where in the API, e.g. `sendSms (POST /api/v3/send-sms) request body` or `schema SendSmsDto.channel`. */
  where: string;
  /** What changed, in words a maintainer and a changelog reader understand. */
  change: string;
}

export const BUMP_OF: Record<ChangeKind, Exclude<Bump, 'none'>> = { breaking: 'major', feature: 'minor', fix: 'patch' };
const BUMP_RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };
const KIND_RANK: Record<ChangeKind, number> = { fix: 0, feature: 1, breaking: 2 };


export function maxBump(...bumps: Bump[]): Bump {
  return bumps.reduce<Bump>((max, bump) => (BUMP_RANK[bump] > BUMP_RANK[max] ? bump : max), 'none');
}

export function bumpCovers(have: Bump, need: Bump): boolean {
  return BUMP_RANK[have] >= BUMP_RANK[need];
}

/** The semver bump a list of changes requires: major for any breaking change, minor for a feature, patch for a fix. */
export function requiredBump(changes: readonly SpecChange[]): Bump {
  return maxBump(...changes.map((change) => BUMP_OF[change.kind]));
}

/** Which way data flows through a schema: sent by the client (request) or read by it (response). */
type Direction = 'request' | 'response';

/** Keys that only document: a change to them is a fix. */
const DOCUMENTATION_KEYS = new Set(['description', 'summary', 'title', 'example', 'examples', 'externalDocs', 'x-enum-descriptions', 'default', 'tags']);
const UPPER_BOUNDS = ['maxLength', 'maximum', 'maxItems', 'maxProperties'] as const;
const LOWER_BOUNDS = ['minLength', 'minimum', 'minItems', 'minProperties'] as const;
const HANDLED_SCHEMA_KEYS = new Set([
  ...DOCUMENTATION_KEYS,
  ...UPPER_BOUNDS,
  ...LOWER_BOUNDS,
  'type',
  'format',
  'nullable',
  'enum',
  'pattern',
  'properties',
  'required',
  'items',
  'additionalProperties',
  'deprecated',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'uniqueItems',
  '$ref',
]);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const show = (value: unknown) => JSON.stringify(value);

interface Context {
  base: OpenApiDocument;
  head: OpenApiDocument;
  changes: SpecChange[];
}

function add(context: Context, kind: ChangeKind, where: string, change: string): void {
  context.changes.push({ kind, where, change });
}

function resolveSchema(document: OpenApiDocument, value: unknown): SchemaObject | undefined {
  let current = value;
  for (let depth = 0; isReference(current) && depth < 32; depth++) {
    const name = schemaRefName(current);
    current = name ? document.components?.schemas?.[name] : undefined;
  }
  return current as SchemaObject | undefined;
}

/**
 * Compares two schemas. A `$ref` to the same named schema on both sides is not descended into: named
 * schemas are compared once, under `schema <Name>`, with the directions they are used in.
 */
function compareSchema(context: Context, base: unknown, head: unknown, where: string, direction: Direction, seen = new Set<string>()): void {
  const baseName = schemaRefName(base);
  const headName = schemaRefName(head);
  if (baseName && baseName === headName) return;
  if ((baseName || headName) && baseName !== headName) {
    add(context, 'breaking', where, `schema changed from ${baseName ?? 'an inline schema'} to ${headName ?? 'an inline schema'} (the exported type name changes)`);
    const key = `${baseName}>${headName}`;
    if (seen.has(key)) return;
    seen.add(key);
  }
  const a = resolveSchema(context.base, base);
  const b = resolveSchema(context.head, head);
  if (!a || !b) {
    if (a && !b) add(context, 'breaking', where, 'schema removed');
    if (!a && b) add(context, direction === 'request' ? 'breaking' : 'feature', where, 'schema added');
    return;
  }
  const request = direction === 'request';

  if (!same(a.type, b.type)) add(context, 'breaking', where, `type changed from ${a.type ?? 'any'} to ${b.type ?? 'any'}`);
  if (!same(a.format, b.format)) add(context, 'breaking', where, `format changed from ${a.format ?? 'none'} to ${b.format ?? 'none'}`);
  if (Boolean(a.nullable) !== Boolean(b.nullable)) {
    const narrowing = request ? !b.nullable : Boolean(b.nullable);
    add(context, narrowing ? 'breaking' : 'feature', where, b.nullable ? 'may now be null' : 'may no longer be null');
  }

  // enum
  if (a.enum && b.enum) {
    for (const value of a.enum) if (!b.enum.some((candidate) => same(candidate, value))) add(context, 'breaking', where, `removed enum value ${show(value)}`);
    for (const value of b.enum) {
      if (!a.enum.some((candidate) => same(candidate, value))) add(context, 'feature', where, `new enum value ${show(value)}${request ? '' : ' in a response'}`);
    }
  } else if (!a.enum && b.enum) {
    add(context, request ? 'breaking' : 'feature', where, `narrowed to the enum ${show(b.enum)}`);
  } else if (a.enum && !b.enum) {
    add(context, request ? 'feature' : 'breaking', where, 'no longer an enum: any value of the type is now allowed');
  }

  // numeric and length bounds, pattern
  const tighter = (key: string, narrowed: boolean, from: unknown, to: unknown) => {
    if (request) add(context, narrowed ? 'breaking' : 'feature', where, `${narrowed ? 'narrowed' : 'widened'}: ${key} ${from ?? 'none'} → ${to ?? 'none'}`);
    else add(context, 'fix', where, `${key} ${from ?? 'none'} → ${to ?? 'none'}`);
  };
  for (const key of UPPER_BOUNDS) {
    const from = a[key as keyof SchemaObject] as number | undefined;
    const to = b[key as keyof SchemaObject] as number | undefined;
    if (from !== to) tighter(key, to !== undefined && (from === undefined || to < from), from, to);
  }
  for (const key of LOWER_BOUNDS) {
    const from = a[key as keyof SchemaObject] as number | undefined;
    const to = b[key as keyof SchemaObject] as number | undefined;
    if (from !== to) tighter(key, to !== undefined && (from === undefined || to > from), from, to);
  }
  for (const key of ['pattern', 'exclusiveMinimum', 'exclusiveMaximum', 'uniqueItems'] as const) {
    const from = (a as Record<string, unknown>)[key];
    const to = (b as Record<string, unknown>)[key];
    if (!same(from, to)) tighter(key, to !== undefined && to !== false, from === undefined ? undefined : show(from), to === undefined ? undefined : show(to));
  }

  // object properties
  const aProps = a.properties ?? {};
  const bProps = b.properties ?? {};
  const aRequired = new Set(a.required ?? []);
  const bRequired = new Set(b.required ?? []);
  for (const name of Object.keys(aProps).sort()) {
    if (!(name in bProps)) add(context, 'breaking', `${where}.${name}`, request ? 'removed request field' : 'removed response field');
  }
  for (const name of Object.keys(bProps).sort()) {
    const path = `${where}.${name}`;
    if (!(name in aProps)) {
      if (request) add(context, bRequired.has(name) ? 'breaking' : 'feature', path, bRequired.has(name) ? 'new required request field' : 'new optional request field');
      else add(context, 'feature', path, `new ${bRequired.has(name) ? '' : 'optional '}response field`);
      continue;
    }
    if (aRequired.has(name) !== bRequired.has(name)) {
      const nowRequired = bRequired.has(name);
      if (request) add(context, nowRequired ? 'breaking' : 'feature', path, nowRequired ? 'request field is now required' : 'request field is now optional');
      else add(context, nowRequired ? 'feature' : 'breaking', path, nowRequired ? 'response field is now always present' : 'response field may now be missing');
    }
    compareSchema(context, aProps[name], bProps[name], path, direction, seen);
  }
  for (const name of [...aRequired, ...bRequired]) {
    if (!(name in aProps) && !(name in bProps) && aRequired.has(name) !== bRequired.has(name)) {
      add(context, request === bRequired.has(name) ? 'breaking' : 'feature', `${where}.${name}`, bRequired.has(name) ? 'now required' : 'no longer required');
    }
  }

  if (a.items || b.items) compareSchema(context, a.items, b.items, `${where}[]`, direction, seen);
  if (!same(a.additionalProperties, b.additionalProperties)) {
    const closed = b.additionalProperties === false;
    if (request) add(context, closed ? 'breaking' : 'feature', where, closed ? 'no longer accepts extra properties' : 'additional properties changed');
    else add(context, closed ? 'feature' : 'breaking', where, closed ? 'no longer returns extra properties' : 'may return additional properties of another shape');
  }
  if (Boolean((a as { deprecated?: boolean }).deprecated) !== Boolean((b as { deprecated?: boolean }).deprecated)) {
    add(context, 'feature', where, (b as { deprecated?: boolean }).deprecated ? 'deprecated' : 'no longer deprecated');
  }
  const docs = [...DOCUMENTATION_KEYS].filter((key) => !same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  if (docs.length) add(context, 'fix', where, `documentation changed (${docs.join(', ')})`);
  const unknown = [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((key) => !HANDLED_SCHEMA_KEYS.has(key) && !same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
    .sort();
  for (const key of unknown) {
    if (key.startsWith('x-')) add(context, 'fix', where, `extension ${key} changed`);
    else add(context, 'breaking', where, `${key} changed (not classified automatically: treated as breaking, review it)`);
  }
}

interface IndexedOperation {
  id: string;
  method: string;
  path: string;
  operation: OperationObject;
  /** Parameters declared on the path item, which every operation of the path inherits. */
  pathParameters: unknown[];
}

function indexOperations(document: OpenApiDocument): Map<string, IndexedOperation> {
  const operations = new Map<string, IndexedOperation>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, unknown>)[method] as OperationObject | undefined;
      if (!operation) continue;
      const id = operation.operationId ?? `${method.toUpperCase()} ${path}`;
      const pathParameters = ((item as { parameters?: unknown[] }).parameters ?? []) as unknown[];
      operations.set(id, { id, method: method.toUpperCase(), path, operation, pathParameters });
    }
  }
  return operations;
}

function resolveObject<T>(document: OpenApiDocument, value: unknown): T | undefined {
  let current = value;
  for (let depth = 0; isReference(current) && depth < 32; depth++) {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
  }
  return current as T | undefined;
}

type Body = { required?: boolean; description?: string; content?: Record<string, { schema?: unknown; example?: unknown; examples?: unknown }> };
type Response = { description?: string; headers?: Record<string, unknown>; content?: Record<string, { schema?: unknown; example?: unknown; examples?: unknown }> };

function compareMedia(context: Context, base: Body['content'], head: Body['content'], where: string, direction: Direction): void {
  const types = [...new Set([...Object.keys(base ?? {}), ...Object.keys(head ?? {})])].sort();
  for (const type of types) {
    const a = base?.[type];
    const b = head?.[type];
    if (a && !b) add(context, 'breaking', where, `no longer ${direction === 'request' ? 'accepts' : 'returns'} ${type}`);
    else if (!a && b) add(context, 'feature', where, `now ${direction === 'request' ? 'accepts' : 'may return'} ${type}`);
    else if (a && b) {
      compareSchema(context, a.schema, b.schema, where, direction);
      if (!same(a.example, b.example) || !same(a.examples, b.examples)) add(context, 'fix', where, `examples changed (${type})`);
    }
  }
}

type Parameter = { name: string; in: string; required?: boolean; deprecated?: boolean; description?: string; schema?: unknown; example?: unknown; examples?: unknown; style?: string; explode?: boolean };

/** A parameter's effective style and explode; a location the client does not serialise keeps what is written. */
function wireFormat(parameter: Parameter): { style?: string; explode?: boolean } {
  const location = parameter.in;
  return location === 'path' || location === 'query' || location === 'header' ? serialisation(parameter, location) : { style: parameter.style, explode: parameter.explode };
}

/** An operation's parameters (path-item level overridden by operation level), by `in:name`. */
function parametersOf(document: OpenApiDocument, operation: IndexedOperation): Map<string, Parameter> {
  const byKey = new Map<string, Parameter>();
  for (const value of [...operation.pathParameters, ...(operation.operation.parameters ?? [])]) {
    const parameter = resolveObject<Parameter>(document, value);
    if (parameter?.name && parameter.in) byKey.set(parameterKey(parameter.in, parameter.name), parameter);
  }
  return byKey;
}

/**
 * Parameters are part of a method's argument: a new required one, a removed one, an optional one made
 * required, a changed serialisation or a narrower schema breaks callers; a new optional one is a feature.
 */
function compareParameters(context: Context, a: IndexedOperation, b: IndexedOperation, where: string): void {
  const base = parametersOf(context.base, a);
  const head = parametersOf(context.head, b);
  for (const key of [...new Set([...base.keys(), ...head.keys()])].sort()) {
    const from = base.get(key);
    const to = head.get(key);
    const label = `${where} ${key.replace(':', ' parameter ')}`;
    if (from && !to) add(context, 'breaking', label, 'parameter removed');
    else if (!from && to) add(context, to.required ? 'breaking' : 'feature', label, to.required ? 'new required parameter' : 'new optional parameter');
    else if (from && to) {
      if (Boolean(from.required) !== Boolean(to.required)) add(context, to.required ? 'breaking' : 'feature', label, to.required ? 'parameter is now required' : 'parameter is now optional');
      // Compared as OpenAPI reads them: writing out a default (style: form, explode: true on a query) changes nothing.
      const [fromWire, toWire] = [wireFormat(from), wireFormat(to)];
      if (fromWire.style !== toWire.style || fromWire.explode !== toWire.explode) add(context, 'breaking', label, 'serialisation (style or explode) changed');
      if (Boolean(from.deprecated) !== Boolean(to.deprecated)) add(context, 'feature', label, to.deprecated ? 'deprecated' : 'no longer deprecated');
      const docs = (['description', 'example', 'examples'] as const).filter((field) => !same(from[field], to[field]));
      if (docs.length) add(context, 'fix', label, `documentation changed (${docs.join(', ')})`);
      compareSchema(context, from.schema, to.schema, label, 'request');
    }
  }
}

function securityOf(document: OpenApiDocument, operation: OperationObject): string[] {
  return (operation.security ?? document.security ?? []).map((requirement) => Object.keys(requirement).sort().join('+')).sort();
}

function compareOperation(context: Context, a: IndexedOperation, b: IndexedOperation): void {
  const where = `${b.id} (${b.method} ${b.path})`;
  const ao = a.operation as unknown as Record<string, unknown>;
  const bo = b.operation as unknown as Record<string, unknown>;
  if (a.method !== b.method || a.path !== b.path) add(context, 'breaking', where, `changed path or method: was ${a.method} ${a.path}`);
  const docKeys = ['summary', 'description', 'tags', 'externalDocs'].filter((key) => !same(ao[key], bo[key]));
  if (docKeys.length) add(context, 'fix', where, `documentation changed (${docKeys.join(', ')})`);
  if (Boolean(ao.deprecated) !== Boolean(bo.deprecated)) {
    add(context, 'feature', where, bo.deprecated ? 'operation deprecated' : 'operation no longer deprecated');
  }
  const aSecurity = securityOf(context.base, a.operation);
  const bSecurity = securityOf(context.head, b.operation);
  if (!same(aSecurity, bSecurity)) {
    const dropped = aSecurity.filter((option) => !bSecurity.includes(option));
    add(context, dropped.length || aSecurity.length === 0 ? 'breaking' : 'feature', where, `security changed from [${aSecurity.join(' | ') || 'none'}] to [${bSecurity.join(' | ') || 'none'}]`);
  }
  compareParameters(context, a, b, where);
  for (const key of Object.keys({ ...a.operation, ...b.operation }).filter((key) => key.startsWith('x-')).sort()) {
    if (!same(ao[key], bo[key])) add(context, 'fix', where, `extension ${key} changed`);
  }

  const aBody = resolveObject<Body>(context.base, a.operation.requestBody);
  const bBody = resolveObject<Body>(context.head, b.operation.requestBody);
  const bodyWhere = `${where} request body`;
  if (aBody && !bBody) add(context, 'breaking', bodyWhere, 'request body removed');
  else if (!aBody && bBody) add(context, bBody.required ? 'breaking' : 'feature', bodyWhere, bBody.required ? 'new required request body' : 'new optional request body');
  else if (aBody && bBody) {
    if (Boolean(aBody.required) !== Boolean(bBody.required)) add(context, bBody.required ? 'breaking' : 'feature', bodyWhere, bBody.required ? 'request body is now required' : 'request body is now optional');
    if (!same(aBody.description, bBody.description)) add(context, 'fix', bodyWhere, 'documentation changed (description)');
    compareMedia(context, aBody.content, bBody.content, bodyWhere, 'request');
  }

  const statuses = [...new Set([...Object.keys(a.operation.responses ?? {}), ...Object.keys(b.operation.responses ?? {})])].sort();
  for (const status of statuses) {
    const aResponse = resolveObject<Response>(context.base, a.operation.responses?.[status]);
    const bResponse = resolveObject<Response>(context.head, b.operation.responses?.[status]);
    const responseWhere = `${where} response ${status}`;
    if (aResponse && !bResponse) add(context, 'breaking', responseWhere, 'documented response removed');
    else if (!aResponse && bResponse) add(context, 'feature', responseWhere, 'new documented response');
    else if (aResponse && bResponse) {
      if (!same(aResponse.description, bResponse.description)) add(context, 'fix', responseWhere, 'documentation changed (description)');
      const headers = [...new Set([...Object.keys(aResponse.headers ?? {}), ...Object.keys(bResponse.headers ?? {})])].sort();
      for (const header of headers) {
        const from = aResponse.headers?.[header];
        const to = bResponse.headers?.[header];
        if (from && !to) add(context, 'breaking', responseWhere, `removed response header ${header}`);
        else if (!from && to) add(context, 'feature', responseWhere, `new response header ${header}`);
        else if (!same(from, to)) add(context, 'fix', responseWhere, `response header ${header} changed`);
      }
      compareMedia(context, aResponse.content, bResponse.content, responseWhere, 'response');
    }
  }
}

/** Named schemas each direction reaches from the operations (request bodies, responses), transitively. */
function schemaUsage(document: OpenApiDocument): Map<string, Set<Direction>> {
  const usage = new Map<string, Set<Direction>>();
  const visit = (value: unknown, direction: Direction): void => {
    if (!value || typeof value !== 'object') return;
    const name = schemaRefName(value);
    if (name) {
      const directions = usage.get(name) ?? new Set<Direction>();
      if (directions.has(direction)) return;
      directions.add(direction);
      usage.set(name, directions);
      visit(document.components?.schemas?.[name], direction);
      return;
    }
    for (const child of Object.values(value)) visit(child, direction);
  };
  for (const indexed of indexOperations(document).values()) {
    const { operation } = indexed;
    for (const parameter of parametersOf(document, indexed).values()) visit(parameter.schema, 'request');
    const body = resolveObject<Body>(document, operation.requestBody);
    for (const media of Object.values(body?.content ?? {})) visit(media.schema, 'request');
    for (const response of Object.values(operation.responses ?? {})) {
      for (const media of Object.values(resolveObject<Response>(document, response)?.content ?? {})) visit(media.schema, 'response');
    }
  }
  return usage;
}

/** Every change between two versions of the spec, classified, sorted breaking → feature → fix, then by place. */
export function diffSpecs(base: OpenApiDocument, head: OpenApiDocument): SpecChange[] {
  const context: Context = { base, head, changes: [] };

  // Operations, matched by operationId; an id that disappears where a new id appears on the same method and path is a rename.
  const baseOps = indexOperations(base);
  const headOps = indexOperations(head);
  const renamedTo = new Set<string>();
  for (const [id, a] of baseOps) {
    const b = headOps.get(id);
    if (b) {
      compareOperation(context, a, b);
      continue;
    }
    const successor = [...headOps.values()].find((candidate) => !baseOps.has(candidate.id) && candidate.method === a.method && candidate.path === a.path);
    if (successor) {
      renamedTo.add(successor.id);
      add(context, 'breaking', `${id} (${a.method} ${a.path})`, `operation renamed to ${successor.id}: the client method ${id} disappears`);
      compareOperation(context, a, successor);
    } else add(context, 'breaking', `${id} (${a.method} ${a.path})`, 'operation removed');
  }
  for (const [id, b] of headOps) if (!baseOps.has(id) && !renamedTo.has(id)) add(context, 'feature', `${id} (${b.method} ${b.path})`, 'new operation');

  // Named schemas (each is an exported type), compared in every direction they are used in.
  const baseSchemas = base.components?.schemas ?? {};
  const headSchemas = head.components?.schemas ?? {};
  const baseUsage = schemaUsage(base);
  const headUsage = schemaUsage(head);
  for (const name of Object.keys(baseSchemas).sort()) {
    if (!(name in headSchemas)) add(context, 'breaking', `schema ${name}`, `schema removed (the exported type ${name} disappears)`);
  }
  for (const name of Object.keys(headSchemas).sort()) {
    if (!(name in baseSchemas)) {
      add(context, 'feature', `schema ${name}`, 'new schema');
      continue;
    }
    const directions = new Set<Direction>([...(baseUsage.get(name) ?? []), ...(headUsage.get(name) ?? [])]);
    if (directions.size === 0) directions.add('request').add('response');
    // A schema used both ways is read both ways; identical findings are merged below.
    for (const direction of directions) compareSchema(context, baseSchemas[name], headSchemas[name], `schema ${name}`, direction);
  }

  // Security schemes, and the documentation around the API.
  const baseSchemes = base.components?.securitySchemes ?? {};
  const headSchemes = head.components?.securitySchemes ?? {};
  for (const name of [...new Set([...Object.keys(baseSchemes), ...Object.keys(headSchemes)])].sort()) {
    const a = baseSchemes[name];
    const b = headSchemes[name];
    if (a && !b) add(context, 'breaking', `security scheme ${name}`, 'removed');
    else if (!a && b) add(context, 'feature', `security scheme ${name}`, 'new security scheme');
    else if (a && b && (a.type !== b.type || a.in !== b.in || a.name !== b.name)) add(context, 'breaking', `security scheme ${name}`, `now sent as ${b.type} ${b.in ?? ''} ${b.name ?? ''}`.trim());
    else if (a && b && !same(a, b)) add(context, 'fix', `security scheme ${name}`, 'documentation changed');
  }
  for (const key of ['info', 'servers', 'tags', 'externalDocs'] as const) {
    if (!same((base as unknown as Record<string, unknown>)[key], (head as unknown as Record<string, unknown>)[key])) add(context, 'fix', key, 'documentation changed');
  }

  const unique = context.changes.filter(
    (change, index, all) => all.findIndex((other) => other.kind === change.kind && other.where === change.where && other.change === change.change) === index,
  );
  return unique.sort((a, b) => KIND_RANK[b.kind] - KIND_RANK[a.kind] || (a.where < b.where ? -1 : a.where > b.where ? 1 : 0) || (a.change < b.change ? -1 : a.change > b.change ? 1 : 0));
}
