export { GenAuthClient } from './core/genauth-client.js';
export { AuthenticationClient } from './generated/client.gen.js';
export * from './generated/functions.gen.js';
export type { AuthenticationClientOptions } from './core/client-options.js';
export type { CallOptions } from './core/call-options.js';
export type { Envelope } from './core/envelope.js';
export {
  GenAuthAbortError,
  GenAuthBusinessError,
  GenAuthConnectionError,
  GenAuthError,
  GenAuthHttpError,
  GenAuthRateLimitError,
  GenAuthResponseError,
  GenAuthTimeoutError,
  GenAuthValidationError,
  type ValidationIssue,
} from './core/errors.js';
export type { Logger } from './core/logger.js';
export type { OperationDefinition } from './core/operation.js';
export type { RuleSet } from './core/validate.js';
export { SDK_VERSION } from './core/sdk-info.js';
export type { Middleware } from 'openapi-fetch';
export * from './generated/models.gen.js';
export * from './generated/operations.gen.js';
export type { components, paths } from './generated/schema.gen.js';
