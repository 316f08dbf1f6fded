import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../fixture-spec.ts';

/**
 * `pnpm bench` in one very short round (`--smoke`: tiny iteration counts, the 10-operation spec only):
 * it must finish and report every figure. The values are not checked: this is a shared, noisy machine.
 */
describe('pnpm bench --smoke', () => {
  const dir = mkdtempSync(join(tmpdir(), 'genauth-bench-smoke-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every measurement and reports every figure', () => {
    const json = join(dir, 'results.json');
    const out = join(dir, 'RESULTS.md');
    const run = spawnSync(join(repoRoot, 'node_modules/.bin/tsx'), ['test/bench/run.ts', '--smoke', '--json', json, '--out', out], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 80_000,
    });
    expect(run.stderr).not.toContain('bench failed');
    expect(run.status).toBe(0);

    const results = JSON.parse(readFileSync(json, 'utf8'));
    const positive = (value: unknown) => expect(typeof value === 'number' && Number.isFinite(value) && value > 0, String(value)).toBe(true);

    for (const mode of ['stub', 'loopback']) {
      for (const operation of ['sendSms', 'getProfile']) {
        const result = results[mode][operation];
        expect(result.operation).toBe(operation);
        for (const name of ['floor', 'floorWithTimeout', 'openapiFetch', 'genauth', 'axios']) {
          const contender = result.contenders[name];
          expect(contender.opsPerSecond).toHaveLength(2);
          positive(contender.medianOpsPerSecond);
          positive(contender.medianMicrosPerCall);
          positive(contender.ratioToFloor);
        }
        positive(result.genauthToOpenapiFetch);
        positive(result.genauthToAxios);
        positive(result.genauthToFloorWithTimeout);
      }
    }

    expect(results.generation.map((r: { operations: number }) => r.operations)).toEqual([10]);
    const [generation] = results.generation;
    for (const key of ['specBytes', 'generatedFiles', 'generatedBytes', 'generateCliMs', 'renderInProcessMs', 'tscMs']) positive(generation[key]);
    for (const key of ['fullBundle', 'oneOperationBundle']) {
      positive(generation[key].minifiedBytes);
      positive(generation[key].gzipBytes);
    }
    expect(generation.otherOperationsShipped).toBeGreaterThanOrEqual(0);
    expect(generation.otherOperationsShipped).toBeLessThanOrEqual(9);
    expect(Array.isArray(generation.tscErrors)).toBe(true);

    expect(results.memory.calls).toBe(2_000);
    positive(results.memory.startBytes);
    positive(results.memory.endBytes);
    expect(results.memory.deltaBytes).toBe(results.memory.endBytes - results.memory.startBytes);
    for (const key of ['genauth', 'openapiFetch']) {
      positive(results.size[key].minifiedBytes);
      positive(results.size[key].gzipBytes);
    }
    for (const key of ['date', 'cpuModel', 'node', 'os']) expect(results.machine[key]).toBeTruthy();

    const goals = results.goals as { goal: string; met: boolean | undefined; diagnostic?: boolean }[];
    const decided = goals.filter((goal) => typeof goal.met === 'boolean').map((goal) => goal.goal);
    for (const operation of ['sendSms', 'getProfile']) {
      expect(decided).toEqual(
        expect.arrayContaining([
          expect.stringMatching(new RegExp(`^\`${operation}\`: .*within 0\\.65x of bare openapi-fetch \\(stubbed fetch\\)`)),
          expect.stringMatching(new RegExp(`^\`${operation}\`: .*within 1\\.25x of the hand-written fetch \\(stubbed fetch\\)`)),
          expect.stringMatching(new RegExp(`^\`${operation}\`: .*within 1\\.05x of the hand-written fetch with a 10 s timeout signal \\(loopback`)),
          expect.stringMatching(new RegExp(`^\`${operation}\`: .*faster than the axios client \\(stubbed fetch\\)`)),
          expect.stringMatching(new RegExp(`^\`${operation}\`: .*faster than the axios client \\(loopback\\)`)),
        ]),
      );
      // The ratio to a fetch without a signal is reported, with no limit of its own.
      expect(goals.filter((goal) => goal.diagnostic && goal.goal.startsWith(`\`${operation}\``) && goal.goal.includes('without a signal'))).toHaveLength(1);
    }
    expect(decided).toEqual(expect.arrayContaining([expect.stringContaining('does not ship the other 9'), expect.stringContaining('heap flat')]));

    // The same report is printed and written, with every section and contender.
    const markdown = readFileSync(out, 'utf8');
    expect(run.stdout).toBe(markdown);
    for (const heading of ['## Goals', '## 1. Per-call overhead', '## 2. Generation at scale', '## 3. Memory', '## 4. Size']) {
      expect(markdown).toContain(heading);
    }
    for (const heading of ['### Stubbed fetch, `sendSms`', '### Stubbed fetch, `getProfile`', '### Loopback HTTP with keep-alive, `sendSms`', '### Loopback HTTP with keep-alive, `getProfile`']) {
      expect(markdown).toContain(heading);
    }
    for (const label of ['hand-written fetch (floor)', 'hand-written fetch with a 10 s timeout signal', 'bare openapi-fetch', '@genauth/client (built)', 'axios client']) {
      expect(markdown.split(label).length - 1).toBeGreaterThanOrEqual(4);
    }
    expect(markdown).toContain(process.version);
  }, 90_000);
});
