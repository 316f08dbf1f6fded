/**
 * Checks shared by the docs tests of the shipped spec (samples.test.ts, pages.test.ts) and of the
 * kitchen-sink fixture (test/e2e/kitchen-sink.test.ts): getting a page's samples, pointing them at a
 * mock, running the curl one, and the Data Structure and anchor-link checks, which read the raw spec
 * rather than the generator's own helpers so they can disagree with it.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeBlocks, parsePage, section } from './page-parser.ts';

const docsRoot = join(import.meta.dirname, '..');
const repoRoot = join(docsRoot, '../..');

const HOST_ASSIGNMENT = { ts: /^const AUTHING_APP_HOST = '[^']*';$/, sh: /^AUTHING_APP_HOST='[^']*'$/ } as const;

/** A page's one TypeScript and one curl sample; throws when the page has not exactly one of each. */
export function samplesOf(markdown: string): { ts: string; sh: string } {
  const samples = section(parsePage(markdown), 'Sample Code');
  const one = (language: 'ts' | 'sh') => {
    const blocks = codeBlocks(samples, language);
    if (blocks.length !== 1) throw new Error(`Expected one ${language} sample, found ${blocks.length}.`);
    return blocks[0]!;
  };
  return { ts: one('ts'), sh: one('sh') };
}

/**
 * Points a sample at the mock the way the page tells readers to point it at their app: by changing
 * the value of its AUTHING_APP_HOST constant. Fails if the sample no longer has exactly one.
 */
export function pointAtMock(sample: string, language: 'ts' | 'sh', url: string): string {
  const assignment = HOST_ASSIGNMENT[language];
  const matches = sample.match(new RegExp(assignment.source, 'gm')) ?? [];
  if (matches.length !== 1) throw new Error(`Expected one AUTHING_APP_HOST assignment in the sample, found ${matches.length}:\n${sample}`);
  return sample.replace(new RegExp(assignment.source, 'm'), language === 'ts' ? `const AUTHING_APP_HOST = ${JSON.stringify(url)};` : `AUTHING_APP_HOST='${url}'`);
}

/** Runs a curl sample with bash in strict mode, bounded in time. */
export function runCurlSample(script: string): SpawnSyncReturns<string> {
  return spawnSync('bash', ['-euo', 'pipefail', '-c', script], { encoding: 'utf8', timeout: 20_000 });
}

/** The tsconfig a folder of TypeScript samples is checked with: strict, NodeNext, as a reader's project would be. */
/** `node_modules/.bin/<name>` of the repo. */
export const bin = (name: string): string => join(repoRoot, 'node_modules/.bin', name);

/**
 * A scratch folder where samples are type-checked and run against the BUILT @genauth/client, resolved as the
 * docs package resolves it (its workspace link). Throws, naming the fix, when the client is not built.
 * The caller removes the folder.
 */
export function samplesProject(prefix: string): string {
  const builtClient = join(repoRoot, 'packages/client/dist/index.d.mts');
  if (!existsSync(builtClient)) throw new Error(`${builtClient} is missing: build the client first (\`pnpm build\`; \`pnpm test\` does it).`);
  const project = mkdtempSync(join(tmpdir(), prefix));
  symlinkSync(join(docsRoot, 'node_modules'), join(project, 'node_modules'), 'dir');
  return project;
}

export function samplesTsconfig(files: string[]): string {
  return JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023', 'DOM'], types: [], skipLibCheck: true },
    files,
  });
}

type Json = Record<string, unknown>;

function at(document: Json, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], document);
}

/**
 * Every `#/components/schemas/*` an operation reaches, found by walking the raw spec from the operation
 * (path-item and operation parameters, request body, every response) through every `$ref`.
 */
export function reachableSchemas(document: Json, path: string, method: string): Set<string> {
  const item = (document.paths as Json)[path] as Json;
  const names = new Set<string>();
  const visited = new Set<unknown>();
  const walk = (node: unknown) => {
    if (typeof node !== 'object' || node === null || visited.has(node)) return;
    visited.add(node);
    if (Array.isArray(node)) return node.forEach(walk);
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') {
      const schema = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
      if (schema) names.add(schema[1]!);
      return walk(at(document, ref));
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'example' && key !== 'examples') walk(value);
  };
  walk(item.parameters);
  walk(item[method]);
  return names;
}

/** The anchor a Markdown renderer gives a heading (GitHub's rule: lower case, punctuation dropped, spaces to hyphens). */
function headingAnchor(heading: string): string {
  return '#' + heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** The `](#anchor)` links of a page that land on no heading of the page. */
export function danglingAnchorLinks(markdown: string): string[] {
  const headings = new Set(
    markdown
      .split('\n')
      .filter((line) => /^#{1,6} /.test(line))
      .map((line) => headingAnchor(line.replace(/^#+ /, ''))),
  );
  return [...markdown.matchAll(/\]\((#[^)]+)\)/g)].map((match) => match[1]!).filter((link) => !headings.has(link));
}

/** The schemas a page lists under Data Structure (`### Name`) that nothing on the page links to (`](#name)`). */
export function unlinkedSchemas(markdown: string): string[] {
  const structures = section(parsePage(markdown), 'Data Structure');
  const names = structures.split('\n').filter((line) => line.startsWith('### ')).map((line) => line.slice(4));
  return names.filter((name) => !markdown.includes(`](${headingAnchor(name)})`));
}
