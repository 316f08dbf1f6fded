import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface Example {
  summary?: string;
  value: { statusCode: number; message: string; apiCode?: number; requestId?: string };
}

const spec = parse(readFileSync(new URL('../../../../openapi/openapi.yaml', import.meta.url), 'utf8'));

function resolve(node: any): any {
  return node?.$ref ? resolve(node.$ref.slice(2).split('/').reduce((n: any, k: string) => n[k], spec)) : node;
}

/** Every named response example the spec documents for an operation, with its HTTP status. */
export function documentedOutcomes(path: string, method = 'post'): { status: number; name: string; example: Example }[] {
  const responses = spec.paths[path][method].responses as Record<string, unknown>;
  return Object.entries(responses).flatMap(([status, response]) =>
    Object.entries((resolve(response).content['application/json'].examples ?? {}) as Record<string, Example>).map(([name, example]) => ({
      status: Number(status),
      name,
      example,
    })),
  );
}
