/**
 * `pnpm examples:sync`: keeps what is derived from the examples' runtime matrix up to date:
 * - README.md's "Supported runtimes" table, rendered from what the runtime-matrix test runs
 *   (scripts/lib/runtime-matrix.ts) and the pinned runtime versions (runtimes/package.json);
 * - each example's `@genauth/client` pin, set to the workspace version (so `pnpm version-packages` runs it).
 * `--check` changes nothing and fails, naming the fix, when something differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { exampleNames, readmeWithSupportTable } from './lib/runtime-matrix.ts';

const root = resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');
const clientVersion = (JSON.parse(readFileSync(join(root, 'packages/client/package.json'), 'utf8')) as { version: string }).version;

const updates: { path: string; text: string }[] = [];
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const readmeUpdated = readmeWithSupportTable(root, readme);
if (readmeUpdated !== readme) updates.push({ path: readmePath, text: readmeUpdated });

for (const example of exampleNames(root)) {
  const path = join(root, 'examples', example, 'package.json');
  const text = readFileSync(path, 'utf8');
  const manifest = JSON.parse(text) as { dependencies?: Record<string, string> };
  if (!manifest.dependencies?.['@genauth/client']) throw new Error(`examples/${example}/package.json does not depend on @genauth/client.`);
  manifest.dependencies['@genauth/client'] = clientVersion;
  const updated = `${JSON.stringify(manifest, null, 2)}\n`;
  if (updated !== text) updates.push({ path, text: updated });
}

const names = updates.map(({ path }) => path.slice(root.length + 1));
if (check) {
  if (updates.length) {
    console.error(`examples:sync: out of date: ${names.join(', ')}. Run \`pnpm examples:sync\`.`);
    process.exit(1);
  }
  console.log('examples:sync: README table and example pins match.');
} else {
  for (const { path, text } of updates) writeFileSync(path, text);
  console.log(updates.length ? `examples:sync: updated ${names.join(', ')}` : 'examples:sync: already up to date.');
}
