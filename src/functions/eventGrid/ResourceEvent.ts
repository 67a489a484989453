/** The two Microsoft.Resources system events Dualstack reacts to. */
export const WRITE_SUCCESS = 'Microsoft.Resources.ResourceWriteSuccess';
export const DELETE_SUCCESS = 'Microsoft.Resources.ResourceDeleteSuccess';

/**
 * One event after parsing, whatever schema it came in (Event Grid or CloudEvents): the fields routing needs.
 * `data` is the system event's payload as delivered; routing checks every field it reads.
 */
export interface ResourceEvent {
  id: string;
  schema: 'eventGrid' | 'cloudEvents';
  eventType: string;
  /** the event's subject (Event Grid) or subject/source (CloudEvents) */
  subject: string;
  data: Record<string, unknown>;
}
