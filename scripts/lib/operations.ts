import type { InputShape, SuccessKind } from '../../packages/client/src/core/operation.ts';
import { compileRules, type Report, type RuleSet } from './body-schema.ts';
import { readParameters, type ParameterModel } from './parameters.ts';
import { child, pointer, ProblemLog } from './spec-problems.ts';
import {
  HTTP_METHODS,
  isReference,
  resolveRef,
  schemaRefName,
  type MediaTypeObject,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
  type Reference,
  type ResponseObject,
  type SchemaObject,
} from './spec.ts';

export type { ParameterModel };

/** One operation of the spec, in the normalised form every generator reads. */
export interface OperationModel {
  operationId: string;
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';
  path: string;
  summary: string;
  description: string;
  tags: string[];
  deprecated: boolean;
  /** Alternative security requirements: any one list of scheme names suffices. */
  security: string[][];
  /** Path, query and header parameters (path-item and operation level merged), in the spec's order. */
  parameters: ParameterModel[];
  /** The JSON request body, when the operation has one. */
  requestBody?: {
    required: boolean;
    schemaName?: string;
    /** The content key read (`application/json`, perhaps with parameters): the generated body type reads the same. */
    mediaType: string;
    media: MediaTypeObject;
    rules: RuleSet;
    /** The body's field names when it is an object with properties: they can sit beside the parameters. */
    fields?: string[];
  };
  /** How the method's one argument holds parameters and body (decided here, carried into the definition). */
  input: InputShape;
  /** The exported type of the argument when it holds parameters (`GetProfileParams`); undefined for `body`. */
  inputTypeName?: string;
  /** Whether the argument may be left out: nothing in it is required. */
  inputOptional: boolean;
  /** The success answer: its status, whether it is the envelope, a plain JSON value, or nothing. */
  successResponse: {
    status: '200' | '201' | '204';
    kind: SuccessKind;
    schemaName?: string;
    /** The JSON content key read and its media object; undefined for an answer without a body. */
    mediaType?: string;
    media?: MediaTypeObject;
    description: string;
  };
  /** Every documented response by HTTP status (success included). */
  responses: Record<string, ResponseObject>;
  /** Safe to repeat after an ambiguous failure: `x-genauth-retry-safe`, else true for GET only. */
  retrySafe: boolean;
  operation: OperationObject;
  /** `#/paths/~1api~1v3~1send-sms/post`. */
  pointer: string;
}

/** camelCase: it names a method and a standalone function, and cannot collide with the package's PascalCase exports. */
const IDENTIFIER = /^[a-z][A-Za-z0-9]*$/;
const SUPPORTED_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);
const SUCCESS_STATUSES = ['200', '201', '204'] as const;

/** Names the hand-written client already uses: an operation with one of them would shadow it. */
const RESERVED_METHOD_NAMES = new Set(['constructor', 'raw', 'setAccessToken', 'call', 'operations', 'toJSON', 'toString', 'valueOf']);

const isJsonMedia = (type: string) => {
  const base = type.split(';')[0]!.trim().toLowerCase();
  return base === 'application/json' || base.endsWith('+json');
};

/** Whether an object's rules require a field, directly or through an `allOf` member. */
const requiresAField = (rules: RuleSet): boolean => (rules.required?.length ?? 0) > 0 || (rules.allOf ?? []).some(requiresAField);

/** The JSON media type of a content map, if any: its key and object. */
function jsonMedia(content: Record<string, MediaTypeObject> | undefined): { mediaType: string; media: MediaTypeObject } | undefined {
  const key = Object.keys(content ?? {}).find(isJsonMedia);
  return key === undefined ? undefined : { mediaType: key, media: content![key]! };
}

/** A schema's properties, through $refs and allOf: what tells an envelope (`statusCode`) and object bodies apart. */
function propertyNames(document: OpenApiDocument, schema: SchemaObject | Reference | undefined, depth = 0): string[] | undefined {
  if (!schema || depth > 16) return undefined;
  let resolved: SchemaObject;
  try {
    resolved = resolveRef(document, schema);
  } catch {
    return undefined;
  }
  if (resolved.oneOf || resolved.anyOf) return undefined;
  const own = Object.keys(resolved.properties ?? {});
  const inherited = (resolved.allOf ?? []).map((member) => propertyNames(document, member, depth + 1));
  if (inherited.some((names) => names === undefined)) return undefined;
  if (own.length === 0 && inherited.length === 0 && resolved.type !== 'object') return undefined;
  return [...new Set([...own, ...inherited.flat() as string[]])];
}

