import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../fixture-spec.ts';

interface DryRun {
  tasks: { taskId: string; command: string; inputs: Record<string, string>; dependencies: string[]; cache: { status: 'HIT' | 'MISS' } }[];
}

function dryRun(task: string): DryRun {
  const output = execFileSync(join(repoRoot, 'node_modules/.bin/turbo'), ['run', task, '--dry=json'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
  return JSON.parse(output) as DryRun;
}

describe('turbo task graph', () => {
  it('makes the spec an input of generate, and build depend on generate', () => {
    const { tasks } = dryRun('build');
    const generate = tasks.find((task) => task.taskId === '@genauth/client#generate')!;
    expect(Object.keys(generate.inputs)).toContain('../../openapi/openapi.yaml');
    const build = tasks.find((task) => task.taskId === '@genauth/client#build')!;
    expect(build.dependencies).toContain('@genauth/client#generate');
  });

  it('is a full cache hit when nothing changed since the build this test run depends on', () => {
    // Packages without the script (the private docs site has neither generate nor build) list the task with nothing to run.
    const tasks = dryRun('build').tasks.filter((task) => task.command !== '<NONEXISTENT>');
    expect(tasks.length).toBeGreaterThanOrEqual(4);
    expect(tasks.filter((task) => task.cache.status !== 'HIT').map((task) => task.taskId)).toEqual([]);
  });
});
