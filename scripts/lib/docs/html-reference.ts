import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { OperationModel } from '../operations.ts';
import type { OpenApiDocument } from '../spec.ts';
import { REDOC_FIXES } from './redoc-fixes.ts';
import { REFERENCE_SAMPLE_LANGUAGES, referenceSpec } from './reference-spec.ts';

const redoclyBin = resolve(import.meta.dirname, '../../../node_modules/.bin/redocly');

/**
 * Redoc's options (the `openapi` section of a Redocly config): one page with anchors instead of a
 * router (it works from a file: URL and from a docs site's subfolder), no "try it" console and no
 * download button (the page is offline), every response and schema expanded, and exactly the two
 * sample languages of the pages (Redoc shows only the `x-codeSamples` whose label is listed here,
 * and lists nothing else: no generated "Payload" tab).
 */
const REDOC_OPTIONS = {
  disableRouter: true,
  hideReplay: true,
  hideDownloadButtons: true,
  sortRequiredPropsFirst: true,
  jsonSamplesExpandLevel: 'all',
  schemasExpansionLevel: 'all',
  maxDisplayedEnumValues: 50,
  codeSamples: { languages: REFERENCE_SAMPLE_LANGUAGES.map((language) => ({ lang: language.label, label: language.label })) },
};

/**
 * The whole API in one HTML page that works offline: Redoc (`redocly build-docs --inlineBundle`, its
 * scripts inline) on a copy of the spec carrying each operation's page samples (reference-spec.ts),
 * with its one network request removed (redoc-fixes.ts) and the generated-file notice after the
 * doctype. The output has no timestamp: the same spec gives the same bytes.
 */
export async function renderHtmlReference(document: OpenApiDocument, operations: OperationModel[], notice: string): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'genauth-redoc-'));
  try {
    const specPath = join(work, 'openapi.json');
    const output = join(work, 'index.html');
    const config = join(work, 'redocly.yaml');
    writeFileSync(config, JSON.stringify({ openapi: REDOC_OPTIONS })); // JSON is YAML; the CLI wants a redocly.yaml
    writeFileSync(specPath, JSON.stringify(referenceSpec(document, operations), null, 2));
    const args = [
      'build-docs',
      specPath,
      '--output',
      output,
      '--inlineBundle',
      '--title',
      document.info.title,
      '--config',
      config,
      // The schema of the config knows only Redocly's own sample languages; TypeScript is one of ours.
      '--lint-config',
      'off',
    ];
    await new Promise<void>((resolvePromise, reject) =>
      execFile(redoclyBin, args, { cwd: work, encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' } }, (error, stdout, stderr) => {
        if (!error) return resolvePromise();
        const log = `${stdout}${stderr}`.replace(/\n?\s*╔[\s\S]*?╝\n?/g, '\n').trim().split('\n').slice(-15).join('\n');
        reject(new Error(`redocly build-docs failed for the HTML reference (exit ${error.code}):\n${log}`));
      }),
    );
    const html = REDOC_FIXES.reduce((page, fix) => fix.apply(page), readFileSync(output, 'utf8'));
    if (!/^<!DOCTYPE html>\n/i.test(html)) throw new Error('The redocly build-docs output does not start with <!DOCTYPE html>.');
    return html.replace(/^(<!DOCTYPE html>\n)/i, `$1${notice}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
