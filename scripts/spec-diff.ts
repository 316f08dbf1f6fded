/**
 * `pnpm spec:diff`: lists every change of openapi/openapi.yaml since the last release tag (or --base),
 * classified breaking / feature / fix, and the semver bump it requires. With --check (the default when
 * CI is set) it exits 1 when the pending changesets do not cover that bump.
 *   tsx scripts/spec-diff.ts [--base <git ref>] [--check | --no-check] [--root <dir>]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatState, formatUncovered } from './lib/spec-report.ts';
import { SPEC_PATH, specReleaseState } from './lib/spec-release.ts';

try {
  const { values } = parseArgs({
    options: { base: { type: 'string' }, check: { type: 'boolean' }, 'no-check': { type: 'boolean' }, root: { type: 'string' } },
  });
  const root = values.root ? resolve(values.root) : resolve(import.meta.dirname, '..');
  const inCi = ['1', 'true'].includes((process.env.CI ?? '').toLowerCase());
  const check = values['no-check'] ? false : (values.check ?? inCi);
  const state = specReleaseState(root, { base: values.base });
  console.log(formatState(state, SPEC_PATH));
  const uncovered = formatUncovered(state);
  if (uncovered) {
    if (check) {
      console.error(uncovered);
      process.exitCode = 1;
    } else console.log(`${uncovered}\n(not failing: run with --check, or in CI, to fail on this)`);
  }
} catch (error) {
  console.error(`spec:diff failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
