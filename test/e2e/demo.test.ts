import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../fixture-spec.ts';

/** The quick start's main job (`pnpm demo`): the built client against its own Prism mock. */
describe('pnpm demo', () => {
  it('sends sendSms then bindPhone through the built client, prints both, and never prints the pass code or token', () => {
    const output = execFileSync(process.execPath, [join(repoRoot, 'scripts/demo.mjs')], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    expect(output).toMatch(/^Prism mock of openapi\/openapi\.yaml on http:\/\/127\.0\.0\.1:\d+$/m);
    expect(output).toContain('sendSms  sent: {"phoneNumber":"188xxxx8888","channel":"CHANNEL_BIND_PHONE","phoneCountryCode":"+86"}');
    expect(output).toContain('sendSms   got: {"statusCode":200,"message":"SMS sent"');
    expect(output).toContain('bindPhone sent: {"phoneNumber":"188xxxx8888","phoneCountryCode":"+86","passCode":"[redacted]"}');
    expect(output).toContain('bindPhone  got: {"statusCode":200,"message":"Operation successful"');
    expect(output).toMatch(/rejected with GenAuthBusinessError: bindPhone failed: The verification code is invalid or has expired \(statusCode 400/);
    expect(output).not.toContain('123456');
    expect(output).not.toContain('demo-access-token');
  });
});
