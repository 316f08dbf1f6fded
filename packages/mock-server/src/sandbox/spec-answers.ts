import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ANSWERS } from './rules.js';

/** One documented response of the spec: its HTTP status, headers (their examples) and a named example body. */
export interface DocumentedAnswer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

type Node = Record<string, any>;

/**
 * The spec's operations and their named response examples, read once at start. The sandbox answers only
 * with these, so it cannot say anything the spec does not document.
 */
export class SpecAnswers {
  private readonly operations = new Map<string, { operationId: string; responses: Node }>();

  constructor(private readonly spec: Node) {
    for (const [path, item] of Object.entries((spec.paths ?? {}) as Node)) {
      for (const [method, operation] of Object.entries(item as Node)) {
        if (operation && typeof operation === 'object' && typeof operation.operationId === 'string') {
          this.operations.set(`${method.toUpperCase()} ${path}`, { operationId: operation.operationId, responses: operation.responses ?? {} });
        }
      }
    }
  }

  static load(specPath: string): SpecAnswers {
    return new SpecAnswers(parse(readFileSync(specPath, 'utf8')) as Node);
  }

  /** The operationId served at `method path` (exact path: the spec has no path parameters here), if any. */
  operationAt(method: string, path: string): string | undefined {
    return this.operations.get(`${method.toUpperCase()} ${path}`)?.operationId;
  }

  paths(): string[] {
    return Object.keys(this.spec.paths ?? {});
  }

  /** `operationId → HTTP status → example name` for every case of the rules table the spec does not document. */
  missing(): string[] {
    const problems: string[] = [];
    for (const [operationId, cases] of Object.entries(ANSWERS)) {
      for (const [status, example] of Object.values(cases as Record<string, readonly [number, string]>)) {
        if (!this.find(operationId, status, example)) problems.push(`${operationId}: no ${status} response with an example named "${example}"`);
      }
    }
    return problems;
  }

  answer(operationId: string, status: number, example: string): DocumentedAnswer {
    const found = this.find(operationId, status, example);
    if (!found) throw new Error(`sandbox: the spec documents no ${status} answer "${example}" for ${operationId}`);
    return found;
  }

  private find(operationId: string, status: number, example: string): DocumentedAnswer | undefined {
    const operation = [...this.operations.values()].find((candidate) => candidate.operationId === operationId);
    if (!operation) return undefined;
    const response = this.resolve(operation.responses[String(status)]);
    const value = this.resolve(response?.content?.['application/json']?.examples?.[example])?.value;
    if (!value || typeof value !== 'object') return undefined;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    for (const [name, header] of Object.entries((response.headers ?? {}) as Node)) {
      const resolved = this.resolve(header);
      const sample = resolved?.example ?? resolved?.schema?.example;
      if (sample !== undefined) headers[name.toLowerCase()] = String(sample);
    }
    return { status, headers, body: structuredClone(value) };
  }

  private resolve(node: any): any {
    let current = node;
    for (let depth = 0; current?.$ref && depth < 20; depth++) {
      current = String(current.$ref)
        .replace(/^#\//, '')
        .split('/')
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce((parent: any, key) => parent?.[key], this.spec);
    }
    return current;
  }
}
