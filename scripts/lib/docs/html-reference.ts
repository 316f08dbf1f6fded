import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { HTML2_FIXES } from './html2-fixes.ts';

const require = createRequire(import.meta.url);

/** The openapi-generator JAR shipped inside the pinned npm package (no download, works offline). */
export function openapiGeneratorJar(): string {
  const jar = join(dirname(require.resolve('@openapitools/openapi-generator-cli/package.json')), 'bin/openapi-generator.jar');
  if (!existsSync(jar)) throw new Error(`openapi-generator JAR not found at ${jar}; run \`pnpm install\`.`);
  return jar;
}

/**
 * The spec rendered by openapi-generator's `html2` generator: one self-contained page (scripts and
 * styles inline), with its one network request (a web-font import) removed and its script defects
 * fixed (html2-fixes.ts), and the generated-file notice after the doctype. html2 output has no
 * timestamp, so it is byte-identical per spec.
 */
export function renderHtmlReference(specText: string, notice: string): string {
  const work = mkdtempSync(join(tmpdir(), 'genauth-html2-'));
  try {
    const specPath = join(work, 'openapi.yaml');
    writeFileSync(specPath, specText);
    const output = join(work, 'out');
    const result = spawnSync('java', ['-jar', openapiGeneratorJar(), 'generate', '-g', 'html2', '-i', specPath, '-o', output], { encoding: 'utf8' });
    if (result.error) throw new Error(`Cannot run java for the HTML reference (openapi-generator html2 needs Java 11+): ${result.error.message}`);
    if (result.status !== 0) {
      const log = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-15).join('\n');
      throw new Error(`openapi-generator html2 failed (exit ${result.status}):\n${log}`);
    }
    const html = HTML2_FIXES.reduce((page, fix) => fix.apply(page), readFileSync(join(output, 'index.html'), 'utf8'));
    if (!/^<!DOCTYPE html>\n/i.test(html)) throw new Error('The html2 output does not start with <!DOCTYPE html>.');
    return html.replace(/^(<!DOCTYPE html>\n)/i, `$1${notice}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
