import { readFileSync } from 'node:fs';
import { BENCH_OPERATIONS, fixed, kib, OPERATION_LABELS, type BenchOperation } from './common.ts';
import { CONTENDERS, LABELS, type ContenderName, type Mode } from './contenders.ts';
import type { GenerationResult } from './generation.ts';
import type { OverheadResult } from './overhead.ts';
import type { ProfileSummary } from './profile.ts';
import { SYNTHETIC_SHAPES } from './synthetic-spec.ts';
import type { MemoryResult, SizeResult } from './size-and-memory.ts';

export interface BenchResults {
  smoke: boolean;
  note: string | undefined;
  machine: {
    date: string;
    cpuModel: string;
    cores: number;
    memoryGiB: number;
    os: string;
    node: string;
    loadAverageStart: number;
    loadAverageEnd: number;
    commit: string;
    clientSourceCommit: string;
    versions: Record<string, string>;
    generators: string[];
  };
  stub: Record<BenchOperation, OverheadResult>;
  loopback: Record<BenchOperation, OverheadResult>;
  generation: GenerationResult[];
  memory: MemoryResult;
  size: SizeResult;
  profiles: ProfileSummary[];
}

export interface Goal {
  goal: string;
  /** undefined: not measurable in this run (e.g. linearity in a smoke run with one spec size), or a figure reported without a limit. */
  met: boolean | undefined;
  measured: string;
  margin: string;
  /** A figure reported beside the goals, with no limit of its own. */
  diagnostic?: true;
  /** For a missed overhead goal: what to profile against @genauth/client. */
  profile?: { mode: Mode; operation: BenchOperation; against: ContenderName };
}

/** Flat heap: under 1 MiB retained after 100,000 calls (about 10 bytes a call). */
const FLAT_HEAP_BYTES = 1024 * 1024;

function ratioGoal(goal: string, ratio: number, limit: number, profile: Goal['profile']): Goal {
  const met = ratio <= limit;
  return {
    goal,
    met,
    measured: `${fixed(ratio)}x`,
    margin: met ? `${fixed((1 - ratio / limit) * 100, 1)}% under the limit` : `${fixed((ratio / limit - 1) * 100, 1)}% over the limit`,
    profile,
  };
}

function fasterGoal(goal: string, ratio: number, mode: Mode, operation: BenchOperation): Goal {
  const met = ratio < 1;
  return {
    goal,
    met,
    measured: `${fixed(ratio)}x axios's time per call`,
    margin: met ? `${fixed((1 / ratio - 1) * 100, 1)}% faster` : `${fixed((ratio - 1) * 100, 1)}% slower`,
    profile: { mode, operation, against: 'axios' },
  };
}

/** The limits of issue 9 (Performance): the client's time per call as a multiple of each reference's, measured in the same rounds. */
export const LIMITS = {
  /** Stubbed fetch: at most this multiple of bare openapi-fetch's time per call. */
  stubToOpenapiFetch: 0.65,
  /** Stubbed fetch: at most this multiple of a hand-written fetch call's. */
  stubToFloor: 1.25,
  /** Loopback keep-alive: at most this multiple of a hand-written fetch carrying a 10 s timeout signal. */
  loopbackToFloorWithTimeout: 1.05,
} as const;

