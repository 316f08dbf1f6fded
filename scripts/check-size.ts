/**
 * `pnpm check:size`: bundles each entry in scripts/size-budget.json with esbuild as an app would
 * (minified, dependencies included, for the browser), gzips it, prints the size and fails when it
 * exceeds its budget. Build first.
 *   tsx scripts/check-size.ts [--budget <file>] [--root <dir>]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { workspacePackages } from './lib/workspace.ts';

interface Budget {
  package: string;
  entry: string;
  platform: 'browser' | 'node' | 'neutral';
  gzipBudgetBytes: number;
}

const { values } = parseArgs({ options: { budget: { type: 'string' }, root: { type: 'string' } } });
const root = values.root ? resolve(values.root) : resolve(import.meta.dirname, '..');
const budgetFile = values.budget ? resolve(values.budget) : join(import.meta.dirname, 'size-budget.json');

/** Minified and gzipped size of one entry bundled with its dependencies. */
async function measure(packageDir: string, entry: string, platform: Budget['platform']): Promise<{ minified: number; gzip: number }> {
  const result = await build({
    entryPoints: [join(packageDir, entry)],
    absWorkingDir: packageDir,
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

try {
  const { bundles } = JSON.parse(readFileSync(budgetFile, 'utf8')) as { bundles: Budget[] };
  const packages = new Map(workspacePackages(root).map((pkg) => [pkg.name, pkg]));
  let over = 0;
  for (const budget of bundles) {
    const pkg = packages.get(budget.package);
    if (!pkg) throw new Error(`${budgetFile} names ${budget.package}, which is not a workspace package.`);
    if (!existsSync(join(pkg.dir, budget.entry))) throw new Error(`${pkg.relativeDir}/${budget.entry} does not exist: run \`pnpm build\` first.`);
    const size = await measure(pkg.dir, budget.entry, budget.platform);
    const percent = Math.round((size.gzip / budget.gzipBudgetBytes) * 100);
    const line = `${budget.package} (${budget.entry}, ${budget.platform}): ${size.minified} B minified, ${size.gzip} B gzip; budget ${budget.gzipBudgetBytes} B gzip (${percent}% used)`;
    if (size.gzip > budget.gzipBudgetBytes) {
      over++;
      console.error(`✗ ${line}: over budget by ${size.gzip - budget.gzipBudgetBytes} B. Make the bundle smaller, or raise gzipBudgetBytes in ${budgetFile} with a reason.`);
    } else console.log(`✓ ${line}`);
  }
  if (over) process.exitCode = 1;
} catch (error) {
  console.error(`check:size failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
