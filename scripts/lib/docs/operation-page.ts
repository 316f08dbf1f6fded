import type { OperationModel } from '../operations.ts';
import { resolveRef, type OpenApiDocument, type SchemaObject } from '../spec.ts';
import { sampleInput, successExample, type SampleInput } from './examples.ts';
import { cell, code, fence, kebabCase, schemaAnchor, table, widthHeader } from './markdown.ts';
import { errorsSection } from './errors-section.ts';
import { INSTALL_COMMAND, credentialsNote, curlSample, sampleConstants, typescriptSample } from './samples.ts';
import { describeProperty, propertyRows, reachableSchemaNames, schemaExample, typeLabel } from './schemas.ts';

/** The class whose methods the pages document: the real one exported by @genauth/client. */
export const CLIENT_CLASS = 'AuthenticationClient';

/** The page's sections, in the vendor's order (`## ` headings). */
export const PAGE_SECTIONS = ['Method Name', 'Request Parameters', 'Sample Code', 'Request Response', 'Data Structure'] as const;

function requestParameters(document: OpenApiDocument, operation: OperationModel, input: SampleInput): string {
  const argument = (typeof input.argument === 'object' && input.argument !== null ? input.argument : {}) as Record<string, unknown>;
  const parameterRows = operation.parameters.map((parameter) => [
    // Path, query and header parameters say where they go; body fields are unmarked, as on the vendor's pages.
    `${parameter.name} (${parameter.in})`,
    typeLabel(document, parameter.schema),
    parameter.required ? 'Yes' : 'No',
    code(resolveRef(document, parameter.schema).default),
    cell(describeProperty(document, parameter.schema, { description: parameter.description, deprecated: parameter.deprecated })),
    code(argument[parameter.name] ?? parameter.example),
  ]);
  const schema = operation.requestBody?.media.schema;
  let bodyRows: string[][] = [];
  if (schema && (operation.input === 'body' || operation.input === 'parameters+fields') && operation.requestBody!.fields) {
    const body = (operation.input === 'body' ? input.argument : argument) as Record<string, unknown> | undefined;
    bodyRows = propertyRows(document, schema).map((row) => {
      const property = resolveRef(document, row.schema);
      return [
        row.name,
        typeLabel(document, row.schema),
        row.required && operation.requestBody!.required ? 'Yes' : 'No',
        code(property.default),
        cell(describeProperty(document, row.schema)),
        code(body?.[row.name] ?? schemaExample(document, row.schema)),
      ];
    });
  } else if (schema) {
    const key = operation.input === 'parameters+body' ? 'body' : '(the argument)';
    bodyRows = [[key, typeLabel(document, schema), operation.requestBody!.required ? 'Yes' : 'No', '-', cell(describeProperty(document, schema)), code(input.request.body)]];
  }
  const rows = [...parameterRows, ...bodyRows];
  if (rows.length === 0) return 'This method takes no parameters.';
  const headers = ['Name', 'Type', widthHeader('Is it required', 80), widthHeader('Default Value', 60), widthHeader('Description', 300), widthHeader('Example Value', 200)];
  const placement = { path: '(path) in the URL path', query: '(query) in the query string', header: '(header) in a request header' } as const;
  const places: string[] = (['path', 'query', 'header'] as const).filter((location) => operation.parameters.some((parameter) => parameter.in === location)).map((location) => placement[location]);
  if (operation.requestBody) places.push(operation.input === 'parameters+body' ? '`body` as the JSON body' : 'the others in the JSON body');
  const where = operation.parameters.length > 0 ? `\n\nAll of them go in the method's one argument; the client sends each where the API expects it: ${places.join(', ')}.` : '';
  return table(headers, rows) + where;
}

/**
 * The page's two samples, as source text (the page fences them). The HTML reference shows the same text (its
 * `x-codeSamples`), so the page and the reference cannot differ.
 */
export function operationSamples(document: OpenApiDocument, operation: OperationModel, input = sampleInput(document, operation)): { typescript: string; curl: string } {
  return { typescript: typescriptSample(document, operation, input), curl: curlSample(document, operation, input) };
}

function sampleCode(document: OpenApiDocument, operation: OperationModel, input: SampleInput): string {
  const samples = operationSamples(document, operation, input);
  const constants = sampleConstants(document, operation).map((name) => `\`${name}\``);
  const token = constants.length > 2 ? " and the signed-in user's access token" : '';
  return [
    'Install the client:',
    '',
    fence('bash', INSTALL_COMMAND),
    '',
    `Both samples send the same request. Replace ${constants.slice(0, -1).join(', ')} and ${constants.at(-1)} at the top with your application's host and ID (GenAuth console)${token}. ${credentialsNote(document, operation)}`,
    '',
    '### TypeScript (`@genauth/client`)',
    '',
    fence('ts', samples.typescript),
    '',
    '### curl',
    '',
    fence('sh', samples.curl),
  ].join('\n');
}

