import { referenceTopology } from '../../../estates/referenceTopology';
import type { ArmResource } from '../../../src/arm/ArmResource';
import { DualstackError } from '../../../src/azure/DualstackError';
import { networkResourceType } from '../../../src/azure/networkResourceTypes';
import { differingPaths, modelToWire, toSdkModel, wireToModel } from '../../../src/azure/wireModel';

const modelOf = (r: ArmResource): string => networkResourceType(r.type)?.model ?? '';

describe('wire JSON ↔ SDK model', () => {
  const topology = referenceTopology();

  // Reads never convert (they keep ARM's own JSON); writes do, so every type we write must survive.
  it('round-trips every reference resource of a written type (and every inline subnet and peering) unchanged', () => {
    const written = topology.filter((r) => networkResourceType(r.type)?.put);
    expect(new Set(written.map((r) => r.type)).size).toBeGreaterThanOrEqual(5);
    const children = topology.flatMap((r) =>
      ['subnets', 'virtualNetworkPeerings', 'peerings'].flatMap((k) => {
        const list = r.properties?.[k];
        return Array.isArray(list) ? (list as ArmResource[]) : [];
      }),
    );
    expect(children.length).toBeGreaterThan(0);
    for (const r of [...written, ...children]) {
      const model = modelOf({ ...r, type: r.type ?? '' });
      expect(model).not.toBe('');
      const back = modelToWire(model, wireToModel(model, r));
      expect({ id: r.id, lost: differingPaths(r, back) }).toEqual({ id: r.id, lost: [] });
      expect(back).toEqual(r);
    }
  });

  it('gives the flattened camelCase model the typed operations take', () => {
    const vnet = topology.find((r) => r.type === 'Microsoft.Network/virtualNetworks');
    const model = wireToModel<{ addressSpace?: { addressPrefixes?: string[] }; properties?: unknown }>(
      'VirtualNetwork',
      vnet,
    );
    expect(model.addressSpace?.addressPrefixes).toEqual(
      (vnet?.properties?.addressSpace as { addressPrefixes: string[] }).addressPrefixes,
    );
    expect(model.properties).toBeUndefined();
  });

  it('adds no generated defaults to fields the body leaves out', () => {
    const subnet = { name: 'app', properties: { addressPrefix: '10.1.0.0/24' } };
    expect(modelToWire('Subnet', wireToModel('Subnet', subnet))).toEqual(subnet);
  });

  it('refuses a body with fields the SDK model cannot carry, naming them', () => {
    const vnet = topology.find((r) => r.type === 'Microsoft.Network/virtualNetworks') as ArmResource;
    const odd = { ...vnet, properties: { ...vnet.properties, futureFeature: { enabled: true } } };
    let thrown: unknown;
    try {
      toSdkModel('VirtualNetwork', odd);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DualstackError);
    expect(thrown).toMatchObject({ code: 'UnmappedProperties', retryable: false, resourceId: vnet.id });
    expect((thrown as DualstackError).detail).toContain('properties.futureFeature');
  });

  it('reports where two bodies differ', () => {
    expect(differingPaths({ a: [1, { b: 2 }], c: 'x' }, { a: [1, { b: 3 }], d: 1 })).toEqual([
      'a[1].b',
      'c',
      'd',
    ]);
    expect(differingPaths([1], [1, 2])).toEqual(['[1]']);
    // an empty object carries nothing: losing one is no loss
    expect(differingPaths({ subnet: { id: 's', properties: {} } }, { subnet: { id: 's' } })).toEqual([]);
    expect(differingPaths({ list: [] }, {})).toEqual(['list']);
  });

  it('rejects an unknown model name', () => {
    expect(() => wireToModel('NoSuchModel', {})).toThrow(/modelName: 'NoSuchModel'/);
  });
});
