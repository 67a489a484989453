import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The official specs are vendored in vendor/azure-rest-api-specs (MIT, see its SOURCE.md and LICENSE), so a
 * fresh clone validates without anything beside it; DUALSTACK_SPECS_DIR overrides that. Missing specs are an error rather than a silently skipped check,
 * because an emulator that validates nothing would let every test pass.
 */
export function networkSpecFolder(): string {
  const root = process.env.DUALSTACK_SPECS_DIR ?? resolve(__dirname, '../../../vendor/azure-rest-api-specs');
  const folder = join(root, 'specification/network/resource-manager/Microsoft.Network/stable/2025-05-01');
  if (!existsSync(folder)) {
    throw new Error(
      `Microsoft.Network OpenAPI specs not found at ${folder}; set DUALSTACK_SPECS_DIR to the azure-rest-api-specs folder`,
    );
  }
  return folder;
}
