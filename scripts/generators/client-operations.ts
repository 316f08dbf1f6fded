import type { RuleSet } from '../lib/body-schema.ts';
import { readOperations, type OperationModel } from '../lib/operations.ts';
import { generatedHeader, type Generator } from './types.ts';

/**
 * The client's operation table and typed methods: adding an operation to the spec and running
 * `pnpm generate` gives `AuthenticationClient` a new method with no hand edits.
 */
export const clientOperations: Generator = {
  name: 'client-operations',
  workspacePackage: '@genauth/client',
  outputDir: 'packages/client/src/generated',
  run(spec, context) {
    const operations = readOperations(spec.document);
    const schemaNames = Object.keys(spec.document.components?.schemas ?? {}).sort();
    const header = generatedHeader(context);
    return [
      { path: `${this.outputDir}/models.gen.ts`, content: header + renderModels(schemaNames) },
      { path: `${this.outputDir}/operations.gen.ts`, content: header + renderOperationTable(operations) },
      { path: `${this.outputDir}/methods.gen.ts`, content: header + renderMethods(operations) },
    ];
  },
};

function renderModels(schemaNames: string[]): string {
  const lines = [
    "import type { components } from './schema.gen.js';",
    '',
    ...schemaNames.map((name) => `export type ${name} = components['schemas'][${JSON.stringify(name)}];`),
    '',
  ];
  return lines.join('\n');
}

function bodyType(operation: OperationModel): string {
  if (!operation.requestBody) return 'undefined';
  if (operation.requestBody.schemaName) return `components['schemas'][${JSON.stringify(operation.requestBody.schemaName)}]`;
  const pathType = `paths[${JSON.stringify(operation.path)}][${JSON.stringify(operation.method.toLowerCase())}]`;
  return `NonNullable<${pathType}['requestBody']>['content']['application/json']`;
}

function responseType(operation: OperationModel): string {
  if (operation.successResponse.schemaName) return `components['schemas'][${JSON.stringify(operation.successResponse.schemaName)}]`;
  const pathType = `paths[${JSON.stringify(operation.path)}][${JSON.stringify(operation.method.toLowerCase())}]`;
  return `${pathType}['responses'][200]['content']['application/json']`;
}

function renderOperationTable(operations: OperationModel[]): string {
  const types = operations.map(
    (op) => `  ${op.operationId}: {\n    body: ${bodyType(op)};\n    response: ${responseType(op)};\n  };`,
  );
  const table = operations.map((op) =>
    [
      `  ${op.operationId}: {`,
      `    operationId: ${JSON.stringify(op.operationId)},`,
      `    method: ${JSON.stringify(op.method)},`,
      `    path: ${JSON.stringify(op.path)},`,
      `    security: ${JSON.stringify(op.security)},`,
      `    requiresAccessToken: ${op.security.length > 0 && op.security.every((schemes) => schemes.includes('accessToken'))},`,
      `    hasBody: ${op.requestBody !== undefined},`,
      `    retrySafe: ${op.retrySafe},`,
      `    body: ${op.requestBody ? renderRules(op.requestBody.rules, '    ') : 'undefined'},`,
      '  },',
    ].join('\n'),
  );
  return [
    "import type { RuleSet } from '../core/validate.js';",
    "import type { components, paths } from './schema.gen.js';",
    '',
    '/** Request body and success envelope of each operation, by operationId. */',
    'export interface OperationTypes {',
    ...types,
    '}',
    '',
    'export type OperationId = keyof OperationTypes;',
    '',
    '/** What the runtime needs to call an operation: read from the spec, never written by hand. */',
    'export interface OperationDefinition {',
    '  readonly operationId: OperationId;',
    "  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';",
    '  readonly path: keyof paths;',
    '  /** Alternative security requirements (scheme names); any one of them suffices. */',
    '  readonly security: readonly (readonly string[])[];',
    '  /** True when every security alternative includes the user access token. */',
    '  readonly requiresAccessToken: boolean;',
    '  readonly hasBody: boolean;',
    '  /** `x-genauth-retry-safe` in the spec: safe to retry after an ambiguous failure. */',
    '  readonly retrySafe: boolean;',
    '  /** Rules of the request body, checked before anything is sent. */',
    '  readonly body: RuleSet | undefined;',
    '}',
    '',
    'export const operations: { readonly [K in OperationId]: OperationDefinition & { readonly operationId: K } } = {',
    ...table,
    '};',
    '',
  ].join('\n');
}

/** A RuleSet as a TypeScript object literal, keys in a fixed order so output is deterministic. */
function renderRules(rules: RuleSet, indent: string): string {
  const entries = Object.entries(rules).map(([key, value]) => {
    if (key === 'properties') {
      const properties = Object.entries(value as Record<string, RuleSet>).map(
        ([name, rule]) => `${indent}    ${JSON.stringify(name)}: ${renderRules(rule, indent + '    ')},`,
      );
      return `${indent}  properties: {\n${properties.join('\n')}\n${indent}  },`;
    }
    if (key === 'items') return `${indent}  items: ${renderRules(value as RuleSet, indent + '  ')},`;
    return `${indent}  ${key}: ${JSON.stringify(value)},`;
  });
  return `{\n${entries.join('\n')}\n${indent}}`;
}

function jsDoc(operation: OperationModel, indent: string): string {
  const text = [operation.summary, '', ...operation.description.split('\n'), '', `\`${operation.method} ${operation.path}\``];
  const body = text.map((line) => `${indent} *${line ? ' ' + line.replace(/\*\//g, '*\\/') : ''}`.trimEnd());
  return [`${indent}/**`, ...body, `${indent} */`].join('\n');
}

function renderMethods(operations: OperationModel[]): string {
  const models = new Set(
    operations.flatMap((op) => [op.requestBody?.schemaName, op.successResponse.schemaName]).filter((name) => name !== undefined),
  );
  const methods = operations.map((op) => {
    const indexed = `OperationTypes[${JSON.stringify(op.operationId)}]`;
    const bodyParam = op.requestBody ? `body: ${op.requestBody.schemaName ?? `${indexed}['body']`}, ` : '';
    const response = op.successResponse.schemaName ?? `${indexed}['response']`;
    const bodyArg = op.requestBody ? 'body' : 'undefined';
    return [
      jsDoc(op, '  '),
      `  ${op.operationId}(${bodyParam}options?: CallOptions): Promise<${response}> {`,
      `    return this.callOperation(${JSON.stringify(op.operationId)}, ${bodyArg}, options);`,
      '  }',
    ].join('\n');
  });
  return [
    "import type { CallOptions } from '../core/call-options.js';",
    ...(models.size ? [`import type { ${[...models].sort().join(', ')} } from './models.gen.js';`] : []),
    "import type { OperationId, OperationTypes } from './operations.gen.js';",
    '',
    '/** One typed method per operation of the spec; `AuthenticationClient` supplies `callOperation`. */',
    'export abstract class AuthenticationApi {',
    '  protected abstract callOperation<K extends OperationId>(',
    '    operationId: K,',
    "    body: OperationTypes[K]['body'],",
    '    options: CallOptions | undefined,',
    "  ): Promise<OperationTypes[K]['response']>;",
    '',
    methods.join('\n\n'),
    '}',
    '',
  ].join('\n');
}
