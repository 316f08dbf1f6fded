/**
 * `pnpm lint:spec`: the spec gates. Redocly (recommended-strict: an invalid example is an error),
 * Spectral (spectral:oas) and openapi-generator's validator, run from the JAR inside the npm package.
 *   tsx scripts/lint-spec.ts [--spec <file>]
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { spec: { type: 'string' } } });
const spec = values.spec ? resolve(values.spec) : join(root, 'openapi/openapi.yaml');
const bin = (name: string) => join(root, 'node_modules/.bin', name);

const gates: { name: string; command: string; args: string[] }[] = [
  { name: 'redocly', command: bin('redocly'), args: ['lint', '--config', join(root, 'redocly.yaml'), '--format', 'stylish', spec] },
  { name: 'spectral', command: bin('spectral'), args: ['lint', '--ruleset', join(root, '.spectral.yaml'), '--fail-severity', 'warn', spec] },
  { name: 'openapi-generator validate', command: 'java', args: ['-jar', join(root, 'node_modules/@openapitools/openapi-generator-cli/bin/openapi-generator.jar'), 'validate', '-i', spec] },
];

let failed = 0;
for (const gate of gates) {
  const result = spawnSync(gate.command, gate.args, { cwd: root, encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' } });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.replace(/\n?\s*╔[\s\S]*?╝\n?/g, '\n').trim();
  if (result.status === 0) {
    console.log(`✓ ${gate.name}`);
  } else {
    failed++;
    console.error(`✗ ${gate.name} (exit ${result.status ?? result.error?.message})\n${output}\n`);
  }
}
if (failed > 0) {
  console.error(`lint:spec: ${failed} of ${gates.length} spec gates failed for ${spec}.`);
  process.exit(1);
}
console.log(`lint:spec: ${spec} passes all ${gates.length} spec gates.`);
