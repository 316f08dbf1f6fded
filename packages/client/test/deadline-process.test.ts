import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const clientSource = join(import.meta.dirname, '../src/index.ts');

/**
 * Runs `body` in a fresh Node process with `client` in scope: a client whose fetch answers the first call
 * at once and leaves every later one hanging until its signal aborts (a promise that holds nothing in the event loop).
 */
async function inProcess(body: string, timeout: number): Promise<{ stdout: string; elapsedMs: number; code: number }> {
  const script = `
    const { AuthenticationClient } = await import(${JSON.stringify(clientSource)});
    let calls = 0;
    const client = new AuthenticationClient({
      appId: 'a',
      appHost: 'https://example.genauth.ai',
      timeout: ${timeout},
      fetch: (_url, init) => calls++ === 0
        ? Promise.resolve(new Response(JSON.stringify({ statusCode: 200, message: 'ok' }), { headers: { 'content-type': 'application/json' } }))
        : new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason))),
    });
    const send = () => client.sendSms({ phoneNumber: '1', channel: 'CHANNEL_LOGIN' });
    ${body}
  `;
  const started = performance.now();
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 30_000 });
    return { stdout, elapsedMs: performance.now() - started, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; code: number };
    return { stdout: failed.stdout, elapsedMs: performance.now() - started, code: failed.code };
  }
}

describe('shared deadlines and the life of the process', () => {
  it('let the process exit once its calls are done: the open deadline of a 60 s timeout does not hold it', async () => {
    const { stdout, elapsedMs, code } = await inProcess(`await send(); console.log('answered');`, 60_000);
    expect(stdout.trim()).toBe('answered');
    expect(code).toBe(0);
    expect(elapsedMs).toBeLessThan(20_000);
  });

  it('hold the process while a call that joined a finished call’s deadline is pending, until it times out', async () => {
    // The second call joins the deadline the first one used (and left unreferenced): it must hold the process again.
    const { stdout, code } = await inProcess(
      `await send(); console.log('answered'); await send().catch((error) => console.log(error.name, error.timeoutMs));`,
      1_500,
    );
    expect(stdout.trim().split('\n')).toEqual(['answered', 'GenAuthTimeoutError 1500']);
    expect(code).toBe(0);
  });
});
