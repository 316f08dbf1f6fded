import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, specWith } from '../fixture-spec.ts';

const OUTPUT_DIRS = ['packages/client/src/generated', 'packages/docs/generated', 'packages/mock-server/generated'];
const PACKAGES = ['@genauth/client', '@genauth/docs', '@genauth/mock-server'];

function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const dir of OUTPUT_DIRS) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) files.set(relative(root, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name), 'utf8'));
    }
  }
  return files;
}

/**
 * A broken spec must not half-regenerate the packages: turbo runs each package's `generate` on its own,
 * so each one checks the whole spec first and writes nothing when it has a problem. One run names every
 * problem, each with its operation and JSON pointer.
 */
describe('pnpm generate on a broken spec', () => {
  const root = mkdtempSync(join(tmpdir(), 'genauth-broken-'));
  for (const dir of OUTPUT_DIRS) cpSync(join(repoRoot, dir), join(root, dir), { recursive: true });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const before = snapshot(root);

  const { specPath } = specWith({}, (spec) => {
    // 1. the 200 response refers to a schema that does not exist
    spec.paths['/api/v3/bind-phone'].post.responses['200'].content['application/json'].schema.$ref = '#/components/schemas/BindPhoneRespDto';
    // 2. a request body that refers to a schema that does not exist
    spec.paths['/api/v3/update-phone'].post.requestBody.content['application/json'].schema.$ref = '#/components/schemas/UpdatePhoneDTO';
    // 3. a parameter the client cannot send
    spec.paths['/api/v3/send-sms'].post.parameters = [{ name: 'sid', in: 'cookie', schema: { type: 'string' } }];
    // (examples are checked against their schemas once every $ref resolves: see the next test)
    spec.components.schemas.SmsChannel.example = 'CHANNEL_BIND_EMAIL';
  });

  it.each(PACKAGES)('%s: exits 1, names every problem with its place, and leaves every generated file byte-identical', (name) => {
    const run = spawnSync(join(repoRoot, 'node_modules/.bin/tsx'), [join(repoRoot, 'scripts/generate.ts'), '--root', root, '--spec', specPath, '--only', name], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    const message = run.stderr;
    expect(message).toMatch(/has 3 problems:/);
    expect(message).toContain(
      'POST /api/v3/bind-phone (bindPhone): $ref #/components/schemas/BindPhoneRespDto points at nothing in the spec (at #/paths/~1api~1v3~1bind-phone/post/responses/200/content/application~1json/schema/$ref)',
    );
    expect(message).toContain(
      'POST /api/v3/update-phone (updatePhone): $ref #/components/schemas/UpdatePhoneDTO points at nothing in the spec (at #/paths/~1api~1v3~1update-phone/post/requestBody/content/application~1json/schema/$ref)',
    );
    expect(message).toContain(
      'POST /api/v3/send-sms (sendSms): cookie parameter "sid" is not supported: the client sends no cookies (browsers manage them) (at #/paths/~1api~1v3~1send-sms/post/parameters/0)',
    );
    expect(snapshot(root)).toEqual(before);
  });

  it('names example problems too, once every $ref resolves', () => {
    const { specPath: examplesOnly } = specWith({}, (spec) => {
      spec.components.schemas.SmsChannel.example = 'CHANNEL_BIND_EMAIL';
      spec.paths['/api/v3/send-sms'].post.responses['200'].content['application/json'].examples.success.value.statusCode = '200';
    });
    const run = spawnSync(join(repoRoot, 'node_modules/.bin/tsx'), [join(repoRoot, 'scripts/generate.ts'), '--root', root, '--spec', examplesOnly, '--only', '@genauth/mock-server'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/has 2 problems:/);
    expect(run.stderr).toContain('the schema example does not match its schema: (the value) must be equal to one of the allowed values (CHANNEL_LOGIN');
    expect(run.stderr).toContain('(at #/components/schemas/SmsChannel/example)');
    expect(run.stderr).toContain(
      'POST /api/v3/send-sms (sendSms): response example "success" does not match its schema: /statusCode must be number (at #/paths/~1api~1v3~1send-sms/post/responses/200/content/application~1json/examples/success/value)',
    );
    expect(snapshot(root)).toEqual(before);
  });
});
