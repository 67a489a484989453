import { ArmError } from './ArmError';

// Microsoft.Network/networkManagers and their children (Azure Virtual Network Manager, 2025-05-01).
// Statuses follow the spec (networkManager*.json: every refusal is a CloudError); no public trace gives
// AVNM's codes, so the codes are ours (emulator/validation/RULES.md, AVNM section).

export function invalidNetworkManagerScope(field: string, message: string): ArmError {
  return new ArmError(400, {
    code: 'InvalidNetworkManagerScope',
    message: `${field}: ${message}`,
    target: field,
  });
}

export function scopeAccessNotEnabled(
  networkManagerId: string,
  configurationType: string,
  field: string,
): ArmError {
  return new ArmError(400, {
    code: 'ScopeAccessNotEnabled',
    message: `${field}: network manager ${networkManagerId} has no '${configurationType}' in properties.networkManagerScopeAccesses, so it can't hold or deploy ${configurationType} configurations.`,
    target: field,
  });
}

export function invalidNetworkManagerReference(
  field: string,
  referencedId: string,
  message: string,
): ArmError {
  return new ArmError(400, {
    code: 'InvalidResourceReference',
    message: `${field}: ${referencedId} ${message}`,
    target: field,
  });
}

export function staticMemberOutOfScope(field: string, vnetId: string, networkManagerId: string): ArmError {
  return new ArmError(400, {
    code: 'ResourceNotInNetworkManagerScope',
    message: `${field}: virtual network ${vnetId} is outside the scope (properties.networkManagerScopes) of ${networkManagerId}.`,
    target: field,
  });
}

export function invalidConnectivityConfiguration(field: string, message: string): ArmError {
  return new ArmError(400, {
    code: 'InvalidConnectivityConfiguration',
    message: `${field}: ${message}`,
    target: field,
  });
}

export function invalidCommit(field: string, message: string): ArmError {
  return new ArmError(400, { code: 'InvalidCommitRequest', message: `${field}: ${message}`, target: field });
}

/** A resource that a deployed (committed) configuration uses can't go without `force=true`. */
export function resourceInUseByDeployment(resourceId: string, regions: readonly string[]): ArmError {
  return new ArmError(409, {
    code: 'CannotDeleteResourceInUseByDeployment',
    message: `${resourceId} is part of a configuration deployed in ${regions.join(', ')}. Remove it from the deployment (commit without it) first, or delete with force=true.`,
    target: resourceId,
  });
}

/** A network group still named by a configuration, or holding members, can't go without `force=true`. */
export function networkGroupInUse(groupId: string, users: readonly string[]): ArmError {
  return new ArmError(409, {
    code: 'CannotDeleteNetworkGroupInUse',
    message: `Network group ${groupId} is still used by ${users.join(', ')}. Delete those first, or delete with force=true.`,
    target: groupId,
  });
}

/** Peerings that a connectivity configuration with peeringEnforcement Enforced created belong to the network manager. */
export function peeringManagedByNetworkManager(peeringId: string, configurationId: string): ArmError {
  return new ArmError(400, {
    code: 'VirtualNetworkPeeringManagedByNetworkManager',
    message: `Peering ${peeringId} was created by network manager connectivity configuration ${configurationId} (peeringEnforcement Enforced) and can be changed or deleted only through the network manager.`,
    target: peeringId,
  });
}
