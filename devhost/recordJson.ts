import type { WireHistoryEvent } from './historyEvents';

const cache = new WeakMap<WireHistoryEvent, { played: boolean | undefined; json: string }>();

function eventJson(event: WireHistoryEvent): string {
  const hit = cache.get(event);
  if (hit && hit.played === event.IsPlayed) return hit.json;
  const json = JSON.stringify(event);
  cache.set(event, { played: event.IsPlayed, json });
  return json;
}

/**
 * `JSON.stringify(record)` for a record with a history, reusing each event's
 * JSON from the episode that wrote it. A history only grows (and an event only
 * ever changes IsPlayed), but re-serialising it whole on every episode made a
 * big run's parent spend most of its time escaping results it had already
 * saved, as the extension never does: it appends new rows.
 */
export function recordJson<T extends { history: WireHistoryEvent[] }>(record: T): string {
  const { history, ...rest } = record;
  const head = JSON.stringify(rest);
  const events = history.map(eventJson).join(',');
  return head === '{}' ? `{"history":[${events}]}` : `${head.slice(0, -1)},"history":[${events}]}`;
}