function overheadGoals(stub: OverheadResult, loopback: OverheadResult): Goal[] {
  const operation = stub.operation;
  const name = `\`${operation}\``;
  const ratioToFloor = loopback.contenders.genauth.ratioToFloor;
  return [
    ratioGoal(`${name}: @genauth/client within ${LIMITS.stubToOpenapiFetch}x of bare openapi-fetch (stubbed fetch)`, stub.genauthToOpenapiFetch, LIMITS.stubToOpenapiFetch, {
      mode: 'stub',
      operation,
      against: 'openapiFetch',
    }),
    ratioGoal(`${name}: @genauth/client within ${LIMITS.stubToFloor}x of the hand-written fetch (stubbed fetch)`, stub.contenders.genauth.ratioToFloor, LIMITS.stubToFloor, {
      mode: 'stub',
      operation,
      against: 'floor',
    }),
    ratioGoal(
      `${name}: @genauth/client within ${LIMITS.loopbackToFloorWithTimeout}x of the hand-written fetch with a 10 s timeout signal (loopback keep-alive)`,
      loopback.genauthToFloorWithTimeout,
      LIMITS.loopbackToFloorWithTimeout,
      { mode: 'loopback', operation, against: 'floorWithTimeout' },
    ),
    {
      goal: `${name}, reported: @genauth/client vs the hand-written fetch without a signal (loopback keep-alive; any signal on Node's fetch costs a share of a loopback call)`,
      met: undefined,
      diagnostic: true,
      measured: `${fixed(ratioToFloor)}x`,
      margin: `signal alone: ${fixed(loopback.contenders.floorWithTimeout.ratioToFloor)}x`,
    },
    {
      goal: `${name}, reported: the hand-written fetch with a 10 s timeout signal vs without (stubbed fetch; what an AbortController and a timer per call cost: @genauth/client shares one among up to 10 calls started together, see packages/client/src/core/deadline.ts)`,
      met: undefined,
      diagnostic: true,
      measured: `${fixed(stub.contenders.floorWithTimeout.ratioToFloor)}x`,
      margin: `@genauth/client vs the fetch with a timeout signal: ${fixed(stub.genauthToFloorWithTimeout)}x`,
    },
    fasterGoal(`${name}: @genauth/client faster than the axios client (stubbed fetch)`, stub.genauthToAxios, 'stub', operation),
    fasterGoal(`${name}: @genauth/client faster than the axios client (loopback)`, loopback.genauthToAxios, 'loopback', operation),
  ];
}

/** The budget CI enforces (`pnpm check:size`, scripts/size-budget.json), next to the figures above. */
function sizeBudgetLine(): string {
  const { bundles } = JSON.parse(readFileSync(new URL('../../scripts/size-budget.json', import.meta.url), 'utf8')) as {
    bundles: { package: string; platform: string; gzipBudgetBytes: number }[];
  };
  const budgets = bundles.map((bundle) => `${bundle.package} (${bundle.platform} bundle): ${kib(bundle.gzipBudgetBytes)} gzip`).join('; ');
  return `CI enforces a size budget with \`pnpm check:size\` (scripts/size-budget.json): ${budgets}.`;
}

const slope = (a: GenerationResult, b: GenerationResult, value: (r: GenerationResult) => number) => (value(b) - value(a)) / (b.operations - a.operations);

export function evaluateGoals(results: Pick<BenchResults, 'stub' | 'loopback'> & Partial<BenchResults>): Goal[] {
  const goals: Goal[] = BENCH_OPERATIONS.flatMap((operation) => overheadGoals(results.stub[operation], results.loopback[operation]));
  const generation = results.generation;
  if (generation) {
    const [small, middle, large] = generation;
    if (small && middle && large) {
      // Linear: the cost per added operation from 100 to 1,000 is at most twice that from 10 to 100.
      const first = slope(small, middle, (r) => r.renderInProcessMs);
      const second = slope(middle, large, (r) => r.renderInProcessMs);
      goals.push({
        goal: 'generation cost grows linearly (in-process render: ms per added operation, 100→1,000 at most 2x 10→100)',
        met: second <= 2 * first,
        measured: `${fixed(first, 3)} ms/op (10→100), ${fixed(second, 3)} ms/op (100→1,000)`,
        margin: `${fixed(second / first)}x (limit 2x)`,
      });
    } else {
      goals.push({ goal: 'generation cost grows linearly', met: undefined, measured: 'needs the 10, 100 and 1,000 operation specs', margin: 'not measured (smoke run)' });
    }
    const thousand = generation.find((r) => r.operations === 1_000);
    goals.push(
      thousand
        ? {
            goal: '1,000 operations generate in under 10 s (`scripts/generate.ts`, fresh process)',
            met: thousand.generateCliMs < 10_000,
            measured: `${fixed(thousand.generateCliMs / 1000)} s`,
            margin: `${fixed(Math.abs(10 - thousand.generateCliMs / 1000))} s ${thousand.generateCliMs < 10_000 ? 'to spare' : 'over'}`,
          }
        : { goal: '1,000 operations generate in under 10 s', met: undefined, measured: 'not run', margin: 'not measured (smoke run)' },
    );
    const largest = generation.at(-1);
    if (largest) {
      goals.push({
        goal: `a consumer of one operation does not ship the other ${largest.operations - 1} (esbuild, ${largest.operations} operations)`,
        met: largest.otherOperationsShipped === 0,
        measured: `${largest.otherOperationsShipped} of ${largest.operations - 1} other operations shipped; ${kib(largest.oneOperationBundle.minifiedBytes)} vs ${kib(largest.fullBundle.minifiedBytes)} full`,
        margin: `${fixed((largest.oneOperationBundle.minifiedBytes / largest.fullBundle.minifiedBytes) * 100, 1)}% of the full bundle`,
      });
      goals.push({
        goal: `the generated client type-checks (tsc --noEmit) at every size`,
        met: generation.every((r) => r.tscErrors.length === 0),
        measured: generation.map((r) => `${r.operations}: ${r.tscErrors.length === 0 ? 'ok' : `${r.tscErrors.length} error(s)`}`).join(', '),
        margin: generation.flatMap((r) => r.tscErrors.slice(0, 1).map((line) => `${r.operations} ops: \`${line.trim()}\``)).join('; ') || 'none',
      });
    }
  }
  if (results.memory) {
    const delta = results.memory.deltaBytes;
    goals.push({
      goal: `heap flat after ${results.memory.calls.toLocaleString('en-US')} calls (retained < 1 MiB after GC)`,
      met: delta < FLAT_HEAP_BYTES,
      measured: `${delta >= 0 ? '+' : ''}${kib(delta)}`,
      margin: delta < FLAT_HEAP_BYTES ? `${kib(FLAT_HEAP_BYTES - delta)} under` : `${kib(delta - FLAT_HEAP_BYTES)} over`,
    });
  }
  return goals;
}

