import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import { azureCredential } from '../../../src/azure/azureCredential';

const CLIENT_ID = '11111111-2222-4333-8444-555555555555';

describe('azureCredential', () => {
  it('uses only the user-assigned managed identity inside Azure Functions', () => {
    expect(azureCredential(CLIENT_ID, { WEBSITE_INSTANCE_ID: 'abc' })).toBeInstanceOf(
      ManagedIdentityCredential,
    );
  });

  it('falls back to DefaultAzureCredential outside Azure (developer machines)', () => {
    expect(azureCredential(CLIENT_ID, {})).toBeInstanceOf(DefaultAzureCredential);
  });

  it('names the missing setting', () => {
    expect(() => azureCredential('', {})).toThrow(/azureClientId: .*AZURE_CLIENT_ID/);
  });
});
