import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, specWith } from '../fixture-spec.ts';

function lintSpec(specPath: string) {
  const result = spawnSync(join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/lint-spec.ts', '--spec', specPath], { cwd: repoRoot, encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('spec gates (pnpm lint:spec)', () => {
  it('pass on the kitchen-sink fixture merged into the spec: every construct it uses is valid OpenAPI 3.0 with valid examples', () => {
    const { status, output } = lintSpec(specWith('kitchen-sink.yaml').specPath);
    expect(output).toMatch(/passes all 3 spec gates/);
    expect(status).toBe(0);
  });

  it('fail on an example that violates its schema, naming the gates that caught it', () => {
    const { specPath } = specWith({}, (spec) => {
      spec.paths['/api/v3/bind-phone'].post.responses['200'].content['application/json'].examples.success.value.statusCode = 'two hundred';
    });
    const { status, output } = lintSpec(specPath);
    expect(status).toBe(1);
    expect(output).toMatch(/✗ redocly/);
    expect(output).toMatch(/✗ spectral/);
    expect(output).toContain('statusCode');
  });

  it('fail on an enum example that is not one of the channels', () => {
    const { specPath } = specWith({}, (spec) => {
      spec.paths['/api/v3/send-sms'].post.requestBody.content['application/json'].examples.bindPhone.value.channel = 'CHANNEL_NOPE';
    });
    const { status, output } = lintSpec(specPath);
    expect(status).toBe(1);
    expect(output).toMatch(/✗ redocly/);
  });

  it('fail in openapi-generator validate on a structurally broken spec', () => {
    const { specPath } = specWith({}, (spec) => {
      delete spec.paths['/api/v3/bind-phone'].post.responses;
    });
    const { status, output } = lintSpec(specPath);
    expect(status).toBe(1);
    expect(output).toMatch(/✗ openapi-generator validate/);
  });
});
