import type { ArmResource } from '../../../src/arm/ArmResource';
import { generateEstate } from '../../../estates/generateEstate';
import { referenceTopology } from '../../../estates/referenceTopology';
import { validateAgainstSpec } from '../../../emulator/validation/validateAgainstSpec';
import { validateWrite } from '../../../emulator/validation/validateWrite';
import { memoryStore } from './fixtures';

/** Every refusal of a resource that Azure itself holds would be a false positive of the validators. */
function refusals(resources: ArmResource[]): string[] {
  const out: string[] = [];
  const stores = [memoryStore(resources), memoryStore(resources, true)];
  for (const resource of resources) {
    const body = validateAgainstSpec(resource.type, resource);
    if (body) out.push(`${resource.id}: ${body.message}`);
    for (const store of stores) {
      for (const existing of [resource, undefined]) {
        const error = validateWrite({ resource, existing, store });
        if (error) out.push(`${resource.id}: ${error.message}`);
      }
    }
  }
  return out;
}

describe('validators on whole estates, as ARM GET returns them', () => {
  it('accept every resource of the reference topology', () => {
    expect(refusals(referenceTopology())).toEqual([]);
  });

  it('accept every resource of a generated estate with seeded variations', () => {
    const estate = generateEstate({ spokes: 12, subnetsPerSpoke: 3, nicsPerSubnet: 3, seed: 7 });
    expect(estate.length).toBeGreaterThan(100);
    expect(refusals(estate)).toEqual([]);
  });
});
