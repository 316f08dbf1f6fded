/**
 * `pnpm generate`: regenerates everything derived from openapi/openapi.yaml.
 *   tsx scripts/generate.ts [--only <workspace package>]... [--spec <file>] [--root <dir>]
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { renderAll, write } from './lib/generate-all.ts';

const repoRoot = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    only: { type: 'string', multiple: true },
    spec: { type: 'string' },
    root: { type: 'string' },
  },
});

try {
  const root = values.root ? resolve(values.root) : repoRoot;
  const { files, outputDirs } = await renderAll({
    root,
    specPath: values.spec ? resolve(values.spec) : undefined,
    packages: values.only,
  });
  const drift = write(root, files, outputDirs);
  const touched = drift.changed.length + drift.missing.length + drift.stale.length;
  console.log(`generate: ${files.size} files from the spec, ${touched} changed${touched ? ': ' + [...drift.changed, ...drift.missing, ...drift.stale.map((p) => `${p} (removed)`)].join(', ') : ''}`);
} catch (error) {
  console.error(`generate failed: ${(error as Error).message}`);
  process.exit(1);
}
