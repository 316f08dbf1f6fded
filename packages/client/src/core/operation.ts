import type { RuleSet } from './validate.js';

/** What the runtime needs to call an operation. Generated from the spec, never written by hand. */
export interface OperationDefinition<Id extends string = string> {
  readonly operationId: Id;
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';
  readonly path: string;
  /** Alternative security requirements (scheme names); any one of them suffices. */
  readonly security: readonly (readonly string[])[];
  /** True when every security alternative includes the user access token. */
  readonly requiresAccessToken: boolean;
  /** `x-genauth-retry-safe` in the spec: safe to repeat after an ambiguous failure (timeout, reset, 5xx). */
  readonly retrySafe: boolean;
  /** Rules of the request body, checked before anything is sent; undefined when there is no body. */
  readonly body: RuleSet | undefined;
}
