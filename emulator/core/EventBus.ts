import http from 'node:http';
import https from 'node:https';
import type { EmittedEvent } from '../EmulatorOptions';

/**
 * Delivers events to in-process listeners and to webhooks (an Event Grid style
 * POST of a JSON array). Webhook failures are swallowed: like Event Grid, the
 * write that caused the event has already succeeded.
 */
export class EventBus {
  private readonly listeners = new Set<(event: EmittedEvent) => void>();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly webhooks: readonly string[]) {}

  on(listener: (event: EmittedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: EmittedEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A faulty subscriber must not break the emulator.
      }
    }
    for (const url of this.webhooks) {
      const p = this.post(url, [event]).finally(() => this.pending.delete(p));
      this.pending.add(p);
    }
  }

  /** Resolves once every webhook delivery started so far has finished. */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private post(url: string, body: unknown): Promise<void> {
    const payload = Buffer.from(JSON.stringify(body));
    const target = new URL(url);
    const lib = target.protocol === 'https:' ? https : http;
    return new Promise<void>((resolve) => {
      const req = lib.request(
        target,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': payload.length,
            'aeg-event-type': 'Notification',
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', () => resolve());
      req.end(payload);
    });
  }
}
