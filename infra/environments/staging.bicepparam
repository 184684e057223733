// Staging: the same template as production, smaller sizes. Provision with:
//   PHARMACYPOS_IMAGE=<image staging runs> az deployment sub create --location westeurope \
//     --template-file infra/main.bicep --parameters infra/environments/staging.bicepparam
using '../main.bicep'

param environmentName = 'staging'
param location = 'westeurope'
param tags = {
  costCenter: 'pos-platform'
}

param containerImage = readEnvironmentVariable('PHARMACYPOS_IMAGE', 'mcr.microsoft.com/dotnet/aspnet:10.0')

param publicHostName = 'pos-staging.example-pharmacy.com'
param tlsCertificateUri = 'https://kv-pos-certificates.vault.azure.net/secrets/pos-staging-example-pharmacy-com'
param certificateKeyVaultResourceId = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-pos-certificates/providers/Microsoft.KeyVault/vaults/kv-pos-certificates'

// Test registers and load-test clients.
param expectedConcurrentCircuits = 500

param databaseAdminGroup = {
  objectId: '22222222-2222-2222-2222-222222222222'
  name: 'pos-database-operators'
}
param pipelinePrincipal = {
  objectId: '33333333-3333-3333-3333-333333333333'
  name: 'sp-pharmacypos-pipeline'
}

param alertEmailAddresses = [
  'pos-oncall@example-pharmacy.com'
]

// Staging holds no real records; a short period keeps test blobs removable.
param auditImmutabilityDays = 7

param appServiceSkuName = 'P0v3'
param postgresSkuName = 'Standard_D2ds_v5'
param postgresMaxConnections = 400
param redisSkuName = 'Balanced_B3'
param addressPrefix = '10.30.0.0/16'
