import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import { tooManyRequests } from '../../src/arm/errors/commonErrors';
import { armRequest, networkClient, networkId, RG, startTestEmulator } from './emulatorTestKit';

describe('ARM throttling (rules §10)', () => {
  let handle: EmulatorHandle;
  // Time scale 10: refills ten times slower than ARM (2.5 reads per second against a bucket of 250), so
  // the bucket empties however slow the machine running the test is.
  beforeEach(async () => {
    handle = await startTestEmulator({ timeScale: 10 });
  });
  afterEach(() => handle.stop());

  it('answers 429 TooManyRequests with Retry-After once the read bucket of 250 is empty', async () => {
    const client = networkClient(handle, undefined, { retryOptions: { maxRetries: 0 } });
    const expected = tooManyRequests(1, '');
    let served = 0;
    let refusal:
      | { statusCode?: number; code?: string; response?: { headers: { get(n: string): string | undefined } } }
      | undefined;
    while (served < 400 && !refusal) {
      await client.routeTables.get(RG, 'absent').catch((e: typeof refusal) => {
        if (e?.statusCode === 429) refusal = e;
      });
      served++;
    }
    expect(served).toBeGreaterThanOrEqual(250);
    expect(refusal).toMatchObject({ statusCode: expected.status, code: expected.code });
    expect(Number(refusal?.response?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refusal?.response?.headers.get('x-ms-ratelimit-remaining-subscription-reads')).toBe('0');
  });

  it('counts writes separately and reports the remaining writes', async () => {
    const path = `${networkId('routeTables', 'thr-rt')}?api-version=2025-05-01`;
    const first = await armRequest(handle, 'PUT', path, { body: { location: 'westeurope' } });
    const second = await armRequest(handle, 'DELETE', path);
    expect(Number(first.headers['x-ms-ratelimit-remaining-subscription-writes'])).toBe(199);
    expect(Number(second.headers['x-ms-ratelimit-remaining-subscription-deletes'])).toBe(199);
    expect(String(first.headers['x-ms-ratelimit-remaining-resource'])).toMatch(
      /^Microsoft\.Network\/PutSubscription5Min;999$/,
    );
  });

  it('does not throttle when throttling is off', async () => {
    await handle.stop();
    handle = await startTestEmulator({ timeScale: 1, throttling: false });
    const client = networkClient(handle, undefined, { retryOptions: { maxRetries: 0 } });
    const statuses = new Set<number>();
    for (let i = 0; i < 260; i++) {
      await client.routeTables
        .get(RG, 'absent')
        .catch((e: { statusCode: number }) => statuses.add(e.statusCode));
    }
    expect([...statuses]).toEqual([404]);
  });
});
