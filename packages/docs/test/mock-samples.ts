import { spawnSync } from 'node:child_process';

/**
 * Points a sample at the mock the way the page tells readers to point it at their app: by changing
 * the value of its AUTHING_APP_HOST constant. Fails if the sample no longer has exactly one.
 */
export function pointAtMock(sample: string, assignment: RegExp, replacement: string): string {
  const matches = sample.match(new RegExp(assignment.source, 'gm')) ?? [];
  if (matches.length !== 1) throw new Error(`Expected one AUTHING_APP_HOST assignment in the sample, found ${matches.length}:\n${sample}`);
  return sample.replace(new RegExp(assignment.source, 'm'), replacement);
}

/** Runs a curl sample against the mock (bash, bounded in time): its exit status, output and errors. */
export function runCurlSample(sample: string, apiBaseUrl: string): { status: number | null; stdout: string; stderr: string } {
  const script = pointAtMock(sample, /^AUTHING_APP_HOST='[^']*'$/, `AUTHING_APP_HOST='${apiBaseUrl}'`);
  const run = spawnSync('bash', ['-euo', 'pipefail', '-c', script], { encoding: 'utf8', timeout: 20_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
