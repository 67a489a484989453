import type { ArmError } from '../../src/arm/errors/ArmError';
import { tooManyRequests } from '../../src/arm/errors/commonErrors';
import type { Clock } from './Clock';
import { TokenBucket } from './TokenBucket';

export type ThrottleClass = 'reads' | 'writes' | 'deletes';

/** ARM's documented limits (rules §10): per subscription × principal, plus Microsoft.Network's own 5-minute limits. */
const ARM_LIMITS: Record<ThrottleClass, { capacity: number; perSecond: number }> = {
  reads: { capacity: 250, perSecond: 25 },
  writes: { capacity: 200, perSecond: 10 },
  deletes: { capacity: 200, perSecond: 10 },
};
const NETWORK_LIMITS = {
  reads: { capacity: 10_000, perSecond: 10_000 / 300 },
  writes: { capacity: 1_000, perSecond: 1_000 / 300 },
};

/** The 429s the limits gave: how many, and the Retry-After they asked for in Azure's own time. */
export interface ThrottleStats {
  refused: number;
  retryAfterMs: number;
}

export interface ThrottleResult {
  headers: Record<string, string>;
  error?: ArmError;
}

export class Throttle {
  private readonly buckets = new Map<string, TokenBucket>();
  readonly stats: ThrottleStats = { refused: 0, retryAfterMs: 0 };

  constructor(
    private readonly clock: Clock,
    private readonly timeScale: number,
    public enabled: boolean,
  ) {}

  private bucket(key: string, limit: { capacity: number; perSecond: number }): TokenBucket {
    let b = this.buckets.get(key);
    if (!b) {
      const refillPerMs = this.timeScale > 0 ? limit.perSecond / 1000 / this.timeScale : Infinity;
      b = new TokenBucket(limit.capacity, refillPerMs, this.clock.now());
      this.buckets.set(key, b);
    }
    return b;
  }

  /** Takes a token for one request; `network` adds the Microsoft.Network provider limit. */
  check(subscriptionId: string, principalId: string, cls: ThrottleClass, network: boolean): ThrottleResult {
    const now = this.clock.now();
    const sub = subscriptionId.toLowerCase();
    const principalKey = `${sub}|${principalId.toLowerCase()}`;
    const own = this.bucket(`${principalKey}|${cls}`, ARM_LIMITS[cls]);
    const netCls = cls === 'reads' ? 'reads' : 'writes';
    const net = network ? this.bucket(`${sub}|network|${netCls}`, NETWORK_LIMITS[netCls]) : undefined;
    let error: ArmError | undefined;
    if (this.enabled) {
      const blocking = [own, net].find((b) => b !== undefined && b.remaining(now) < 1);
      if (blocking) {
        const waitMs = blocking.waitMs(now);
        const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
        const scope =
          blocking === own
            ? `subscription ${subscriptionId} and principal ${principalId}`
            : `Microsoft.Network in subscription ${subscriptionId}`;
        // ARM rounds up to whole seconds of its own time; scaled, that is a fraction of a real second.
        const scaledMs =
          this.timeScale > 0 && this.timeScale < 1
            ? Math.ceil(Math.max(1, Math.ceil(waitMs / this.timeScale / 1000)) * 1000 * this.timeScale)
            : undefined;
        error = tooManyRequests(retryAfter, scope, scaledMs);
        this.stats.refused += 1;
        this.stats.retryAfterMs += retryAfter * 1000;
      } else {
        own.take(now);
        net?.take(now);
      }
    }
    const headers: Record<string, string> = {
      'x-ms-ratelimit-remaining-subscription-reads': String(
        this.bucket(`${principalKey}|reads`, ARM_LIMITS.reads).remaining(now),
      ),
      'x-ms-ratelimit-remaining-subscription-writes': String(
        this.bucket(`${principalKey}|writes`, ARM_LIMITS.writes).remaining(now),
      ),
    };
    if (cls === 'deletes')
      headers['x-ms-ratelimit-remaining-subscription-deletes'] = String(own.remaining(now));
    if (net) {
      const name =
        netCls === 'reads'
          ? 'Microsoft.Network/GetSubscription5Min'
          : 'Microsoft.Network/PutSubscription5Min';
      headers['x-ms-ratelimit-remaining-resource'] = `${name};${net.remaining(now)}`;
    }
    return error ? { headers, error } : { headers };
  }
}
