const cache = new Map<string, RegExp>();

/** Role-definition wildcard match: `*` spans any characters, including `/`; case-insensitive like Azure. */
export function actionMatches(pattern: string, action: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}$`, 'i');
    cache.set(pattern, re);
  }
  return re.test(action);
}

export function isAllowed(allowed: readonly string[] | undefined, action: string): boolean {
  return allowed !== undefined && allowed.some((p) => actionMatches(p, action));
}
