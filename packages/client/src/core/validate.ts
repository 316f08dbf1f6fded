import type { ValidationIssue } from './errors.js';

/**
 * The rules of a request body: a small JSON-schema subset, generated from the spec into the operation
 * table (scripts/lib/body-schema.ts compiles it) and enforced here before anything is sent.
 */
export interface RuleSet {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';
  nullable?: true;
  enum?: readonly (string | number | boolean)[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: RuleSet;
  required?: readonly string[];
  properties?: Readonly<Record<string, RuleSet>>;
  /** `false`: no other fields; rules: the rules of every other field's value (a map). */
  additionalProperties?: false | RuleSet;
  /** `allOf`: the value must satisfy each (their `additionalProperties: false` is dropped: the others add fields). */
  allOf?: readonly RuleSet[];
  /** A construct not checked locally, on purpose (`oneOf`, `anyOf`): the server decides. Named for readers of the generated table. */
  unchecked?: string;
  /** `x-genauth-secret`: the value is redacted from every error and log line. */
  secret?: true;
}

const patterns = new Map<string, RegExp>();

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function hasType(value: unknown, type: NonNullable<RuleSet['type']>): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    default:
      return typeof value === type;
  }
}

/** Appends the problems of `value` against `rules`; messages name the rule, never the value (it may be secret). */
export function checkValue(value: unknown, rules: RuleSet, field: string, issues: ValidationIssue[]): void {
  if (value === null) {
    if (!rules.nullable) issues.push({ field, message: 'must not be null' });
    return;
  }
  if (rules.type && !hasType(value, rules.type)) {
    issues.push({ field, message: `must be ${rules.type === 'integer' || rules.type === 'array' || rules.type === 'object' ? 'an' : 'a'} ${rules.type}, got ${typeOf(value)}` });
    return;
  }
  if (rules.enum && !rules.enum.includes(value as string)) {
    issues.push({ field, message: `must be one of ${rules.enum.join(', ')}` });
  }
  if (typeof value === 'string') {
    if (rules.minLength !== undefined || rules.maxLength !== undefined) {
      const length = [...value].length; // code points, as JSON Schema counts them; only when a length rule asks
      if (rules.minLength !== undefined && length < rules.minLength) issues.push({ field, message: `must be at least ${rules.minLength} characters long` });
      if (rules.maxLength !== undefined && length > rules.maxLength) issues.push({ field, message: `must be at most ${rules.maxLength} characters long` });
    }
    if (rules.pattern !== undefined) {
      let regexp = patterns.get(rules.pattern);
      if (!regexp) patterns.set(rules.pattern, (regexp = new RegExp(rules.pattern, 'u')));
      if (!regexp.test(value)) issues.push({ field, message: `must match the pattern ${rules.pattern}` });
    }
  }
  if (typeof value === 'number') {
    if (rules.minimum !== undefined && value < rules.minimum) issues.push({ field, message: `must be at least ${rules.minimum}` });
    if (rules.maximum !== undefined && value > rules.maximum) issues.push({ field, message: `must be at most ${rules.maximum}` });
  }
  if (Array.isArray(value)) {
    if (rules.minItems !== undefined && value.length < rules.minItems) issues.push({ field, message: `must have at least ${rules.minItems} items` });
    if (rules.maxItems !== undefined && value.length > rules.maxItems) issues.push({ field, message: `must have at most ${rules.maxItems} items` });
    if (rules.items) value.forEach((item, index) => checkValue(item, rules.items!, `${field}[${index}]`, issues));
  }
  if ((rules.properties || rules.required || rules.additionalProperties !== undefined) && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    for (const name of rules.required ?? []) {
      if (object[name] === undefined) issues.push({ field: `${field}.${name}`, message: 'is required' });
    }
    for (const name of Object.keys(object)) {
      const rule = rules.properties?.[name];
      if (rule) {
        if (object[name] !== undefined) checkValue(object[name], rule, `${field}.${name}`, issues);
      } else if (rules.additionalProperties === false) {
        issues.push({ field: `${field}.${name}`, message: 'is not a field of this request' });
      } else if (rules.additionalProperties && object[name] !== undefined) {
        checkValue(object[name], rules.additionalProperties, `${field}.${name}`, issues);
      }
    }
  }
  if (rules.allOf) for (const member of rules.allOf) checkValue(value, member, field, issues);
}

/** The values of fields marked secret in `rules`, found in `value`: they are redacted from errors and logs. */
export function secretValues(value: unknown, rules: RuleSet | undefined, found: string[] = []): string[] {
  if (!rules || value === null || value === undefined) return found;
  if (rules.secret && (typeof value === 'string' || typeof value === 'number')) found.push(String(value));
  if (rules.properties && typeof value === 'object') {
    for (const [name, rule] of Object.entries(rules.properties)) secretValues((value as Record<string, unknown>)[name], rule, found);
  }
  if (rules.items && Array.isArray(value)) for (const item of value) secretValues(item, rules.items, found);
  if (typeof rules.additionalProperties === 'object' && typeof value === 'object') {
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      if (!rules.properties?.[name]) secretValues(item, rules.additionalProperties, found);
    }
  }
  if (rules.allOf) for (const member of rules.allOf) secretValues(value, member, found);
  return found;
}
