import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pinnedVersions } from './runtimes.ts';

/**
 * What the runtime-matrix test (test/examples/runtime-matrix.test.ts) runs: each runtime and the examples
 * it runs there. The README's "Supported runtimes" table is rendered from this list (`pnpm examples:sync`)
 * and checked against it in the tests, so the table cannot claim what the tests do not run.
 */
export type MatrixRuntime = 'node' | 'node22' | 'node24' | 'bun' | 'deno' | 'chromium' | 'workerd';

export const MATRIX: { runtime: MatrixRuntime; examples: string[] }[] = [
  // `node` is the Node running the tests (20 in .ci/run). There `nextjs` is `next start`: the route handler and the server component.
  { runtime: 'node', examples: ['node-esm', 'node-cjs', 'typescript', 'nextjs'] },
  { runtime: 'node22', examples: ['node-esm', 'node-cjs', 'typescript'] },
  { runtime: 'node24', examples: ['node-esm', 'node-cjs', 'typescript'] },
  { runtime: 'bun', examples: ['bun', 'node-esm', 'node-cjs'] },
  { runtime: 'deno', examples: ['deno'] },
  // In Chromium, `nextjs` is the client component, and `vite` the built app; both call the API cross-origin.
  { runtime: 'chromium', examples: ['vite', 'nextjs'] },
  { runtime: 'workerd', examples: ['cloudflare-worker'] },
];

/** Every folder under examples/ (each is one example app). */
export function exampleNames(root: string): string[] {
  return readdirSync(join(root, 'examples'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function exampleDependency(root: string, example: string, name: string): string {
  const manifest = JSON.parse(readFileSync(join(root, 'examples', example, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  const version = manifest.dependencies?.[name] ?? manifest.devDependencies?.[name];
  if (!version) throw new Error(`examples/${example}/package.json does not depend on ${name}.`);
  return version;
}

const link = (example: string) => `[${example}](examples/${example})`;

/** The README's support table, rendered from MATRIX and the pinned versions. */
function supportTable(root: string): string {
  const pins = pinnedVersions(root);
  const engines = (JSON.parse(readFileSync(join(root, 'packages/client/package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
  const examplesOf = (runtime: MatrixRuntime) => MATRIX.find((row) => row.runtime === runtime)!.examples;
  const describe = (runtime: MatrixRuntime) =>
    examplesOf(runtime)
      .map((example) => {
        if (example === 'nextjs' && runtime === 'chromium') return `${link(example)} (client component)`;
        if (example === 'nextjs') return `${link(example)} (Next.js ${exampleDependency(root, 'nextjs', 'next')}: route handler, server component)`;
        if (example === 'vite') return `${link(example)} (Vite ${exampleDependency(root, 'vite', 'vite')})`;
        return link(example);
      })
      .join(', ');
  const rows: [string, string, MatrixRuntime][] = [
    ['Node.js', `the one running \`pnpm test\` (\`engines\`: \`${engines}\`): 20 in \`.ci/run\`; 20, 22 and 24 in \`ci.yml\``, 'node'],
    ['Node.js 22', pins.node22, 'node22'],
    ['Node.js 24', pins.node24, 'node24'],
    ['Bun', pins.bun, 'bun'],
    ['Deno', `${pins.deno}, with \`--allow-net=<API host>\` only`, 'deno'],
    ['Browsers', "headless Chromium (Debian's `chromium`)", 'chromium'],
    ['Cloudflare Workers', `workerd ${pins.workerd} (\`wrangler dev\`, wrangler ${pins.wrangler})`, 'workerd'],
  ];
  if (rows.length !== MATRIX.length) throw new Error('supportTable: every MATRIX runtime needs a row.');
  return ['| runtime | version tested | examples run by `pnpm test` |', '|---|---|---|', ...rows.map(([name, version, runtime]) => `| ${name} | ${version} | ${describe(runtime)} |`)].join('\n');
}

const TABLE_START = '<!-- support-table:start (written by `pnpm examples:sync` from scripts/lib/runtime-matrix.ts) -->';
const TABLE_END = '<!-- support-table:end -->';

/** The README with its table replaced by the rendered one; throws when the markers are missing. */
export function readmeWithSupportTable(root: string, readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no support table markers (${TABLE_START} … ${TABLE_END}).`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${supportTable(root)}\n${readme.slice(end)}`;
}
