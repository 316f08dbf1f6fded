import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './common.ts';

const pad = (index: number) => String(index).padStart(4, '0');
export const syntheticOperationId = (index: number) => `operation${pad(index)}`;
export const syntheticPath = (index: number) => `/api/v3/operation-${pad(index)}`;

/**
 * A spec of `count` operations shaped like ours: each a POST with its own request DTO (required
 * string, an enum of its own, optional pattern string and number), answered with the envelope
 * (CommonResponseDto) and the shared 429 response. Info and security come from openapi/openapi.yaml.
 */
export function syntheticSpec(count: number): Record<string, unknown> {
  if (!Number.isInteger(count) || count < 1 || count > 9_999) throw new Error(`operation count must be 1..9999, got ${count}`);
  const real = parse(readFileSync(join(repoRoot, 'openapi/openapi.yaml'), 'utf8')) as Record<string, any>;
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = { CommonResponseDto: real.components.schemas.CommonResponseDto };
  for (let index = 1; index <= count; index++) {
    const id = syntheticOperationId(index);
    const dto = `Operation${pad(index)}Dto`;
    const channel = `Operation${pad(index)}Channel`;
    schemas[channel] = {
      type: 'string',
      description: `The purpose of operation ${index}.`,
      enum: ['CHANNEL_LOGIN', 'CHANNEL_REGISTER', 'CHANNEL_BIND_PHONE', `CHANNEL_OPERATION_${pad(index)}`],
    };
    schemas[dto] = {
      type: 'object',
      description: `The request body of operation ${index}.`,
      required: ['phoneNumber', 'channel'],
      properties: {
        phoneNumber: { type: 'string', minLength: 1, maxLength: 32, description: 'Mobile phone number.', example: '188xxxx8888' },
        channel: { $ref: `#/components/schemas/${channel}` },
        phoneCountryCode: { type: 'string', pattern: '^\\+[0-9]{1,4}$', description: 'Country calling code.', example: '+86' },
        attempts: { type: 'integer', minimum: 0, maximum: 10, description: 'How many times it was tried.' },
      },
      additionalProperties: false,
    };
    paths[syntheticPath(index)] = {
      post: {
        operationId: id,
        tags: ['Phone'],
        summary: `Synthetic operation ${index}`,
        description: `Operation ${index} of a synthetic spec for the generation benchmark.`,
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: `#/components/schemas/${dto}` },
              examples: { sample: { summary: 'A request', value: { phoneNumber: '188xxxx8888', channel: 'CHANNEL_LOGIN' } } },
            },
          },
        },
        responses: {
          '200': {
            description: 'The envelope. `statusCode` 200 means success.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/CommonResponseDto' },
                examples: { success: { summary: 'Success', value: { statusCode: 200, message: 'Operation successful' } } },
              },
            },
          },
          '429': { $ref: '#/components/responses/RateLimited' },
        },
      },
    };
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
