import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const clientPackage = JSON.parse(readFileSync(new URL('./packages/client/package.json', import.meta.url), 'utf8')) as { version: string };
const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  define: { __SDK_VERSION__: JSON.stringify(clientPackage.version) },
  resolve: {
    alias: {
      '@genauth/client': source('./packages/client/src/index.ts'),
      '@genauth/mock-server': source('./packages/mock-server/src/index.ts'),
      '@genauth/docs': source('./packages/docs/src/index.ts'),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/setup/mock-server.global.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    typecheck: {
      enabled: true,
      include: ['packages/*/test/**/*.test-d.ts', 'test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
