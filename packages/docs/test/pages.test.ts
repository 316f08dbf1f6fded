import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuthenticationClient } from '@genauth/client';
import { docsManifest } from '@genauth/docs';
import { isReference, resolveRef, schemaRefName, type SchemaObject } from '../../../scripts/lib/spec.ts';
import { generatedDir, operations, readPage, spec } from './docs-files.ts';
import { codeBlocks, parsePage, section, subheadings, tables } from './page-parser.ts';
import { danglingAnchorLinks, reachableSchemas } from './sample-checks.ts';

/** The vendor page's sections, in its order (../shared/seed/bind-phone.md). */
const SEED_SECTIONS = ['Method Name', 'Request Parameters', 'Sample Code', 'Request Response', 'Data Structure'];
const PARAMETER_COLUMNS = ['Name', 'Type', 'Is it required', 'Default Value', 'Description', 'Example Value'];

/** What each page's Data Structure must hold: the request DTO, the enums it uses, the response envelopes. */
const EXPECTED_DATA_STRUCTURES: Record<string, string[]> = {
  bindPhone: ['BindPhoneDto', 'CommonResponseDto'],
  getProfile: ['UserSingleRespDto', 'UserDto', 'IdentityDto', 'CommonResponseDto'],
  sendSms: ['SendSmsDto', 'SmsChannel', 'SendSmsRespDto', 'CommonResponseDto'],
  unbindPhone: ['UnbindPhoneDto', 'CommonResponseDto'],
  updatePhone: ['UpdatePhoneDto', 'CommonResponseDto'],
  verifyUpdatePhoneRequest: ['VerifyUpdatePhoneRequestDto', 'UpdatePhoneByPhonePassCodeDto', 'VerifyUpdatePhoneRequestRespDto', 'VerifyUpdatePhoneRequestData', 'CommonResponseDto'],
};

const oneLine = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

function expectedType(property: SchemaObject | { $ref: string }): string {
  const name = schemaRefName(property);
  return name ? `[${name}](#${name.toLowerCase()})` : (property as SchemaObject).type!;
}

