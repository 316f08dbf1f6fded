import { isReference, resolveRef, type OpenApiDocument, type SchemaObject } from './spec.ts';

/** `- \`VALUE\`: meaning` lines for an enum with `x-enum-descriptions`, or undefined without them. */
function enumValueList(schema: SchemaObject): string | undefined {
  const meanings = schema['x-enum-descriptions'];
  if (!Array.isArray(schema.enum) || !Array.isArray(meanings)) return undefined;
  return schema.enum.map((value, index) => `- \`${String(value)}\`: ${String(meanings[index] ?? '').trim() || '(no description)'}`).join('\n');
}

function visitObjects(node: unknown, visit: (object: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) return node.forEach((item) => visitObjects(item, visit));
  if (node === null || typeof node !== 'object') return;
  visit(node as Record<string, unknown>);
  Object.values(node).forEach((value) => visitObjects(value, visit));
}

/**
 * A copy of the spec whose descriptions say everything an editor's hover text should, for
 * openapi-typescript (which writes descriptions as JSDoc and changes nothing else):
 * - an enum with `x-enum-descriptions` lists each value with its meaning;
 * - a property that is only a `$ref` (such as `channel`) carries the referenced schema's description,
 *   which openapi-typescript reads beside a `$ref`. A property's own description always wins.
 */
export function withTypeDocs(document: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(document);
  visitObjects(copy, (object) => {
    const values = enumValueList(object as SchemaObject);
    if (values) object.description = [String(object.description ?? '').trim(), values].filter(Boolean).join('\n\n');
  });
  visitObjects(copy, (object) => {
    const properties = object.properties;
    if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) return;
    for (const [name, property] of Object.entries(properties as Record<string, unknown>)) {
      if (!isReference(property) || 'description' in property) continue;
      const target = resolveRef<SchemaObject>(copy, property);
      if (typeof target.description === 'string' && target.description.trim()) {
        (properties as Record<string, unknown>)[name] = { ...property, description: target.description };
      }
    }
  });
  return copy;
}

/** A JSDoc block (`/** … *\/`) for a description; empty when there is no description. */
export function descriptionJsDoc(description: string | undefined): string {
  const text = (description ?? '').trim().replace(/\*\//g, '*\\/');
  if (!text) return '';
  return ['/**', ...text.split('\n').map((line) => ` *${line ? ' ' + line : ''}`), ' */', ''].join('\n');
}
