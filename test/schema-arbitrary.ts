import { createRequire } from 'node:module';
import fc from 'fast-check';
import type { ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
const Ajv = require('ajv') as typeof import('ajv').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

type Schema = Record<string, any>;
type Document = Record<string, any>;

/** BMP code points without surrogates, `&=?#/%+` and non-ASCII included: text every JSON stack here round-trips. */
const char = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xa0, max: 0xd7ff }) },
).map((code) => String.fromCharCode(code));
const text = (minLength = 0, maxLength = 12) => fc.string({ unit: char, minLength, maxLength });
const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 1, maxLength: 8 });

/** Any JSON value, small: what a free-form object holds. */
const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -1e6, max: 1e6 }),
    fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).filter((value) => !Object.is(value, -0)),
    text(),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(word, tie('value'), { maxKeys: 3 }),
  ),
})).value;

const FORMATS: Record<string, fc.Arbitrary<unknown>> = {
  email: fc.tuple(word, word, fc.constantFrom('com', 'org', 'cn')).map(([user, host, tld]) => `${user}@${host}.${tld}`),
  'date-time': fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true }).map((date) => date.toISOString()),
};

export interface SchemaArbitraryOptions {
  /** `request`: readOnly properties are left out (OpenAPI 3.0: they are never sent); `response`: writeOnly ones. */
  direction: 'request' | 'response';
}

/**
 * Values of an OpenAPI 3.0 schema, for the constructs the kitchen-sink fixture uses: `$ref`, type,
 * enum, `nullable`, formats (email, date-time, int32/int64), string lengths and patterns, number
 * bounds, arrays, objects with required and optional properties, `additionalProperties` maps,
 * free-form objects, `allOf` (object members merged), `oneOf` and `anyOf` (one member). A construct it
 * does not know throws, so a fixture that grows one cannot be tested with values that ignore it.
 * Use `validBySpec` as the oracle: a generated value is kept only when the spec's own schema accepts it.
 */
export function schemaArbitrary(document: Document, schema: Schema, options: SchemaArbitraryOptions, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const name = /^#\/components\/schemas\/([^/]+)$/.exec(schema.$ref)?.[1];
    if (!name || !document.components?.schemas?.[name]) throw new Error(`schemaArbitrary: cannot follow ${schema.$ref}`);
    return schemaArbitrary(document, document.components.schemas[name], options, depth + 1);
  }
  if (depth > 12) throw new Error('schemaArbitrary: the schema nests too deep (recursive?)');
  const arbitrary = nonNull(document, schema, options, depth);
  return schema.nullable ? fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary }) : arbitrary;
}

function nonNull(document: Document, schema: Schema, options: SchemaArbitraryOptions, depth: number): fc.Arbitrary<unknown> {
  const next = (member: Schema) => schemaArbitrary(document, member, options, depth + 1);
  if (schema.enum) return fc.constantFrom(...schema.enum.filter((value: unknown) => value !== null));
  if (schema.oneOf || schema.anyOf) return fc.oneof(...(schema.oneOf ?? schema.anyOf).map(next));
  if (schema.allOf) return next(mergeAllOf(document, schema));
  const known = new Set([
    'type', 'nullable', 'enum', 'format', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'items', 'minItems', 'maxItems',
    'properties', 'required', 'additionalProperties', 'description', 'example', 'default', 'readOnly', 'writeOnly', 'deprecated', 'title',
  ]);
  const unknown = Object.keys(schema).filter((key) => !known.has(key) && !key.startsWith('x-'));
  if (unknown.length) throw new Error(`schemaArbitrary: no values for ${unknown.join(', ')} yet`);
  switch (schema.type) {
    case 'string': {
      if (schema.format && FORMATS[schema.format]) return FORMATS[schema.format]!;
      if (schema.pattern) {
        return fc
          .stringMatching(new RegExp(schema.pattern, 'u'))
          .filter((value) => [...value].length >= (schema.minLength ?? 0) && [...value].length <= (schema.maxLength ?? Infinity));
      }
      return text(schema.minLength ?? 0, schema.maxLength ?? Math.max(12, schema.minLength ?? 0));
    }
    case 'integer': {
      const bound = schema.format === 'int32' ? 2 ** 31 - 1 : Number.MAX_SAFE_INTEGER;
      return fc.integer({ min: Math.max(schema.minimum ?? -bound, -bound), max: Math.min(schema.maximum ?? bound, bound) });
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true }).filter((value) => !Object.is(value, -0));
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(next(schema.items ?? {}), { minLength: schema.minItems ?? 0, maxLength: schema.maxItems ?? Math.max(3, schema.minItems ?? 0) });
    case 'object':
    case undefined:
      return objectArbitrary(document, schema, options, depth);
    default:
      throw new Error(`schemaArbitrary: no values for type ${schema.type}`);
  }
}

