import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OperationDefinition, ParameterDefinition } from '../src/core/operation.js';
import { requestParts } from '../src/core/request-input.js';
import { checkValue } from '../src/core/validate.js';

/** A GET with the given query parameters and nothing else. */
function queryOperation(names: readonly string[]): OperationDefinition {
  const parameters: ParameterDefinition[] = names.map((name) => ({ name, in: 'query', required: false, rules: {} }));
  return { operationId: 'listThings', method: 'GET', path: '/api/v3/things', security: [], requiresAccessToken: false, retrySafe: true, input: 'parameters', parameters, body: undefined, bodyRequired: false, success: 'json' };
}

/** How a query value reads back: strings as they are, numbers and booleans by their JSON-like spelling. */
const spelled = (value: string | number | boolean) => (typeof value === 'string' ? value : String(value));

const scalar = fc.oneof(
  fc.boolean(),
  fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
  fc.constantFrom(-0, 1e21, -1e-7, 0.5, 2 ** 53, -(2 ** 60), Number.NaN, Number.POSITIVE_INFINITY),
  fc.double(),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('a&b=c', '1+1', ' ', '%20', '?#', 'ä/ö', ''),
);
const names = fc.uniqueArray(fc.constantFrom('withCustomData', 'limit', 'a b', 'ä', 'x&y', 'k=v', 'tag[]'), { minLength: 1, maxLength: 4 });

describe('requestParts: query strings', () => {
  it('read back (URLSearchParams) as exactly the values given, in order, whatever they hold', () => {
    fc.assert(
      fc.property(
        names.chain((chosen) => fc.tuple(fc.constant(chosen), fc.array(fc.option(fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })), { nil: undefined }), { minLength: chosen.length, maxLength: chosen.length }))),
        ([chosen, values]) => {
          const input = Object.fromEntries(chosen.map((name, index) => [name, values[index]]));
          const { target } = requestParts(queryOperation(chosen), input, undefined);
          const expected = chosen.flatMap((name, index) => {
            const value = values[index];
            if (value === undefined) return [];
            return (Array.isArray(value) ? value : [value]).map((item) => [name, spelled(item)]);
          });
          const [path, query] = target.split('?');
          expect(path).toBe('/api/v3/things');
          expect(query === undefined ? [] : [...new URLSearchParams(query)]).toEqual(expected);
          // Nothing but percent-encoded text: no raw space, '+' or non-ASCII character reaches the URL.
          expect(target).toMatch(/^[\x21-\x7e]*$/);
          expect(query ?? '').not.toMatch(/\+/);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('checkValue: string lengths', () => {
  it('counts code points as [...value].length does (a surrogate pair is one character, a lone surrogate is one)', () => {
    const unit = fc.constantFrom('a', 'é', '\uD83D\uDE00', '\uD83D', '\uDE00', '\uDBFF', '\uDC00');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), fc.nat(14), (value, limit) => {
        const issues: { field: string; message: string }[] = [];
        checkValue(value, { type: 'string', minLength: limit, maxLength: limit }, 'body.name', issues);
        const length = [...value].length;
        expect(issues.map((issue) => issue.message)).toEqual([
          ...(length < limit ? [`must be at least ${limit} characters long`] : []),
          ...(length > limit ? [`must be at most ${limit} characters long`] : []),
        ]);
      }),
      { numRuns: 2_000 },
    );
  });
});
