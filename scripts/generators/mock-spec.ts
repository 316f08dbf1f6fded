import { generatedHeader, type Generator } from './types.ts';

/** The spec itself, shipped inside @genauth/mock-server so `npx genauth-mock` serves the same contract. */
export const mockSpec: Generator = {
  name: 'mock-spec',
  workspacePackage: '@genauth/mock-server',
  outputDir: 'packages/mock-server/generated',
  run(spec, context) {
    return [{ path: `${this.outputDir}/openapi.yaml`, content: generatedHeader(context, '#') + spec.text }];
  },
};
