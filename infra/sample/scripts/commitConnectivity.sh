#!/usr/bin/env bash
# Commits one AVNM connectivity configuration to one region and waits until it is deployed: the deployment
# script of infra/sample/modules/networkManager.bicep (Azure CLI container, signed in as the script's identity).
# In: RESOURCE_GROUP, NETWORK_MANAGER, CONFIGURATION_ID, REGION. Out ($AZ_SCRIPTS_OUTPUT_PATH): the
# listDeploymentStatus item for the region (region, deploymentType, deploymentStatus, configurationIds, commitTime).
set -eu

deploy_status() {
  az network manager list-deploy-status --resource-group "$RESOURCE_GROUP" --network-manager-name "$NETWORK_MANAGER" \
    --regions "$REGION" --deployment-types Connectivity "$@"
}

# A role assignment made in the same deployment can take minutes to reach ARM: retry the commit meanwhile.
for attempt in $(seq 1 10); do
  if az network manager post-commit --resource-group "$RESOURCE_GROUP" --network-manager-name "$NETWORK_MANAGER" \
    --commit-type Connectivity --configuration-ids "$CONFIGURATION_ID" --target-locations "$REGION" --output none; then
    break
  fi
  if [ "$attempt" -eq 10 ]; then exit 1; fi
  sleep 30
done

# The commit is asynchronous: AVNM creates the peerings after it returns.
for poll in $(seq 1 80); do
  case "$(deploy_status --query 'value[0].deploymentStatus' --output tsv)" in
    Deployed)
      deploy_status --query 'value[0]' --output json >"$AZ_SCRIPTS_OUTPUT_PATH"
      exit 0
      ;;
    Failed)
      deploy_status --output json >&2
      exit 1
      ;;
  esac
  sleep 15
done
echo "$CONFIGURATION_ID: not deployed to $REGION after $poll polls (20 minutes)" >&2
exit 1
