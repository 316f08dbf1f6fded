import { background } from './processes.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@genauth/mock-server';
import { repoRoot } from '../fixture-spec.ts';

export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** `//127.0.0.1:<port>/`, the prefix of auth lines in an .npmrc. */
  authPrefix: string;
  /** Token of a freshly added user who may publish; never print it. */
  token: string;
  stop(): Promise<void>;
}


/**
 * Verdaccio (the root devDependency) on a free 127.0.0.1 port, storing in `dir`, with no uplinks: it
 * holds only what is published to it, so consumers point just the `@genauth` scope at it.
 */
export async function startLocalRegistry(dir: string): Promise<LocalRegistry> {
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const port = await freePort('127.0.0.1');
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(join(dir, 'storage'))}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(join(dir, 'htpasswd'))}`,
      '    max_users: 10',
      'uplinks: {}',
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      '    unpublish: $authenticated',
      'web:',
      '  enable: false',
      'log: { type: stdout, format: json, level: warn }',
      '',
    ].join('\n'),
  );
  const server = background(process.execPath, [join(repoRoot, 'node_modules/verdaccio/bin/verdaccio'), '--config', config, '--listen', `127.0.0.1:${port}`], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const { child, stop } = server;

  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`${url}-/ping`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Verdaccio did not answer on ${url} (exit ${child.exitCode}):\n${server.output().trim().split('\n').slice(-30).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  try {
    const response = await fetch(`${url}-/user/org.couchdb.user:releaser`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'releaser', password: 'local-test-registry-only' }),
    });
    const body = (await response.json()) as { token?: string; error?: string };
    if (!response.ok || !body.token) throw new Error(`adding a user answered HTTP ${response.status}: ${body.error ?? 'no token'}`);
    return { url, authPrefix: `//127.0.0.1:${port}/`, token: body.token, stop };
  } catch (error) {
    await stop();
    throw new Error(`Verdaccio on ${url}: ${(error as Error).message}`);
  }
}
