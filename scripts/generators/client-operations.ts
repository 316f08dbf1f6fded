import type { RuleSet } from '../lib/body-schema.ts';
import { readOperations, type OperationModel } from '../lib/operations.ts';
import type { OpenApiDocument } from '../lib/spec.ts';
import { descriptionJsDoc, withTypeDocs } from '../lib/type-docs.ts';
import { generatedHeader, type Generator } from './types.ts';

/**
 * The client's operations: one definition per operation (method, path, security, retry safety, body
 * rules), the `AuthenticationClient` class with one typed method each, and the same operations as
 * standalone functions that a bundler can drop one by one. Adding an operation to the spec and running
 * `pnpm generate` gives the client a new method with no hand edits.
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
      { path: `${this.outputDir}/models.gen.ts`, content: header + renderModels(spec.document, schemaNames) },
      { path: `${this.outputDir}/operations.gen.ts`, content: header + renderOperations(operations) },
      { path: `${this.outputDir}/client.gen.ts`, content: header + renderClientClass(operations) },
      { path: `${this.outputDir}/functions.gen.ts`, content: header + renderFunctions(operations) },
    ];
  },
};

/** One exported alias per named schema, with the schema's description (and an enum's value meanings) as its hover text. */
function renderModels(document: OpenApiDocument, schemaNames: string[]): string {
  const documented = withTypeDocs(document).components?.schemas ?? {};
  return [
    "import type { components } from './schema.gen.js';",
    '',
    ...schemaNames.map((name) => `${descriptionJsDoc(documented[name]?.description)}export type ${name} = components['schemas'][${JSON.stringify(name)}];`),
    '',
  ].join('\n');
}

function pathType(operation: OperationModel): string {
  return `paths[${JSON.stringify(operation.path)}][${JSON.stringify(operation.method.toLowerCase())}]`;
}

function bodyType(operation: OperationModel): string {
  if (!operation.requestBody) return 'undefined';
  if (operation.requestBody.schemaName) return `components['schemas'][${JSON.stringify(operation.requestBody.schemaName)}]`;
  return `NonNullable<${pathType(operation)}['requestBody']>['content']['application/json']`;
}

function responseType(operation: OperationModel): string {
  if (operation.successResponse.schemaName) return `components['schemas'][${JSON.stringify(operation.successResponse.schemaName)}]`;
  return `${pathType(operation)}['responses'][200]['content']['application/json']`;
}

/** A RuleSet as a TypeScript object literal; keys come in the compiler's fixed order, so output is deterministic. */
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

const definitionName = (operation: OperationModel) => `${operation.operationId}Operation`;

function renderOperations(operations: OperationModel[]): string {
  const types = operations.map((op) => `  ${op.operationId}: {\n    body: ${bodyType(op)};\n    response: ${responseType(op)};\n  };`);
  const definitions = operations.map((op) =>
    [
      `/** \`${op.method} ${op.path}\`: ${op.summary.replace(/\*\//g, '*\\/')} */`,
      `export const ${definitionName(op)}: OperationDefinition<${JSON.stringify(op.operationId)}> = {`,
      `  operationId: ${JSON.stringify(op.operationId)},`,
      `  method: ${JSON.stringify(op.method)},`,
      `  path: ${JSON.stringify(op.path)},`,
      `  security: ${JSON.stringify(op.security)},`,
      `  requiresAccessToken: ${op.security.length > 0 && op.security.every((schemes) => schemes.includes('accessToken'))},`,
      `  retrySafe: ${op.retrySafe},`,
      `  body: ${op.requestBody ? renderRules(op.requestBody.rules, '  ') : 'undefined'},`,
      '};',
    ].join('\n'),
  );
  return [
    "import type { OperationDefinition } from '../core/operation.js';",
    "import type { components, paths } from './schema.gen.js';",
    '',
    '/** Request body and success envelope of each operation, by operationId. */',
    'export interface OperationTypes {',
    ...types,
    '}',
    '',
    'export type OperationId = keyof OperationTypes;',
    '',
    definitions.join('\n\n'),
    '',
    '/** Every operation of the spec, by operationId. */',
    'export const operations = {',
    ...operations.map((op) => `  ${op.operationId}: ${definitionName(op)},`),
    '} as const;',
    '',
  ].join('\n');
}

function jsDoc(operation: OperationModel, indent: string, extra: string[] = []): string {
  const text = [operation.summary, '', ...operation.description.split('\n'), '', `\`${operation.method} ${operation.path}\``, ...extra];
  const body = text.map((line) => `${indent} *${line ? ' ' + line.replace(/\*\//g, '*\\/') : ''}`.trimEnd());
  return [`${indent}/**`, ...body, `${indent} */`].join('\n');
}

function signature(operation: OperationModel): { params: string; args: string; response: string } {
  const indexed = `OperationTypes[${JSON.stringify(operation.operationId)}]`;
  const body = operation.requestBody ? `body: ${operation.requestBody.schemaName ?? `${indexed}['body']`}, ` : '';
  return {
    params: `${body}options?: CallOptions`,
    args: `${definitionName(operation)}, ${operation.requestBody ? 'body' : 'undefined'}, options`,
    response: operation.successResponse.schemaName ?? `${indexed}['response']`,
  };
}

function imports(operations: OperationModel[]): string[] {
  const models = [...new Set(operations.flatMap((op) => [op.requestBody?.schemaName, op.successResponse.schemaName]))]
    .filter((name): name is string => name !== undefined)
    .sort();
  const needsTypes = operations.some((op) => !op.requestBody?.schemaName || !op.successResponse.schemaName);
  return [
    "import type { CallOptions } from '../core/call-options.js';",
    ...(models.length ? [`import type { ${models.join(', ')} } from './models.gen.js';`] : []),
    `import { ${operations.map(definitionName).join(', ')}${needsTypes ? ', type OperationTypes' : ''} } from './operations.gen.js';`,
  ];
}

function renderClientClass(operations: OperationModel[]): string {
  const methods = operations.map((op) => {
    const { params, args, response } = signature(op);
    return [jsDoc(op, '  '), `  ${op.operationId}(${params}): Promise<${response}> {`, `    return this.call(${args});`, '  }'].join('\n');
  });
  return [
    "import { GenAuthClient } from '../core/genauth-client.js';",
    ...imports(operations),
    '',
    '/**',
    ' * The GenAuth Authentication API client: one typed method per operation of the spec. A method resolves',
    " * with the response envelope when its `statusCode` is 200 and rejects with a `GenAuthError` otherwise.",
    ' */',
    'export class AuthenticationClient extends GenAuthClient {',
    methods.join('\n\n'),
    '}',
    '',
  ].join('\n');
}

function renderFunctions(operations: OperationModel[]): string {
  const functions = operations.map((op) => {
    const { params, args, response } = signature(op);
    const doc = jsDoc(op, '', ['', `Standalone form of \`AuthenticationClient.${op.operationId}\`: a bundle that imports only this function ships no other operation.`]);
    return [doc, `export function ${op.operationId}(client: GenAuthClient, ${params}): Promise<${response}> {`, `  return client.call(${args});`, '}'].join('\n');
  });
  return ["import type { GenAuthClient } from '../core/genauth-client.js';", ...imports(operations), '', functions.join('\n\n'), ''].join('\n');
}
