/**
 * Runs `tasks` with at most `limit` in flight, failing fast on the first error.
 * ARM's read budget is per principal, so callers keep `limit` small.
 */
export async function runLimited(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) await tasks[next++]?.();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
}
