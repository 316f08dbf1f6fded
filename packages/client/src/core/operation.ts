import type { RuleSet } from './validate.js';

/** Where a parameter goes. Cookie parameters are refused at generation time. */
export type ParameterLocation = 'path' | 'query' | 'header';

/** One path, query or header parameter, with the 3.0 default serialisation (path `simple`, query `form` + explode, header `simple`). */
export interface ParameterDefinition {
  readonly name: string;
  readonly in: ParameterLocation;
  readonly required: boolean;
  /** Rules of the value, checked before anything is sent (`{}` when nothing is checked locally). */
  readonly rules: RuleSet;
}

/**
 * How the method's one argument maps onto the request:
 * - `none`: the operation sends nothing (the argument is an optional empty object);
 * - `body`: the argument is the JSON body (`bindPhone(dto)`);
 * - `parameters`: the argument holds the parameters by name (`getProfile({ withCustomData: true })`);
 * - `parameters+fields`: parameters and the body's fields side by side in one object; the body is what is not a parameter;
 * - `parameters+body`: parameters by name and the (non-object) body under the `body` key.
 */
export type InputShape = 'none' | 'body' | 'parameters' | 'parameters+fields' | 'parameters+body';

/**
 * What a success answer is:
 * - `envelope`: the JSON envelope; success is `statusCode === 200` in the body;
 * - `json`: any JSON value, returned as it is; success is decided by the HTTP status (2xx);
 * - `empty`: no body (HTTP 204); the method resolves with `undefined`.
 */
export type SuccessKind = 'envelope' | 'json' | 'empty';

/** What the runtime needs to call an operation. Generated from the spec, never written by hand. */
export interface OperationDefinition<Id extends string = string> {
  readonly operationId: Id;
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';
  readonly path: string;
  /** Alternative security requirements (scheme names); any one of them suffices. */
  readonly security: readonly (readonly string[])[];
  /** True when every security alternative includes the user access token. */
  readonly requiresAccessToken: boolean;
  /** Safe to repeat after an ambiguous failure (timeout, reset, 5xx): `x-genauth-retry-safe`, or a GET without it. */
  readonly retrySafe: boolean;
  readonly input: InputShape;
  /** Path, query and header parameters, in the spec's order. */
  readonly parameters: readonly ParameterDefinition[];
  /** Rules of the request body, checked before anything is sent; undefined when there is no body. */
  readonly body: RuleSet | undefined;
  /** Whether the request body must be present (the spec's `requestBody.required`). */
  readonly bodyRequired: boolean;
  readonly success: SuccessKind;
}
