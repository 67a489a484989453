import type { InvocationContext } from '@azure/functions';
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { appSettings, runtimeConfig, runtimeServices } from './azureRuntime';
import { eventGridDepsFor } from './eventGrid/eventGridDepsFor';
import { handleResourceEvent } from './eventGrid/handleResourceEvent';
import { RouteCounters } from './eventGrid/RouteCounters';

export const RESOURCE_EVENTS_FUNCTION = 'resourceEvents';

/** Per process, like the host's own metrics: how many events were reconciled, dropped (per reason), ignored, rejected. */
export const resourceEventCounters = new RouteCounters();

/**
 * Subscription events (Event Grid schema or CloudEvents; the subscription's delivery schema decides) for
 * Microsoft.Resources write/delete successes. The handler resolves, never throws for a bad event.
 */
app.eventGrid(RESOURCE_EVENTS_FUNCTION, {
  extraInputs: [df.input.durableClient()],
  handler: async (event: unknown, context: InvocationContext): Promise<void> => {
    const settings = appSettings();
    await handleResourceEvent(
      event,
      eventGridDepsFor(
        df.getClient(context),
        runtimeServices(),
        runtimeConfig(),
        settings,
        resourceEventCounters,
        (level, message) => (level === 'warn' ? context.warn(message) : context.log(message)),
      ),
    );
  },
});
