import { execFile } from 'node:child_process';
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
export async function renderHtmlReference(specText: string, notice: string): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'genauth-html2-'));
  try {
    const specPath = join(work, 'openapi.yaml');
    writeFileSync(specPath, specText);
    const output = join(work, 'out');
    // A short-lived JVM: C1 only and the serial collector halve its run time (3.4 s instead of 6.7 s at 1,000 operations).
    const args = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', openapiGeneratorJar(), 'generate', '-g', 'html2', '-i', specPath, '-o', output];
    await new Promise<void>((resolve, reject) =>
      execFile('java', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (!error) return resolve();
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return reject(new Error(`Cannot run java for the HTML reference (openapi-generator html2 needs Java 11+): ${error.message}`));
        }
        const log = `${stdout}${stderr}`.trim().split('\n').slice(-15).join('\n');
        reject(new Error(`openapi-generator html2 failed (exit ${error.code}):\n${log}`));
      }),
    );
    const html = HTML2_FIXES.reduce((page, fix) => fix.apply(page), readFileSync(join(output, 'index.html'), 'utf8'));
    if (!/^<!DOCTYPE html>\n/i.test(html)) throw new Error('The html2 output does not start with <!DOCTYPE html>.');
    return html.replace(/^(<!DOCTYPE html>\n)/i, `$1${notice}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
