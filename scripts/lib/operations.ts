import { compileRules, type RuleSet } from './body-schema.ts';
import {
  HTTP_METHODS,
  resolveRef,
  schemaRefName,
  type MediaTypeObject,
  type OpenApiDocument,
  type OperationObject,
  type ResponseObject,
} from './spec.ts';

/** One operation of the spec, in the normalised form every generator reads. */
export interface OperationModel {
  operationId: string;
  method: Uppercase<(typeof HTTP_METHODS)[number]>;
  path: string;
  summary: string;
  description: string;
  tags: string[];
  /** Alternative security requirements: any one list of scheme names suffices. */
  security: string[][];
  /** The JSON request body, when the operation has one. */
  requestBody?: { required: boolean; schemaName?: string; media: MediaTypeObject; rules: RuleSet };
  /** The 200 JSON response. */
  successResponse: { schemaName?: string; media: MediaTypeObject; description: string };
  /** Other documented responses by HTTP status. */
  responses: Record<string, ResponseObject>;
  /** `x-genauth-retry-safe: true` in the spec: the operation may be retried after an ambiguous failure. */
  retrySafe: boolean;
  operation: OperationObject;
}

/** camelCase: it names a method and a standalone function, and cannot collide with the package's PascalCase exports. */
const IDENTIFIER = /^[a-z][A-Za-z0-9]*$/;

/** Names the hand-written client already uses: an operation with one of them would shadow it. */
const RESERVED_METHOD_NAMES = new Set(['constructor', 'raw', 'setAccessToken', 'call', 'operations', 'toJSON', 'toString', 'valueOf']);

/** Reads every operation of the spec, sorted by operationId so output never depends on key order. */
export function readOperations(document: OpenApiDocument): OperationModel[] {
  const models: OperationModel[] = [];
  const seen = new Map<string, string>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as OperationObject | undefined;
      if (!operation) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const id = operation.operationId;
      if (!id) throw new Error(`${where} has no operationId; every operation needs one to name its client method.`);
      if (!IDENTIFIER.test(id)) throw new Error(`${where}: operationId "${id}" is not a camelCase identifier (letters and digits, starting lowercase).`);
      if (RESERVED_METHOD_NAMES.has(id)) {
        throw new Error(`${where}: operationId "${id}" would shadow AuthenticationClient.${id}; rename the operation.`);
      }
      if (seen.has(id)) throw new Error(`operationId "${id}" is used by both ${seen.get(id)} and ${where}.`);
      seen.set(id, where);
      const parameters = [...((item as { parameters?: unknown[] }).parameters ?? []), ...(operation.parameters ?? [])];
      if (parameters.length > 0) {
        throw new Error(`${where} (${id}) has path, query or header parameters; the client generator supports JSON request bodies only.`);
      }
      models.push(toModel(document, id, method, path, operation, where));
    }
  }
  return models.sort((a, b) => (a.operationId < b.operationId ? -1 : a.operationId > b.operationId ? 1 : 0));
}

function toModel(
  document: OpenApiDocument,
  operationId: string,
  method: (typeof HTTP_METHODS)[number],
  path: string,
  operation: OperationObject,
  where: string,
): OperationModel {
  let requestBody: OperationModel['requestBody'];
  if (operation.requestBody) {
    const body = resolveRef(document, operation.requestBody);
    const media = body.content['application/json'];
    if (!media) throw new Error(`${where} (${operationId}): the request body has no application/json content.`);
    if (!media.schema) throw new Error(`${where} (${operationId}): the request body has no schema.`);
    const rules = compileRules(document, media.schema, `${operationId} request body`);
    requestBody = { required: body.required === true, schemaName: schemaRefName(media.schema), media, rules };
  }
  const responses: Record<string, ResponseObject> = {};
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    responses[status] = resolveRef(document, response);
  }
  const ok = responses['200'];
  const okMedia = ok?.content?.['application/json'];
  if (!ok || !okMedia) throw new Error(`${where} (${operationId}) documents no 200 application/json response.`);
  const security = (operation.security ?? document.security ?? []).map((requirement) => Object.keys(requirement).sort());
  for (const schemes of security) {
    for (const scheme of schemes) {
      if (!document.components?.securitySchemes?.[scheme]) {
        throw new Error(`${where} (${operationId}) requires security scheme "${scheme}", which components.securitySchemes does not define.`);
      }
    }
  }
  return {
    operationId,
    method: method.toUpperCase() as OperationModel['method'],
    path,
    summary: operation.summary ?? operationId,
    description: (operation.description ?? '').trim(),
    tags: operation.tags ?? [],
    security,
    requestBody,
    successResponse: { schemaName: schemaRefName(okMedia.schema), media: okMedia, description: ok.description },
    responses,
    retrySafe: operation['x-genauth-retry-safe'] === true,
    operation,
  };
}

