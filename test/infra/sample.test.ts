import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { contains, formatIp, parseCidr, parseIp } from '../../src/arm/cidr';
import { REFERENCE_LAYOUT } from '../../estates/referenceLayout';
import { referenceTopology } from '../../estates/referenceTopology';
import { referenceEstateForBicep, type ReferenceEstateForBicep } from '../../infra/sample/referenceEstate';
import { bicepFiles, infraPath, readJson, wiringProblems } from './infraFiles';

const estate = readJson<ReferenceEstateForBicep>(infraPath('sample', 'referenceEstate.json'));
const files = bicepFiles(infraPath('sample', 'main.bicep'), infraPath('sample', 'modules'));
const main = files[0]!;

function cidr(prefix: string): NonNullable<ReturnType<typeof parseCidr>> {
  const parsed = parseCidr(prefix);
  if (!parsed) throw new Error(`not a prefix: '${prefix}'`);
  return parsed;
}

/** The address `offset` addresses into `prefix`. */
function addressAt(prefix: string, offset: number): string {
  const c = cidr(prefix);
  return formatIp(c.version, c.network + BigInt(offset));
}

function inPrefix(address: string, prefix: string): boolean {
  const ip = parseIp(address);
  return ip !== undefined && contains(cidr(prefix), ip);
}