function requestResponse(document: OpenApiDocument, operation: OperationModel, input: SampleInput): string {
  const { schemaName, media, description, kind, status } = operation.successResponse;
  if (kind === 'empty') {
    return [`The answer has no body (HTTP ${status}): the method resolves with \`undefined\` once the server answers with a 2xx status.`, '', description.trim(), '', 'Error Results：', '', errorsSection(document, operation, input)].join('\n');
  }
  const schema = media?.schema;
  const rows = schema
    ? propertyRows(document, schema).map((row) => [row.name, typeLabel(document, row.schema), cell(describeProperty(document, row.schema))])
    : [];
  const success =
    kind === 'envelope'
      ? 'The method resolves with this envelope when its `statusCode` is 200, and throws otherwise.'
      : `This answer is not the GenAuth envelope: the method resolves with it as it is when the HTTP status is 2xx, and throws otherwise.`;
  return [
    `Type： ${schemaName ? `[\`${schemaName}\`](${schemaAnchor(schemaName)})` : schema ? `\`${typeLabel(document, schema).replace(/\\\|/g, '|')}\`` : '`object`'}`,
    '',
    description.trim(),
    '',
    success,
    '',
    ...(rows.length ? [table(['Name', 'Type', 'Description'], rows), ''] : []),
    'Example Results：',
    '',
    fence('json', JSON.stringify(successExample(operation), null, 2)),
    '',
    'Error Results：',
    '',
    errorsSection(document, operation, input),
  ].join('\n');
}

function dataStructure(document: OpenApiDocument, name: string): string {
  const schema = document.components!.schemas![name] as SchemaObject;
  const lines = [`### ${name}`, ''];
  if (schema.description) lines.push(schema.description.trim(), '');
  if (schema.enum) {
    const meanings = schema['x-enum-descriptions'] ?? [];
    lines.push(`Type: \`${schema.type ?? 'string'}\`, one of:`, '');
    lines.push(table(['Value', 'Description'], schema.enum.map((value, index) => [code(value), cell(meanings[index] ?? '-')])));
  } else if (schema.properties) {
    const rows = propertyRows(document, schema).map((row) => [
      row.name,
      typeLabel(document, row.schema),
      row.required ? 'Yes' : 'No',
      cell(describeProperty(document, row.schema)),
      code(schemaExample(document, row.schema)),
    ]);
    lines.push(table(['Name', 'Type', 'Is it required', 'Description', 'Example Value'], rows));
  } else {
    lines.push(`Type: ${typeLabel(document, schema)}`);
  }
  return lines.join('\n');
}

/**
 * The description, with each bold mention of another operation's summary (`**Send an SMS verification
 * code**`, as the vendor's pages name other methods) linked to that operation's page.
 */
function linkOperations(description: string, operations: readonly OperationModel[], self: OperationModel): string {
  return description.replace(/\*\*([^*\n]+)\*\*/g, (match, text: string) => {
    const target = operations.find((candidate) => candidate !== self && candidate.summary.toLowerCase() === text.trim().toLowerCase());
    return target ? `[${match}](${kebabCase(target.operationId)}.md)` : match;
  });
}

/** The request body's named schema, linked to its Data Structure entry (every listed schema is linked from the page). */
function bodySchemaLine(operation: OperationModel): string {
  const name = operation.requestBody?.schemaName;
  return name ? `\n\nThe request body is a [\`${name}\`](${schemaAnchor(name)}).` : '';
}

/** One operation's page, in the structure and order of the vendor's published pages. */
export function renderOperationPage(document: OpenApiDocument, operation: OperationModel, header: string, operations: readonly OperationModel[] = [operation]): string {
  const input = sampleInput(document, operation);
  const schemaNames = reachableSchemaNames(document, operation);
  const deprecation = operation.deprecated
    ? `> **Deprecated.** The spec marks this operation deprecated: it may be removed in a later version of the API. \`${CLIENT_CLASS}.${operation.operationId}\` carries \`@deprecated\` for your editor.\n\n`
    : '';
  const sections: Record<(typeof PAGE_SECTIONS)[number], string> = {
    'Method Name': `\`${CLIENT_CLASS}.${operation.operationId}\`\n\n\`${operation.method} ${operation.path}\``,
    'Request Parameters': requestParameters(document, operation, input) + bodySchemaLine(operation),
    'Sample Code': sampleCode(document, operation, input),
    'Request Response': requestResponse(document, operation, input),
    'Data Structure': schemaNames.length ? schemaNames.map((name) => dataStructure(document, name)).join('\n\n') : 'This method uses no named data structures.',
  };
  return [
    `# ${operation.summary}`,
    '',
    header.trimEnd(),
    '',
    deprecation + linkOperations(operation.description, operations, operation),
    ...PAGE_SECTIONS.flatMap((title) => ['', `## ${title}`, '', sections[title]]),
    '',
  ].join('\n');
}
