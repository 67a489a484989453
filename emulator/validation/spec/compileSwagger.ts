import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANY, addProp, objectNode, type ObjectNode, type SchemaNode } from './SchemaNode';

interface JsonSchema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  'x-ms-enum'?: { name?: string; modelAsString?: boolean };
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  allOf?: JsonSchema[];
  required?: string[];
  readOnly?: boolean;
  format?: string;
}

interface SwaggerFile {
  definitions?: Record<string, JsonSchema>;
  paths?: Record<string, { put?: { parameters?: { in?: string; schema?: JsonSchema }[] } }>;
}

/**
 * Compiles the Microsoft.Network OpenAPI files of one folder into SchemaNodes, keyed by the resource type
 * each PUT path writes. Cross-file $refs are followed; a $ref into a file that is not there compiles to
 * ANY (COVERAGE.md: treat it as an opaque object).
 *
 * x-ms-client-flatten needs no handling: it only tells SDK generators to lift `properties.*` up a level,
 * while the wire format that reaches ARM keeps the nesting the schema describes.
 */
export class SwaggerCompiler {
  private readonly files = new Map<string, SwaggerFile | undefined>();
  private readonly compiled = new Map<string, SchemaNode>();

  constructor(private readonly folder: string) {}

  /** 'microsoft.network/virtualnetworks/subnets' -> body schema, for every PUT in the given files. */
  resourceTypes(fileNames: readonly string[]): Map<string, SchemaNode> {
    const types = new Map<string, SchemaNode>();
    for (const fileName of fileNames) {
      const file = this.file(fileName);
      if (!file) throw new Error(`OpenAPI file ${join(this.folder, fileName)} is missing`);
      for (const [path, item] of Object.entries(file.paths ?? {})) {
        const body = item.put?.parameters?.find((p) => p.in === 'body')?.schema;
        const type = resourceTypeOfPath(path);
        if (!body || !type || types.has(type)) continue;
        types.set(type, this.schema(fileName, body));
      }
    }
    return types;
  }

  private file(fileName: string): SwaggerFile | undefined {
    if (!this.files.has(fileName)) {
      const full = join(this.folder, fileName);
      this.files.set(
        fileName,
        existsSync(full) ? (JSON.parse(readFileSync(full, 'utf8')) as SwaggerFile) : undefined,
      );
    }
    return this.files.get(fileName);
  }

  private definition(fileName: string, name: string): SchemaNode {
    const key = `${fileName}#${name}`;
    const done = this.compiled.get(key);
    if (done) return done;
    const schema = this.file(fileName)?.definitions?.[name];
    if (!schema) {
      this.compiled.set(key, ANY);
      return ANY;
    }
    if (!isObjectSchema(schema)) {
      const node = this.schema(fileName, schema, name);
      this.compiled.set(key, node);
      return node;
    }
    // Registered before its properties are compiled, so recursive definitions (Subnet -> NSG -> Subnet) terminate.
    const node = objectNode(name);
    this.compiled.set(key, node);
    this.fillObject(fileName, schema, node);
    return node;
  }

  private resolveRef(fileName: string, ref: string): SchemaNode {
    const [filePart = '', pointer = ''] = ref.split('#');
    const target = filePart === '' ? fileName : filePart.replace(/^\.\//, '');
    const name = pointer.replace(/^\/definitions\//, '');
    return this.definition(target, name);
  }

  private schema(fileName: string, schema: JsonSchema, name = 'Object'): SchemaNode {
    if (schema.$ref) return this.resolveRef(fileName, schema.$ref);
    if (schema.enum && schema.type === 'string') {
      if (schema['x-ms-enum']?.modelAsString) return { kind: 'string' };
      const values = new Set(schema.enum.map((v) => String(v).toLowerCase()));
      return { kind: 'enum', name: schema['x-ms-enum']?.name ?? name, values };
    }
    switch (schema.type) {
      case 'string':
        return { kind: 'string' };
      case 'integer':
        return { kind: 'integer' };
      case 'number':
        return { kind: 'number' };
      case 'boolean':
        return { kind: 'boolean' };
      case 'array':
        return { kind: 'array', items: schema.items ? this.schema(fileName, schema.items) : ANY };
      default:
        if (!isObjectSchema(schema)) return ANY;
    }
    const node = objectNode(name);
    this.fillObject(fileName, schema, node);
    return node;
  }

  private fillObject(fileName: string, schema: JsonSchema, node: ObjectNode): void {
    for (const parent of schema.allOf ?? []) {
      const base = this.schema(fileName, parent);
      if (base.kind !== 'object') continue;
      for (const [key, prop] of base.props) node.props.set(key, prop);
      node.required.push(...base.required);
      node.additional ??= base.additional;
    }
    for (const [propName, propSchema] of Object.entries(schema.properties ?? {})) {
      addProp(node, propName, this.schema(fileName, propSchema, propName), propSchema.readOnly === true);
    }
    for (const req of schema.required ?? []) {
      if (node.props.get(req.toLowerCase())?.readOnly !== true && !node.required.includes(req))
        node.required.push(req);
    }
    const extra = schema.additionalProperties;
    if (extra !== undefined && extra !== false)
      node.additional = extra === true ? ANY : this.schema(fileName, extra);
  }
}

function isObjectSchema(schema: JsonSchema): boolean {
  return (
    schema.type === 'object' ||
    (schema.type === undefined && (schema.properties !== undefined || schema.allOf !== undefined))
  );
}

/** '/subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Network/virtualNetworks/{v}/subnets/{n}' -> type. */
export function resourceTypeOfPath(path: string): string | undefined {
  const m = /\/providers\/([^/]+)\/(.+)$/.exec(path);
  if (!m) return undefined;
  const [, namespace = '', rest = ''] = m;
  const parts = rest.split('/');
  if (parts.length % 2 !== 0) return undefined;
  const types: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    if (!/^\{.+\}$/.test(parts[i + 1] ?? '')) return undefined;
    types.push(parts[i] ?? '');
  }
  return `${namespace}/${types.join('/')}`.toLowerCase();
}
