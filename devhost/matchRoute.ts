/**
 * Matches a request path (below the route prefix) against an HTTP trigger's route template as the Functions
 * host does: literal segments case-insensitively, `{name}` one segment, `{name?}` an optional trailing one,
 * `{*name}` the rest of the path, `{name:constraint}` with the host's common constraints (`int`, `long`,
 * `guid`, `bool`, `alpha`). Returns the route parameters, decoded, or undefined when the path does not match.
 */
export function matchRoute(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i] ?? '';
    const value = have[i];
    const param = /^\{(\*?)([A-Za-z_][\w]*)(?::([a-z]+))?(\?)?\}$/.exec(part);
    if (!param) {
      if (value === undefined || decode(value).toLowerCase() !== part.toLowerCase()) return undefined;
      continue;
    }
    const [, catchAll, name = '', constraint, optional] = param;
    if (catchAll) {
      params[name] = have.slice(i).map(decode).join('/');
      return params;
    }
    if (value === undefined) {
      if (optional && i === want.length - 1) return params;
      return undefined;
    }
    const decoded = decode(value);
    if (constraint && !satisfies(decoded, constraint)) return undefined;
    params[name] = decoded;
  }
  return have.length === want.length ? params : undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const CONSTRAINTS: Record<string, RegExp> = {
  int: /^-?\d+$/,
  long: /^-?\d+$/,
  guid: /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i,
  bool: /^(true|false)$/i,
  alpha: /^[A-Za-z]+$/,
};

function satisfies(value: string, constraint: string): boolean {
  return CONSTRAINTS[constraint]?.test(value) ?? true;
}