/**
 * Reads every operation of the spec into the model, sorted by operationId so output never depends on
 * key order. Every problem is collected, each with its operation and JSON pointer.
 */
export function analyseOperations(document: OpenApiDocument, log: ProblemLog = new ProblemLog()): { operations: OperationModel[]; log: ProblemLog } {
  const models: OperationModel[] = [];
  const seen = new Map<string, string>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if (typeof item !== 'object' || item === null) continue;
    const pathItem = item as Record<string, unknown> & { parameters?: (ParameterObject | Reference)[] };
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method] as OperationObject | undefined;
      if (!operation) continue;
      const at = pointer('paths', path, method);
      const where = `${method.toUpperCase()} ${path}`;
      const id = operation.operationId;
      const label = id ? `${where} (${id})` : where;
      const report = (place: string, message: string) => log.report(place, message, label);
      if (!SUPPORTED_METHODS.has(method)) {
        report(at, `method ${method.toUpperCase()} is not supported; the client supports GET, POST, PUT, PATCH and DELETE`);
        continue;
      }
      if (!id) {
        report(at, 'the operation has no operationId; every operation needs one to name its client method');
        continue;
      }
      if (!IDENTIFIER.test(id)) report(child(at, 'operationId'), `operationId "${id}" is not a camelCase identifier (letters and digits, starting lowercase)`);
      if (RESERVED_METHOD_NAMES.has(id)) report(child(at, 'operationId'), `operationId "${id}" would shadow AuthenticationClient.${id}; rename the operation`);
      if (seen.has(id)) report(child(at, "operationId"), `operationId "${id}" is used by both ${seen.get(id)} and ${where}`);
      seen.set(id, where);
      const entries = [
        ...(pathItem.parameters ?? []).map((value, index) => ({ value, pointer: pointer('paths', path, 'parameters', index) })),
        ...(operation.parameters ?? []).map((value, index) => ({ value, pointer: child(at, 'parameters', index) })),
      ];
      const parameters = readParameters(document, entries, path, report, at);
      const model = toModel(document, id, method, path, operation, parameters, at, report);
      if (model) models.push(model);
    }
  }
  return { operations: models.sort((a, b) => (a.operationId < b.operationId ? -1 : a.operationId > b.operationId ? 1 : 0)), log };
}

/** The operations of a spec, or an error naming every problem found (operation and JSON pointer for each). */
export function readOperations(document: OpenApiDocument, specLabel = 'The OpenAPI spec'): OperationModel[] {
  const { operations, log } = analyseOperations(document);
  log.throwIfAny(specLabel);
  return operations;
}

function readBody(
  document: OpenApiDocument,
  operation: OperationObject,
  at: string,
  report: Report,
): OperationModel['requestBody'] | undefined {
  if (!operation.requestBody) return undefined;
  let body;
  let bodyAt = child(at, 'requestBody');
  try {
    body = resolveRef(document, operation.requestBody);
    if (isReference(operation.requestBody)) bodyAt = operation.requestBody.$ref;
  } catch (error) {
    report(bodyAt, (error as Error).message);
    return undefined;
  }
  // Exactly application/json (with parameters): the client sends that content type, and the generated body type reads that key.
  const mediaKey = Object.keys(body.content ?? {}).find((type) => type.split(';')[0]!.trim().toLowerCase() === 'application/json');
  const media = mediaKey === undefined ? undefined : body.content[mediaKey];
  if (!media) {
    const types = Object.keys(body.content ?? {});
    report(child(bodyAt, 'content'), `the request body is ${types.length ? types.join(', ') : 'without content'}; the client sends JSON bodies only (application/json)`);
    return undefined;
  }
  if (!media.schema) {
    report(child(bodyAt, 'content'), 'the JSON request body has no schema');
    return undefined;
  }
  const rules = compileRules(document, media.schema, child(bodyAt, 'content', mediaKey!, 'schema'), report);
  const fields = propertyNames(document, media.schema);
  return { required: body.required === true, schemaName: schemaRefName(media.schema), mediaType: mediaKey!, media, rules, fields };
}

