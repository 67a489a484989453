import schemaJson from './dualStackChangesSchema.json';
import type { StreamSchema } from './StreamSchema';
import { parseStreamSchema } from './StreamSchema';

/** Path of the shared schema file, relative to the repository root (infra loads it from there). */
export const DUAL_STACK_CHANGES_SCHEMA_PATH = 'src/monitor/dualStackChangesSchema.json';

/** DualStackChanges_CL and its stream, checked once at load. */
export const DUAL_STACK_CHANGES_SCHEMA: StreamSchema = parseStreamSchema(
  schemaJson,
  DUAL_STACK_CHANGES_SCHEMA_PATH,
);
