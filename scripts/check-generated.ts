/** `pnpm check:generated`: regenerates in memory and fails when committed output differs from it. */
import { resolve } from 'node:path';
import { compare, renderAll } from './lib/generate-all.ts';

const root = resolve(import.meta.dirname, '..');
try {
  const { files, outputDirs } = await renderAll({ root });
  const drift = compare(root, files, outputDirs);
  const problems = [
    ...drift.changed.map((path) => `  changed: ${path}`),
    ...drift.missing.map((path) => `  missing: ${path}`),
    ...drift.stale.map((path) => `  not generated from the spec: ${path}`),
  ];
  if (problems.length > 0) {
    console.error(`check:generated: the generated output is stale (${problems.length} files):\n${problems.join('\n')}`);
    console.error('Fix: run `pnpm generate` and commit the result.');
    process.exit(1);
  }
  console.log(`check:generated: ${files.size} generated files match the spec.`);
} catch (error) {
  console.error(`check:generated failed: ${(error as Error).message}`);
  process.exit(1);
}