describe('infra/sample: the Bicep estate is the emulator reference topology', () => {
  it('referenceEstate.json is what the reference topology gives today (regenerate with writeReferenceEstate.ts)', () => {
    expect(estate).toEqual(referenceEstateForBicep());
    expect(estate.layout).toEqual(JSON.parse(JSON.stringify(REFERENCE_LAYOUT)));
  });

  it('the Bicep reads every name and prefix from referenceEstate.json, none typed out', () => {
    expect(main.loads).toEqual([{ fn: 'loadJsonContent', path: 'referenceEstate.json' }]);
    const literalNames = files.flatMap((f) =>
      f.resources
        // The first `name:` of a resource body is the resource's own name (sku names come later).
        .filter((r) => /^'[^$]*'$/.test(/^\s+name: (.+)$/m.exec(r.text)?.[1]?.trim() ?? ''))
        .map((r) => `${f.path}: ${r.name}`),
    );
    expect(literalNames).toEqual([]);
    for (const name of ['vnet-hub', 'afw-hub', 'lbi-hub-nva', 'rt-hub-gateway', '10.0.0.0/16', 'snet-web']) {
      expect(files.filter((f) => f.code.includes(name)).map((f) => f.path)).toEqual([]);
    }
  });

  it('deploys every resource type of the reference topology, plus the VMs and peerings behind it', () => {
    const created = new Set(files.flatMap((f) => f.resources.filter((r) => !r.existing).map((r) => r.type)));
    // An AVNM deployment status is no resource a template can declare: it is what listDeploymentStatus answers
    // once a configuration is committed, and the commit is the deployment script's work (networkManager.bicep).
    const producedBy: Record<string, string> = {
      'Microsoft.Network/networkManagers/deploymentStatus': 'Microsoft.Resources/deploymentScripts',
    };
    const reference = new Set(referenceTopology().map((r) => producedBy[r.type] ?? r.type));
    expect([...reference].filter((t) => !created.has(t))).toEqual([]);
    expect(created.has('Microsoft.Compute/virtualMachines')).toBe(true);
    expect(created.has('Microsoft.Network/virtualNetworks/virtualNetworkPeerings')).toBe(true);
  });

  it('creates one resource per layout entry: a VM per NIC, an NSG and route table per subnet, both peerings per spoke AVNM does not connect', () => {
    const spokeNics = estate.layout.spokes.flatMap((s) => s.subnets.flatMap((sub) => sub.nics));
    const allNics = [...spokeNics, ...estate.layout.hub.nva.nics];
    const topology = referenceTopology();
    const named = (type: string): string[] =>
      topology
        .filter((r) => r.type === `Microsoft.Network/${type}`)
        .map((r) => r.name ?? '')
        .sort();
    expect(allNics.map((n) => n.name).sort()).toEqual(named('networkInterfaces'));
    expect(Object.keys(estate.networkSecurityGroups).sort()).toEqual(named('networkSecurityGroups'));
    expect(Object.keys(estate.loadBalancers).sort()).toEqual(named('loadBalancers'));
    const routeTables = [
      ...estate.layout.hub.routeTables,
      ...estate.layout.spokes.flatMap((s) => s.routeTables),
    ];
    expect(routeTables.map((t) => t.name).sort()).toEqual(named('routeTables'));
    const spoke = files.find((f) => f.path.endsWith('spoke.bicep'))!;
    expect(spoke.code).toMatch(/names: map\(spoke\.subnets, subnet => subnet\.networkSecurityGroup\)/);
    expect(spoke.code).toMatch(/routeTables: spoke\.routeTables/);
    expect(spoke.code).toMatch(/for item in nics:/);
    expect(main.code).toMatch(/name: spoke\.peerings\.fromHub/);
    expect(main.code).toMatch(/name: spoke\.peerings\.toHub/);
    // AVNM creates (and would fight over) the peerings of the spokes its hub-and-spoke configuration connects.
    expect(main.code).toMatch(/var avnmSpokes = flatten\(map\(networkManagers, nm => nm\.spokes\)\)/);
    const peeringModules = main.modules.filter((m) => m.path === 'modules/peering.bicep');
    expect(peeringModules.map((m) => m.name)).toEqual(['hubPeerings', 'spokePeerings']);
    for (const m of peeringModules) {
      expect(m.text).toMatch(
        /for \(spoke, i\) in layout\.spokes: if \(!contains\(avnmSpokes, spoke\.vnet\)\)/,
      );
    }
    const avnmSpokes = (estate.layout.networkManagers ?? []).flatMap((nm) => nm.spokes);
    expect(avnmSpokes).toEqual(['vnet-spoke-nonprod-2']);
    const avnm = files.find((f) => f.path.endsWith('networkManager.bicep'))!;
    expect(avnm.code).toMatch(/for vnet in networkManager\.spokes:/);
    expect(main.code).toMatch(/for \(nm, i\) in networkManagers:/);
    const members = topology.filter(
      (r) => r.type === 'Microsoft.Network/networkManagers/networkGroups/staticMembers',
    );
    expect(members.map((r) => r.name)).toEqual(
      avnmSpokes.map((vnet) => `${estate.childNames.staticMemberPrefix}${vnet}`),
    );
  });

  it('commits the connectivity configuration with a deployment script that returns the deployment status', () => {
    const avnm = files.find((f) => f.path.endsWith('networkManager.bicep'))!;
    const script = avnm.resources.find((r) => r.type === 'Microsoft.Resources/deploymentScripts');
    expect(script?.text).toMatch(/kind: 'AzureCLI'/);
    expect(script?.text).toMatch(/'\$\{commitIdentity\.id\}': \{\}/);
    expect(script?.text).toMatch(/name: 'CONFIGURATION_ID'\s+value: connectivity\.id/);
    expect(avnm.loads).toEqual([{ fn: 'loadTextContent', path: '../scripts/commitConnectivity.sh' }]);
    const path = infraPath('sample', 'scripts', 'commitConnectivity.sh');
    expect(spawnSync('bash', ['-n', path], { encoding: 'utf8' }).stderr).toBe('');
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(
      /az network manager post-commit [^\n]+\n\s+--commit-type Connectivity --configuration-ids "\$CONFIGURATION_ID"/,
    );
    expect(text).toMatch(/--query 'value\[0\]' --output json >"\$AZ_SCRIPTS_OUTPUT_PATH"/);
    // Its identity holds a role of the commit's actions only, on the network manager.
    const role = avnm.resources.find((r) => r.type === 'Microsoft.Authorization/roleDefinitions');
    expect([...(role?.text ?? '').matchAll(/'(Microsoft\.Network\/[^']+)'/g)].map((m) => m[1])).toEqual([
      'Microsoft.Network/networkManagers/read',
      'Microsoft.Network/networkManagers/connectivityConfigurations/read',
      'Microsoft.Network/networkManagers/commit/action',
      'Microsoft.Network/networkManagers/listDeploymentStatus/action',
    ]);
  });

  it('the static addresses it assigns are valid in Azure: inside their subnets, past the 4 reserved addresses', () => {
    const { hub, spokes } = estate.layout;
    // Azure hands the firewall the first usable address of AzureFirewallSubnet; the layout must agree.
    expect(hub.firewall.privateIPAddress).toBe(addressAt(hub.subnets.firewall.addressPrefix, 4));
    const checks: { address: string; prefix: string }[] = [
      { address: hub.nva.loadBalancer.frontendIPAddress, prefix: hub.subnets.nva.addressPrefix },
      ...hub.nva.nics.flatMap((n) =>
        n.privateIPAddresses.map((a) => ({ address: a, prefix: hub.subnets.nva.addressPrefix })),
      ),
      ...spokes.flatMap((s) => [
        ...s.subnets.flatMap((sub) =>
          sub.nics.flatMap((n) =>
            n.privateIPAddresses.map((a) => ({ address: a, prefix: sub.addressPrefix })),
          ),
        ),
        ...(s.loadBalancer
          ? [
              {
                address: s.loadBalancer.frontendIPAddress,
                prefix: s.subnets.find((sub) => sub.name === s.loadBalancer?.subnet)?.addressPrefix ?? '',
              },
            ]
          : []),
      ]),
    ];
    for (const { address, prefix } of checks) {
      expect({ address, prefix, inside: inPrefix(address, prefix) }).toEqual({
        address,
        prefix,
        inside: true,
      });
      for (let reserved = 0; reserved < 4; reserved++) expect(address).not.toBe(addressAt(prefix, reserved));
    }
  });

  it('wires modules, outputs and loaded files consistently and describes every parameter', () => {
    expect(wiringProblems(files)).toEqual([]);
    expect(readFileSync(infraPath('sample', 'README.md'), 'utf8')).toMatch(/az deployment sub create/);
  });
});
