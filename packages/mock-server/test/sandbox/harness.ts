import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** The spec the sandbox tests run on: the one this package ships. */
export const SANDBOX_SPEC = new URL('../../generated/openapi.yaml', import.meta.url).pathname;

const spec = parse(readFileSync(SANDBOX_SPEC, 'utf8'));

export const ROUTES = {
  sendSms: ['POST', '/api/v3/send-sms'],
  bindPhone: ['POST', '/api/v3/bind-phone'],
  unbindPhone: ['POST', '/api/v3/unbind-phone'],
  verifyUpdatePhoneRequest: ['POST', '/api/v3/verify-update-phone-request'],
  updatePhone: ['POST', '/api/v3/update-phone'],
  getProfile: ['GET', '/api/v3/get-profile'],
} as const;
export type Operation = keyof typeof ROUTES;

export interface Answer {
  operation: Operation;
  status: number;
  headers: Headers;
  body: any;
}

/** One raw HTTP call to an operation, as any client would send it. */
export async function call(baseUrl: string, operation: Operation, input: Record<string, unknown>, token?: string): Promise<Answer> {
  const [method, path] = ROUTES[operation];
  const headers: Record<string, string> = { 'x-authing-app-id': 'sandbox-test-app' };
  if (token !== undefined) headers.authorization = token;
  let url = `${baseUrl}${path}`;
  let body: string | undefined;
  if (method === 'GET') url += `?${new URLSearchParams(Object.entries(input).map(([key, value]) => [key, String(value)]))}`;
  else {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(input);
  }
  const response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  return { operation, status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

function operationOf(operation: Operation): any {
  const [method, path] = ROUTES[operation];
  return spec.paths[path][method.toLowerCase()];
}

function resolve(node: any): any {
  return node?.$ref ? resolve(node.$ref.slice(2).split('/').reduce((parent: any, key: string) => parent[key], spec)) : node;
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'spec', components: spec.components });
const refsToSpec = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"spec#/'));
const compiled = new Map<string, ValidateFunction>();

function validatorFor(schema: unknown, key: string): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) compiled.set(key, (validate = ajv.compile(refsToSpec(schema) as object)));
  return validate;
}

/**
 * What is wrong with an answer by the spec: an undocumented status, a body or header that breaks its
 * schema, or (for an envelope) a statusCode/message that is none of the named examples. Empty when it is fine.
 */
export function specProblems(answer: Answer): string[] {
  const response = resolve(operationOf(answer.operation).responses[String(answer.status)]);
  if (!response) return [`${answer.operation}: HTTP ${answer.status} is not a documented response`];
  const problems: string[] = [];
  const content = response.content['application/json'];
  const validate = validatorFor(content.schema, `${answer.operation} ${answer.status} body`);
  if (!validate(answer.body)) problems.push(`${answer.operation} ${answer.status}: body ${ajv.errorsText(validate.errors)}`);
  const examples = Object.values(content.examples ?? {}).map((example: any) => resolve(example).value);
  if (!examples.some((example: any) => example.statusCode === answer.body?.statusCode && example.message === answer.body?.message && example.apiCode === answer.body?.apiCode)) {
    problems.push(`${answer.operation} ${answer.status}: statusCode ${answer.body?.statusCode} / "${answer.body?.message}" is none of the named examples`);
  }
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    const value = answer.headers.get(name);
    const schema = resolve(header).schema;
    if (value === null) problems.push(`${answer.operation} ${answer.status}: no ${name} header`);
    else if (!validatorFor(schema, `${answer.operation} ${answer.status} ${name}`)(schema.type === 'integer' ? Number(value) : value)) problems.push(`${answer.operation} ${answer.status}: ${name} "${value}" breaks its schema`);
  }
  return problems;
}

/** The name of the documented example an answer is (by HTTP status, statusCode and message). */
export function exampleName(answer: Answer): string | undefined {
  const response = resolve(operationOf(answer.operation).responses[String(answer.status)]);
  const examples = Object.entries(response?.content?.['application/json']?.examples ?? {}) as [string, any][];
  return examples.find(([, example]) => resolve(example).value.statusCode === answer.body?.statusCode && resolve(example).value.message === answer.body?.message)?.[0];
}
