import type { TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';

/**
 * The app's identity: its user-assigned managed identity (client id from the AZURE_CLIENT_ID app
 * setting). Inside Azure (WEBSITE_INSTANCE_ID is set by App Service/Functions) that identity and
 * nothing else, so a stray environment credential can never be picked up; on a developer machine
 * DefaultAzureCredential (Azure CLI, VS Code, environment) with the same client id preference.
 */
export function azureCredential(
  azureClientId: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): TokenCredential {
  if (!azureClientId)
    throw new TypeError('azureClientId: the managed identity client id (AZURE_CLIENT_ID) is empty');
  return env.WEBSITE_INSTANCE_ID
    ? new ManagedIdentityCredential({ clientId: azureClientId })
    : new DefaultAzureCredential({ managedIdentityClientId: azureClientId });
}
