import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface HostJsonConcurrency {
  maxConcurrentActivities: number;
}

/**
 * The activity concurrency the app deploys with (host.json's
 * extensions.durableTask.maxConcurrentActivityFunctions), so the local host runs
 * what Azure runs. Read at start-up; a missing or bad value is an error naming
 * the field rather than a silent default.
 */
export function hostJsonConcurrency(file = path.join(__dirname, '..', 'host.json')): HostJsonConcurrency {
  let json: { extensions?: { durableTask?: { maxConcurrentActivityFunctions?: unknown } } };
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as typeof json;
  } catch (error) {
    throw new SyntaxError(
      `${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const value = json.extensions?.durableTask?.maxConcurrentActivityFunctions;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new RangeError(
      `${file}: extensions.durableTask.maxConcurrentActivityFunctions must be a positive integer, got ${JSON.stringify(value)}`,
    );
  return { maxConcurrentActivities: value };
}
