import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './common.ts';

const pad = (index: number) => String(index).padStart(4, '0');
export const syntheticOperationId = (index: number) => `operation${pad(index)}`;

/**
 * The shapes of the vendor's v3 API (issue 9, item 1) the synthetic spec cycles through, operation i
 * taking shape (i - 1) mod 10. Operation 1 is always the POST with a body DTO: the one-operation
 * consumer calls it.
 */
const SHAPES = [
  'post-body',
  'get-query',
  'get-path-list',
  'put-path-fields',
  'patch-path-map',
  'delete-204',
  'post-plain-json',
  'post-composed',
  'get-header-deprecated',
  'post-path-array-body',
] as const;
type Shape = (typeof SHAPES)[number];
const shapeOf = (index: number): Shape => SHAPES[(index - 1) % SHAPES.length]!;

/** What the report says the synthetic specs hold. */
export const SYNTHETIC_SHAPES =
  'POST with a body DTO; GET with query parameters (boolean, integer, array, enum); GET with a path parameter answered with a data array; ' +
  'PUT with a path parameter and body fields beside it; PATCH with an `additionalProperties` map; DELETE answered 204; ' +
  'a POST whose answer is not the envelope; `oneOf`/`anyOf`/`allOf` bodies and data; a deprecated GET with a header parameter and a free-form object; ' +
  'a POST with a path parameter and an array body; every tenth operation of each';

/** The operation's path as the spec writes it, placeholders included: the bundle check looks for this exact string. */
export const syntheticPath = (index: number): string => {
  const base = `/api/v3/operation-${pad(index)}`;
  switch (shapeOf(index)) {
    case 'get-path-list':
    case 'put-path-fields':
    case 'patch-path-map':
    case 'delete-204':
    case 'post-path-array-body':
      return `${base}/{itemId}`;
    default:
      return base;
  }
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown, example?: unknown) => ({
  'application/json': { schema, ...(example === undefined ? {} : { examples: { sample: { summary: 'A sample', value: example } } }) },
});
const envelope = (data?: unknown) =>
  data === undefined
    ? ref('CommonResponseDto')
    : { allOf: [ref('CommonResponseDto'), { type: 'object', properties: { data } }] };
const itemIdParameter = {
  name: 'itemId',
  in: 'path',
  required: true,
  description: 'The ID of the item.',
  schema: { type: 'string', minLength: 1, maxLength: 64 },
  example: 'item-1',
};

/**
 * A spec of `count` operations mixing the shapes of the vendor's API (SHAPES above), each with schemas
 * of its own (so types and docs grow with the count), the shared envelope and 429 response. Info and
 * security come from openapi/openapi.yaml.
 */
