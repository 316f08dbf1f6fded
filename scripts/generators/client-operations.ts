import type { RuleSet } from '../lib/body-schema.ts';
import type { OperationModel } from '../lib/operations.ts';
import type { OpenApiDocument } from '../lib/spec.ts';
import { descriptionJsDoc, withTypeDocs } from '../lib/type-docs.ts';
import { generatedHeader, type Generator } from './types.ts';

/**
 * The client's operations: one definition per operation (method, path, parameters, input shape, success
 * kind, security, retry safety, validation rules), the `AuthenticationClient` class with one typed method
 * each, and the same operations as standalone functions that a bundler can drop one by one. Adding an
 * operation to the spec and running `pnpm generate` gives the client a new method with no hand edits.
 */
export const clientOperations: Generator = {
  name: 'client-operations',
  workspacePackage: '@genauth/client',
  outputDir: 'packages/client/src/generated',
  run(spec, context) {
    const { operations } = context;
    const schemaNames = Object.keys(spec.document.components?.schemas ?? {}).sort();
    const header = generatedHeader(context);
    return [
      { path: `${this.outputDir}/models.gen.ts`, content: header + renderModels(spec.document, schemaNames, operations) },
      { path: `${this.outputDir}/operations.gen.ts`, content: header + renderOperations(operations) },
      { path: `${this.outputDir}/client.gen.ts`, content: header + renderClientClass(operations) },
      { path: `${this.outputDir}/functions.gen.ts`, content: header + renderFunctions(operations) },
    ];
  },
};

const quote = JSON.stringify;
const pathType = (operation: OperationModel) => `paths[${quote(operation.path)}][${quote(operation.method.toLowerCase())}]`;

function bodyType(operation: OperationModel): string {
  if (!operation.requestBody) return 'undefined';
  if (operation.requestBody.schemaName) return `components['schemas'][${quote(operation.requestBody.schemaName)}]`;
  return `NonNullable<${pathType(operation)}['requestBody']>['content'][${quote(operation.requestBody.mediaType)}]`;
}

function responseType(operation: OperationModel): string {
  const success = operation.successResponse;
  if (success.kind === 'empty') return 'void';
  if (success.schemaName) return `components['schemas'][${quote(success.schemaName)}]`;
  return `${pathType(operation)}['responses'][${success.status}]['content'][${quote(success.mediaType!)}]`;
}

/** The argument type of an operation with parameters: the parameters by location, then the body's fields or the body. */
function paramsType(operation: OperationModel): string {
  const locations = (['path', 'query', 'header'] as const).filter((location) => operation.parameters.some((parameter) => parameter.in === location));
  const parts = locations.map((location) => `NonNullable<${pathType(operation)}['parameters'][${quote(location)}]>`);
  const body = bodyType(operation);
  if (operation.input === 'parameters+fields') {
    parts.push(operation.requestBody!.required ? body : `(${body} | { [Field in keyof ${body}]?: never })`);
  } else if (operation.input === 'parameters+body') {
    parts.push(`{ body${operation.requestBody!.required ? '' : '?'}: ${body} }`);
  }
  return parts.length ? parts.join(' & ') : 'Record<string, never>';
}

/** One exported alias per named schema, with the schema's description (and an enum's value meanings) as its hover text, and each operation's argument type. */
function renderModels(document: OpenApiDocument, schemaNames: string[], operations: OperationModel[]): string {
  const documented = withTypeDocs(document).components?.schemas ?? {};
  const params = operations
    .filter((operation) => operation.inputTypeName)
    .map((operation) => {
      const what =
        operation.input === 'none'
          ? 'takes no input: pass nothing, or `{}`'
          : operation.input === 'parameters'
            ? 'holds its parameters by name'
            : operation.input === 'parameters+fields'
              ? "holds its parameters and its request body's fields side by side"
              : 'holds its parameters by name and its request body under `body`';
      return [`/** The argument of \`${operation.operationId}\`: it ${what}. */`, `export type ${operation.inputTypeName} = ${paramsType(operation)};`].join('\n');
    });
  const needsPaths = operations.some((operation) => operation.inputTypeName && operation.input !== 'none');
  return [
    `import type { components${needsPaths ? ', paths' : ''} } from './schema.gen.js';`,
    '',
    ...schemaNames.map((name) => `${descriptionJsDoc(documented[name]?.description)}export type ${name} = components['schemas'][${quote(name)}];`),
    ...(params.length ? ['', params.join('\n\n')] : []),
    '',
  ].join('\n');
}

/** A RuleSet as a TypeScript object literal; keys come in the compiler's fixed order, so output is deterministic. */
function renderRules(rules: RuleSet, indent: string): string {
  const entries = Object.entries(rules).map(([key, value]) => {
    if (key === 'properties') {
      const properties = Object.entries(value as Record<string, RuleSet>).map(([name, rule]) => `${indent}    ${quote(name)}: ${renderRules(rule, indent + '    ')},`);
      return `${indent}  properties: {\n${properties.join('\n')}\n${indent}  },`;
    }
    if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) return `${indent}  ${key}: ${renderRules(value as RuleSet, indent + '  ')},`;
    if (key === 'allOf') return `${indent}  allOf: [\n${(value as RuleSet[]).map((member) => `${indent}    ${renderRules(member, indent + '    ')},`).join('\n')}\n${indent}  ],`;
    return `${indent}  ${key}: ${quote(value)},`;
  });
  return entries.length ? `{\n${entries.join('\n')}\n${indent}}` : '{}';
}

