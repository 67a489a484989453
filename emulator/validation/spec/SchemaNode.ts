/**
 * A request-body schema compiled once from OpenAPI or from the SDK's mappers, so that checking a body is
 * a plain walk with map lookups. Property names are keyed in lower case: ARM's JSON reader matches them
 * case-insensitively.
 */
export type SchemaNode =
  | { kind: 'any' }
  | { kind: 'string' }
  | { kind: 'enum'; name: string; values: ReadonlySet<string> }
  | { kind: 'integer' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'array'; items: SchemaNode }
  | ObjectNode;

export interface ObjectNode {
  kind: 'object';
  /** Definition or model name, used in error messages as ARM names its contract types. */
  name: string;
  props: Map<string, PropNode>;
  /** Names as written in the spec; read-only ones are left out since ARM ignores them in bodies. */
  required: string[];
  /** Schema of the values of a dictionary (`additionalProperties`), if the object is one. */
  additional: SchemaNode | undefined;
}

export interface PropNode {
  name: string;
  node: SchemaNode;
  readOnly: boolean;
}

export const ANY: SchemaNode = { kind: 'any' };

export function objectNode(name: string): ObjectNode {
  return { kind: 'object', name, props: new Map(), required: [], additional: undefined };
}

export function addProp(target: ObjectNode, name: string, node: SchemaNode, readOnly: boolean): void {
  target.props.set(name.toLowerCase(), { name, node, readOnly });
}
