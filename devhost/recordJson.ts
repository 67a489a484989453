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
 * The JSON of a history's leading played events. Played events never change
 * again, so a parent with hundreds of events re-joins only the newest few on
 * each save instead of copying its whole history. Checked against the last
 * event it covers, so a history that was cut or replaced starts over.
 */
const playedPrefix = new WeakMap<
  WireHistoryEvent[],
  { count: number; last: WireHistoryEvent; json: string }
>();

function historyJson(history: WireHistoryEvent[]): string {
  let prefix = playedPrefix.get(history);
  if (prefix && history[prefix.count - 1] !== prefix.last) prefix = undefined;
  let count = prefix?.count ?? 0;
  let json = prefix?.json ?? '';
  let grown = false;
  for (; count < history.length; count++) {
    const event = history[count];
    if (!event?.IsPlayed) break;
    json = json === '' ? eventJson(event) : `${json},${eventJson(event)}`;
    grown = true;
  }
  const last = history[count - 1];
  if (grown && last) playedPrefix.set(history, { count, last, json });
  const rest = history.slice(count).map(eventJson).join(',');
  return json === '' ? rest : rest === '' ? json : `${json},${rest}`;
}

/** An instance's input never changes after it starts: serialised once per input object. */
const inputCache = new WeakMap<object, string>();

export function inputJson(input: unknown): string | undefined {
  if (input === null || typeof input !== 'object') return JSON.stringify(input);
  let json = inputCache.get(input);
  if (json === undefined) {
    json = JSON.stringify(input);
    inputCache.set(input, json);
  }
  return json;
}

/**
 * `JSON.stringify(record)` for a record with a history, reusing each event's
 * JSON from the episode that wrote it, and the input's from the first save. A
 * history only grows (and an event only ever changes IsPlayed), but
 * re-serialising it whole on every episode made a big run's parent spend most
 * of its time escaping results it had already saved, as the extension never
 * does: it appends new rows. A VNet's sub-orchestration carries every desired
 * body in its input, so that is kept too.
 */
export function recordJson<T extends { history: WireHistoryEvent[]; input?: unknown }>(record: T): string {
  const { history, input, ...rest } = record;
  // Concatenation, not Array.join: join copies the history into a flat string on every save.
  const head = JSON.stringify(rest);
  const inputText = 'input' in record ? inputJson(input) : undefined;
  let json = head === '{}' ? '{' : `${head.slice(0, -1)},`;
  if (inputText !== undefined) json += `"input":${inputText},`;
  return `${json}"history":[${historyJson(history)}]}`;
}