export function syntheticSpec(count: number): Record<string, unknown> {
  if (!Number.isInteger(count) || count < 1 || count > 9_999) throw new Error(`operation count must be 1..9999, got ${count}`);
  const real = parse(readFileSync(join(repoRoot, 'openapi/openapi.yaml'), 'utf8')) as Record<string, any>;
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = { CommonResponseDto: real.components.schemas.CommonResponseDto };
  const rateLimited = { $ref: '#/components/responses/RateLimited' };
  const ok = (schema: unknown, example: unknown, description = 'The envelope. `statusCode` 200 means success.') => ({
    '200': { description, content: json(schema, example) },
    '429': rateLimited,
  });
  const success = { statusCode: 200, message: 'Operation successful' };

  for (let index = 1; index <= count; index++) {
    const p = pad(index);
    const common = { operationId: syntheticOperationId(index), tags: ['Phone'], summary: `Synthetic operation ${index}`, description: `Operation ${index} of a synthetic spec for the generation benchmark.` };
    const dto = `Operation${p}Dto`;
    const channel = `Operation${p}Channel`;
    const item = `Operation${p}Item`;
    schemas[channel] = { type: 'string', description: `The purpose of operation ${index}.`, enum: ['CHANNEL_LOGIN', 'CHANNEL_REGISTER', 'CHANNEL_BIND_PHONE', `CHANNEL_OPERATION_${p}`] };
    const itemSchema = {
      type: 'object',
      description: `An item of operation ${index}.`,
      required: ['id'],
      properties: {
        id: { type: 'string', readOnly: true, description: 'Its ID.' },
        createdAt: { type: 'string', format: 'date-time', description: 'When it was created.' },
        channel: ref(channel),
        note: { type: 'string', nullable: true, description: 'A note, or null.' },
        tags: { type: 'array', items: { type: 'string' }, description: 'Its tags.' },
      },
    };
    const sampleItem = { id: 'item-1', createdAt: '2022-03-10T08:15:24.000Z', channel: 'CHANNEL_LOGIN', note: null, tags: ['a'] };
    let operation: Record<string, unknown>;
    let method = 'post';
    switch (shapeOf(index)) {
      case 'post-body':
        schemas[dto] = {
          type: 'object',
          description: `The request body of operation ${index}.`,
          required: ['phoneNumber', 'channel'],
          properties: {
            phoneNumber: { type: 'string', minLength: 1, maxLength: 32, description: 'Mobile phone number.', example: '188xxxx8888' },
            channel: ref(channel),
            phoneCountryCode: { type: 'string', pattern: '^\\+[0-9]{1,4}$', description: 'Country calling code.', example: '+86' },
            attempts: { type: 'integer', minimum: 0, maximum: 10, description: 'How many times it was tried.' },
          },
          additionalProperties: false,
        };
        operation = {
          requestBody: { required: true, content: json(ref(dto), { phoneNumber: '188xxxx8888', channel: 'CHANNEL_LOGIN' }) },
          responses: ok(ref('CommonResponseDto'), success),
        };
        break;
      case 'get-query':
        method = 'get';
        schemas[item] = itemSchema;
        operation = {
          parameters: [
            { name: 'withCustomData', in: 'query', description: 'Include custom data.', schema: { type: 'boolean', default: false } },
            { name: 'limit', in: 'query', description: 'At most this many.', schema: { type: 'integer', minimum: 1, maximum: 100, default: 10 } },
            { name: 'fields', in: 'query', description: 'The fields to return.', schema: { type: 'array', items: { type: 'string', enum: ['id', 'createdAt', 'tags'] } } },
            { name: 'channel', in: 'query', required: true, description: 'The purpose.', schema: ref(channel), example: 'CHANNEL_LOGIN' },
          ],
          responses: ok(envelope(ref(item)), { ...success, data: sampleItem }),
        };
        break;
      case 'get-path-list':
        method = 'get';
        schemas[item] = itemSchema;
        operation = {
          parameters: [itemIdParameter, { name: 'page', in: 'query', description: 'The page.', schema: { type: 'integer', minimum: 1 } }],
          responses: ok(envelope({ type: 'array', items: ref(item) }), { ...success, data: [sampleItem] }),
        };
        break;
      case 'put-path-fields':
        method = 'put';
        schemas[dto] = {
          type: 'object',
          description: `The new state of the item of operation ${index}.`,
          required: ['channel'],
          properties: { channel: ref(channel), note: { type: 'string', nullable: true }, customData: { type: 'object', description: 'Free-form data.' } },
        };
        operation = {
          parameters: [itemIdParameter],
          requestBody: { required: true, content: json(ref(dto), { channel: 'CHANNEL_LOGIN', customData: { plan: 'gold' } }) },
          responses: ok(envelope({ type: 'object', description: 'Free-form data.' }), { ...success, data: { plan: 'gold' } }),
        };
        break;
      case 'patch-path-map':
        method = 'patch';
        schemas[dto] = {
          type: 'object',
          description: `Labels of the item of operation ${index}.`,
          properties: { labels: { type: 'object', additionalProperties: { type: 'string', maxLength: 64 }, description: 'Labels by name.' } },
        };
        operation = {
          parameters: [itemIdParameter],
          requestBody: { required: true, content: json(ref(dto), { labels: { team: 'blue' } }) },
          responses: ok(ref('CommonResponseDto'), success),
        };
        break;
      case 'delete-204':
        method = 'delete';
        operation = { parameters: [itemIdParameter], responses: { '204': { description: 'Deleted; no body.' }, '429': rateLimited } };
        break;
      case 'post-plain-json':
        schemas[dto] = {
          type: 'object',
          description: `A token answer of operation ${index} (not the envelope).`,
          required: ['access_token', 'expires_in'],
          properties: { access_token: { type: 'string' }, expires_in: { type: 'integer' }, scope: { type: 'string' } },
        };
        operation = {
          requestBody: {
            required: true,
            content: json(
              { oneOf: [{ type: 'object', required: ['code'], properties: { code: { type: 'string' } } }, { type: 'object', required: ['refreshToken'], properties: { refreshToken: { type: 'string' } } }] },
              { code: 'abc' },
            ),
          },
          responses: ok(ref(dto), { access_token: 'token', expires_in: 3600 }, 'The token, as it is (no envelope).'),
        };
        break;
      case 'post-composed':
        schemas[item] = itemSchema;
        schemas[dto] = {
          allOf: [
            { type: 'object', required: ['channel'], properties: { channel: ref(channel) } },
            { type: 'object', properties: { contact: { anyOf: [{ type: 'string', format: 'email' }, { type: 'string', pattern: '^\\+?[0-9]+$' }] } } },
          ],
        };
        operation = {
          requestBody: { required: true, content: json(ref(dto), { channel: 'CHANNEL_LOGIN', contact: 'a@example.com' }) },
          responses: ok(envelope({ oneOf: [ref(item), { type: 'array', items: ref(item) }] }), { ...success, data: sampleItem }),
        };
        break;
      case 'get-header-deprecated':
        method = 'get';
        operation = {
          deprecated: true,
          parameters: [
            { name: 'x-request-tag', in: 'header', description: 'A tag for tracing.', schema: { type: 'string', maxLength: 64 } },
            { name: 'legacy', in: 'query', deprecated: true, description: 'Old flag.', schema: { type: 'boolean' } },
          ],
          responses: ok(envelope({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Counts by name.' }), { ...success, data: { logins: 3 } }),
        };
        break;
      case 'post-path-array-body':
        operation = {
          parameters: [itemIdParameter],
          requestBody: { required: true, content: json({ type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 20 }, ['a', 'b']) },
          responses: ok(ref('CommonResponseDto'), success),
        };
        break;
    }
    paths[syntheticPath(index)] = { [method]: { ...common, ...operation } };
  }
  return {
    openapi: real.openapi,
    info: { ...real.info, title: `Synthetic GenAuth API (${count} operations)` },
    servers: real.servers,
    tags: real.tags,
    security: real.security,
    paths,
    components: { securitySchemes: real.components.securitySchemes, responses: real.components.responses, schemas },
  };
}
