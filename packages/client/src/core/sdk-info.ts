declare const __SDK_VERSION__: string | undefined;

/** The package version, injected from package.json at build time (see tsup.config.ts). */
export const SDK_VERSION: string = typeof __SDK_VERSION__ === 'string' ? __SDK_VERSION__ : '0.0.0-dev';

/** SDK identification headers, like the vendor SDKs send. */
export function sdkHeaders(): Record<string, string> {
  return {
    'x-authing-request-from': 'sdk-typescript',
    'x-authing-sdk-version': SDK_VERSION,
    'x-authing-lang': 'typescript',
  };
}