const table = (header: string[], rows: (string | number)[][]) =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

function overheadTable(result: OverheadResult): string {
  const rows = CONTENDERS.map((name) => {
    const c = result.contenders[name];
    return [
      LABELS[name],
      Math.round(c.medianOpsPerSecond).toLocaleString('en-US'),
      fixed(c.medianMicrosPerCall, 1),
      `${fixed(c.ratioToFloor)}x`,
      `${Math.round(Math.min(...c.opsPerSecond)).toLocaleString('en-US')}–${Math.round(Math.max(...c.opsPerSecond)).toLocaleString('en-US')}`,
    ];
  });
  return [
    table(['contender', 'ops/s (median)', 'µs/call', 'time vs floor', 'ops/s range over rounds'], rows),
    '',
    `@genauth/client vs bare openapi-fetch: **${fixed(result.genauthToOpenapiFetch)}x** the time per call; vs the hand-written fetch with a timeout signal: **${fixed(result.genauthToFloorWithTimeout)}x**; vs axios: **${fixed(result.genauthToAxios)}x**. ` +
      `(${result.options.rounds} interleaved rounds of ${result.options.callsPerRound.toLocaleString('en-US')} sequential calls per contender after ${result.options.warmupCalls.toLocaleString('en-US')} warm-up calls; ratios are medians of per-round ratios.)`,
  ].join('\n');
}

const perCall = (profile: ProfileSummary, ms: number) => (ms * 1000) / profile.calls;

