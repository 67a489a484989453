import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The extensions whose webhooks take a system key of their own, as in Azure. */
export type SystemKeyName = 'durabletask_extension' | 'eventgrid_extension';

/**
 * The keys a Functions app has in Azure, generated per start: the host's `default` key, which every
 * `authLevel: function` function accepts, and one system key per extension webhook. A key travels in the
 * `x-functions-key` header or the `code` query parameter.
 */
export class FunctionKeys {
  readonly functionKey: string;
  readonly systemKeys: Readonly<Record<SystemKeyName, string>>;

  constructor(functionKey = newKey()) {
    this.functionKey = functionKey;
    this.systemKeys = { durabletask_extension: newKey(), eventgrid_extension: newKey() };
  }

  /** Whether the request carries the function key (authLevel function). */
  allowsFunction(url: URL, headers: IncomingHttpHeaders): boolean {
    return same(presented(url, headers), this.functionKey);
  }

  /** Whether the request carries the system key of `extension`. */
  allowsSystem(extension: SystemKeyName, url: URL, headers: IncomingHttpHeaders): boolean {
    return same(presented(url, headers), this.systemKeys[extension]);
  }
}

function newKey(): string {
  // Azure's keys are 40+ random characters; base64url keeps them safe in a query string unescaped.
  return randomBytes(30).toString('base64url');
}

function presented(url: URL, headers: IncomingHttpHeaders): string | undefined {
  const header = headers['x-functions-key'];
  return (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('code') ?? undefined;
}

function same(given: string | undefined, key: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}
