import type { OrchestrationContext } from 'durable-functions';
import * as df from 'durable-functions';
import { LocalDurableHost } from '../../devhost/LocalDurableHost';

class ThrottledError extends Error {
  override name = 'ThrottledError';
  readonly status = 429;
}

// As the app does: classification travels as exception properties, not inside the message text.
df.app.setExceptionPropertiesProvider({
  getExceptionProperties: (error: unknown) =>
    error instanceof ThrottledError
      ? { code: 'TooManyRequests', retryable: true, status: error.status }
      : undefined,
});

df.app.activity('fd_throttled', {
  handler: () => {
    throw new ThrottledError('slow down');
  },
});

df.app.orchestration('fd_catches', function* (ctx: OrchestrationContext) {
  try {
    yield ctx.df.callActivity('fd_throttled');
    return 'unexpected success';
  } catch (error) {
    const failure = error as df.TaskFailedError;
    return { name: failure.name, message: failure.message, details: failure.failureDetails };
  }
});

df.app.orchestration('fd_rethrows', function* (ctx: OrchestrationContext) {
  yield ctx.df.callActivity('fd_throttled');
});

df.app.orchestration('fd_parent', function* (ctx: OrchestrationContext) {
  try {
    yield ctx.df.callSubOrchestrator('fd_rethrows', undefined, `${ctx.df.instanceId}:child`);
    return 'unexpected success';
  } catch (error) {
    return (error as df.TaskFailedError).failureDetails;
  }
});

describe('activity failures as the orchestrator sees them', () => {
  it('arrive as TaskFailedError with the error type, message and the provider properties', async () => {
    const host = new LocalDurableHost({ timeScale: 1_000_000 });
    const status = await host.waitForCompletion(await host.startNew('fd_catches'));

    expect(status.output).toMatchObject({
      name: 'TaskFailedError',
      message: 'ThrottledError: slow down',
      details: {
        errorType: 'ThrottledError',
        errorMessage: 'slow down',
        isNonRetriable: false,
        properties: { code: 'TooManyRequests', retryable: true, status: 429 },
      },
    });
  });

  it('reach a parent unchanged when a sub-orchestration lets them escape', async () => {
    const host = new LocalDurableHost({ timeScale: 1_000_000 });
    const status = await host.waitForCompletion(await host.startNew('fd_parent', { instanceId: 'fd' }));

    expect(status.output).toMatchObject({
      errorType: 'ThrottledError',
      errorMessage: 'slow down',
      properties: { code: 'TooManyRequests', retryable: true, status: 429 },
    });
    expect((await host.getStatus('fd:child')).runtimeStatus).toBe('Failed');
  });
});
