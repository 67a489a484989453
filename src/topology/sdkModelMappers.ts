import { dirname, join } from 'node:path';

export interface MapperType {
  name: string;
  className?: string;
  element?: { type: MapperType };
}

export interface MapperProperty {
  serializedName?: string;
  type: MapperType;
}

export type MapperSet = Record<
  string,
  { type: { modelProperties?: Record<string, MapperProperty> } } | undefined
>;

let cached: MapperSet | undefined;

/**
 * The SDK's models (@azure/arm-network's mappers): for every property, where
 * it sits on the wire (`properties.privateIPAddress`) and its nested model.
 * The package only exports its index, so the module is loaded by path.
 */
export function sdkModelMappers(): MapperSet {
  if (!cached) {
    const packageDir = dirname(require.resolve('@azure/arm-network/package.json'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cached = require(join(packageDir, 'dist/commonjs/models/mappers.js')) as MapperSet;
  }
  return cached;
}
