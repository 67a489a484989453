import { dirname, join } from 'node:path';
import { ANY, addProp, objectNode, type ObjectNode, type SchemaNode } from './SchemaNode';

interface MapperType {
  name: string;
  className?: string;
  allowedValues?: unknown[];
  element?: { type: MapperType };
  value?: { type: MapperType };
  modelProperties?: Record<string, MapperProperty>;
}

interface MapperProperty {
  serializedName?: string;
  readOnly?: boolean;
  required?: boolean;
  type: MapperType;
}

type Mappers = Record<string, { type: MapperType } | undefined>;

/**
 * The SDK's own models for the types whose OpenAPI file we lack (azureFirewalls, bastionHosts,
 * expressRouteCircuits, virtualNetworkGateways). They are generated from those same specs and carry the
 * types, closed enums ('Enum'; extensible ones are plain 'String'), required and read-only flags, so a body
 * is checked as thoroughly as one from a spec file. The package only exports its index, so the mappers
 * module is loaded by path.
 */
export function loadSdkMappers(): Mappers {
  const packageDir = dirname(require.resolve('@azure/arm-network/package.json'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(packageDir, 'dist/commonjs/models/mappers.js')) as Mappers;
}

export class MapperCompiler {
  private readonly compiled = new Map<string, ObjectNode>();

  constructor(private readonly mappers: Mappers) {}

  model(className: string): SchemaNode {
    const done = this.compiled.get(className);
    if (done) return done;
    const mapper = this.mappers[className];
    if (!mapper?.type.modelProperties) return ANY;
    const node = objectNode(className);
    this.compiled.set(className, node);
    for (const prop of Object.values(mapper.type.modelProperties)) {
      if (prop.serializedName) this.place(node, splitSerializedName(prop.serializedName), prop);
    }
    return node;
  }

  /** Flattened mappers name nested wire paths ('properties.sku'); rebuild the nesting the wire uses. */
  private place(node: ObjectNode, path: string[], prop: MapperProperty): void {
    const [head = '', ...rest] = path;
    if (rest.length === 0) {
      addProp(node, head, this.type(prop.type), prop.readOnly === true);
      if (prop.required && !prop.readOnly) node.required.push(head);
      return;
    }
    let child = node.props.get(head.toLowerCase())?.node;
    if (child?.kind !== 'object') {
      child = objectNode(head);
      addProp(node, head, child, false);
    }
    this.place(child, rest, prop);
  }

  private type(type: MapperType): SchemaNode {
    switch (type.name) {
      case 'String':
      case 'DateTime':
      case 'Uuid':
        return { kind: 'string' };
      case 'Number':
        return { kind: 'number' };
      case 'Boolean':
        return { kind: 'boolean' };
      case 'Enum':
        return {
          kind: 'enum',
          name: 'Enum',
          values: new Set((type.allowedValues ?? []).map((v) => String(v).toLowerCase())),
        };
      case 'Sequence':
        return { kind: 'array', items: type.element ? this.type(type.element.type) : ANY };
      case 'Dictionary': {
        const dict = objectNode('Dictionary');
        dict.additional = type.value ? this.type(type.value.type) : ANY;
        return dict;
      }
      case 'Composite':
        return type.className ? this.model(type.className) : ANY;
      default:
        return ANY;
    }
  }
}

function splitSerializedName(name: string): string[] {
  return name.split(/(?<!\\)\./).map((part) => part.replace(/\\\./g, '.'));
}