function readSuccess(
  document: OpenApiDocument,
  responses: Record<string, ResponseObject>,
  at: string,
  report: Report,
): OperationModel['successResponse'] | undefined {
  const status = SUCCESS_STATUSES.find((candidate) => responses[candidate]);
  const others = Object.keys(responses).filter((code) => /^2/.test(code) && !(SUCCESS_STATUSES as readonly string[]).includes(code));
  if (others.length) report(child(at, 'responses', others[0]!), `success status ${others.join(', ')} is not supported; document 200, 201 or 204`);
  if (!status) {
    report(child(at, 'responses'), 'documents no success response (200, 201 or 204)');
    return undefined;
  }
  const response = responses[status]!;
  const description = (response.description ?? '').trim();
  if (status === '204' || !response.content || Object.keys(response.content).length === 0) {
    return { status, kind: 'empty', description };
  }
  const json = jsonMedia(response.content);
  if (!json) {
    report(child(at, 'responses', status, 'content'), `the ${status} response is ${Object.keys(response.content).join(', ')}; the client reads JSON answers only`);
    return undefined;
  }
  const { mediaType, media } = json;
  const names = propertyNames(document, media.schema);
  const kind: SuccessKind = names?.includes('statusCode') ? 'envelope' : 'json';
  return { status, kind, schemaName: schemaRefName(media.schema), mediaType, media, description };
}

function inputShape(operation: string, parameters: ParameterModel[], body: OperationModel['requestBody'], report: Report): InputShape {
  if (parameters.length === 0) return body ? 'body' : 'none';
  if (!body) return 'parameters';
  if (body.fields && body.fields.length > 0) {
    for (const parameter of parameters) {
      if (body.fields.includes(parameter.name)) {
        report(
          parameter.pointer,
          `${parameter.in} parameter "${parameter.name}" and the request body field "${parameter.name}" of ${operation} would share one name in the method's argument; rename one`,
        );
      }
    }
    return 'parameters+fields';
  }
  const clash = parameters.find((parameter) => parameter.name === 'body');
  if (clash) report(clash.pointer, `${clash.in} parameter "body" clashes with the key that holds the (non-object) request body of ${operation}; rename it`);
  return 'parameters+body';
}

function toModel(
  document: OpenApiDocument,
  operationId: string,
  method: string,
  path: string,
  operation: OperationObject,
  parameters: ParameterModel[],
  at: string,
  report: Report,
): OperationModel | undefined {
  const requestBody = readBody(document, operation, at, report);
  const responses: Record<string, ResponseObject> = {};
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    try {
      responses[status] = resolveRef(document, response);
    } catch (error) {
      report(child(at, 'responses', status), (error as Error).message);
    }
  }
  const successResponse = readSuccess(document, responses, at, report);
  const security = (operation.security ?? document.security ?? []).map((requirement) => Object.keys(requirement).sort());
  for (const schemes of security) {
    for (const scheme of schemes) {
      if (!document.components?.securitySchemes?.[scheme]) {
        report(child(at, 'security'), `requires security scheme "${scheme}", which components.securitySchemes does not define`);
      }
    }
  }
  const input = inputShape(operationId, parameters, requestBody, report);
  if (!successResponse) return undefined;
  const inputTypeName = input === 'body' ? undefined : `${operationId[0]!.toUpperCase()}${operationId.slice(1)}Params`;
  if (inputTypeName && document.components?.schemas?.[inputTypeName]) {
    report(pointer('components', 'schemas', inputTypeName), `schema "${inputTypeName}" has the name of ${operationId}'s generated argument type; rename the schema`);
  }
  const bodyRequiresSomething = requestBody?.required === true && (input !== 'parameters+fields' || requiresAField(requestBody.rules));
  const inputOptional = !parameters.some((parameter) => parameter.required) && !bodyRequiresSomething;
  const retrySafeFlag = operation['x-genauth-retry-safe'];
  return {
    operationId,
    method: method.toUpperCase() as OperationModel['method'],
    path,
    summary: operation.summary ?? operationId,
    description: (operation.description ?? '').trim(),
    tags: operation.tags ?? [],
    deprecated: operation.deprecated === true,
    security,
    parameters,
    requestBody,
    input,
    inputTypeName,
    inputOptional,
    successResponse,
    responses,
    retrySafe: typeof retrySafeFlag === 'boolean' ? retrySafeFlag : method === 'get',
    operation,
    pointer: at,
  };
}
