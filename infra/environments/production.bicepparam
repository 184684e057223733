// Production. Provision (or re-provision) with:
//   PHARMACYPOS_IMAGE=<image production runs> az deployment sub create --location westeurope \
//     --template-file infra/main.bicep --parameters infra/environments/production.bicepparam
// Object IDs, host name and certificate are the chain's own: replace them at onboarding
// (docs/operations.md, "Provisioning"). None of these values is a secret.
using '../main.bicep'

param environmentName = 'production'
param location = 'westeurope'
param tags = {
  costCenter: 'pos-platform'
}

// The pipeline deploys images to the staging slot; provisioning only names the one that runs.
param containerImage = readEnvironmentVariable('PHARMACYPOS_IMAGE', 'mcr.microsoft.com/dotnet/aspnet:10.0')

param publicHostName = 'pos.example-pharmacy.com'
param tlsCertificateUri = 'https://kv-pos-certificates.vault.azure.net/secrets/pos-example-pharmacy-com'
param certificateKeyVaultResourceId = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-pos-certificates/providers/Microsoft.KeyVault/vaults/kv-pos-certificates'

// 4,000 registers across the chain plus 600 back-office sessions at the busiest hour.
param expectedConcurrentCircuits = 4600

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

// Ten years: the longest record-keeping period among the chain's jurisdictions.
param auditImmutabilityDays = 3653

param appServiceSkuName = 'P1v3'
param postgresSkuName = 'Standard_D4ds_v5'
param postgresMaxConnections = 1000
param redisSkuName = 'Balanced_B5'
param addressPrefix = '10.20.0.0/16'
