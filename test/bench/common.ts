import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const repoRoot = join(import.meta.dirname, '../..');
export const bin = (name: string): string => join(repoRoot, 'node_modules/.bin', name);

/** What every contender sends and every server answers: our sendSms and getProfile calls and their success envelopes. */
export const APP_ID = 'bench-app-id';
export const ACCESS_TOKEN = 'bench-access-token';

/** The POST: sendSms with a small JSON body, answered with the bare envelope. */
export const OPERATION_PATH = '/api/v3/send-sms';
export const DTO = { phoneNumber: '188xxxx8888', channel: 'CHANNEL_BIND_PHONE', phoneCountryCode: '+86' } as const;
export const ENVELOPE_TEXT = JSON.stringify({ statusCode: 200, message: 'SMS sent', requestId: '934108e5-9fbf-4d24-8da1-c330328abd6c' });

/** The GET: getProfile with its three boolean query parameters, answered with the envelope carrying a `UserDto` (the spec's example). */
export const PROFILE_PATH = '/api/v3/get-profile';
export const PROFILE_QUERY = { withCustomData: true, withIdentities: false, withDepartmentIds: true } as const;
/** The query string every contender must send for PROFILE_QUERY (the loopback server refuses any other). */
export const PROFILE_QUERY_STRING = 'withCustomData=true&withIdentities=false&withDepartmentIds=true';
export const PROFILE_ENVELOPE_TEXT = JSON.stringify({
  statusCode: 200,
  message: 'Operation successful',
  requestId: '5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c',
  data: {
    userId: '6229ad5ce6d38fc1f4ba8d1b',
    createdAt: '2022-03-10T08:15:24.000Z',
    updatedAt: '2022-07-01T10:02:11.000Z',
    status: 'Activated',
    workStatus: 'Active',
    username: 'alice',
    email: 'alice@example.com',
    emailVerified: true,
    phone: '188xxxx8888',
    phoneCountryCode: '+86',
    phoneVerified: true,
    name: 'Alice',
    gender: 'U',
    loginsCount: 12,
    lastLogin: '2022-07-01T10:00:00.000Z',
    userSourceType: 'register',
  },
});

/** The operations every contender calls, each measured on its own. */
export const BENCH_OPERATIONS = ['sendSms', 'getProfile'] as const;
export type BenchOperation = (typeof BENCH_OPERATIONS)[number];
export const OPERATION_LABELS: Record<BenchOperation, string> = {
  sendSms: '`sendSms` (POST, small JSON body)',
  getProfile: '`getProfile` (GET, three boolean query parameters, envelope with a `UserDto`)',
};

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The built @genauth/client (packages/client/dist), never its sources: what a consumer runs. */
export function builtClientPath(): string {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'packages/client/package.json'), 'utf8')) as {
    exports: { '.': { import: { default: string } } };
  };
  const file = join(repoRoot, 'packages/client', pkg.exports['.'].import.default);
  if (!existsSync(file)) throw new Error(`${file} does not exist: run \`pnpm build\` first (\`pnpm bench\` does).`);
  return file;
}

export async function loadBuiltClient(): Promise<typeof import('@genauth/client')> {
  return (await import(pathToFileURL(builtClientPath()).href)) as typeof import('@genauth/client');
}

export function packageVersion(name: string, from = repoRoot): string {
  const path = join(from, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

export const kib = (bytes: number): string =>
  Math.abs(bytes) >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
export const fixed = (value: number, digits = 2): string => value.toFixed(digits);