function profileSection(genauth: ProfileSummary, reference: ProfileSummary): string {
  const where = `${genauth.mode === 'stub' ? 'stubbed fetch' : 'loopback'}, \`${genauth.operation}\``;
  const origins = [...new Set([...genauth.byOrigin, ...reference.byOrigin].map((row) => row.name))];
  const selfOf = (profile: ProfileSummary, rows: 'byOrigin' | 'functions', name: string) => profile[rows].find((row) => row.name === name)?.selfMs ?? 0;
  const originRows = origins
    .map((name) => [name, perCall(genauth, selfOf(genauth, 'byOrigin', name)), perCall(reference, selfOf(reference, 'byOrigin', name))] as const)
    .sort((a, b) => b[1] - a[1]);
  const functionNames = [...new Set([...genauth.functions, ...reference.functions].map((row) => row.name))];
  const extra = functionNames
    .map((name) => [name, perCall(genauth, selfOf(genauth, 'functions', name)), perCall(reference, selfOf(reference, 'functions', name))] as const)
    .sort((a, b) => b[1] - b[2] - (a[1] - a[2]))
    .slice(0, 12);
  return [
    `### ${where}: @genauth/client vs ${LABELS[reference.contender]}`,
    '',
    `Each profiled over ${genauth.calls.toLocaleString('en-US')} calls after warm-up, in a fresh process: @genauth/client ${fixed(perCall(genauth, genauth.elapsedMs), 1)} µs/call wall, ${fixed(perCall(genauth, genauth.sampledMs), 1)} µs/call on CPU; ` +
      `${LABELS[reference.contender]} ${fixed(perCall(reference, reference.elapsedMs), 1)} µs/call wall, ${fixed(perCall(reference, reference.sampledMs), 1)} µs/call on CPU (profiler on, so slower than the rounds above).`,
    '',
    table(
      ['self time by origin (µs/call)', '@genauth/client', LABELS[reference.contender], 'difference'],
      originRows.map(([name, ours, theirs]) => [name, fixed(ours), fixed(theirs), `${ours - theirs >= 0 ? '+' : ''}${fixed(ours - theirs)}`]),
    ),
    '',
    table(
      ['functions where @genauth/client spends the most extra self time (µs/call)', '@genauth/client', LABELS[reference.contender], 'difference'],
      extra.map(([name, ours, theirs]) => [`\`${name}\``, fixed(ours), fixed(theirs), `${ours - theirs >= 0 ? '+' : ''}${fixed(ours - theirs)}`]),
    ),
    '',
    table(
      ['top functions of @genauth/client by self time', 'µs/call', '% of CPU'],
      genauth.functions.slice(0, 12).map((row) => [`\`${row.name}\``, fixed(perCall(genauth, row.selfMs)), fixed(row.percent, 1)]),
    ),
  ].join('\n');
}

