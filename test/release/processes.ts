import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync } from 'node:fs';

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Environment for tools run in a copy of the repo or a consumer: no vitest, pnpm-script or turbo-task variables leak in. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|TURBO_(?!TELEMETRY_DISABLED))/i.test(key) || key === 'NODE_ENV' || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return { ...env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', FORCE_COLOR: '0', NO_COLOR: '1', ...extra };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Runs a command in its own process group, bounded by `timeoutMs` (the whole group is killed then),
 * and rejects with the command's output when it fails.
 */
export async function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<RunResult> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killOnExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  const status = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child, 'SIGKILL');
      reject(new Error(`\`${command} ${args.join(' ')}\` in ${options.cwd} did not finish within ${options.timeoutMs} ms:\n${tail(stdout + stderr)}`));
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  }).finally(() => process.removeListener('exit', killOnExit));
  if (status !== 0) throw new Error(`\`${command} ${args.join(' ')}\` in ${options.cwd} exited with ${status}:\n${tail(stdout + stderr)}`);
  return { status, stdout, stderr };
}

function tail(text: string, lines = 60): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

export interface Background {
  child: ChildProcess;
  output(): string;
  /** SIGTERM to the whole process group, SIGKILL after 5 s; resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts a long-running command in its own process group (so its children stop with it). */
export function background(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Background {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const killOnExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  let stopped: Promise<void> | undefined;
  return {
    child,
    output: () => output,
    stop: () =>
      (stopped ??= (async () => {
        process.removeListener('exit', killOnExit);
        killGroup(child, 'SIGTERM');
        if (!(await exited(child, 5000))) {
          killGroup(child, 'SIGKILL');
          await exited(child, 5000);
        }
      })()),
  };
}

/**
 * Waits until `ready(output)` holds for a background process's output, polling every 200 ms for at
 * most `timeoutMs`; fails with the output when the process exits first or the time is up.
 */
export async function waitForOutput(what: string, process: Background, ready: (output: string) => boolean, timeoutMs = 90_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!ready(process.output())) {
    if (process.child.exitCode !== null || Date.now() > deadline) throw new Error(`${what} did not start:\n${process.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return process.output();
}

/** What a snapshot of the working tree leaves out: installs, build output, caches, reports, git itself, tarballs. */
const NOT_IN_SNAPSHOT = /\/(node_modules|dist|\.turbo|\.reports|\.git|\.cache|\.next|artifacts)$|\.tgz$/;

/** Copies the working tree at `root` (without installs and build output) to `dest` as a fresh repository with one commit. */
export async function snapshotRepo(root: string, dest: string, env: NodeJS.ProcessEnv, message = 'snapshot'): Promise<void> {
  cpSync(root, dest, { recursive: true, filter: (source) => !NOT_IN_SNAPSHOT.test(source.slice(root.length)) });
  await run('git', ['init', '-q', '-b', 'main'], { cwd: dest, env, timeoutMs: 30_000 });
  await run('git', ['add', '-A'], { cwd: dest, env, timeoutMs: 30_000 });
  await run('git', ['commit', '-q', '-m', message], { cwd: dest, env, timeoutMs: 30_000 });
}

/**
 * Removes a large scratch folder (copies with their node_modules) without making the test wait: a detached
 * `rm -rf` that finishes on its own while the next test files run.
 */
export function removeInBackground(path: string): void {
  spawn('rm', ['-rf', '--', path], { detached: true, stdio: 'ignore' }).unref();
}
