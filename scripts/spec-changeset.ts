/**
 * `pnpm spec:changeset`: writes the changeset the spec changes since the last release tag (or --base)
 * require: the bump for each spec package that pending changesets do not cover yet, and the list of
 * API changes as its text. Writes nothing when nothing is missing.
 *   tsx scripts/spec-changeset.ts [--base <git ref>] [--root <dir>]
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatChange } from './lib/spec-report.ts';
import { SPEC_PATH, specReleaseState } from './lib/spec-release.ts';

const HEADING = { breaking: 'Breaking', feature: 'Feature', fix: 'Fix' } as const;

try {
  const { values } = parseArgs({ options: { base: { type: 'string' }, root: { type: 'string' } } });
  const root = values.root ? resolve(values.root) : resolve(import.meta.dirname, '..');
  const state = specReleaseState(root, { base: values.base });
  if (!state.base) {
    console.log('spec:changeset: no release tag yet, so no spec changes to record; nothing written. Pass --base <git ref> to compare with a commit.');
  } else if (state.required === 'none') {
    console.log(`spec:changeset: ${SPEC_PATH} is unchanged since ${state.base.reason}; nothing written.`);
  } else {
    const missing = state.packages.filter((pkg) => !pkg.covered);
    if (missing.length === 0) {
      const files = [...new Set(state.packages.flatMap((pkg) => pkg.pendingFiles))];
      console.log(`spec:changeset: the ${state.required} bump is already recorded (${files.join(', ') || 'versions already bumped'}); nothing written.`);
    } else {
      const frontmatter = missing.map((pkg) => `"${pkg.name}": ${state.required}`).join('\n');
      const body = [`API changes in ${SPEC_PATH} since ${state.base.ref}:`, '', ...state.changes.map((change) => `- ${HEADING[change.kind]}: ${formatChange(change)}`)].join('\n');
      const text = `---\n${frontmatter}\n---\n\n${body}\n`;
      const file = `.changeset/spec-${createHash('sha256').update(text).digest('hex').slice(0, 8)}.md`;
      writeFileSync(join(root, file), text);
      console.log(`spec:changeset: wrote ${file}: ${missing.map((pkg) => `${pkg.name} ${state.required}`).join(', ')}, ${state.changes.length} API changes. Review the text, then commit it.`);
    }
  }
} catch (error) {
  console.error(`spec:changeset failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