describe.each(operations.map((operation) => [operation.operationId, operation] as const))('the %s page', (operationId, operation) => {
  const markdown = readPage(operationId);
  const page = parsePage(markdown);
  const bodySchema: SchemaObject = operation.requestBody ? resolveRef(spec, operation.requestBody.media.schema!) : { properties: {} };
  const bodyExample = Object.values(operation.requestBody?.media.examples ?? {})[0]?.value as Record<string, unknown> | undefined;
  const exampleOf = (name: string) => bodyExample?.[name] ?? resolveRef(spec, bodySchema.properties![name]!).example;
  /** Path, query and header parameters come first in the table, marked with where they go. */
  const parameterRows = operation.parameters.map((parameter) => ({ ...parameter, label: `${parameter.name} (${parameter.in})` }));

  it("has the vendor page's sections in its order, under the operation's summary and description", () => {
    expect(page.title).toBe(operation.summary);
    expect(page.sections.map((found) => found.heading)).toEqual(SEED_SECTIONS);
    // Bold mentions of another operation (the vendor's way of naming a method) link to its page.
    const intro = markdown.slice(0, markdown.indexOf('## Method Name'));
    expect(oneLine(intro.replace(/\[(\*\*[^*]+\*\*)\]\([a-z-]+\.md\)/g, '$1'))).toContain(oneLine(operation.description));
    for (const [, text, file] of intro.matchAll(/\[\*\*([^*]+)\*\*\]\(([a-z-]+\.md)\)/g)) {
      const target = operations.find((candidate) => candidate.summary === text)!;
      expect(target, text).toBeDefined();
      expect(readPage(target.operationId)).toContain(`# ${text}\n`);
      expect(file).toBe(`${target.operationId.replace(/[A-Z]/g, (letter) => '-' + letter.toLowerCase())}.md`);
    }
    const response = section(page, 'Request Response');
    expect(response.indexOf('Type：')).toBeGreaterThanOrEqual(0);
    expect(response.indexOf('Example Results：')).toBeGreaterThan(response.indexOf('Type：'));
  });

  it('names the method of the real client class', () => {
    expect(section(page, 'Method Name')).toContain(`\`AuthenticationClient.${operationId}\``);
    expect(typeof (AuthenticationClient.prototype as unknown as Record<string, unknown>)[operationId]).toBe('function');
    expect(markdown).not.toContain('ManagementClient');
  });

  it('lists every parameter, marked with where it goes, then every request field with its type, required flag and example, required fields first', () => {
    const [parameters] = tables(section(page, 'Request Parameters'));
    expect(parameters!.headers).toEqual(PARAMETER_COLUMNS);
    const required = new Set(bodySchema.required ?? []);
    const names = Object.keys(bodySchema.properties!);
    expect(parameters!.rows.map((row) => row.Name)).toEqual([
      ...parameterRows.map((parameter) => parameter.label),
      ...names.filter((name) => required.has(name)),
      ...names.filter((name) => !required.has(name)),
    ]);
    for (const parameter of parameterRows) {
      const row = parameters!.rows.find((candidate) => candidate.Name === parameter.label)!;
      expect(row['Is it required'], parameter.name).toBe(parameter.required ? 'Yes' : 'No');
      expect(row['Example Value'], parameter.name).toBe(`\`${String(parameter.example)}\``);
      expect(row.Description, parameter.name).toContain(oneLine(parameter.description));
    }
    for (const row of parameters!.rows.slice(parameterRows.length)) {
      const property = bodySchema.properties![row.Name!]!;
      const resolved = resolveRef(spec, property);
      expect(row.Type, row.Name).toBe(expectedType(property));
      expect(row['Is it required'], row.Name).toBe(required.has(row.Name!) ? 'Yes' : 'No');
      const example = exampleOf(row.Name!);
      expect(row['Example Value'], row.Name).toBe(`\`${typeof example === 'object' ? JSON.stringify(example) : String(example)}\``);
      expect(row['Default Value'], row.Name).toBe(resolved.default === undefined ? '-' : `\`${String(resolved.default)}\``);
      const description = isReference(property) ? resolved.description : property.description;
      expect(row.Description, row.Name).toContain(oneLine(description).replace(/\|/g, '|'));
    }
  });

  it("has samples that send the table's example values", () => {
    const sampleSection = section(page, 'Sample Code');
    const [typescript] = codeBlocks(sampleSection, 'ts');
    const [curl] = codeBlocks(sampleSection, 'sh');
    const [parameters] = tables(section(page, 'Request Parameters'));
    const tableValues = Object.fromEntries(parameters!.rows.map((row) => [row.Name, row['Example Value']!.replace(/^`|`$/g, '')]));
    const bodyMatch = /-d '(.*)'$/m.exec(curl!);
    const curlBody = bodyMatch ? (JSON.parse(bodyMatch[1]!) as Record<string, unknown>) : undefined;
    expect(curlBody).toEqual(bodyExample);
    for (const [name, value] of Object.entries(curlBody ?? {})) {
      if (typeof value === 'object') continue; // nested objects: the table shows them as JSON
      expect(tableValues[name], name).toBe(String(value));
      expect(typescript, name).toContain(`  ${name}: '${String(value)}',`);
    }
    const url = new URL(/curl -X \w+ "\$AUTHING_APP_HOST([^"]*)"/.exec(curl!)![1]!, 'https://host.example');
    expect(url.pathname).toBe(operation.path);
    for (const parameter of parameterRows.filter((candidate) => candidate.in === 'query')) {
      expect(url.searchParams.get(parameter.name), parameter.name).toBe(tableValues[parameter.label]);
      expect(typescript, parameter.name).toContain(`  ${parameter.name}: ${String(parameter.example)},`);
    }
    expect(typescript).toContain(`await client.${operationId}({`);
    expect(curl).toContain(`curl -X ${operation.method} "$AUTHING_APP_HOST${operation.path}`);
  });

  it('describes the response type, its fields and its success example', () => {
    const response = section(page, 'Request Response');
    const schemaName = operation.successResponse.schemaName!;
    expect(response).toContain(`Type： [\`${schemaName}\`](#${schemaName.toLowerCase()})`);
    const schema = spec.components!.schemas![schemaName]!;
    const [fields] = tables(response);
    expect(fields!.headers).toEqual(['Name', 'Type', 'Description']);
    expect(fields!.rows.map((row) => [row.Name, row.Type])).toEqual(
      Object.entries(schema.properties!)
        .sort(([a], [b]) => Number(!schema.required?.includes(a)) - Number(!schema.required?.includes(b)))
        .map(([name, property]) => [name, expectedType(property)]),
    );
    const [example] = codeBlocks(response, 'json');
    expect(JSON.parse(example!)).toEqual(operation.successResponse.media!.examples!.success!.value);
  });

  it('defines every schema and enum the operation reaches, and every type link lands on one', () => {
    const structures = section(page, 'Data Structure');
    const headings = subheadings(structures);
    expect(headings).toEqual(EXPECTED_DATA_STRUCTURES[operationId]);
    expect(new Set(headings)).toEqual(reachableSchemas(spec as never, operation.path, operation.method.toLowerCase()));
    expect(markdown).toMatch(/\]\(#[^)]+\)/);
    expect(danglingAnchorLinks(markdown)).toEqual([]);
    for (const name of headings) {
      const schema = spec.components!.schemas![name]!;
      const body = structures.split(`### ${name}\n`)[1]!.split('\n### ')[0]!;
      const [definition] = tables(body);
      if (schema.enum) {
        expect(definition!.rows.map((row) => [row.Value, row.Description])).toEqual(
          schema.enum.map((value, index) => [`\`${String(value)}\``, schema['x-enum-descriptions']![index]]),
        );
      } else {
        expect(definition!.rows.map((row) => row.Name).sort()).toEqual(Object.keys(schema.properties!).sort());
      }
    }
  });
});

