import type { CloudEvent, EventGridEvent } from '@azure/eventgrid';
import { EventGridDeserializer, isSystemEvent } from '@azure/eventgrid';
import type { ResourceEvent } from './ResourceEvent';
import { DELETE_SUCCESS, WRITE_SUCCESS } from './ResourceEvent';

const deserializer = new EventGridDeserializer();

export type ParseResult = { ok: true; event: ResourceEvent } | { ok: false; reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function schemaOf(raw: Record<string, unknown>): ResourceEvent['schema'] | undefined {
  if (typeof raw.specversion === 'string') return 'cloudEvents';
  if ('eventType' in raw || 'metadataVersion' in raw || 'dataVersion' in raw) return 'eventGrid';
  return undefined;
}

/** The type guards narrow the payload for the two events we act on; anything else needs no data at all. */
function isResourceEvent(event: EventGridEvent<unknown> | CloudEvent<unknown>): boolean {
  return 'eventType' in event
    ? isSystemEvent(WRITE_SUCCESS, event) || isSystemEvent(DELETE_SUCCESS, event)
    : isSystemEvent(WRITE_SUCCESS, event) || isSystemEvent(DELETE_SUCCESS, event);
}

/** One deserialized event, either schema, as routing sees it (or why it can't be used). */
function toResourceEvent(
  event: EventGridEvent<unknown> | CloudEvent<unknown> | undefined,
  schema: ResourceEvent['schema'],
): ParseResult {
  if (!event) return { ok: false, reason: `${schema} payload holds no event` };
  const eventType = 'eventType' in event ? event.eventType : event.type;
  const subject = 'eventType' in event ? event.subject : (event.subject ?? event.source);
  if (!isResourceEvent(event))
    return { ok: true, event: { id: event.id, schema, eventType, subject, data: {} } };
  if (!isRecord(event.data))
    return { ok: false, reason: `${eventType} event ${event.id} has no data object` };
  return { ok: true, event: { id: event.id, schema, eventType, subject, data: event.data } };
}

/**
 * Checks one delivered event with @azure/eventgrid's deserializer (Event Grid schema or CloudEvents 1.0) and
 * returns what routing needs. Never throws: anything malformed comes back as a reason to log.
 */
export async function parseResourceEvent(raw: unknown): Promise<ParseResult> {
  if (!isRecord(raw))
    return { ok: false, reason: `event is ${Array.isArray(raw) ? 'an array' : typeof raw}, not an object` };
  const schema = schemaOf(raw);
  if (!schema) return { ok: false, reason: 'unknown schema: neither an Event Grid event nor a CloudEvent' };
  try {
    const [event] =
      schema === 'cloudEvents'
        ? await deserializer.deserializeCloudEvents(raw)
        : await deserializer.deserializeEventGridEvents(raw);
    return toResourceEvent(event, schema);
  } catch (error) {
    // The deserializer names the missing or malformed property.
    return {
      ok: false,
      reason: `${schema} event rejected: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
