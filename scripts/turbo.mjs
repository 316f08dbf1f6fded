#!/usr/bin/env node
/**
 * `turbo` with a remote-cache check first: `node scripts/turbo.mjs run build` (the package.json scripts use it).
 * With no remote cache configured (no TURBO_TOKEN, TURBO_TEAM or TURBO_API) it runs turbo as is. Otherwise it
 * asks the cache server once, bounded to 5 s, whether it accepts the token: a HEAD of an artifact that does not
 * exist, as turbo itself sends (404 with a good token, 401/403 with a wrong one; the status route of some
 * servers does not check the token). When it does not (wrong token, missing team, server unreachable) it
 * prints one line saying what is wrong and what to fix, and runs the same turbo command with the local cache
 * only, so the build goes on as a normal build.
 * The token is never printed.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const DEFAULT_API = 'https://vercel.com/api';
const turboBin = fileURLToPath(new URL('../node_modules/.bin/turbo', import.meta.url));
const args = process.argv.slice(2);

/** Why the remote cache cannot be used, or undefined when it can (or none is configured). */
async function remoteCacheProblem(env) {
  const { TURBO_API: api = DEFAULT_API, TURBO_TOKEN: token, TURBO_TEAM: team } = env;
  if (!token && !team && !env.TURBO_API) return undefined;
  if (!token) return `TURBO_TEAM/TURBO_API are set but TURBO_TOKEN is empty`;
  if (!team) return `TURBO_TOKEN is set but TURBO_TEAM is empty (the cache server needs the team, e.g. TURBO_TEAM=genauth)`;
  let url;
  try {
    url = new URL(`${api.replace(/\/+$/, '')}/v8/artifacts/0000000000000000`);
  } catch {
    return `TURBO_API "${api}" is not a URL`;
  }
  url.searchParams.set('slug', team);
  try {
    const response = await fetch(url, { method: 'HEAD', headers: { authorization: `Bearer ${token}` }, redirect: 'manual', signal: AbortSignal.timeout(5000) });
    await response.body?.cancel();
    if (response.status === 401 || response.status === 403) return `${url.origin} refused TURBO_TOKEN for team "${team}" (HTTP ${response.status}): set the right token (README, "Scaling CI")`;
    if (response.status !== 404 && !response.ok) return `${url.origin} answered HTTP ${response.status} to a cache lookup`;
    return undefined;
  } catch (error) {
    const reason = error?.name === 'TimeoutError' ? 'no answer within 5 s' : (error?.cause?.code ?? error?.message ?? String(error));
    return `cannot reach the cache server ${url.origin} (${reason})`;
  }
}

// CI systems set unset secrets to empty strings: treat an empty TURBO_* variable as not set.
const env = { ...process.env };
for (const name of ['TURBO_API', 'TURBO_TOKEN', 'TURBO_TEAM']) if (env[name] === '') delete env[name];
const problem = args[0] === 'run' ? await remoteCacheProblem(env) : undefined;
if (problem) console.error(`remote cache: ${problem}. Building with the local cache only.`);
const result = spawnSync(turboBin, problem ? [...args, '--cache=local:rw'] : args, { stdio: 'inherit', env });
if (result.error) {
  console.error(`turbo: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