describe('the SMS channels', () => {
  it('are all documented with their meaning on the sendSms page', () => {
    const channels = spec.components!.schemas!.SmsChannel!;
    expect(channels.enum).toHaveLength(11);
    const markdown = readPage('sendSms');
    channels.enum!.forEach((value, index) => expect(markdown).toContain(`| \`${String(value)}\` | ${channels['x-enum-descriptions']![index]} |`));
  });
});

describe('the index page and the manifest', () => {
  const manifestJson = JSON.parse(readFileSync(join(generatedDir, 'manifest.json'), 'utf8'));

  it('list one page per operation, and every file exists', () => {
    expect(docsManifest.pages.map((page) => page.operation)).toEqual(operations.map((operation) => operation.operationId));
    for (const page of docsManifest.pages) {
      const operation = operations.find((candidate) => candidate.operationId === page.operation)!;
      expect(page).toMatchObject({ title: operation.summary, method: operation.method, path: operation.path });
      expect(existsSync(join(generatedDir, page.file)), page.file).toBe(true);
    }
    expect(existsSync(join(generatedDir, docsManifest.reference))).toBe(true);
  });

  it('the package exports the manifest file as written', () => {
    expect(docsManifest.pages).toEqual(manifestJson.pages);
    expect(docsManifest.title).toBe(spec.info.title);
  });

  it('the index page links every page', () => {
    const index = readFileSync(join(generatedDir, 'index.md'), 'utf8');
    for (const page of docsManifest.pages) expect(index).toContain(`[AuthenticationClient.${page.operation}](${page.file})`);
  });
});
