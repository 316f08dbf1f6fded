import type { OperationModel } from '../operations.ts';
import type { OpenApiDocument } from '../spec.ts';
import { operationSamples } from './operation-page.ts';

/** A sample tab of the HTML reference: Redoc's `x-codeSamples` entry. */
interface ReferenceCodeSample {
  lang: string;
  label: string;
  source: string;
}

/** The reference's sample languages, in tab order, and which of the page's samples each shows. */
export const REFERENCE_SAMPLE_LANGUAGES = [
  { label: 'TypeScript', lang: 'typescript', sample: 'typescript' },
  { label: 'curl', lang: 'bash', sample: 'curl' },
] as const;

/** The sample tabs of one operation: the page's TypeScript and curl samples, verbatim. */
function referenceCodeSamples(document: OpenApiDocument, operation: OperationModel): ReferenceCodeSample[] {
  const samples = operationSamples(document, operation);
  return REFERENCE_SAMPLE_LANGUAGES.map(({ label, lang, sample }) => ({ lang, label, source: samples[sample] }));
}

/** `x-enum-descriptions` (a list parallel to `enum`) as Redoc's `x-enumDescriptions` (value → text), everywhere in the document. */
function addEnumDescriptions(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(addEnumDescriptions);
  if (node === null || typeof node !== 'object') return;
  const object = node as Record<string, unknown>;
  const values = object.enum;
  const meanings = object['x-enum-descriptions'];
  if (Array.isArray(values) && Array.isArray(meanings)) {
    object['x-enumDescriptions'] = Object.fromEntries(values.map((value, index) => [String(value), String(meanings[index] ?? '')]));
    delete object['x-enum-descriptions'];
  }
  Object.values(object).forEach(addEnumDescriptions);
}

/**
 * The spec the HTML reference renders: a copy with each operation's page samples as its
 * `x-codeSamples` (so the reference shows this SDK and curl, nothing generic) and the enum value
 * descriptions in the form Redoc shows.
 */
export function referenceSpec(document: OpenApiDocument, operations: OperationModel[]): OpenApiDocument {
  const copy = structuredClone(document);
  addEnumDescriptions(copy);
  for (const operation of operations) {
    const pathItem = copy.paths[operation.path] as Record<string, Record<string, unknown>> | undefined;
    const target = pathItem?.[operation.method.toLowerCase()];
    if (!target) throw new Error(`${operation.operationId}: ${operation.method} ${operation.path} is not in the spec's paths.`);
    target['x-codeSamples'] = referenceCodeSamples(document, operation);
  }
  return copy;
}
