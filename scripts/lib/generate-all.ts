import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { generators as allGenerators, SPEC_PATH } from '../generators/manifest.ts';
import { generatedFolderReadme, type Generator } from '../generators/types.ts';
import { analyseOperations } from './operations.ts';
import { checkSpec } from './spec-check.ts';
import { loadSpec } from './spec.ts';

export interface GenerateOptions {
  /** Folder the output paths are relative to: the repo, or a test's copy of it. */
  root: string;
  /** Spec to read; defaults to `<root>/openapi/openapi.yaml`. */
  specPath?: string;
  /** Only the generators of these workspace packages (`@genauth/client`, …). */
  packages?: string[];
  generators?: Generator[];
}

/** Runs the generators in memory: the same spec always yields the same files, byte for byte. */
export async function renderAll(options: GenerateOptions): Promise<{ files: Map<string, string>; outputDirs: string[] }> {
  const specPath = options.specPath ?? join(options.root, SPEC_PATH);
  const spec = loadSpec(specPath);
  const specLabel = relative(options.root, specPath).split('\\').join('/');
  // The whole spec is checked before any generator runs, whichever package asked: every $ref, every
  // example against its schema, every enum, and everything the operation model cannot take. A spec with
  // problems fails here, naming each with its operation and JSON pointer, and no file is written.
  const { operations, log } = analyseOperations(spec.document, checkSpec(spec.document));
  log.throwIfAny(specLabel.startsWith('..') ? specPath : specLabel);
  const context = { specLabel: specLabel.startsWith('..') ? SPEC_PATH : specLabel, operations };
  const selected = (options.generators ?? allGenerators).filter(
    (generator) => !options.packages || options.packages.includes(generator.workspacePackage),
  );
  if (selected.length === 0) throw new Error(`No generator writes for ${options.packages?.join(', ')}.`);
  // Generators run concurrently (the docs generator waits on the Redocly CLI); their output is merged in manifest order.
  const outputs = await Promise.all(selected.map((generator) => generator.run(spec, context)));
  const files = new Map<string, string>();
  selected.forEach((generator, index) => {
    const readme = generatedFolderReadme(generator, context);
    for (const file of [readme, ...outputs[index]!]) {
      const existing = files.get(file.path);
      if (existing !== undefined && file !== readme && existing !== readme.content) {
        throw new Error(`Two generators write ${file.path}.`);
      }
      files.set(file.path, file.content.endsWith('\n') ? file.content : file.content + '\n');
    }
  });
  return { files, outputDirs: [...new Set(selected.map((generator) => generator.outputDir))].sort() };
}

function listFiles(root: string, dir: string): string[] {
  const absolute = join(root, dir);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

export interface Drift {
  changed: string[];
  missing: string[];
  stale: string[];
}

/** Compares rendered output with what is on disk. */
export function compare(root: string, files: Map<string, string>, outputDirs: string[]): Drift {
  const drift: Drift = { changed: [], missing: [], stale: [] };
  for (const [path, content] of files) {
    const absolute = join(root, path);
    if (!existsSync(absolute)) drift.missing.push(path);
    else if (readFileSync(absolute, 'utf8') !== content) drift.changed.push(path);
  }
  for (const dir of outputDirs) {
    for (const path of listFiles(root, dir)) if (!files.has(path)) drift.stale.push(path);
  }
  return drift;
}

/** Writes rendered output, touching only files whose content changed, and removes stale files. */
export function write(root: string, files: Map<string, string>, outputDirs: string[]): Drift {
  const drift = compare(root, files, outputDirs);
  for (const path of [...drift.changed, ...drift.missing]) {
    const absolute = join(root, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, files.get(path)!);
  }
  for (const path of drift.stale) rmSync(join(root, path));
  return drift;
}
