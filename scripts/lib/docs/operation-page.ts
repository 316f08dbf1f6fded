import type { OperationModel } from '../operations.ts';
import { resolveRef, type OpenApiDocument, type SchemaObject } from '../spec.ts';
import { requestExample, successExample } from './examples.ts';
import { cell, code, fence, schemaAnchor, table, widthHeader } from './markdown.ts';
import { credentialsNote, curlSample, sampleConstants, typescriptSample } from './samples.ts';
import { describeProperty, propertyRows, reachableSchemaNames, schemaExample, typeLabel } from './schemas.ts';

/** The class whose methods the pages document: the real one exported by @genauth/client. */
export const CLIENT_CLASS = 'AuthenticationClient';

/** The page's sections, in the vendor's order (`## ` headings). */
export const PAGE_SECTIONS = ['Method Name', 'Request Parameters', 'Sample Code', 'Request Response', 'Data Structure'] as const;

function requestParameters(document: OpenApiDocument, operation: OperationModel, body: Record<string, unknown> | undefined): string {
  const schema = operation.requestBody?.media.schema;
  if (!schema) return 'This method takes no parameters.';
  const rows = propertyRows(document, schema).map((row) => {
    const property = resolveRef(document, row.schema);
    return [
      row.name,
      typeLabel(document, row.schema),
      row.required ? 'Yes' : 'No',
      code(property.default),
      cell(describeProperty(document, row.schema)),
      code(body?.[row.name] ?? schemaExample(document, row.schema)),
    ];
  });
  const headers = ['Name', 'Type', widthHeader('Is it required', 80), widthHeader('Default Value', 60), widthHeader('Description', 300), widthHeader('Example Value', 200)];
  return table(headers, rows);
}

/**
 * The page's two samples, as fenced Markdown. The HTML reference shows the same text (its
 * `x-codeSamples`), so the page and the reference cannot differ.
 */
export function operationSamples(document: OpenApiDocument, operation: OperationModel): { typescript: string; curl: string } {
  const body = requestExample(document, operation);
  return { typescript: typescriptSample(document, operation, body), curl: curlSample(document, operation, body) };
}

function sampleCode(document: OpenApiDocument, operation: OperationModel): string {
  const samples = operationSamples(document, operation);
  const constants = sampleConstants(document, operation).map((name) => `\`${name}\``);
  const token = constants.length > 2 ? " and the signed-in user's access token" : '';
  return [
    `Both samples send the same request. Replace ${constants.slice(0, -1).join(', ')} and ${constants.at(-1)} at the top with your application's host and ID (GenAuth console)${token}. ${credentialsNote(document, operation)}`,
    '',
    '### TypeScript (`@genauth/client`)',
    '',
    samples.typescript,
    '',
    '### curl',
    '',
    samples.curl,
  ].join('\n');
}

function requestResponse(document: OpenApiDocument, operation: OperationModel): string {
  const { schemaName, media, description } = operation.successResponse;
  const schema = media.schema;
  const rows = schema
    ? propertyRows(document, schema).map((row) => [row.name, typeLabel(document, row.schema), cell(describeProperty(document, row.schema))])
    : [];
  return [
    `Type： ${schemaName ? `[\`${schemaName}\`](${schemaAnchor(schemaName)})` : '`object`'}`,
    '',
    description.trim(),
    '',
    table(['Name', 'Type', 'Description'], rows),
    '',
    'Example Results：',
    '',
    fence('json', JSON.stringify(successExample(operation), null, 2)),
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

/** One operation's page, in the structure and order of the vendor's published pages. */
export function renderOperationPage(document: OpenApiDocument, operation: OperationModel, header: string): string {
  const body = requestExample(document, operation);
  const schemaNames = reachableSchemaNames(document, operation);
  const sections: Record<(typeof PAGE_SECTIONS)[number], string> = {
    'Method Name': `\`${CLIENT_CLASS}.${operation.operationId}\`\n\n\`${operation.method} ${operation.path}\``,
    'Request Parameters': requestParameters(document, operation, body),
    'Sample Code': sampleCode(document, operation),
    'Request Response': requestResponse(document, operation),
    'Data Structure': schemaNames.length ? schemaNames.map((name) => dataStructure(document, name)).join('\n\n') : 'This method uses no named data structures.',
  };
  return [
    `# ${operation.summary}`,
    '',
    header.trimEnd(),
    '',
    operation.description,
    ...PAGE_SECTIONS.flatMap((title) => ['', `## ${title}`, '', sections[title]]),
    '',
  ].join('\n');
}
