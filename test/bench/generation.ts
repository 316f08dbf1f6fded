import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { stringify } from 'yaml';
import { renderAll } from '../../scripts/lib/generate-all.ts';
import { generators } from '../../scripts/generators/manifest.ts';
import { bin, repoRoot } from './common.ts';
import { syntheticOperationId, syntheticPath, syntheticSpec } from './synthetic-spec.ts';

const run = promisify(execFile);

export interface Bundle {
  minifiedBytes: number;
  gzipBytes: number;
  text: string;
}

/** esbuild bundle as a browser consumer would ship it: ESM, minified, platform neutral, dependencies included. */
export async function bundle(entry: { path: string } | { contents: string; resolveDir: string }): Promise<Bundle> {
  const result = await build({
    ...('path' in entry ? { entryPoints: [entry.path] } : { stdin: { contents: entry.contents, resolveDir: entry.resolveDir, loader: 'ts' } }),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    define: { __SDK_VERSION__: '"0.0.0-bench"' },
    write: false,
    logLevel: 'silent',
  });
  const text = result.outputFiles[0]!.text;
  return { minifiedBytes: Buffer.byteLength(text), gzipBytes: gzipSync(text, { level: 9 }).length, text };
}

export interface GenerationResult {
  operations: number;
  specBytes: number;
  generatedFiles: number;
  generatedBytes: number;
  /** `tsx scripts/generate.ts --root <tmp> --spec <file>`: every generator of the manifest, a fresh process (as `pnpm generate`). */
  generateCliMs: number;
  /** renderAll in this (warm) process: the generators alone, without process start. */
  renderInProcessMs: number;
  /** `tsc --noEmit -p packages/client/tsconfig.json` on the generated client. */
  tscMs: number;
  /** tsc's error lines: empty when the generated client type-checks. */
  tscErrors: string[];
  /** The whole client (src/index.ts, openapi-fetch included). */
  fullBundle: Omit<Bundle, 'text'>;
  /** A consumer that constructs the client and calls operation 1 only. */
  oneOperationBundle: Omit<Bundle, 'text'>;
  /** How many of the other operations' paths appear in the one-operation bundle. */
  otherOperationsShipped: number;
}

/**
 * For one synthetic spec: generate the client into a temporary copy of packages/client (src + configs,
 * node_modules symlinked), type-check it and bundle it. Nothing in the repo is touched.
 */
export async function measureGeneration(operations: number): Promise<GenerationResult> {
  const root = mkdtempSync(join(tmpdir(), `genauth-bench-gen-${operations}-`));
  try {
    const clientDir = join(root, 'packages/client');
    cpSync(join(repoRoot, 'packages/client'), clientDir, {
      recursive: true,
      filter: (source) => !/\/(node_modules|dist|test)(\/|$)/.test(source.slice(join(repoRoot, 'packages/client').length)),
    });
    cpSync(join(repoRoot, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
    symlinkSync(join(repoRoot, 'packages/client/node_modules'), join(clientDir, 'node_modules'), 'dir');
    mkdirSync(join(root, 'openapi'));
    const specPath = join(root, 'openapi/openapi.yaml');
    // No YAML anchors for shared objects (the 429 response, the path parameter): some readers of the spec refuse aliases.
    const specText = stringify(syntheticSpec(operations), { aliasDuplicateObjects: false });
    writeFileSync(specPath, specText);

    let start = performance.now();
    await run(bin('tsx'), [join(repoRoot, 'scripts/generate.ts'), '--root', root, '--spec', specPath], { cwd: repoRoot, timeout: 300_000 });
    const generateCliMs = performance.now() - start;

    start = performance.now();
    const { files } = await renderAll({ root, specPath });
    const renderInProcessMs = performance.now() - start;
    const methods = readFileSync(join(clientDir, 'src/generated/client.gen.ts'), 'utf8');
    const last = syntheticOperationId(operations);
    if (!methods.includes(`${last}(`)) throw new Error(`the generated client has no method ${last}`);

    start = performance.now();
    const tscErrors = await run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'], { cwd: clientDir, timeout: 300_000 }).then(
      () => [],
      (error: { stdout?: string; message: string }) => {
        const lines = (error.stdout ?? '').split('\n').filter((line) => /error TS\d+/.test(line));
        if (lines.length === 0) throw new Error(`tsc did not run on the ${operations}-operation client: ${error.message}`);
        return lines;
      },
    );
    const tscMs = performance.now() - start;

    const { text: _full, ...fullBundle } = await bundle({ path: join(clientDir, 'src/index.ts') });
    // The tree-shakable form: the runtime (GenAuthClient) and one standalone operation function.
    const consumer = [
      `import { GenAuthClient, ${syntheticOperationId(1)} } from './src/index.ts';`,
      "const client = new GenAuthClient({ appId: 'app', appHost: 'https://example.genauth.ai', accessToken: 'token' });",
      `export const callOne = () => ${syntheticOperationId(1)}(client, { phoneNumber: '188xxxx8888', channel: 'CHANNEL_LOGIN' });`,
    ].join('\n');
    const { text, ...oneOperationBundle } = await bundle({ contents: consumer, resolveDir: clientDir });
    if (!text.includes(syntheticPath(1))) throw new Error('the one-operation bundle lacks the path of the operation it calls');
    let otherOperationsShipped = 0;
    for (let index = 2; index <= operations; index++) if (text.includes(`"${syntheticPath(index)}"`)) otherOperationsShipped++;

    return {
      operations,
      specBytes: Buffer.byteLength(specText),
      generatedFiles: files.size,
      generatedBytes: [...files.values()].reduce((sum, content) => sum + Buffer.byteLength(content), 0),
      generateCliMs,
      renderInProcessMs,
      tscMs,
      tscErrors,
      fullBundle,
      oneOperationBundle,
      otherOperationsShipped,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Names of the generators `pnpm generate` runs (the manifest), for the report. */
export const generatorNames = (): string[] => generators.map((generator) => generator.name);
