import fc from 'fast-check';
import type { OperationDefinition, RuleSet } from '@genauth/client';

/** Text of BMP code points without surrogates: what every JSON stack here counts and round-trips the same. */
const char = fc.integer({ min: 0x20, max: 0xd7ff }).map((code) => String.fromCharCode(code));

/** Values that satisfy `rules`: arbitraries derived from the spec's own request schema. */
export function validValue(rules: RuleSet): fc.Arbitrary<unknown> {
  if (rules.enum) return fc.constantFrom(...rules.enum);
  switch (rules.type) {
    case 'string':
      if (rules.pattern) {
        return fc
          .stringMatching(new RegExp(rules.pattern, 'u'))
          .filter((value) => [...value].length >= (rules.minLength ?? 0) && [...value].length <= (rules.maxLength ?? Infinity));
      }
      return fc.string({ unit: char, minLength: rules.minLength ?? 0, maxLength: rules.maxLength ?? 64 });
    case 'integer':
      return fc.integer({ min: rules.minimum ?? -1e9, max: rules.maximum ?? 1e9 });
    case 'number':
      return fc.double({ min: rules.minimum ?? -1e9, max: rules.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(rules.items ?? {}), { minLength: rules.minItems ?? 0, maxLength: rules.maxItems ?? 5 });
    case 'object': {
      const properties = rules.properties ?? {};
      const required = new Set(rules.required ?? []);
      const entries = Object.fromEntries(Object.entries(properties).map(([name, rule]) => [name, validValue(rule)]));
      return fc.record(entries, { requiredKeys: Object.keys(properties).filter((name) => required.has(name)) });
    }
    default:
      return fc.constant(null);
  }
}

/** A valid argument of an operation's method: its body, or its parameters (required ones always, optional ones sometimes) and body fields. */
export function validInput(operation: OperationDefinition): fc.Arbitrary<unknown> {
  if (operation.input === 'body') return operation.body ? validValue(operation.body) : fc.constant(undefined);
  const parameters = Object.fromEntries(operation.parameters.map((parameter) => [parameter.name, validValue(parameter.rules)]));
  const required = operation.parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name);
  const record = fc.record(parameters, { requiredKeys: required });
  if (operation.input === 'parameters+fields' && operation.body) {
    return fc.tuple(record, validValue(operation.body)).map(([values, body]) => ({ ...values, ...(body as object) }));
  }
  if (operation.input === 'parameters+body' && operation.body) return fc.tuple(record, validValue(operation.body)).map(([values, body]) => ({ ...values, body }));
  return record;
}

export type Mutation = { field: string; kind: string; apply: (body: Record<string, unknown>) => void };

/** One way to break a valid body, with the field the validator must name. */
export function mutation(rules: RuleSet): fc.Arbitrary<Mutation> {
  const properties = rules.properties ?? {};
  const options: fc.Arbitrary<Mutation>[] = [];
  for (const name of rules.required ?? []) {
    options.push(fc.constant({ field: `body.${name}`, kind: 'missing', apply: (body) => void delete body[name] }));
  }
  for (const [name, rule] of Object.entries(properties)) {
    const wrong = rule.type === 'string' ? fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant({})) : fc.string();
    options.push(wrong.map((value) => ({ field: `body.${name}`, kind: 'wrong type', apply: (body) => void (body[name] = value) })));
    if (rule.enum) {
      const notAllowed = fc.string({ unit: char, maxLength: 20 }).filter((value) => !rule.enum!.includes(value));
      options.push(notAllowed.map((value) => ({ field: `body.${name}`, kind: 'not in enum', apply: (body) => void (body[name] = value) })));
    }
    if (rule.maxLength !== undefined) {
      const tooLong = fc.string({ unit: char, minLength: rule.maxLength + 1, maxLength: rule.maxLength + 10 });
      options.push(tooLong.map((value) => ({ field: `body.${name}`, kind: 'too long', apply: (body) => void (body[name] = value) })));
    }
    if (rule.pattern) {
      const regexp = new RegExp(rule.pattern, 'u');
      const mismatch = fc.string({ unit: char, minLength: 1, maxLength: 8 }).filter((value) => !regexp.test(value));
      options.push(mismatch.map((value) => ({ field: `body.${name}`, kind: 'pattern', apply: (body) => void (body[name] = value) })));
    }
  }
  if (rules.additionalProperties === false) {
    const extra = fc.string({ minLength: 1, maxLength: 12 }).filter((name) => !(name in properties) && name !== '__proto__');
    options.push(extra.map((name) => ({ field: `body.${name}`, kind: 'unknown field', apply: (body) => void (body[name] = 'x') })));
  }
  return fc.oneof(...options);
}
