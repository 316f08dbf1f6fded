import openapiTS, { astToString } from 'openapi-typescript';
import { withTypeDocs } from '../lib/type-docs.ts';
import { generatedHeader, type Generator } from './types.ts';

/** `paths` and `components` types of the spec, by openapi-typescript, with the spec's descriptions as JSDoc (lib/type-docs.ts). */
export const clientTypes: Generator = {
  name: 'client-types',
  workspacePackage: '@genauth/client',
  outputDir: 'packages/client/src/generated',
  async run(spec, context) {
    const ast = await openapiTS(withTypeDocs(spec.document) as never, { alphabetize: true, exportType: false, emptyObjectsUnknown: true });
    return [{ path: `${this.outputDir}/schema.gen.ts`, content: generatedHeader(context) + '\n' + astToString(ast) }];
  },
};
