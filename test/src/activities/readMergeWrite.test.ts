import { referenceTopology } from '../../../estates/referenceTopology';
import { applyStepWith } from '../../../src/activities/applyStep';
import { toRunPlan } from '../../../src/activities/RunPlan';
import { getResource } from '../../../src/azure/getResource';
import { planNow, withStack } from '../../helpers/migrationKit';

describe('readMergeWrite after a failed operation', () => {
  it('writes a resource left Failed again, though it already holds the change, and then leaves it alone', async () => {
    await withStack({ topology: referenceTopology(), emulator: { timeScale: 0 } }, async (stack) => {
      const plan = toRunPlan(await planNow(stack));
      const step = plan.steps.find((s) => s.kind === 'networkInterface')!;
      const input = { runId: 'run-failed-state', step };
      // What the NIC needs (its VNet's IPv6 subnet, its load balancer's pool) goes in first, in plan order.
      const needed = new Set<string>();
      const need = (id: string): void => {
        if (needed.has(id)) return;
        needed.add(id);
        for (const d of plan.steps.find((s) => s.id === id)?.dependsOn ?? []) need(d);
      };
      step.dependsOn.forEach(need);
      for (const s of plan.steps.filter((s) => needed.has(s.id)))
        await applyStepWith(stack.services, { runId: 'run-failed-state', step: s });
      stack.emulator.setFaults([
        {
          operation: 'write',
          resourceType: 'Microsoft.Network/networkInterfaces',
          probability: 1,
          fault: 'lroFailed',
        },
      ]);
      await expect(applyStepWith(stack.services, input)).rejects.toThrow();
      stack.emulator.setFaults([]);
      // ARM kept the body and marked it Failed: the change is there, the resource is not healthy.
      const failed = await getResource(stack.services.clients, step.resourceId);
      expect(failed.properties?.provisioningState).toBe('Failed');
      expect(JSON.stringify(failed.properties?.ipConfigurations)).toContain('"IPv6"');

      await expect(applyStepWith(stack.services, input)).resolves.toMatchObject({ outcome: 'applied' });
      const healthy = await getResource(stack.services.clients, step.resourceId);
      expect(healthy.properties?.provisioningState).toBe('Succeeded');
      stack.emulator.clearWriteLog();
      await expect(applyStepWith(stack.services, input)).resolves.toMatchObject({ outcome: 'unchanged' });
      expect(stack.emulator.writeLog()).toEqual([]);
    });
  });
});
