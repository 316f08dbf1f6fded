import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpec, type OpenApiDocument } from '../../../scripts/lib/spec.ts';
import { readOperations, type OperationModel } from '../../../scripts/lib/operations.ts';

export const repoRoot = join(import.meta.dirname, '../../..');
export const docsRoot = join(repoRoot, 'packages/docs');
export const generatedDir = join(docsRoot, 'generated');

export const spec: OpenApiDocument = loadSpec(join(repoRoot, 'openapi/openapi.yaml')).document;
export const operations: OperationModel[] = readOperations(spec);

/** `bindPhone` → the page the generator wrote for it (`pages/bind-phone.md`). */
export function pagePath(operationId: string): string {
  return join(generatedDir, 'pages', `${operationId.replace(/[A-Z]/g, (letter) => '-' + letter.toLowerCase())}.md`);
}

export function readPage(operationId: string): string {
  return readFileSync(pagePath(operationId), 'utf8');
}
