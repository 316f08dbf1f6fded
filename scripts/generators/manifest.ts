import { clientOperations } from './client-operations.ts';
import { clientTypes } from './client-types.ts';
import { docs } from './docs.ts';
import { mockSpec } from './mock-spec.ts';
import type { Generator } from './types.ts';

/** Every output derived from the spec, and the generator that writes it. `pnpm generate` runs them all. */
export const generators: Generator[] = [clientTypes, clientOperations, mockSpec, docs];

/** The spec every generator reads, relative to the repo root. */
export const SPEC_PATH = 'openapi/openapi.yaml';
