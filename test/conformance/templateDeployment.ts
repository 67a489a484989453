type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One resource of an ARM template, as the PUT ARM makes for it. */
export interface TemplateWrite {
  type: string;
  name: string;
  body: Json;
}

function hasExpression(value: unknown): boolean {
  if (typeof value === 'string') return value.startsWith('[');
  if (Array.isArray(value)) return value.some(hasExpression);
  if (isRecord(value)) return Object.values(value).some(hasExpression);
  return false;
}

/**
 * The PUTs ARM makes for an azure-cli template deployment (how `az network lb create` creates a
 * load balancer and its public IP), in template order, which azure-cli writes dependency-first.
 * A string says why the template cannot be expanded without a template engine.
 */
export function templateWrites(
  deployment: unknown,
  covered: (type: string) => boolean,
): TemplateWrite[] | string {
  const template =
    isRecord(deployment) && isRecord(deployment.properties) ? deployment.properties.template : undefined;
  if (!isRecord(template) || !Array.isArray(template.resources))
    return 'deployment without an inline template';
  const writes: TemplateWrite[] = [];
  for (const r of template.resources) {
    if (!isRecord(r) || typeof r.type !== 'string' || typeof r.name !== 'string')
      return 'template resource without type or name';
    if (!covered(r.type)) return `template deploys ${r.type}, a type the emulator does not cover`;
    const body: Json = {};
    for (const key of ['location', 'tags', 'sku', 'zones', 'properties'])
      if (r[key] !== undefined) body[key] = r[key];
    if (hasExpression(body)) return 'template resource uses template expressions';
    writes.push({ type: r.type, name: r.name, body });
  }
  return writes;
}

/** `[reference('lb1')]` outputs: output name -> the resource name whose state the output holds. */
export function referencedOutputs(deployment: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const template =
    isRecord(deployment) && isRecord(deployment.properties) ? deployment.properties.template : undefined;
  const outputs = isRecord(template) && isRecord(template.outputs) ? template.outputs : {};
  for (const [name, output] of Object.entries(outputs)) {
    const m =
      isRecord(output) && typeof output.value === 'string'
        ? /^\[reference\('([^']+)'\)\]$/.exec(output.value)
        : null;
    if (m?.[1]) out.set(name, m[1]);
  }
  return out;
}
