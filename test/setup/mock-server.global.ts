import type { TestProject } from 'vitest/node';
import { mockServerForTests } from '@genauth/mock-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the Prism mock serving openapi/openapi.yaml. */
    apiBaseUrl: string;
  }
}

/** One Prism mock for the whole test run (or the one at TEST_API_BASE_URL). */
export default async function setup(project: TestProject) {
  const mock = await mockServerForTests();
  project.provide('apiBaseUrl', mock.url);
  return () => mock.stop();
}
