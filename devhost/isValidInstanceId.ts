const INVALID_ID_CHARS = ['/', '\\', '#', '?'];

/**
 * Instance ids the Durable extension accepts: non-empty, no path or query characters, no control characters, and
 * no leading '@' (reserved for entities).
 */
export function isValidInstanceId(id: unknown): id is string {
  return (
    typeof id === 'string' &&
    id.length > 0 &&
    id.length <= 256 &&
    !id.startsWith('@') &&
    !INVALID_ID_CHARS.some((c) => id.includes(c)) &&
    ![...id].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127)
  );
}