export function renderReport(results: BenchResults): string {
  const m = results.machine;
  const goals = evaluateGoals(results);
  const status = (goal: Goal) => (goal.diagnostic ? 'reported' : goal.met === undefined ? 'n/a' : goal.met ? '**met**' : '**missed**');
  const lines = [
    `# Benchmark results${results.smoke ? ' (smoke run: tiny iteration counts, figures not meaningful)' : ''}`,
    '',
    'Written by `pnpm bench` (`test/bench/run.ts`). Shared, noisy machine: compare the ratios measured side by side in this run, not absolute times across runs.',
    '',
    ...(results.note ? [`> ${results.note}`, ''] : []),
    table(
      ['', ''],
      [
        ['date', m.date],
        ['machine', `${m.cpuModel}, ${m.cores} cores, ${fixed(m.memoryGiB, 1)} GiB, ${m.os}`],
        ['Node', m.node],
        ['load average (1 min) at start / end', `${fixed(m.loadAverageStart)} / ${fixed(m.loadAverageEnd)}`],
        ['repo commit', `${m.commit}; client sources last changed in ${m.clientSourceCommit}`],
        ['versions', Object.entries(m.versions).map(([name, version]) => `${name} ${version}`).join(', ')],
        ['generators (manifest)', m.generators.join(', ')],
      ],
    ),
    '',
    '## Goals',
    '',
    table(['goal', 'status', 'measured', 'margin'], goals.map((goal) => [goal.goal, status(goal), goal.measured, goal.margin])),
    '',
    '## 1. Per-call overhead',
    '',
    'Each operation is measured on its own, every contender sending the same request (@genauth/client adds its three SDK identification headers): the hand-written fetch builds the URL (with the query string) and the init itself; ' +
      'the one with a timeout signal adds an `AbortController` and a 10 s timer per call, cleared after the answer is read (what a cancellable fetch client pays when every call has its own; @genauth/client shares one among up to 10 calls started together); ' +
      'bare openapi-fetch gets the body or `params.query`; axios gets the body or `params`.',
    '',
    ...BENCH_OPERATIONS.flatMap((operation) => [
      `### Stubbed fetch, ${OPERATION_LABELS[operation]}`,
      '',
      '(answers at once with a fresh envelope Response; axios: an adapter that answers at once)',
      '',
      overheadTable(results.stub[operation]),
      '',
    ]),
    ...BENCH_OPERATIONS.flatMap((operation) => [
      `### Loopback HTTP with keep-alive, ${OPERATION_LABELS[operation]}`,
      '',
      '(`node:http` server in its own process on 127.0.0.1; axios with an `http.Agent` keepAlive)',
      '',
      overheadTable(results.loopback[operation]),
      '',
    ]),
    `## 2. Generation at scale (synthetic specs mixing the shapes of the vendor's API: ${SYNTHETIC_SHAPES})`,
    '',
    table(
      ['operations', 'spec', 'generated', '`generate.ts` (fresh process)', 'render (in-process)', '`tsc --noEmit`', 'full bundle min / gzip', 'one-operation consumer min / gzip', 'other operations shipped'],
      results.generation.map((r) => [
        r.operations.toLocaleString('en-US'),
        kib(r.specBytes),
        `${r.generatedFiles} files, ${kib(r.generatedBytes)}`,
        `${fixed(r.generateCliMs / 1000)} s`,
        `${fixed(r.renderInProcessMs / 1000)} s`,
        `${fixed(r.tscMs / 1000)} s${r.tscErrors.length ? ` (**${r.tscErrors.length} error(s)**)` : ''}`,
        `${kib(r.fullBundle.minifiedBytes)} / ${kib(r.fullBundle.gzipBytes)}`,
        `${kib(r.oneOperationBundle.minifiedBytes)} / ${kib(r.oneOperationBundle.gzipBytes)}`,
        `${r.otherOperationsShipped} of ${r.operations - 1}`,
      ]),
    ),
    '',
    'Bundles: esbuild, ESM, minified, platform neutral, openapi-fetch included; gzip level 9. The one-operation consumer constructs a `GenAuthClient` and calls the standalone function `operation0001(client, body)` only (the `AuthenticationClient` class carries every operation as a method, so a consumer of the class ships them all); "other operations shipped" counts the other operations whose path string is in its bundle.',
    ...results.generation.flatMap((r) => (r.tscErrors.length ? ['', `tsc errors at ${r.operations} operations:`, '', '```', ...r.tscErrors.slice(0, 5), '```'] : [])),
    '',
    '## 3. Memory: one client, stubbed fetch, heap used after `global.gc()`',
    '',
    table(
      ['calls', 'heap at start', 'heap at end', 'delta'],
      [[results.memory.calls.toLocaleString('en-US'), kib(results.memory.startBytes), kib(results.memory.endBytes), `${results.memory.deltaBytes >= 0 ? '+' : ''}${kib(results.memory.deltaBytes)}`]],
    ),
    '',
    '## 4. Size: esbuild bundle of a tiny entry importing each (ESM, minified, platform neutral, gzip level 9)',
    '',
    table(
      ['bundle', 'minified', 'gzip'],
      [
        ['`@genauth/client` (built `dist/index.mjs`, `AuthenticationClient`, openapi-fetch included)', kib(results.size.genauth.minifiedBytes), kib(results.size.genauth.gzipBytes)],
        ['bare `openapi-fetch` (`createClient`)', kib(results.size.openapiFetch.minifiedBytes), kib(results.size.openapiFetch.gzipBytes)],
        ['difference: our runtime + generated code', kib(results.size.genauth.minifiedBytes - results.size.openapiFetch.minifiedBytes), kib(results.size.genauth.gzipBytes - results.size.openapiFetch.gzipBytes)],
      ],
    ),
    '',
    sizeBudgetLine(),
    '',
  ];
  if (results.profiles.length) {
    lines.push(
      '## Profiles: loopback beside the fetch with a timeout signal, and each missed overhead goal',
      '',
      'V8 CPU profiles (the format `node --cpu-prof` writes, recorded with node:inspector around the call loop only, 200 µs sampling), self time per call.',
      '',
    );
    const genauth = results.profiles.filter((profile) => profile.contender === 'genauth');
    for (const reference of results.profiles.filter((profile) => profile.contender !== 'genauth')) {
      const ours = genauth.find((profile) => profile.mode === reference.mode && profile.operation === reference.operation);
      if (ours) lines.push(profileSection(ours, reference), '');
    }
  } else {
    lines.push(`## Profiles`, '', results.smoke ? 'Skipped in a smoke run.' : 'Skipped (--skip-profile).', '');
  }
  return lines.join('\n');
}
