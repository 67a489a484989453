import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { EmittedEvent } from '../EmulatorOptions';

export const SUBSCRIPTION_VALIDATION_EVENT = 'Microsoft.EventGrid.SubscriptionValidationEvent';

interface Reply {
  status: number;
  body: string;
}

/**
 * Delivers events to in-process listeners and to webhooks (an Event Grid style POST of a JSON array). As Event
 * Grid does, a webhook first gets the subscription validation handshake (a SubscriptionValidationEvent whose
 * validationCode it must echo as `validationResponse` with a 200); one that fails it never gets an event.
 * Delivery failures are swallowed: the write that caused the event has already succeeded.
 */
export class EventBus {
  private readonly listeners = new Set<(event: EmittedEvent) => void>();
  private readonly pending = new Set<Promise<void>>();
  private readonly validated = new Map<string, Promise<boolean>>();

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
      const p = this.deliver(url, event).finally(() => this.pending.delete(p));
      this.pending.add(p);
    }
  }

  /** Resolves once every webhook delivery started so far has finished. */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private async deliver(url: string, event: EmittedEvent): Promise<void> {
    let validation = this.validated.get(url);
    if (!validation) this.validated.set(url, (validation = this.validate(url, event.topic)));
    if (await validation) await this.post(url, [event], 'Notification');
  }

  private async validate(url: string, topic: string): Promise<boolean> {
    const validationCode = randomUUID();
    const reply = await this.post(
      url,
      [
        {
          id: randomUUID(),
          topic,
          subject: '',
          eventType: SUBSCRIPTION_VALIDATION_EVENT,
          eventTime: new Date().toISOString(),
          data: { validationCode, validationUrl: `${url}#validate=${validationCode}` },
          dataVersion: '2',
          metadataVersion: '1',
        },
      ],
      'SubscriptionValidation',
    );
    if (reply?.status !== 200) return false;
    try {
      return (
        (JSON.parse(reply.body) as { validationResponse?: unknown }).validationResponse === validationCode
      );
    } catch {
      return false;
    }
  }

  private post(url: string, body: unknown, eventType: string): Promise<Reply | undefined> {
    const payload = Buffer.from(JSON.stringify(body));
    const target = new URL(url);
    const lib = target.protocol === 'https:' ? https : http;
    return new Promise<Reply | undefined>((resolve) => {
      const req = lib.request(
        target,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': payload.length,
            'aeg-event-type': eventType,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
        },
      );
      req.on('error', () => resolve(undefined));
      req.end(payload);
    });
  }
}
