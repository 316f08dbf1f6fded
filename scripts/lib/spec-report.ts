import type { SpecChange } from './spec-diff.ts';
import type { SpecReleaseState } from './spec-release.ts';

const LABEL: Record<SpecChange['kind'], string> = { breaking: 'breaking', feature: 'feature ', fix: 'fix     ' };

export function formatChange(change: SpecChange): string {
  return `${change.where}: ${change.change}`;
}

/** The change list and the bump, as `pnpm spec:diff` prints them. */
export function formatState(state: SpecReleaseState, specPath: string): string {
  if (!state.base) {
    const shallow = state.shallowClone ? '\nWarning: this is a shallow clone, which may lack the release tags: fetch them (`git fetch --tags --unshallow`) so the check compares with the last release.' : '';
    return `spec:diff: no release tag yet (no "<package>@<version>" tag reachable from HEAD), so there is no released spec to compare ${specPath} with; the first release publishes it as it is. Pass --base <git ref> to compare with a commit.${shallow}`;
  }
  const lines = [`spec:diff: ${specPath} compared with ${state.base.reason}: ${state.changes.length} change${state.changes.length === 1 ? '' : 's'}.`];
  for (const change of state.changes) lines.push(`  ${LABEL[change.kind]}  ${formatChange(change)}`);
  const count = (kind: SpecChange['kind']) => state.changes.filter((change) => change.kind === kind).length;
  lines.push(`Required bump: ${state.required}${state.changes.length ? ` (${count('breaking')} breaking, ${count('feature')} feature, ${count('fix')} fix)` : ''}.`);
  for (const pkg of state.packages) {
    const released = pkg.releasedVersion ? `released ${pkg.releasedVersion}` : 'not released at the base (first release: no bump required)';
    const pending = pkg.pendingFiles.length ? `pending changesets: ${pkg.pending} (${pkg.pendingFiles.join(', ')})` : 'no pending changeset';
    lines.push(`  ${pkg.covered ? '✓' : '✗'} ${pkg.name}: ${released}, now ${pkg.currentVersion}; ${pending}`);
  }
  return lines.join('\n');
}

/** Why CI fails, naming the changes that force the bump and the command that fixes it. */
export function formatUncovered(state: SpecReleaseState): string | undefined {
  const missing = state.packages.filter((pkg) => !pkg.covered);
  if (missing.length === 0) return undefined;
  const kind = state.required === 'major' ? 'breaking' : state.required === 'minor' ? 'feature' : 'fix';
  const reasons = state.changes.filter((change) => change.kind === kind);
  return [
    `spec:diff: the spec has ${kind} changes since ${state.base?.reason}, which need a ${state.required} release of ${missing.map((pkg) => pkg.name).join(', ')}, but the pending changesets do not record one:`,
    ...reasons.map((change) => `  ${kind}: ${formatChange(change)}`),
    `Fix: run \`pnpm spec:changeset\` to write the changeset (or \`pnpm changeset\` and choose "${state.required}" for ${missing.map((pkg) => pkg.name).join(', ')}), then commit it.`,
  ].join('\n');
}
