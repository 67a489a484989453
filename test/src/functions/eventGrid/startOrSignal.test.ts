import { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { LocalDurableHost } from '../../../../devhost/LocalDurableHost';
import { ManualClock } from '../../../../devhost/ManualClock';
import type { ManagementApi } from '../../../../devhost/managementApi';
import { startManagementApi } from '../../../../devhost/managementApi';
import { startOrSignal } from '../../../../src/functions/eventGrid/startOrSignal';
import type { DurableClientLike } from '../../../../src/orchestrations/DurableClientLike';
import type { ReconcileSpokeInput } from '../../../../src/orchestrations/reconcileSpoke';
import { CHANGED_EVENT, reconcileSpokeRef } from '../../../../src/orchestrations/reconcileSpoke';
import '../../../../src/functions/durableOrchestrations';

const VNET =
  '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v';
// With a manual clock the settle timer never fires: the instance stays running while the test signals it.
const input: ReconcileSpokeInput = { vnetId: VNET, config: {}, settleSeconds: 60, trigger: 'changed' };

describe.each(['LocalDurableHost', 'df.DurableClient over the management API'])(
  'startOrSignal with %s',
  (kind) => {
    let host: LocalDurableHost;
    let api: ManagementApi;
    let client: DurableClientLike;
    beforeEach(async () => {
      host = new LocalDurableHost({ clock: new ManualClock() });
      api = await startManagementApi(host);
      const clientInput = df.input.durableClient();
      const context = new InvocationContext({ options: { extraInputs: [clientInput] } });
      context.extraInputs.set(clientInput, api.clientData);
      client = kind === 'LocalDurableHost' ? host : df.getClient(context);
    });
    afterEach(async () => {
      await api.close();
      await host.stop();
    });

    const call = (id: string): Promise<'started' | 'signalled'> =>
      startOrSignal(client, reconcileSpokeRef.name, id, input, CHANGED_EVENT, { resourceId: VNET });

    it('starts once for ten concurrent events and signals the running instance for the other nine', async () => {
      const outcomes = await Promise.all(Array.from({ length: 10 }, () => call('reconcile-v')));
      expect(outcomes.filter((o) => o === 'started')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'signalled')).toHaveLength(9);
      expect((await host.getStatusAll()).map((s) => s.instanceId)).toEqual(['reconcile-v']);
    });

    it('starts a finished singleton again', async () => {
      expect(await call('reconcile-w')).toBe('started');
      await host.terminate('reconcile-w', 'test');
      await host.waitForCompletion('reconcile-w');
      expect(await call('reconcile-w')).toBe('started');
      expect((await host.getStatus('reconcile-w')).runtimeStatus).toMatch(/Pending|Running/);
    });
  },
);
