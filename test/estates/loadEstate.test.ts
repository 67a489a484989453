import { loadEstate } from '../../estates/loadEstate';
import { generateEstate } from '../../estates/generateEstate';
import { referenceTopology } from '../../estates/referenceTopology';
import { TopologyError } from '../../src/topology/TopologyError';

describe('loadEstate', () => {
  it("gives the reference topology for 'reference'", async () => {
    await expect(loadEstate('reference')).resolves.toEqual(referenceTopology());
  });

  it('gives a generated estate for generated:<spokes>x<subnets>x<nics>[@seed]', async () => {
    const options = { spokes: 6, subnetsPerSpoke: 2, nicsPerSubnet: 3 };
    await expect(loadEstate('generated:6x2x3@42')).resolves.toEqual(generateEstate({ ...options, seed: 42 }));
    await expect(loadEstate('generated:6x2x3')).resolves.toEqual(generateEstate({ ...options, seed: 1 }));
    await expect(loadEstate('generated:6x2')).rejects.toBeInstanceOf(TopologyError);
    await expect(loadEstate('generated:6x2')).rejects.toThrow(/^generated:6x2: expected generated:<spokes>x/);
    await expect(loadEstate('generated:1x0x1')).rejects.toThrow(
      /^generated:1x0x1: generateEstate: subnetsPerSpoke must be/,
    );
  });

  it('reads anything else as a topology file, naming it when it is missing', async () => {
    await expect(loadEstate('/nonexistent/estate.json')).rejects.toThrow(
      /^\/nonexistent\/estate\.json: cannot read the topology file/,
    );
  });
});
