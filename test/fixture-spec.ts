import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

export const repoRoot = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

function merge(target: Record<string, unknown>, extra: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(extra)) {
    const existing = target[key];
    if (existing && typeof existing === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
      merge(existing as Record<string, unknown>, value as Record<string, unknown>);
    } else target[key] = value;
  }
}

const tempDirs: string[] = [];
// Temp specs live until the test process ends, then go: nothing is left in the OS temp folder.
process.once('exit', () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** The real spec with a fixture merged in, written to a fresh temp folder. Returns the folder and the file. */
export function specWith(fixture: string | Record<string, unknown>, mutate?: (spec: any) => void): { dir: string; specPath: string } {
  const spec = parse(readFileSync(join(repoRoot, 'openapi/openapi.yaml'), 'utf8'));
  const extra = typeof fixture === 'string' ? parse(readFileSync(join(repoRoot, 'test/fixtures', fixture), 'utf8')) : fixture;
  merge(spec, extra);
  mutate?.(spec);
  const dir = mkdtempSync(join(tmpdir(), 'genauth-spec-'));
  tempDirs.push(dir);
  const specPath = join(dir, 'openapi.yaml');
  writeFileSync(specPath, stringify(spec));
  return { dir, specPath };
}
