import { describe, expect, it } from 'vitest';
import { GenAuthValidationError } from '../src/core/errors.js';
import type { OperationDefinition, ParameterDefinition } from '../src/core/operation.js';
import { bodyOf, requestParts, validateInput } from '../src/core/request-input.js';

/** A hand-written definition, shaped as the generator writes them. */
function definition(path: string, parameters: ParameterDefinition[], extra: Partial<OperationDefinition> = {}): OperationDefinition {
  return {
    operationId: 'op',
    method: 'GET',
    path,
    security: [],
    requiresAccessToken: false,
    retrySafe: true,
    input: 'parameters',
    parameters,
    body: undefined,
    bodyRequired: false,
    success: 'envelope',
    ...extra,
  };
}

const query = (name: string, rules: ParameterDefinition['rules'] = {}): ParameterDefinition => ({ name, in: 'query', required: false, rules });
const pathParameter = (name: string): ParameterDefinition => ({ name, in: 'path', required: true, rules: { type: 'string' } });
const header = (name: string): ParameterDefinition => ({ name, in: 'header', required: false, rules: { type: 'string', enum: ['en', 'zh'] } });

const target = (operation: OperationDefinition, input: unknown) => requestParts(operation, input, undefined).target;

describe('the query string (form, explode)', () => {
  const list = definition('/list', [query('tags'), query('on'), query('limit'), query('ratio'), query('q'), query('filter')]);

  it('repeats arrays, spells booleans and numbers as JSON does, and keeps the spec order of the parameters', () => {
    expect(target(list, { limit: 10, tags: ['a', 'b'], on: false, ratio: 0.5 })).toBe('/list?tags=a&tags=b&on=false&limit=10&ratio=0.5');
  });

  it('leaves out undefined and null, as values and as array items', () => {
    expect(target(list, { tags: [undefined, 'a', null], on: undefined, limit: null })).toBe('/list?tags=a');
    expect(target(list, {})).toBe('/list');
    expect(target(list, undefined)).toBe('/list');
    expect(target(list, { tags: [] })).toBe('/list');
  });

  it('explodes an object into one pair per property', () => {
    expect(target(list, { filter: { color: 'blue', size: 3, gone: undefined } })).toBe('/list?color=blue&size=3');
  });

  it('percent-encodes & = ? # / + % and spaces, so a value never adds a parameter or ends the query', () => {
    expect(target(list, { q: 'a&b=c?d#e/f+g%h i' })).toBe('/list?q=a%26b%3Dc%3Fd%23e%2Ff%2Bg%25h%20i');
    expect(new URL(target(list, { q: 'a&b=c?d#e/f+g%h i' }), 'http://x').searchParams.get('q')).toBe('a&b=c?d#e/f+g%h i');
  });

  it('encodes non-ASCII text as UTF-8', () => {
    expect(target(list, { q: 'é名😀' })).toBe('/list?q=%C3%A9%E5%90%8D%F0%9F%98%80');
  });

  it('encodes the parameter name as well', () => {
    expect(target(definition('/x', [query('a b&c')]), { 'a b&c': 1 })).toBe('/x?a%20b%26c=1');
  });
});

describe('path parameters (simple)', () => {
  const item = definition('/items/{id}/parts/{part}', [pathParameter('id'), pathParameter('part')]);

  it.each([
    ['../admin', '..%2Fadmin'],
    ['a/b?c', 'a%2Fb%3Fc'],
    ['x#y', 'x%23y'],
    ['%2e%2e', '%252e%252e'],
    ['名', '%E5%90%8D'],
    ['a b', 'a%20b'],
    ['...', '...'],
  ])('percent-encodes %j as %j, inside its one segment', (value, encoded) => {
    expect(target(item, { id: value, part: 'p' })).toBe(`/items/${encoded}/parts/p`);
  });

  it('spells numbers and booleans, and joins arrays with commas', () => {
    expect(target(item, { id: 7, part: true })).toBe('/items/7/parts/true');
    expect(target(item, { id: ['a', 'b/c'], part: 'p' })).toBe('/items/a,b%2Fc/parts/p');
  });

  it.each(['..', '.', ''])('refuses %j: URL parsers would resolve it and change the path', (value) => {
    expect(() => target(item, { id: value, part: 'p' })).toThrow(GenAuthValidationError);
    expect(() => target(item, { id: value, part: 'p' })).toThrow(/op: invalid request, nothing was sent: path\.id must not be empty, "\." or "\.\."/);
  });

  it('refuses a missing path value even when validation is off (requestParts runs regardless)', () => {
    expect(() => target(item, { part: 'p' })).toThrow(/path\.id is required/);
    expect(() => target(item, { id: null, part: 'p' })).toThrow(/path\.id is required/);
  });
});

describe('header parameters', () => {
  const localised = definition('/x', [header('X-Locale')]);

  it('are sent by lower-case name, and left out when undefined', () => {
    expect(requestParts(localised, { 'X-Locale': 'zh' }, undefined).headers).toEqual({ 'x-locale': 'zh' });
    expect(requestParts(localised, {}, undefined).headers).toBeUndefined();
  });

  it('join arrays with commas, unencoded (a header is not a URL)', () => {
    expect(requestParts(localised, { 'X-Locale': ['en', 'a b'] }, undefined).headers).toEqual({ 'x-locale': 'en,a b' });
  });

  it('stay out of the URL', () => {
    expect(requestParts(localised, { 'X-Locale': 'zh' }, undefined).target).toBe('/x');
  });
});

describe('the argument split into parameters and body', () => {
  const fields = definition('/w/{id}', [pathParameter('id')], { input: 'parameters+fields', body: { type: 'object', required: ['name'] }, bodyRequired: true });
  const array = definition('/w/{id}', [pathParameter('id')], { input: 'parameters+body', body: { type: 'array' }, bodyRequired: true });

  it('parameters+fields: the body is every key that is not a parameter', () => {
    expect(bodyOf(fields, { id: 'w', name: 'n', extra: 1 })).toEqual({ name: 'n', extra: 1 });
  });

  it('parameters+body: the body is the `body` key', () => {
    expect(bodyOf(array, { id: 'w', body: [1] })).toEqual([1]);
  });

  it('validates parameters and body together, naming each problem by where it goes', () => {
    const problem = (() => {
      try {
        validateInput(fields, { id: 5 }, bodyOf(fields, { id: 5 }));
      } catch (error) {
        return error as GenAuthValidationError;
      }
    })();
    expect(problem).toBeInstanceOf(GenAuthValidationError);
    expect(problem!.issues).toEqual([
      { field: 'path.id', message: 'must be a string, got number' },
      { field: 'body.name', message: 'is required' },
    ]);
  });

  it('names a missing required parameter and a key that is not a parameter', () => {
    const onlyParameters = definition('/w/{id}', [pathParameter('id'), header('X-Locale')]);
    expect(() => validateInput(onlyParameters, { 'X-Locale': 'fr', stray: 1 }, undefined)).toThrow(
      /path\.id is required; header\.X-Locale must be one of en, zh; stray is not a parameter of this operation/,
    );
  });

  it('accepts an operation without input called with nothing or {}, and refuses anything else', () => {
    const none = definition('/health', [], { input: 'none' });
    expect(() => validateInput(none, undefined, undefined)).not.toThrow();
    expect(() => validateInput(none, {}, undefined)).not.toThrow();
    expect(() => validateInput(none, { x: 1 }, undefined)).toThrow(/x is not accepted: this operation takes no input/);
  });
});