const definitionName = (operation: OperationModel) => `${operation.operationId}Operation`;

function inputType(operation: OperationModel): string {
  return operation.inputTypeName ?? (operation.requestBody?.schemaName ?? `OperationTypes[${quote(operation.operationId)}]['body']`);
}

function renderParameters(operation: OperationModel): string {
  if (operation.parameters.length === 0) return '[]';
  const items = operation.parameters.map((parameter) =>
    [
      '    {',
      `      name: ${quote(parameter.name)},`,
      `      in: ${quote(parameter.in)},`,
      `      required: ${parameter.required},`,
      `      rules: ${renderRules(parameter.rules, '      ')},`,
      '    },',
    ].join('\n'),
  );
  return `[\n${items.join('\n')}\n  ]`;
}

function renderOperations(operations: OperationModel[]): string {
  const types = operations.map((op) => {
    const input = op.inputTypeName ? op.inputTypeName : bodyType(op);
    return `  ${op.operationId}: {\n    input: ${input}${op.inputOptional ? ' | undefined' : ''};\n    body: ${bodyType(op)};\n    response: ${responseType(op)};\n  };`;
  });
  const definitions = operations.map((op) =>
    [
      `/** \`${op.method} ${op.path}\`: ${op.summary.replace(/\*\//g, '*\\/')}${op.deprecated ? ' (deprecated)' : ''} */`,
      `export const ${definitionName(op)}: OperationDefinition<${quote(op.operationId)}> = {`,
      `  operationId: ${quote(op.operationId)},`,
      `  method: ${quote(op.method)},`,
      `  path: ${quote(op.path)},`,
      `  security: ${quote(op.security)},`,
      `  requiresAccessToken: ${op.security.length > 0 && op.security.every((schemes) => schemes.includes('accessToken'))},`,
      `  retrySafe: ${op.retrySafe},`,
      `  input: ${quote(op.input)},`,
      `  parameters: ${renderParameters(op)},`,
      `  body: ${op.requestBody ? renderRules(op.requestBody.rules, '  ') : 'undefined'},`,
      `  bodyRequired: ${op.requestBody?.required === true},`,
      `  success: ${quote(op.successResponse.kind)},`,
      '};',
    ].join('\n'),
  );
  const inputNames = [...new Set(operations.map((op) => op.inputTypeName).filter((name): name is string => name !== undefined))].sort();
  return [
    "import type { OperationDefinition } from '../core/operation.js';",
    ...(inputNames.length ? [`import type { ${inputNames.join(', ')} } from './models.gen.js';`] : []),
    `import type { components${types.some((type) => type.includes('paths[')) ? ', paths' : ''} } from './schema.gen.js';`,
    '',
    '/** The argument, request body and success result of each operation, by operationId. */',
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
  const text = [
    operation.summary,
    '',
    ...operation.description.split('\n'),
    '',
    `\`${operation.method} ${operation.path}\``,
    ...extra,
    ...(operation.deprecated ? ['', '@deprecated The spec marks this operation deprecated: it may be removed in a later version of the API.'] : []),
  ];
  const body = text.map((line) => `${indent} *${line ? ' ' + line.replace(/\*\//g, '*\\/') : ''}`.trimEnd());
  return [`${indent}/**`, ...body, `${indent} */`].join('\n');
}

function signature(operation: OperationModel): { params: string; args: string; response: string } {
  const indexed = `OperationTypes[${quote(operation.operationId)}]`;
  const response = operation.successResponse.kind === 'empty' ? 'void' : (operation.successResponse.schemaName ?? `${indexed}['response']`);
  const name = operation.input === 'body' ? 'body' : 'params';
  return {
    params: `${name}${operation.inputOptional ? '?' : ''}: ${inputType(operation)}, options?: CallOptions`,
    args: `${definitionName(operation)}, ${name}, options`,
    response,
  };
}

function imports(operations: OperationModel[]): string[] {
  const models = [
    ...new Set(
      operations.flatMap((op) => [
        op.inputTypeName ?? op.requestBody?.schemaName,
        op.successResponse.kind === 'empty' ? undefined : op.successResponse.schemaName,
      ]),
    ),
  ]
    .filter((name): name is string => name !== undefined)
    .sort();
  const needsTypes = operations.some(
    (op) => (!op.inputTypeName && !op.requestBody?.schemaName) || (op.successResponse.kind !== 'empty' && !op.successResponse.schemaName),
  );
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
    " * with the response envelope when its `statusCode` is 200 (or, for an operation whose answer is not the",
    ' * envelope, with the answer when the HTTP status is 2xx) and rejects with a `GenAuthError` otherwise.',
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