function objectArbitrary(document: Document, schema: Schema, options: SchemaArbitraryOptions, depth: number): fc.Arbitrary<unknown> {
  const skipped = (property: Schema) => {
    const resolved = property.$ref ? document.components.schemas[property.$ref.split('/').pop()] : property;
    return options.direction === 'request' ? resolved.readOnly === true : resolved.writeOnly === true;
  };
  const properties = Object.entries((schema.properties ?? {}) as Record<string, Schema>).filter(([, property]) => !skipped(property));
  const required = new Set<string>(schema.required ?? []);
  const record = fc.record(Object.fromEntries(properties.map(([name, property]) => [name, schemaArbitrary(document, property, options, depth + 1)])), {
    requiredKeys: properties.map(([name]) => name).filter((name) => required.has(name)),
  });
  const extra = schema.additionalProperties;
  if (extra === false) return record;
  // A map (`additionalProperties: {schema}`), or a free-form object (no properties, nothing said): other keys with their values.
  const values = typeof extra === 'object' ? schemaArbitrary(document, extra, options, depth + 1) : properties.length === 0 ? jsonValue : undefined;
  if (!values) return record;
  const own = new Set(Object.keys(schema.properties ?? {}));
  return fc
    .tuple(record, fc.dictionary(word.filter((key) => !own.has(key)), values, { maxKeys: 3 }))
    .map(([fields, more]) => ({ ...more, ...(fields as object) }));
}

/** An `allOf` of object schemas as one object schema: properties and required lists merged; no member may forbid the others' fields. */
function mergeAllOf(document: Document, schema: Schema): Schema {
  const { allOf, ...own } = schema;
  const members = [own, ...allOf].map((member: Schema) => (member.$ref ? document.components.schemas[member.$ref.split('/').pop()] : member));
  const merged: Schema = { type: 'object', properties: {}, required: [] };
  for (const candidate of members) {
    const member: Schema = candidate.allOf ? mergeAllOf(document, candidate) : candidate;
    if (member.type !== undefined && member.type !== 'object') throw new Error('schemaArbitrary: allOf of non-object schemas');
    Object.assign(merged.properties, member.properties ?? {});
    merged.required.push(...(member.required ?? []));
    if (member.nullable) merged.nullable = true;
  }
  return merged;
}

/** The spec's own verdict on a value (ajv, OpenAPI 3.0 `nullable` and formats included): the oracle of the properties. */
export function specValidator(document: Document): (schema: Schema, value: unknown) => boolean {
  const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false, discriminator: false });
  addFormats(ajv);
  ajv.addSchema(document as object, 'spec.json');
  const cache = new Map<string, ValidateFunction>();
  return (schema, value) => {
    const key = JSON.stringify(schema);
    let validate = cache.get(key);
    if (!validate) {
      // A schema given inline is compiled with its $refs pointing into the spec.
      validate = ajv.compile(rewriteRefs(schema) as Schema);
      cache.set(key, validate);
    }
    return validate(value) as boolean;
  };
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' ? `spec.json${value}` : rewriteRefs(value)]));
}
